// Public search of the local offer in the database, on both engines: misspellings and word forms, synonyms, every
// filter, distance from a postcode (centroids loaded by the ONSPD import from the fixture), paging, sorting,
// freshness, and what is recorded of a search (no personal data). Also the postcode import itself: idempotent, and a
// clear message on a bad file with nothing written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { engines, freshDatabase } from '../support/app.ts';
import { buildArea } from '../support/factories.ts';
import type { Connection } from '../../src/platform/db/connect.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { createListing, createOrganisation } from '../../src/localoffer/store.ts';
import { serviceContentSchema, type ServiceContent } from '../../src/localoffer/domain.ts';
import { haversineMiles, parseSearch, perPage } from '../../src/localoffer/search.ts';
import { loadCards, recordSearch, runSearch } from '../../src/localoffer/search-store.ts';
import { importPostcodes, PostcodeFileError } from '../../src/localoffer/postcodes.ts';
import { demoPostcodes } from '../../src/demo/localoffer.ts';

const today = '2026-11-20';
const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const base = {
  summary: 'A service for children with SEND.', description: 'What it offers.', whoFor: 'Children and young people.', howToAccess: 'Call us.', referral: 'self',
  email: 'hello@example.org', delivery: ['in-person'],
};
const at = (postcode: string, name = 'The venue') => [{ name, postcode }];
const listing = (c: Record<string, unknown>): ServiceContent => serviceContentSchema.parse({ ...base, ...c });

const services: Record<string, ServiceContent> = {
  salt: listing({ name: 'Speech and language therapy drop-in', categories: ['health'], needs: ['SLCN'], ageFrom: 0, ageTo: 5, free: true, locations: at('JT1 1AA'), keywords: ['SALT'], description: 'Talk to a therapist about your child’s talking.' }),
  autism: listing({ name: 'Parent support group', summary: 'For parents of children with autism.', categories: ['advice-support'], needs: ['ASD'], ageFrom: 2, ageTo: 25, free: true, locations: at('JT5 1AA') }),
  swim: listing({ name: 'Sensory swim sessions', categories: ['short-breaks-leisure'], needs: [], ageFrom: 0, ageTo: 25, free: false, costDetails: '£3.50', locations: at('JT2 1AA'), keywords: ['swimming'] }),
  college: listing({ name: 'Neighbourton specialist college', categories: ['education', 'preparing-for-adulthood'], needs: ['ASD', 'SLD'], ageFrom: 16, ageTo: 25, free: true, locations: at('NB1 1AA'), outsideArea: true }),
  transport: listing({ name: 'Home to school transport', categories: ['travel'], ageFrom: 4, ageTo: 18, free: true, delivery: ['online'], locations: [] }),
  youth: listing({ name: 'Youth club', categories: ['short-breaks-leisure'], ageFrom: 11, ageTo: 19, free: true, locations: at('JT3 1AA'), description: 'Games and friends for teenagers.' }),
};
const pending = listing({ name: 'A waiting speech therapy listing', categories: ['health'], ageFrom: 0, ageTo: 18, free: true, locations: at('JT1 1AA') });

