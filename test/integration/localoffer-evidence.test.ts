// The local offer's evidence on both engines: the figures from the search log, views, checks and comments of one
// area and period; the staff page and the API (in the OpenAPI document) for area leaders, SEND managers and local
// offer officers only; a bad period answers 400 with a message per field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { buildArea, buildOrganisation, buildStaff, signIn } from '../support/factories.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { createListing, createOrganisation } from '../../src/localoffer/store.ts';
import { sampleListing } from '../support/localoffer.ts';
import type { LocalOfferEvidence } from '../../src/localoffer/evidence-store.ts';

for (const engine of engines()) {
  describe(`local offer evidence on ${engine}`, () => {
    let t: TestApp;
    let leader: { email: string };
    let caseworker: { email: string };
    before(async () => {
      t = await startTestApp(engine);
      const db = t.conn.db;
      await buildArea(db, '990', 'Testshire');
      await buildArea(db, '991', 'Otherton');
      const team = await buildOrganisation(db, { kind: 'send-team' });
      leader = await buildStaff(db, { organisationId: team.id, roles: ['area-leader'] });
      caseworker = await buildStaff(db, { organisationId: team.id, roles: ['caseworker'] });
      const ids = await inTransaction(db, async (tx) => {
        const org = await createOrganisation(tx, systemActor, '990', { name: 'Org' });
        const out: string[] = [];
        for (const [name, on] of [['Fresh one', '2026-06-01'], ['Fresh two', '2026-01-10'], ['Stale', '2025-06-01']] as const) {
          out.push((await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: { ...sampleListing, name }, today: on, publish: true })).serviceId);
        }
        return out;
      });
      const at = (d: string) => new Date(`${d}T12:00:00Z`);
      await db.insertInto('lo_search_log').values([
        { la_code: '990', searched_at: at('2026-11-01'), terms: 'Hydrotherapy', filters: '{}', results: 0 },
        { la_code: '990', searched_at: at('2026-11-02'), terms: 'hydrotherapy ', filters: '{}', results: 0 },
        { la_code: '990', searched_at: at('2026-10-02'), terms: 'speech', filters: '{}', results: 4 },
        { la_code: '990', searched_at: at('2024-10-02'), terms: 'too old', filters: '{}', results: 0 },
        { la_code: '991', searched_at: at('2026-10-02'), terms: 'other area', filters: '{}', results: 0 },
      ]).execute();
      await db.insertInto('lo_service_view').values([{ service_id: ids[0] ?? '', la_code: '990', day: '2026-11-01', views: 5 }, { service_id: ids[1] ?? '', la_code: '990', day: '2026-11-02', views: 2 }]).execute();
      await db.insertInto('lo_feedback').values([
        { la_code: '990', reference: 'LO-990-2026-00001', body: 'a', received_at: at('2026-11-01'), response: 'r', responded_at: at('2026-11-05') },
        { la_code: '990', reference: 'LO-990-2026-00002', body: 'b', received_at: at('2026-11-10'), response: 'r', responded_at: at('2026-11-12') },
        { la_code: '990', reference: 'LO-990-2026-00003', body: 'c', received_at: at('2026-11-15') },
      ]).execute();
    });
    after(() => t.close());

    test('the API gives each figure with what it counts, for the caller’s area and period', async () => {
      const { cookie } = await signIn(t.app, leader.email);
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/local-offer/evidence', headers: { cookie } });
      assert.equal(res.statusCode, 200, res.body);
      const e = res.json<LocalOfferEvidence>();
      assert.deepEqual(e.period, { from: '2025-11-21', to: testToday });
      assert.deepEqual([e.use.searches.value, e.use.searchesWithNoResults.value], [3, 2]);
      assert.deepEqual(e.use.topNoResults, [{ terms: 'hydrotherapy', searches: 2 }]);
      assert.deepEqual([e.use.views.value, e.use.servicesViewed.value], [7, 2]);
      assert.deepEqual([e.freshness.listed.value, e.freshness.reviewedInLast12Months.value, e.freshness.shareReviewed.value], [3, 2, 0.667]);
      assert.deepEqual([e.responsiveness.comments.value, e.responsiveness.answered.value, e.responsiveness.medianDaysToAnswer.value, e.responsiveness.waiting.value, e.responsiveness.oldestWaitingDays.value], [3, 2, 3, 1, 5]);
      assert.match(e.freshness.shareReviewed.counts, /share/);
      const narrow = (await t.app.inject({ method: 'GET', url: '/api/v1/local-offer/evidence?from=2026-11-02&to=2026-11-30', headers: { cookie } }));
      assert.equal(narrow.statusCode, 400, 'the end date may not be after today');
      const ok = await t.app.inject({ method: 'GET', url: '/api/v1/local-offer/evidence?from=2026-11-02&to=2026-11-20', headers: { cookie } });
      assert.equal(ok.json<LocalOfferEvidence>().use.searches.value, 1);
      const bad = await t.app.inject({ method: 'GET', url: '/api/v1/local-offer/evidence?from=2026-13-01', headers: { cookie } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json<{ errors: { field: string }[] }>().errors.map((x) => x.field), ['from']);
    });

    test('the staff page shows the same figures; others get 404; the API is documented', async () => {
      const { cookie } = await signIn(t.app, leader.email);
      const page = await t.app.inject({ method: 'GET', url: '/local-offer/manage/evidence', headers: { cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /hydrotherapy/);
      assert.match(page.body, /66\.7%/);
      const badPage = await t.app.inject({ method: 'GET', url: '/local-offer/manage/evidence?from=nope', headers: { cookie } });
      assert.equal(badPage.statusCode, 400);
      assert.match(badPage.body, /govuk-error-summary/);
      const cw = await signIn(t.app, caseworker.email);
      assert.equal((await t.app.inject({ method: 'GET', url: '/local-offer/manage/evidence', headers: { cookie: cw.cookie } })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/local-offer/evidence', headers: { cookie: cw.cookie } })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/local-offer/evidence' })).statusCode, 401);
      const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.ok(doc.json<{ paths: Record<string, unknown> }>().paths['/api/v1/local-offer/evidence'], 'in the OpenAPI document');
    });
  });
}
