// The local offer's workflow through the real app on both engines: a provider edits a listing through the form
// (errors keep what was typed; rows added without JavaScript), the council publishes it and the public see the new
// version; a turned-down change with its reason; "still correct" in one step; a new listing; stale listings and the
// council's decision; and a provider never reaches a child's record or another provider's listing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { addToTeam, buildArea, buildChild, buildOrganisation, buildStaff, giveConsent, signIn } from '../support/factories.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { createListing, createOrganisation, loadPublished } from '../../src/localoffer/store.ts';
import { formBody, sampleListing } from '../support/localoffer.ts';

for (const engine of engines()) {
  describe(`local offer workflow on ${engine}`, () => {
    let t: TestApp;
    let serviceId = '';
    let providerOrgId = '';
    let editor: { email: string; id: string };
    let officer: { email: string; id: string };
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    before(async () => {
      t = await startTestApp(engine);
      const db = t.conn.db;
      await buildArea(db, '990', 'Testshire');
      const provider = await buildOrganisation(db, { kind: 'provider', name: 'Little Stars CIC' });
      providerOrgId = provider.id;
      editor = await buildStaff(db, { organisationId: provider.id, roles: ['listing-editor'], name: 'Pat Provider' });
      const council = await buildOrganisation(db, { kind: 'send-team' });
      officer = await buildStaff(db, { organisationId: council.id, roles: ['local-offer-officer'], name: 'Olu Officer' });
      serviceId = await inTransaction(db, async (tx) => {
        const org = await createOrganisation(tx, systemActor, '990', { name: 'Little Stars', ownerOrganisationId: provider.id });
        return (await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: sampleListing, today: '2026-03-01', publish: true })).serviceId;
      });
    });
    after(() => t.close());

    const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const post = (url: string, cookie: string, body: URLSearchParams) => t.app.inject({ method: 'POST', url, headers: { cookie, ...form }, payload: body.toString() });

    test('a provider lands on their listings, sees each one’s state, and reaches no child', async () => {
      const { cookie } = await signIn(t.app, editor.email);
      const home = await get('/', cookie);
      assert.equal(home.statusCode, 303);
      assert.equal(home.headers.location, '/local-offer/provider');
      const page = await get('/local-offer/provider', cookie);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Little Stars sensory play/);
      assert.match(page.body, />Live</);
      assert.match(page.body, /Confirm it is still correct/);
      assert.doesNotMatch(page.body, /Find a child/, 'no child navigation for a provider');
      // Even in a child's team with consent for every agency (put there directly), the record stays closed.
      const child = await buildChild(t.conn.db);
      await addToTeam(t.conn.db, child.id, { organisationId: providerOrgId, userId: editor.id });
      await giveConsent(t.conn.db, child.id, { agencies: ['education', 'health', 'social-care'] });
      assert.equal((await get(`/children/${child.id}`, cookie)).statusCode, 404);
      const api = await get('/api/v1/children', cookie);
      assert.equal(api.statusCode, 200);
      assert.equal(api.json<{ total: number }>().total, 0);
    });

    test('an error keeps everything typed; "Add another place" works without JavaScript', async () => {
      const { cookie, csrf } = await signIn(t.app, editor.email);
      const edit = await get(`/local-offer/provider/listings/${serviceId}/edit`, cookie);
      assert.equal(edit.statusCode, 200);
      assert.match(edit.body, /value="Little Stars sensory play"/);
      const bad = await post(`/local-offer/provider/listings/${serviceId}/edit`, cookie, formBody(sampleListing, { _csrf: csrf, name: '', description: 'Typed and not lost', 'locations-0-postcode': 'nowhere' }));
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /govuk-error-summary/);
      assert.match(bad.body, /href="#name"/);
      assert.match(bad.body, /href="#locations-0-postcode"/);
      assert.match(bad.body, /Typed and not lost/);
      assert.match(bad.body, /value="nowhere"/);
      const add = await post(`/local-offer/provider/listings/${serviceId}/edit`, cookie, formBody(sampleListing, { _csrf: csrf, action: 'add-locations', summary: 'Kept while adding' }));
      assert.equal(add.statusCode, 200);
      assert.match(add.body, /id="locations-1-postcode"/);
      assert.match(add.body, /Kept while adding/);
      const unchanged = await post(`/local-offer/provider/listings/${serviceId}/edit`, cookie, formBody(sampleListing, { _csrf: csrf }));
      assert.equal(unchanged.statusCode, 400);
      assert.match(unchanged.body, /You have not changed anything/);
      const versions = await t.conn.db.selectFrom('lo_service_version').select('number').where('service_id', '=', serviceId).execute();
      assert.equal(versions.length, 1, 'nothing written by an error or a button');
    });

    test('a provider’s change waits; the council publishes it; the public see the new version; the provider is told', async () => {
      const p = await signIn(t.app, editor.email);
      const changed = { ...sampleListing, summary: 'Now on Mondays and Wednesdays.', locations: [...sampleListing.locations, { name: 'Library', address1: '', address2: '', town: '', postcode: 'JT9 9ZZ', accessibility: '', features: [] }] };
      const sent = await post(`/local-offer/provider/listings/${serviceId}/edit`, p.cookie, formBody(changed, { _csrf: p.csrf, note: 'New day and a second place' }));
      assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
      assert.equal((await loadPublished(t.conn.db, '990', serviceId)).content.summary, sampleListing.summary, 'the public still see version 1');
      const mine = await get(`/local-offer/provider/listings/${serviceId}`, p.cookie);
      assert.match(mine.body, /Change waiting for review/);
      assert.match(mine.body, /Now on Mondays and Wednesdays/);

      const o = await signIn(t.app, officer.email);
      const queue = await get('/local-offer/manage/reviews', o.cookie);
      assert.equal(queue.statusCode, 200);
      assert.match(queue.body, new RegExp(`/local-offer/manage/reviews/${serviceId}/2`));
      assert.match(queue.body, /New day and a second place/);
      const review = await get(`/local-offer/manage/reviews/${serviceId}/2`, o.cookie);
      assert.equal(review.statusCode, 200);
      assert.match(review.body, /Summary/);
      assert.match(review.body, /<ins><span class="govuk-visually-hidden">\(added\) <\/span>/);
      assert.match(review.body, /Library, JT9 9ZZ/);
      const published = await post(`/local-offer/manage/reviews/${serviceId}/2/publish`, o.cookie, new URLSearchParams({ _csrf: o.csrf, note: 'Thanks' }));
      assert.equal(published.statusCode, 303);
      const pub = await loadPublished(t.conn.db, '990', serviceId);
      assert.equal(pub.version, 2);
      assert.equal(pub.content.summary, 'Now on Mondays and Wednesdays.');
      assert.equal(pub.lastReviewedOn, testToday, 'publishing counts as a check');
      const inbox = await t.conn.db.selectFrom('inbox_message').select(['kind', 'subject', 'link']).where('user_id', '=', editor.id).execute();
      assert.deepEqual(inbox.map((m) => m.kind), ['listing-published']);
      assert.match(inbox[0]?.subject ?? '', /Little Stars sensory play/);
      assert.equal(inbox[0]?.link, `/local-offer/provider/listings/${serviceId}`);
    });

    test('a turned-down change: the reason reaches the provider and the public see no change', async () => {
      const p = await signIn(t.app, editor.email);
      await post(`/local-offer/provider/listings/${serviceId}/edit`, p.cookie, formBody({ ...sampleListing, phone: '999' }, { _csrf: p.csrf }));
      const o = await signIn(t.app, officer.email);
      const noReason = await post(`/local-offer/manage/reviews/${serviceId}/3/reject`, o.cookie, new URLSearchParams({ _csrf: o.csrf, reason: '  ' }));
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Say why the change is not published/);
      const rejected = await post(`/local-offer/manage/reviews/${serviceId}/3/reject`, o.cookie, new URLSearchParams({ _csrf: o.csrf, reason: 'The phone number is not a real number.' }));
      assert.equal(rejected.statusCode, 303);
      assert.equal((await loadPublished(t.conn.db, '990', serviceId)).version, 2);
      const home = await get('/local-offer/provider', p.cookie);
      assert.match(home.body, /Change turned down/);
      assert.match(home.body, /The phone number is not a real number\./);
      const told = await t.conn.db.selectFrom('inbox_message').select(['kind', 'body']).where('user_id', '=', editor.id).where('kind', '=', 'listing-turned-down').execute();
      assert.equal(told.length, 1);
      assert.match(told[0]?.body ?? '', /The phone number is not a real number/);
      const compare = await get(`/local-offer/provider/listings/${serviceId}/compare?from=2&to=3`, p.cookie);
      assert.equal(compare.statusCode, 200);
      assert.match(compare.body, /What changed from version 2 to version 3/);
      assert.match(compare.body, /01234 567890/);
    });

    test('"still correct" counts as a check at once and moves the review-by date a year on', async () => {
      await t.conn.db.updateTable('lo_service').set({ review_by: '2026-12-01' }).where('id', '=', serviceId).execute();
      const p = await signIn(t.app, editor.email);
      const res = await post(`/local-offer/provider/listings/${serviceId}/confirm`, p.cookie, new URLSearchParams({ _csrf: p.csrf }));
      assert.equal(res.statusCode, 303);
      const s = await t.conn.db.selectFrom('lo_service').select(['review_by', 'last_reviewed_on']).where('id', '=', serviceId).executeTakeFirstOrThrow();
      assert.deepEqual(s, { review_by: '2027-11-20', last_reviewed_on: testToday });
      const checks = await t.conn.db.selectFrom('lo_service_check').select(['kind', 'checked_by']).where('service_id', '=', serviceId).execute();
      assert.deepEqual(checks, [{ kind: 'confirmed', checked_by: editor.id }]);
    });

    test('a new listing from a provider waits for review as a new listing, then goes live', async () => {
      const p = await signIn(t.app, editor.email);
      const blank = await get('/local-offer/provider/listings/new', p.cookie);
      assert.equal(blank.statusCode, 200);
      const res = await post('/local-offer/provider/listings', p.cookie, formBody({ ...sampleListing, name: 'Little Stars sensory playgroup', locations: [{ ...sampleListing.locations[0]!, postcode: 'JT2 2BB' }] }, { _csrf: p.csrf }));
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const id = String(res.headers.location).split('/').pop() ?? '';
      const o = await signIn(t.app, officer.email);
      const queue = await get('/local-offer/manage/reviews', o.cookie);
      assert.match(queue.body, /Little Stars sensory playgroup/);
      assert.match(queue.body, /New listing/);
      const review = await get(`/local-offer/manage/reviews/${id}/1`, o.cookie);
      assert.match(review.body, /This may duplicate another listing/);
      assert.match(review.body, /same provider, similar name/);
      await post(`/local-offer/manage/reviews/${id}/1/publish`, o.cookie, new URLSearchParams({ _csrf: o.csrf }));
      assert.equal((await loadPublished(t.conn.db, '990', id)).content.name, 'Little Stars sensory playgroup');
    });

    test('past the grace period the council decides: temporarily closed hides it from the public, and the provider is told', async () => {
      await t.conn.db.updateTable('lo_service').set({ review_by: '2026-08-01' }).where('id', '=', serviceId).execute();
      const o = await signIn(t.app, officer.email);
      const list = await get('/local-offer/manage/listings?show=past-grace', o.cookie);
      assert.match(list.body, new RegExp(`/local-offer/manage/listings/${serviceId}`));
      const none = await post(`/local-offer/manage/listings/${serviceId}/decision`, o.cookie, new URLSearchParams({ _csrf: o.csrf }));
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Select what happens to the listing/);
      const closed = await post(`/local-offer/manage/listings/${serviceId}/decision`, o.cookie, new URLSearchParams({ _csrf: o.csrf, decision: 'temporarily-closed', note: 'No answer to two reminders' }));
      assert.equal(closed.statusCode, 303);
      await assert.rejects(loadPublished(t.conn.db, '990', serviceId), 'not listed while closed');
      const told = await t.conn.db.selectFrom('inbox_message').select('subject').where('user_id', '=', editor.id).where('kind', '=', 'listing-decision').execute();
      assert.equal(told.length, 1);
      const reopened = await post(`/local-offer/manage/listings/${serviceId}/decision`, o.cookie, new URLSearchParams({ _csrf: o.csrf, decision: 'reopened' }));
      assert.equal(reopened.statusCode, 303);
      const s = await t.conn.db.selectFrom('lo_service').select(['status', 'review_by']).where('id', '=', serviceId).executeTakeFirstOrThrow();
      assert.deepEqual(s, { status: 'active', review_by: '2026-12-18' });
    });

    test('the council changes a listing itself with the same form: published at once, kept as a version, the provider told', async () => {
      const o = await signIn(t.app, officer.email);
      const edit = await get(`/local-offer/manage/listings/${serviceId}/edit`, o.cookie);
      assert.equal(edit.statusCode, 200);
      assert.match(edit.body, /Save and publish/);
      const bad = await post(`/local-offer/manage/listings/${serviceId}/edit`, o.cookie, formBody(sampleListing, { _csrf: o.csrf, name: '' }));
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the name of the service/);
      const before = (await loadPublished(t.conn.db, '990', serviceId)).version;
      const res = await post(`/local-offer/manage/listings/${serviceId}/edit`, o.cookie, formBody({ ...sampleListing, summary: 'Corrected by the council.' }, { _csrf: o.csrf, note: 'Fixed the summary' }));
      assert.equal(res.statusCode, 303);
      const pub = await loadPublished(t.conn.db, '990', serviceId);
      const newest = await t.conn.db.selectFrom('lo_service_version').select(['number', 'state']).where('service_id', '=', serviceId).orderBy('number', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual([pub.version, pub.content.summary, newest.state], [newest.number, 'Corrected by the council.', 'published']);
      assert.ok(newest.number > before, 'a new version; the earlier ones are kept');
      const told = await t.conn.db.selectFrom('inbox_message').select('subject').where('user_id', '=', editor.id).where('subject', 'like', 'The council changed%').execute();
      assert.equal(told.length, 1);
      const p = await signIn(t.app, editor.email);
      assert.equal((await get(`/local-offer/manage/listings/${serviceId}/edit`, p.cookie)).statusCode, 404, 'not for providers');
    });

    test('another provider, a caseworker and the public cannot reach these pages (404 or sign in)', async () => {
      const other = await buildOrganisation(t.conn.db, { kind: 'provider', name: 'Other CIC' });
      const stranger = await buildStaff(t.conn.db, { organisationId: other.id, roles: ['listing-editor'] });
      const s = await signIn(t.app, stranger.email);
      assert.equal((await get(`/local-offer/provider/listings/${serviceId}`, s.cookie)).statusCode, 404);
      assert.equal((await get(`/local-offer/provider/listings/${serviceId}/edit`, s.cookie)).statusCode, 404);
      assert.equal((await post(`/local-offer/provider/listings/${serviceId}/confirm`, s.cookie, new URLSearchParams({ _csrf: s.csrf }))).statusCode, 404);
      assert.equal((await get('/local-offer/manage/reviews', s.cookie)).statusCode, 404);
      const team = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      const cw = await buildStaff(t.conn.db, { organisationId: team.id, roles: ['caseworker'] });
      const c = await signIn(t.app, cw.email);
      assert.equal((await get('/local-offer/manage', c.cookie)).statusCode, 404);
      assert.equal((await get('/local-offer/provider', c.cookie)).statusCode, 404);
      const anon = await t.app.inject({ method: 'GET', url: '/local-offer/manage' });
      assert.equal(anon.statusCode, 303);
    });
  });
}
