// The local offer's listings in the database: a listing published by the council, a provider's change waiting for
// review without changing what the public sees, publication rewriting the index (places with their postcode
// centroid, the lexicon), rejection with a reason, and every version kept as written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { engines, freshDatabase } from '../support/app.ts';
import { buildArea } from '../support/factories.ts';
import type { Connection } from '../../src/platform/db/connect.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { createListing, createOrganisation, listVersions, loadPublished, loadVersion, publishVersion, rejectVersion, submitVersion } from '../../src/localoffer/store.ts';
import { serviceContentSchema, type ServiceContent } from '../../src/localoffer/domain.ts';
import { UserInputError } from '../../src/platform/web/validation.ts';

const today = '2026-11-20';
const listing: ServiceContent = serviceContentSchema.parse({
  name: 'Speech and language therapy drop-in',
  summary: 'Advice from a speech and language therapist for parents of young children.',
  description: 'A weekly drop-in at the family hub.',
  whoFor: 'Parents of children aged 0 to 5.',
  howToAccess: 'Come along on a Tuesday morning.',
  referral: 'self',
  categories: ['health'],
  needs: ['SLCN'],
  ageFrom: 0,
  ageTo: 5,
  free: true,
  delivery: ['in-person'],
  locations: [{ name: 'Riverside Family Hub', postcode: 'JT1 1AA' }, { name: 'Library', postcode: 'JT9 9ZZ' }],
  email: 'salt@example.org',
  keywords: ['SALT'],
});

