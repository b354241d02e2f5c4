// The public local offer's pages through the real app, on both engines: the home page, search with a misspelling,
// bad input, an unknown postcode, the service page and its view count, the shortlist kept in a cookie (add, share,
// save, remove; refused from another site), what is recorded of each search (no personal data), and the links
// from the pages a family already uses. No page makes a session.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { engines, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { buildArea, buildOrganisation, buildStaff, signIn } from '../support/factories.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { createListing, createOrganisation } from '../../src/localoffer/store.ts';
import { serviceContentSchema } from '../../src/localoffer/domain.ts';
import { seedPostcodes, demoPostcodes } from '../../src/demo/localoffer.ts';

const listing = (name: string, extra: Record<string, unknown> = {}) =>
  serviceContentSchema.parse({
    name, summary: `${name}: a summary.`, description: 'What it offers.', whoFor: 'Children.', howToAccess: 'Call us.', referral: 'self', categories: ['health'], ageFrom: 0, ageTo: 18,
    free: true, delivery: ['in-person'], locations: [{ name: 'Hub', postcode: 'JT1 1AA', features: ['step-free'], accessibility: 'Level access.' }], email: 'a@example.org',
    send: { identifyNeeds: 'We listen first.', involveFamilies: '', staffTraining: 'All staff are trained.', transitions: '' }, schedules: [{ days: ['TU'], opens: '09:30', closes: '11:30', note: 'Term time only' }], ...extra,
  });

