// Kept search results (search-store.ts runSearch): every page of a kept search equals the same search run afresh,
// and a kept result is never shown once the directory has changed: a new listing, a listing taken down, a renamed
// organisation, a changed review date. On both engines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, freshDatabase } from '../support/app.ts';
import { buildArea } from '../support/factories.ts';
import type { Connection } from '../../src/platform/db/connect.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { createListing, createOrganisation, setServiceStatus } from '../../src/localoffer/store.ts';
import { serviceContentSchema, type ServiceContent } from '../../src/localoffer/domain.ts';
import { parseSearch, perPage } from '../../src/localoffer/search.ts';
import { runSearch, searchDirectly } from '../../src/localoffer/search-store.ts';

const today = '2026-11-20';
const listing = (name: string, c: Record<string, unknown> = {}): ServiceContent =>
  serviceContentSchema.parse({
    name, summary: 'A service for children with SEND.', description: 'Play and swimming for autistic children.', whoFor: 'Children.', howToAccess: 'Call us.',
    referral: 'self', email: 'hello@example.org', delivery: ['online'], categories: ['short-breaks-leisure'], ageFrom: 0, ageTo: 18, free: true, ...c,
  });

for (const engine of engines()) {
  describe(`kept search results on ${engine}`, () => {
    let conn: Connection;
    let org = '';
    const first: string[] = [];
    const run = (q: Record<string, string>, keep = true, on = today) => {
      const { search } = parseSearch(q);
      return keep ? runSearch(conn.db, '990', search, on) : searchDirectly(conn.db, '990', search, on);
    };

    before(async () => {
      conn = await freshDatabase(engine);
      await buildArea(conn.db);
      await inTransaction(conn.db, async (tx) => {
        org = await createOrganisation(tx, systemActor, '990', { name: 'Joinedshire play' });
        for (let i = 1; i <= 2 * perPage + 5; i++) {
          const c = listing(`Swimming club ${String(i).padStart(2, '0')}`, i % 3 === 0 ? { categories: ['health'], free: false, costDetails: '£2' } : {});
          first.push((await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: c, today, publish: true })).serviceId);
        }
      });
    });
    after(() => conn.close());

    test('every page, sort and filter of a kept search equals the search run afresh', async () => {
      const searches: Record<string, string>[] = [{ q: 'swimming' }, { q: 'autistic' }, { q: 'swiming' }, { q: 'swimming', sort: 'name' }, { category: 'health' }, { q: 'club', cost: 'paid' }, { q: 'nothing-like-this' }];
      for (const q of searches) {
        for (const page of ['1', '2', '3', '4']) {
          const fresh = await run({ ...q, page }, false);
          const kept1 = await run({ ...q, page });
          const kept2 = await run({ ...q, page });
          assert.deepEqual(kept1, fresh, `${JSON.stringify(q)} page ${page}, first time`);
          assert.deepEqual(kept2, fresh, `${JSON.stringify(q)} page ${page}, kept`);
        }
      }
    });

    test('a kept result is not used once the directory changes', async () => {
      const count = async () => (await run({ q: 'swimming' })).total;
      const before = await count();
      // A new listing
      await inTransaction(conn.db, (tx) => createListing(tx, systemActor, { laCode: '990', organisationId: org, content: listing('Swimming for toddlers'), today, publish: true }));
      assert.equal(await count(), before + 1);
      // A listing taken down
      await inTransaction(conn.db, (tx) => setServiceStatus(tx, systemActor, first[0] ?? '', 'inactive'));
      assert.equal(await count(), before);
      // The organisation renamed: the cards say so
      await conn.db.updateTable('lo_organisation').set({ name: 'Joinedshire Swim Trust' }).where('id', '=', org).execute();
      assert.equal((await run({ q: 'swimming' })).cards[0]?.organisation, 'Joinedshire Swim Trust');
      // A review date moved: the card's freshness follows it
      const id = (await run({ q: 'swimming', sort: 'name' })).cards[0]?.id ?? '';
      await conn.db.updateTable('lo_service').set({ review_by: '2026-01-01' }).where('id', '=', id).execute();
      assert.equal((await run({ q: 'swimming', sort: 'name' })).cards[0]?.freshness, 'council-to-decide');
      assert.deepEqual(await run({ q: 'swimming', page: '2' }), await run({ q: 'swimming', page: '2' }, false));
    });

    test("a kept page's cards follow the day: freshness is worked out on each search, the directory unchanged", async () => {
      const q = { q: 'swimming', sort: 'name' };
      const id = (await run(q)).cards[0]?.id ?? '';
      await conn.db.updateTable('lo_service').set({ review_by: '2026-12-31' }).where('id', '=', id).execute();
      const freshnessOn = async (day: string) => (await run(q, true, day)).cards.find((c) => c.id === id)?.freshness;
      assert.equal(await freshnessOn('2026-06-01'), 'fresh');
      assert.equal(await freshnessOn('2026-12-30'), 'due-soon');
      assert.equal(await freshnessOn('2027-01-02'), 'not-recently-checked');
      for (const day of ['2026-06-01', '2026-12-30', '2027-06-01']) {
        for (const page of ['1', '2', '3', '4']) assert.deepEqual(await run({ ...q, page }, true, day), await run({ ...q, page }, false, day), `${day} page ${page}`);
      }
    });
  });
}