for (const engine of engines()) {
  describe(`local offer listings on ${engine}`, () => {
    let conn: Connection;
    let serviceId = '';

    before(async () => {
      conn = await freshDatabase(engine);
      await buildArea(conn.db);
      await conn.db.insertInto('postcode_centroid').values({ postcode: 'JT11AA', latitude: 53.1, longitude: -2.2, gss_la: null }).execute();
    });
    after(() => conn.close());

    test('the council publishes a listing: it is listed, indexed and its places located', async () => {
      const db = conn.db;
      serviceId = await inTransaction(db, async (tx) => {
        const org = await createOrganisation(tx, systemActor, '990', { name: 'Joinedshire Community Health' });
        return (await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: listing, today, publish: true })).serviceId;
      });
      const p = await loadPublished(db, '990', serviceId);
      assert.equal(p.version, 1);
      assert.equal(p.content.name, listing.name);
      assert.equal(p.reviewBy, '2027-11-20');
      assert.equal(p.lastReviewedOn, today);
      assert.deepEqual(p.places.map((x) => [x.postcode, x.latitude]), [['JT1 1AA', 53.1], ['JT9 9ZZ', null]]);
      const row = await db.selectFrom('lo_service').select(['listed', 'categories', 'needs', 'min_age', 'max_age', 'free', 'in_area']).where('id', '=', serviceId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { listed: true, categories: ['health'], needs: ['SLCN'], min_age: 0, max_age: 5, free: true, in_area: true });
      const hit = await sql<{ id: string }>`SELECT id FROM lo_service WHERE search_doc @@ websearch_to_tsquery('english', 'therapy speech')`.execute(db);
      assert.deepEqual(hit.rows.map((r) => r.id), [serviceId]);
      const words = await db.selectFrom('lo_lexicon').select('word').where('word', 'in', ['speech', 'therapy', 'salt']).orderBy('word').execute();
      assert.deepEqual(words.map((w) => w.word), ['salt', 'speech', 'therapy']);
      const audits = await db.selectFrom('audit_event').select(['entity', 'action']).where('la_code', '=', '990').orderBy('id').execute();
      assert.ok(audits.some((a) => a.entity === 'lo_service' && a.action === 'create'));
    });

    test('a change waits for review and the public still sees the published version', async () => {
      const db = conn.db;
      const n = await inTransaction(db, (tx) => submitVersion(tx, systemActor, serviceId, { ...listing, summary: 'Now on Tuesdays and Thursdays.' }, 'New day'));
      assert.equal(n, 2);
      assert.equal((await loadPublished(db, '990', serviceId)).content.summary, listing.summary);
      // a second change replaces the first in the queue; the first is kept as withdrawn
      const n3 = await inTransaction(db, (tx) => submitVersion(tx, systemActor, serviceId, { ...listing, name: 'SALT drop-in' }, 'Shorter name'));
      assert.equal(n3, 3);
      assert.deepEqual((await listVersions(db, serviceId)).map((v) => [v.number, v.state]), [[3, 'pending'], [2, 'withdrawn'], [1, 'published']]);
      await inTransaction(db, (tx) => publishVersion(tx, systemActor, serviceId, 3, '2026-12-01'));
      const p = await loadPublished(db, '990', serviceId);
      assert.equal(p.content.name, 'SALT drop-in');
      assert.equal(p.reviewBy, '2027-12-01');
      assert.deepEqual((await listVersions(db, serviceId)).map((v) => [v.number, v.state]), [[3, 'published'], [2, 'withdrawn'], [1, 'superseded']]);
      assert.equal((await loadVersion(db, serviceId, 1)).content.name, listing.name);
    });

    test('a rejected change needs a reason and leaves the listing as it was; a decided version cannot be decided again', async () => {
      const db = conn.db;
      const n = await inTransaction(db, (tx) => submitVersion(tx, systemActor, serviceId, { ...listing, name: 'Best therapy in the world!!!' }));
      await assert.rejects(inTransaction(db, (tx) => rejectVersion(tx, systemActor, serviceId, n, '  ')), UserInputError);
      await inTransaction(db, (tx) => rejectVersion(tx, systemActor, serviceId, n, 'Please describe the service rather than rate it'));
      assert.equal((await loadPublished(db, '990', serviceId)).content.name, 'SALT drop-in');
      await assert.rejects(inTransaction(db, (tx) => publishVersion(tx, systemActor, serviceId, n, today)), /rejected, so it cannot be published/);
    });

    test('versions are kept as written: the database refuses to change or delete one', async () => {
      const db = conn.db;
      await assert.rejects(sql`UPDATE lo_service_version SET content = '{}' WHERE service_id = ${serviceId} AND number = 1`.execute(db), /kept as written/);
      await assert.rejects(sql`DELETE FROM lo_service_version WHERE service_id = ${serviceId}`.execute(db), /kept/);
    });

    test('an incomplete import waits as a draft: readable for review, refused for publication until corrected', async () => {
      const db = conn.db;
      const draft = { ...listing, categories: [], locations: [{ ...listing.locations[0]!, postcode: 'unknown' }] };
      const id = await inTransaction(db, async (tx) => {
        const org = await createOrganisation(tx, systemActor, '990', { name: 'Imported provider' });
        return (await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: draft, today, publish: false, incomplete: true, note: 'Imported: needs a category' })).serviceId;
      });
      const v = await loadVersion(db, id, 1);
      assert.deepEqual([v.state, v.content.categories, v.content.locations[0]?.postcode], ['pending', [], 'unknown']);
      await assert.rejects(
        inTransaction(db, (tx) => publishVersion(tx, systemActor, id, 1, today)),
        (e: unknown) => e instanceof UserInputError && e.errors.some((x) => x.field === 'categories'),
      );
      assert.deepEqual((await listVersions(db, id)).map((x) => x.state), ['pending']);
      // an incomplete draft cannot be published at once
      await assert.rejects(inTransaction(db, async (tx) => {
        const org = await createOrganisation(tx, systemActor, '990', { name: 'Another import' });
        await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: draft, today, publish: true, incomplete: true });
      }), UserInputError);
      // the council corrects it and publishes
      const n = await inTransaction(db, (tx) => submitVersion(tx, systemActor, id, listing, 'Category and postcode added'));
      await inTransaction(db, (tx) => publishVersion(tx, systemActor, id, n, today));
      assert.equal((await loadPublished(db, '990', id)).content.categories[0], 'health');
    });

    test('invalid content is refused before anything is written', async () => {
      const db = conn.db;
      const before = await db.selectFrom('lo_service').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
      await assert.rejects(
        inTransaction(db, async (tx) => {
          const org = await createOrganisation(tx, systemActor, '990', { name: 'Another' });
          await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: { ...listing, categories: [] }, today, publish: true });
        }),
        (e: unknown) => e instanceof UserInputError && e.errors.some((x) => x.field === 'categories'),
      );
      const after = await db.selectFrom('lo_service').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
      assert.equal(after.n, before.n);
      await assert.rejects(loadPublished(db, '991', serviceId), /not found/);
      await assert.rejects(loadPublished(db, '990', 'not-a-uuid'), /not found/);
    });
  });
}