for (const engine of engines()) {
  describe(`the public local offer on ${engine}`, () => {
    let t: TestApp;
    const ids: Record<string, string> = {};
    const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });
    const lastLog = () => t.conn.db.selectFrom('lo_search_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

    before(async () => {
      t = await startTestApp(engine);
      await buildArea(t.conn.db);
      await inTransaction(t.conn.db, async (tx) => {
        await seedPostcodes(tx, demoPostcodes());
        const org = await createOrganisation(tx, systemActor, '990', { name: 'Joinedshire Health' });
        ids.salt = (await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: listing('Speech and language therapy drop-in', { keywords: ['SALT'] }), today: testToday, publish: true })).serviceId;
        ids.swim = (await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: listing('Sensory swim', { categories: ['short-breaks-leisure'], free: false, costDetails: '£3' }), today: testToday, publish: true })).serviceId;
      });
    });
    after(() => t.close());

    test('the home page: a search box, the categories, the statutory information, and no session made', async () => {
      const r = await get('/local-offer');
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['set-cookie'], undefined);
      assert.match(r.body, /action="\/local-offer\/services"/);
      for (const label of ['Education', 'Health', 'Social care', 'Short breaks and leisure', 'Preparing for adulthood', 'Advice and support', 'Travel']) assert.ok(r.body.includes(`>${label}</a>`), label);
      for (const href of ['/request-an-assessment', '/local-offer/information/sendiass', '/local-offer/information/mediation-and-appeals', '/local-offer/information/complaints', '/local-offer/information/travel', '/local-offer/information/preparing-for-adulthood', '/local-offer/information/ask-for-an-assessment']) {
        assert.ok(r.body.includes(`href="${href}"`), href);
      }
    });

    test('a misspelt search shows what it searched for, offers the words as typed, and is recorded', async () => {
      const r = await get('/local-offer/services?q=speach+therapy');
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['set-cookie'], undefined);
      assert.match(r.body, /Showing results for <strong>speech therapy<\/strong>/);
      assert.match(r.body, /href="\/local-offer\/services\?q=speach\+therapy&amp;exact=1"/);
      assert.ok(r.body.includes(`href="/local-offer/services/${ids.salt}"`));
      assert.match(r.body, /Last checked 20 November 2026/);
      const log = await lastLog();
      assert.deepEqual([log.terms, log.results], ['speach therapy', 1]);
    });

    test('a search that finds nothing is recorded without the email address or phone number typed', async () => {
      const r = await get('/local-offer/services?q=trampoline+jo%40example.com+07700900123&postcode=JT1+1AA&miles=5');
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /No services found/);
      const log = await lastLog();
      assert.equal(log.terms, 'trampoline');
      assert.deepEqual(log.filters, { near: 'JT1', miles: 5 });
      assert.equal(log.results, 0);
    });

    test('a later page of the same search is not recorded again', async () => {
      const before = await lastLog();
      await get('/local-offer/services?q=swim&page=2');
      assert.equal((await lastLog()).id, before.id);
    });

    test('bad input: the GOV.UK error summary with the field’s message, status 400, never a 500', async () => {
      const r = await get('/local-offer/services?age=seven&ageFrom=9&ageTo=2');
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /govuk-error-summary/);
      assert.match(r.body, /href="#age">The child’s age must be a whole number/);
      assert.match(r.body, /href="#ageTo">The oldest age must be/);
      const pc = await get('/local-offer/services?postcode=JT8+8ZZ');
      assert.equal(pc.statusCode, 400);
      assert.match(pc.body, /We could not find the postcode JT8 8ZZ/);
      const odd = await get('/local-offer/services?category=nonsense&need=XYZ&sort=sideways&page=-1&q[]=a');
      assert.ok(odd.statusCode < 500, String(odd.statusCode));
    });

    test('the service page: what, who, how, cost, times, places with accessibility, the SEND questions, contacts; each view counted', async () => {
      const r = await get(`/local-offer/services/${ids.salt}`);
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['set-cookie'], undefined);
      for (const text of ['What the service offers', 'Who it is for', 'How to get it', 'Cost', 'Tuesday, 09:30 to 11:30 (Term time only)', 'Step-free access', 'Accessibility: Level access.', 'We listen first.', 'All staff are trained.', 'a@example.org', 'Joinedshire Health', 'Last checked 20 November 2026']) {
        assert.ok(r.body.includes(text), text);
      }
      assert.ok(r.body.includes(`href="/local-offer/have-your-say?service=${ids.salt}"`));
      await get(`/local-offer/services/${ids.salt}`);
      const v = await t.conn.db.selectFrom('lo_service_view').selectAll().where('service_id', '=', ids.salt ?? '').execute();
      assert.deepEqual(v.map((x) => [x.day, x.views]), [[testToday, 2]]);
      assert.equal((await get('/local-offer/services/00000000-0000-4000-8000-000000000000')).statusCode, 404);
      assert.equal((await get('/local-offer/services/not-an-id')).statusCode, 404);
    });

    test('the shortlist: kept in a cookie without an account, shown, shared by a link, saved from it, emptied', async () => {
      const add = await t.app.inject({ method: 'POST', url: '/local-offer/shortlist', payload: { action: 'add', id: ids.salt, returnTo: '/local-offer/services?q=swim' } });
      assert.equal(add.statusCode, 303);
      assert.equal(add.headers.location, '/local-offer/services?q=swim');
      const cookie = String(add.headers['set-cookie']).split(';')[0] ?? '';
      assert.match(String(add.headers['set-cookie']), /Path=\/local-offer; HttpOnly; SameSite=Lax/);
      const mine = await get('/local-offer/shortlist', cookie);
      assert.ok(mine.body.includes(`href="/local-offer/services/${ids.salt}"`));
      assert.ok(mine.body.includes(`/local-offer/shortlist?ids=${ids.salt}`), 'a link to share');
      assert.match(mine.body, /Remove<span class="govuk-visually-hidden"> Speech and language therapy drop-in<\/span> from shortlist/);
      // Someone opens the shared link, with a shortlist of their own holding the swim
      const theirs = `lo_shortlist=${ids.swim}`;
      const shared = await get(`/local-offer/shortlist?ids=${ids.salt}.not-an-id`, theirs);
      assert.match(shared.body, /A shortlist shared with you/);
      assert.ok(shared.body.includes(`href="/local-offer/services/${ids.salt}"`));
      const saved = await t.app.inject({ method: 'POST', url: '/local-offer/shortlist', headers: { cookie: theirs }, payload: { action: 'save', ids: `${ids.salt}` } });
      assert.equal(String(saved.headers['set-cookie']).split(';')[0], `lo_shortlist=${ids.swim}.${ids.salt}`);
      const removed = await t.app.inject({ method: 'POST', url: '/local-offer/shortlist', headers: { cookie: `lo_shortlist=${ids.swim}.${ids.salt}` }, payload: { action: 'remove', id: ids.swim, returnTo: 'https://evil.example/' } });
      assert.equal(removed.headers.location, '/local-offer/shortlist', 'never back to another site');
      assert.equal(String(removed.headers['set-cookie']).split(';')[0], `lo_shortlist=${ids.salt}`);
      const cleared = await t.app.inject({ method: 'POST', url: '/local-offer/shortlist', headers: { cookie }, payload: { action: 'clear' } });
      assert.equal(String(cleared.headers['set-cookie']).split(';')[0], 'lo_shortlist=');
      const cross = await t.app.inject({ method: 'POST', url: '/local-offer/shortlist', headers: { 'sec-fetch-site': 'cross-site' }, payload: { action: 'add', id: ids.swim } });
      assert.equal(cross.statusCode, 403);
    });

    test('public pages are sent compressed to a browser that accepts gzip; pages with a CSRF token or for someone signed in never are (BREACH)', async () => {
      const gz = { 'accept-encoding': 'gzip, deflate, br, zstd' };
      const plain = await get('/local-offer/services?q=swimming');
      const r = await t.app.inject({ url: '/local-offer/services?q=swimming', headers: gz });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-encoding'], 'gzip');
      assert.match(String(r.headers.vary), /accept-encoding/i);
      assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: sent as it is');
      const html = gunzipSync(r.rawPayload).toString('utf8');
      assert.ok(html.includes('Sensory swim'));
      assert.ok(r.rawPayload.length < Buffer.byteLength(html) / 3, `${r.rawPayload.length} bytes for ${Buffer.byteLength(html)}`);
      const bad = await t.app.inject({ url: '/local-offer/services?age=abc', headers: gz });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.headers['content-encoding'], 'gzip', 'an error page of the directory too');
      assert.match(gunzipSync(bad.rawPayload).toString('utf8'), /govuk-error-summary/);

      const signInPage = await t.app.inject({ url: '/sign-in', headers: gz });
      assert.ok(signInPage.body.includes('name="_csrf"'), 'the sign-in page carries a token');
      assert.equal(signInPage.headers['content-encoding'], undefined);
      const org = await buildOrganisation(t.conn.db, { kind: 'send-team', name: 'SEND team for compression' });
      const staff = await buildStaff(t.conn.db, { organisationId: org.id, roles: ['caseworker'], email: 'compress@example.org' });
      const { cookie } = await signIn(t.app, staff.email);
      const signedIn = await t.app.inject({ url: '/local-offer/services?q=swimming', headers: { ...gz, cookie } });
      assert.equal(signedIn.statusCode, 200);
      assert.equal(signedIn.headers['content-encoding'], undefined, 'signed in: not compressed');
      const home = await t.app.inject({ url: '/', headers: { ...gz, cookie } });
      assert.equal(home.headers['content-encoding'], undefined);
    });

    test('families find the local offer from the sign-in page and the assessment request form', async () => {
      for (const url of ['/sign-in', '/request-an-assessment']) {
        const r = await get(url);
        assert.ok(r.body.includes('href="/local-offer"'), url);
      }
    });
  });
}
