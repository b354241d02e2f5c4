// Comments on the local offer, on both engines: posted without an account (CSRF, rate limit), about a listing or
// the whole local offer; the officers told; answered; moderated with personal details removed; shown on "you said,
// we did" newest first with the date answered and without the email address, name or phone number.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startTestApp, type TestApp } from '../support/app.ts';
import { buildArea, buildOrganisation, buildStaff, cookieFrom, signIn } from '../support/factories.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { createListing, createOrganisation } from '../../src/localoffer/store.ts';
import { commentsPerHour } from '../../src/localoffer/feedback.ts';
import { formatPlainDate, londonToday } from '../../src/platform/web/dates.ts';
import { sampleListing } from '../support/localoffer.ts';

for (const engine of engines()) {
  describe(`local offer comments on ${engine}`, () => {
    let t: TestApp;
    let officer: { email: string; id: string };
    let serviceId = '';
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    before(async () => {
      t = await startTestApp(engine);
      await buildArea(t.conn.db, '990', 'Testshire');
      const team = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      officer = await buildStaff(t.conn.db, { organisationId: team.id, roles: ['local-offer-officer'] });
      serviceId = await inTransaction(t.conn.db, async (tx) => {
        const org = await createOrganisation(tx, systemActor, '990', { name: 'Little Stars' });
        return (await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: sampleListing, today: '2026-06-01', publish: true })).serviceId;
      });
    });
    after(() => t.close());

    /** The anonymous form: its page gives the session cookie and the CSRF token. */
    async function anonymousForm(url = '/local-offer/have-your-say') {
      const page = await t.app.inject({ method: 'GET', url });
      return { page, cookie: cookieFrom(page.headers['set-cookie']), csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '' };
    }
    const post = (url: string, cookie: string, body: Record<string, string>, ip = '203.0.113.7') => t.app.inject({ method: 'POST', url, remoteAddress: ip, headers: { cookie, ...form }, payload: new URLSearchParams(body).toString() });

    test('a comment about a listing is posted without an account, answered, moderated and shown without personal details', async () => {
      const { page, cookie, csrf } = await anonymousForm(`/local-offer/have-your-say?service=${serviceId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /about Little Stars sensory play/);
      const noCsrf = await post('/local-offer/have-your-say', cookie, { body: 'x' });
      assert.equal(noCsrf.statusCode, 403);
      const empty = await post('/local-offer/have-your-say', cookie, { _csrf: csrf, body: ' ', email: 'nope', serviceId });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /href="#body"/);
      assert.match(empty.body, /href="#email"/);
      assert.match(empty.body, /value="nope"/);
      const body = 'I am Sam Okafor. The sessions moved and nobody told us. Call me on 07700 900123 or write to sam.okafor@example.org, we live at JT1 1AA.';
      const sent = await post('/local-offer/have-your-say', cookie, { _csrf: csrf, body, name: 'Sam Okafor', email: 'sam.okafor@example.org', serviceId });
      assert.equal(sent.statusCode, 303);
      const thanks = await t.app.inject({ method: 'GET', url: '/local-offer/have-your-say/sent', headers: { cookie } });
      assert.match(thanks.body, /LO-990-2026-00001/);
      const told = await t.conn.db.selectFrom('inbox_message').select(['user_id', 'subject']).execute();
      assert.deepEqual(told, [{ user_id: officer.id, subject: 'New comment on the local offer (LO-990-2026-00001)' }]);

      const o = await signIn(t.app, officer.email);
      const list = await t.app.inject({ method: 'GET', url: '/local-offer/manage/feedback', headers: { cookie: o.cookie } });
      assert.match(list.body, /LO-990-2026-00001/);
      const row = await t.conn.db.selectFrom('lo_feedback').select(['id', 'service_id', 'about']).executeTakeFirstOrThrow();
      assert.deepEqual([row.service_id, row.about], [serviceId, 'service']);
      const item = await t.app.inject({ method: 'GET', url: `/local-offer/manage/feedback/${row.id}`, headers: { cookie: o.cookie } });
      assert.match(item.body, /sam\.okafor@example\.org/, 'the officer sees the email, to reply');
      const early = await post(`/local-offer/manage/feedback/${row.id}/moderate`, o.cookie, { _csrf: o.csrf, decision: 'approve', publicComment: 'x', publicResponse: 'y' });
      assert.equal(early.statusCode, 400);
      assert.match(early.body, /Answer the comment before publishing it/);
      const answered = await post(`/local-offer/manage/feedback/${row.id}/answer`, o.cookie, { _csrf: o.csrf, response: 'Sorry, Sam. We asked the provider to update the listing.', action: 'The listing now shows the new times.' });
      assert.equal(answered.statusCode, 303);
      const moderating = await t.app.inject({ method: 'GET', url: `/local-offer/manage/feedback/${row.id}`, headers: { cookie: o.cookie } });
      assert.match(moderating.body, /I am \[name removed\]\. The sessions moved/);
      assert.match(moderating.body, /Sorry, \[name removed\]\./);
      const publicComment = /<textarea[^>]*id="publicComment"[^>]*>([^<]*)<\/textarea>/.exec(moderating.body)?.[1]?.trim() ?? '';
      assert.doesNotMatch(publicComment, /07700|sam\.okafor|JT1 1AA|Okafor/);
      const approved = await post(`/local-offer/manage/feedback/${row.id}/moderate`, o.cookie, {
        _csrf: o.csrf, decision: 'approve', publicComment: 'The sessions moved and nobody told us, said Okafor.', publicResponse: 'We asked the provider to update the listing. The listing now shows the new times.',
      });
      assert.equal(approved.statusCode, 303);

      const pub = await t.app.inject({ method: 'GET', url: '/local-offer/you-said-we-did' });
      assert.equal(pub.statusCode, 200);
      assert.match(pub.body, /The sessions moved and nobody told us, said \[name removed\]\./, 'the moderator’s text, checked once more for the name given');
      assert.match(pub.body, /The listing now shows the new times/);
      assert.ok(pub.body.includes(`Answered ${formatPlainDate(londonToday())}`), 'the date it was answered');
      assert.match(pub.body, /about <a class="govuk-link" href="\/local-offer\/services\//);
      assert.doesNotMatch(pub.body, /sam\.okafor@example\.org|07700 900123|Okafor/);
    });

    test('a comment not published is kept but not shown; newest answer first', async () => {
      const o = await signIn(t.app, officer.email);
      for (const text of ['Please add more holiday clubs.', 'You are all useless idiots.']) {
        const { cookie, csrf } = await anonymousForm();
        assert.equal((await post('/local-offer/have-your-say', cookie, { _csrf: csrf, body: text }, '203.0.113.8')).statusCode, 303);
      }
      const rows = await t.conn.db.selectFrom('lo_feedback').select(['id', 'body', 'about']).where('service_id', 'is', null).orderBy('reference').execute();
      assert.deepEqual(rows.map((r) => r.about), ['local-offer', 'local-offer']);
      const [clubs, abuse] = rows;
      await post(`/local-offer/manage/feedback/${clubs?.id}/answer`, o.cookie, { _csrf: o.csrf, response: 'Thank you.', action: 'We added 6 holiday clubs.' });
      await post(`/local-offer/manage/feedback/${clubs?.id}/moderate`, o.cookie, { _csrf: o.csrf, decision: 'approve', publicComment: 'Please add more holiday clubs.', publicResponse: 'We added 6 holiday clubs.' });
      await post(`/local-offer/manage/feedback/${abuse?.id}/answer`, o.cookie, { _csrf: o.csrf, response: 'Noted.' });
      const noReason = await post(`/local-offer/manage/feedback/${abuse?.id}/moderate`, o.cookie, { _csrf: o.csrf, decision: 'not-published', reason: '' });
      assert.equal(noReason.statusCode, 400);
      await post(`/local-offer/manage/feedback/${abuse?.id}/moderate`, o.cookie, { _csrf: o.csrf, decision: 'not-published', reason: 'Abusive' });
      await t.conn.db.updateTable('lo_feedback').set({ responded_at: new Date('2026-11-19T10:00:00Z') }).where('id', '!=', clubs?.id ?? '').execute();
      const pub = await t.app.inject({ method: 'GET', url: '/local-offer/you-said-we-did' });
      assert.doesNotMatch(pub.body, /useless/);
      const order = ['holiday clubs', 'The sessions moved'].map((s) => pub.body.indexOf(s));
      assert.ok(order[0]! >= 0 && order[0]! < order[1]!, 'newest answer first');
    });

    test(`more than ${commentsPerHour} comments an hour from one address get their own page, and nothing is saved`, async () => {
      const before = (await t.conn.db.selectFrom('lo_feedback').select('id').execute()).length;
      const { cookie, csrf } = await anonymousForm();
      let last = 0;
      for (let i = 0; i < commentsPerHour + 1; i++) last = (await post('/local-offer/have-your-say', cookie, { _csrf: csrf, body: ' ' }, '198.51.100.9')).statusCode;
      assert.equal(last, 429);
      const limited = await post('/local-offer/have-your-say', cookie, { _csrf: csrf, body: 'real' }, '198.51.100.9');
      assert.equal(limited.statusCode, 429);
      assert.match(limited.body, /too many comments/);
      assert.equal((await t.conn.db.selectFrom('lo_feedback').select('id').execute()).length, before);
    });
  });
}