for (const engine of engines()) {
  describe(`local offer search on ${engine}`, () => {
    let conn: Connection;
    const ids: Record<string, string> = {};
    const search = async (q: Record<string, unknown>) => {
      const { search: s, errors } = parseSearch(q);
      assert.deepEqual(errors, []);
      return runSearch(conn.db, '990', s, today);
    };
    const names = (r: { cards: { name: string }[] }) => r.cards.map((c) => c.name);

    before(async () => {
      conn = await freshDatabase(engine);
      await buildArea(conn.db);
      await importPostcodes(conn.db, path.join(fixtures, 'onspd-sample.csv'));
      await inTransaction(conn.db, async (tx) => {
        const org = await createOrganisation(tx, systemActor, '990', { name: 'Joinedshire services' });
        for (const [key, content] of Object.entries(services)) ids[key] = (await createListing(tx, systemActor, { laCode: '990', organisationId: org, content, today, publish: true })).serviceId;
        ids.pending = (await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: pending, today, publish: false })).serviceId;
        // Many swimming groups, for paging.
        for (let i = 1; i <= perPage + 3; i++) {
          await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: listing({ name: `Swimming lessons group ${String(i).padStart(2, '0')}`, categories: ['short-breaks-leisure'], ageFrom: 5, ageTo: 16, free: false, costDetails: '£5', locations: at('JT3 2AB') }), today, publish: true });
        }
      });
      // The youth club was last checked 13 months ago: past its review-by date, within the grace period.
      await conn.db.updateTable('lo_service').set({ last_reviewed_on: '2025-10-20', review_by: '2026-10-20' }).where('id', '=', ids.youth ?? '').execute();
    });
    after(() => conn.close());

    test('"speach therapy" finds speech and language therapy, and says what it searched for instead', async () => {
      const r = await search({ q: 'speach therapy' });
      assert.equal(r.correctedText, 'speech therapy');
      assert.deepEqual(names(r), ['Speech and language therapy drop-in']);
    });

    test('"autistic" finds services about autism, and one for autistic young people by its need', async () => {
      const r = await search({ q: 'autistic' });
      assert.equal(r.correctedText, null);
      assert.deepEqual(names(r).sort(), ['Neighbourton specialist college', 'Parent support group']);
    });

    test('abbreviations and word forms: SALT, "therapies", "swimming" finds the swim sessions', async () => {
      assert.deepEqual(names(await search({ q: 'SALT' })), ['Speech and language therapy drop-in']);
      assert.deepEqual(names(await search({ q: 'therapies' })), ['Speech and language therapy drop-in']);
      assert.ok(names(await search({ q: 'swim' })).includes('Sensory swim sessions'));
      assert.ok(names(await search({ q: 'teenager' })).includes('Youth club'), 'teenager finds teenagers and young people');
    });

    test('more misspellings: phisio-style typos are corrected from the listings’ own words', async () => {
      const r = await search({ q: 'langauge' });
      assert.equal(r.correctedText, 'language');
      assert.deepEqual(names(r), ['Speech and language therapy drop-in']);
      const s = await search({ q: 'swiming' });
      assert.equal(s.correctedText, 'swimming');
      assert.ok(s.total > perPage);
    });

    test('asking for the words as typed turns correction off', async () => {
      const r = await search({ q: 'speach therapy', exact: '1' });
      assert.equal(r.correctedText, null);
      assert.equal(r.partial, true, 'no listing has both words as typed; one has "therapy"');
    });

    test('a search that finds nothing at all, and one that matches some of its words', async () => {
      const none = await search({ q: 'xylophone' });
      assert.equal(none.total, 0);
      const some = await search({ q: 'swimming xylophone' });
      assert.equal(some.partial, true);
      assert.ok(some.total > 0);
    });

    test('a listing waiting for its first review is not found', async () => {
      const r = await search({ q: 'waiting' });
      assert.equal(r.total, 0);
      assert.deepEqual(await loadCards(conn.db, '990', [ids.pending ?? ''], today), []);
    });

    test('filters: category, age, need (a service open to every need counts), free or paid, in the area or outside', async () => {
      assert.deepEqual(names(await search({ category: 'travel' })), ['Home to school transport']);
      assert.deepEqual(names(await search({ category: ['travel', 'health'] })), ['Home to school transport', 'Speech and language therapy drop-in']);
      assert.deepEqual(names(await search({ age: '3', category: ['health', 'advice-support', 'travel'] })), ['Parent support group', 'Speech and language therapy drop-in']);
      assert.deepEqual(names(await search({ ageFrom: '17', ageTo: '19', cost: 'free' })), ['Home to school transport', 'Neighbourton specialist college', 'Parent support group', 'Youth club']);
      // the transport and the youth club list no need, so they are open to every need
      assert.deepEqual(names(await search({ need: 'ASD', cost: 'free' })), ['Home to school transport', 'Neighbourton specialist college', 'Parent support group', 'Youth club']);
      assert.deepEqual(names(await search({ need: 'SLCN', category: 'health' })), ['Speech and language therapy drop-in']);
      assert.deepEqual(names(await search({ q: 'swim', cost: 'paid', age: '3' })), ['Sensory swim sessions']);
      assert.deepEqual(names(await search({ area: 'outside' })), ['Neighbourton specialist college']);
      assert.equal((await search({ area: 'in' })).total, Object.keys(services).length - 1 + perPage + 3);
    });

    test('distance from a postcode: within the miles chosen, nearest first, each with its distance', async () => {
      const pc = new Map(demoPostcodes().map((p) => [p.postcode, p]));
      const from = pc.get('JT1 1AA');
      assert.ok(from);
      const miles = (postcode: string) => haversineMiles(from, pc.get(postcode) ?? from);
      const r = await search({ postcode: 'jt1 1aa', miles: '5' });
      const expected = Object.entries(services)
        .flatMap(([, c]) => c.locations.map((l) => [c.name, miles(l.postcode)] as const))
        .concat(Array.from({ length: perPage + 3 }, () => ['swimming', miles('JT3 2AB')] as const))
        .filter(([, d]) => d <= 5);
      assert.equal(r.total, expected.length);
      assert.equal(r.cards[0]?.name, 'Speech and language therapy drop-in');
      assert.equal(r.cards[0]?.miles, 0);
      const ds = r.cards.map((c) => c.miles ?? -1);
      assert.deepEqual(ds, [...ds].sort((a, b) => a - b));
      assert.ok(!names(r).includes('Neighbourton specialist college'), 'Neighbourton is further than 5 miles');
      const far = await search({ postcode: 'JT1 1AA', miles: '50', cost: 'free' });
      assert.deepEqual(names(far), ['Speech and language therapy drop-in', 'Youth club', 'Parent support group', 'Neighbourton specialist college'], 'nearest first; the transport, with no place, is not "near" anywhere');
      const college = far.cards.find((c) => c.name === 'Neighbourton specialist college');
      assert.ok(college && Math.abs((college.miles ?? 0) - miles('NB1 1AA')) < 0.1);
    });

    test('a postcode the table does not know finds nothing and says so', async () => {
      const r = await search({ postcode: 'JT8 8ZZ' });
      assert.equal(r.unknownPostcode, true);
      assert.equal(r.total, 0);
    });

    test('paging: 20 a page, the rest on the next', async () => {
      const p1 = await search({ q: 'swimming lessons' });
      assert.equal(p1.total, perPage + 3);
      assert.equal(p1.pages, 2);
      assert.equal(p1.cards.length, perPage);
      const p2 = await search({ q: 'swimming lessons', page: '2' });
      assert.deepEqual(names(p2), ['Swimming lessons group 21', 'Swimming lessons group 22', 'Swimming lessons group 23']);
      assert.equal((await search({ q: 'swimming lessons', page: '3' })).cards.length, 0);
    });

    test('sorting: best match puts name matches first; by name; by recently checked; freshness on each card', async () => {
      const best = await search({ q: 'swimming' });
      assert.match(best.cards[0]?.name ?? '', /swim/i);
      const byName = await search({ category: 'short-breaks-leisure', sort: 'name' });
      assert.deepEqual(names(byName).slice(0, 2), ['Sensory swim sessions', 'Swimming lessons group 01']);
      const checked = await search({ category: 'short-breaks-leisure', sort: 'checked', page: '2' });
      const last = checked.cards[checked.cards.length - 1];
      assert.equal(last?.name, 'Youth club', 'the one checked longest ago comes last');
      assert.equal(last?.freshness, 'not-recently-checked');
      assert.equal(last?.lastReviewedOn, '2025-10-20');
      assert.equal(byName.cards[0]?.freshness, 'fresh');
    });

    test('the shortlist’s cards come in the order kept, leaving out what is not listed', async () => {
      const cards = await loadCards(conn.db, '990', [ids.swim ?? '', 'not-an-id', ids.salt ?? '', '00000000-0000-4000-8000-000000000000'], today);
      assert.deepEqual(cards.map((c) => c.name), ['Sensory swim sessions', 'Speech and language therapy drop-in']);
    });

    test('a recorded search keeps no personal details: no email, phone number or full postcode', async () => {
      const { search: s } = parseSearch({ q: 'respite for jo@example.com 07700 900123', postcode: 'JT1 1AA', miles: '5' });
      await recordSearch(conn.db, '990', s, 0);
      const row = await conn.db.selectFrom('lo_search_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(row.terms, 'respite for');
      assert.deepEqual(row.filters, { near: 'JT1', miles: 5 });
      assert.equal(row.results, 0);
      const cols = (await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'lo_search_log' ORDER BY ordinal_position`.execute(conn.db)).rows.map((r) => r.c);
      assert.deepEqual(cols, ['id', 'la_code', 'searched_at', 'terms', 'filters', 'results']);
    });
  });

  describe(`importing the ONS Postcode Directory on ${engine}`, () => {
    let conn: Connection;
    before(async () => {
      conn = await freshDatabase(engine);
    });
    after(() => conn.close());
    const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM postcode_centroid`.execute(conn.db)).rows[0]?.n);

    test('imports each postcode with a position, skips the rest, and is the same when run again', async () => {
      const r = await importPostcodes(conn.db, path.join(fixtures, 'onspd-sample.csv'), { batchSize: 7 });
      assert.deepEqual(r, { rows: 62, imported: 60, noLocation: 1, invalid: 1, placesLocated: 0 });
      assert.equal(await count(), 60);
      const jt = await conn.db.selectFrom('postcode_centroid').selectAll().where('postcode', '=', 'JT11AA').executeTakeFirstOrThrow();
      const demo = demoPostcodes().find((p) => p.postcode === 'JT1 1AA');
      assert.deepEqual(jt, { postcode: 'JT11AA', latitude: demo?.latitude, longitude: demo?.longitude, gss_la: 'E99999990' });
      const again = await importPostcodes(conn.db, path.join(fixtures, 'onspd-sample.csv'));
      assert.equal(again.imported, 60);
      assert.equal(await count(), 60);
    });

    test('places of listings published before their postcode was known are located by the import', async () => {
      await buildArea(conn.db);
      await conn.db.deleteFrom('postcode_centroid').where('postcode', '=', 'JT21AA').execute();
      const id = await inTransaction(conn.db, async (tx) => {
        const org = await createOrganisation(tx, systemActor, '990', { name: 'Org' });
        return (await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: services.swim as ServiceContent, today, publish: true })).serviceId;
      });
      const before = await conn.db.selectFrom('lo_location').select('latitude').where('service_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(before.latitude, null);
      const r = await importPostcodes(conn.db, path.join(fixtures, 'onspd-sample.csv'));
      assert.equal(r.placesLocated, 1);
      const located = await conn.db.selectFrom('lo_location').select('latitude').where('service_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(located.latitude, demoPostcodes().find((p) => p.postcode === 'JT2 1AA')?.latitude);
    });

    const bad: [string, RegExp][] = [
      ['not-onspd.csv', /not an ONS Postcode Directory CSV: its first line has no column pcds, lat, long/],
      ['onspd-broken.csv', /not a well-formed CSV file \(line 3\).*Nothing was imported/],
      ['no-such-file.csv', /There is no file/],
    ];
    for (const [file, message] of bad) {
      test(`${file}: a clear message, and nothing written`, async () => {
        await conn.db.deleteFrom('postcode_centroid').execute();
        await assert.rejects(importPostcodes(conn.db, path.join(fixtures, file)), (e: unknown) => e instanceof PostcodeFileError && message.test(e.message));
        assert.equal(await count(), 0);
      });
    }
  });
}

describe('npx joinedup import-postcodes', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const cli = async (...args: string[]) => {
    const { execFile } = await import('node:child_process');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-postcodes-'));
    try {
      return await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [path.join(root, 'bin/joinedup.js'), 'import-postcodes', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test', LOG_LEVEL: 'silent' } }, (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
  test('imports the fixture and reports what it read', async () => {
    const r = await cli(path.join(fixtures, 'onspd-sample.csv'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Read 62 rows .*: 60 postcodes with a position imported or already up to date, 1 without a position skipped .* 1 rows that are not a postcode/);
  });
  test('a file that is not ONSPD: exit 2 with the reason', async () => {
    const r = await cli(path.join(fixtures, 'not-onspd.csv'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not an ONS Postcode Directory CSV/);
  });
  test('no file named: exit 2 with the usage', async () => {
    const r = await cli();
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Usage: joinedup import-postcodes FILE\.csv/);
  });
});
