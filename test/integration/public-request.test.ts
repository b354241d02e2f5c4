// A parent asks for an EHC needs assessment online without an account; the SEND team of that area matches the
// request to the child's record (or creates one) and the assessment starts on the day the request was received;
// the parent is invited to register with a one-time link, then signs in and follows the case.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { buildArea, buildChild, buildFamilyUser, buildOrganisation, buildStaff, cookieFrom, signIn } from '../support/factories.ts';
import { addDays } from '../../src/platform/plain-date.ts';
import { requestsPerHour } from '../../src/assessment/public-routes.ts';

type Session = { cookie: string; csrf: string };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
let address = 0;
/** Each anonymous visitor comes from their own address, so only the rate-limit test meets the limit. */
const nextAddress = () => `10.0.${Math.floor(++address / 250)}.${address % 250}`;

const dob = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return { 'dateOfBirth[day]': String(Number(d)), 'dateOfBirth[month]': String(Number(m)), 'dateOfBirth[year]': y ?? '' };
};

function validRequest(over: Record<string, string> = {}): Record<string, string> {
  return {
    laCode: '990', relationship: 'parent', requesterName: 'Pat Parent', email: 'pat.parent@example.com', phone: '07700 900 982',
    childGivenName: 'Rosie', childFamilyName: 'Newchild', ...dob('2019-04-02'), postcode: 'ab1 2cd', settingName: 'Oak Primary School',
    reasons: 'She cannot follow lessons without an adult beside her, and the school has run out of ideas.', declaration: 'yes', ...over,
  };
}

for (const engine of engines()) {
  describe(`online requests for an assessment on ${engine}`, () => {
    let t: TestApp;
    let caseworker: Session;
    let manager: Session;
    let otherArea: Session;
    let health: Session;
    let caseworkerId = '';

    const count = async (table: 'public_request' | 'child' | 'assessment' | 'app_user' | 'family_member' | 'mail_outbox' | 'api_token', where?: [string, string]) => {
      let q = t.conn.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      if (where) q = q.where(where[0] as never, '=', where[1] as never);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
    const post = (url: string, s: Session, body: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { ...form, cookie: s.cookie }, payload: new URLSearchParams({ _csrf: s.csrf, ...body }).toString() });

    /** An anonymous visitor: opens the form (getting a session and its CSRF token), then sends it. */
    async function visitor(remoteAddress = nextAddress()) {
      const page = await t.app.inject({ method: 'GET', url: '/request-an-assessment', remoteAddress });
      assert.equal(page.statusCode, 200);
      const cookie = cookieFrom(page.headers['set-cookie']);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      return {
        page,
        cookie,
        send: (body: Record<string, string>, opts: { csrf?: boolean } = {}) =>
          t.app.inject({ method: 'POST', url: '/request-an-assessment', remoteAddress, headers: { ...form, cookie }, payload: new URLSearchParams({ ...(opts.csrf === false ? {} : { _csrf: csrf }), ...body }).toString() }),
      };
    }

    /** Sends a valid request and returns its id and reference. */
    async function submit(over: Record<string, string> = {}): Promise<{ id: string; reference: string }> {
      const v = await visitor();
      const res = await v.send(validRequest(over));
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      const row = await t.conn.db.selectFrom('public_request').select(['id', 'reference']).orderBy('created_at', 'desc').orderBy('reference', 'desc').limit(1).executeTakeFirstOrThrow();
      return row;
    }

    const seenOf = (body: string) => /name="seen" value="([^"]*)"/.exec(body)?.[1] ?? '';

    before(async () => {
      t = await startTestApp(engine);
      const db = t.conn.db;
      await buildArea(db, '990', 'Joinedshire');
      await buildArea(db, '991', 'Otherby');
      const team = await buildOrganisation(db, { kind: 'send-team', laCode: '990', name: 'Joinedshire SEND team' });
      const otherTeam = await buildOrganisation(db, { kind: 'send-team', laCode: '991', name: 'Otherby SEND team' });
      const clinic = await buildOrganisation(db, { kind: 'health-provider', laCode: '990', name: 'Joinedshire Therapies' });
      const cw = await buildStaff(db, { organisationId: team.id, roles: ['caseworker'], name: 'Casey Worker' });
      caseworkerId = cw.id;
      const mg = await buildStaff(db, { organisationId: team.id, roles: ['send-manager'], name: 'Morgan Manager' });
      const ocw = await buildStaff(db, { organisationId: otherTeam.id, roles: ['caseworker'], name: 'Olly Other' });
      const hp = await buildStaff(db, { organisationId: clinic.id, roles: ['health-professional'], name: 'Hana Therapist' });
      caseworker = await signIn(t.app, cw.email);
      manager = await signIn(t.app, mg.email);
      otherArea = await signIn(t.app, ocw.email);
      health = await signIn(t.app, hp.email);
    });
    after(() => t.close());

    test('the form is open to anyone, in plain English, with the 6 weeks and free advice', async () => {
      const { page } = await visitor();
      assert.match(page.body, /Ask for an education, health and care \(EHC\) needs assessment/);
      assert.match(page.body, /within 6 weeks/);
      assert.match(page.body, /SENDIASS/);
      assert.match(page.body, /Joinedshire/);
      assert.match(page.body, /name="dateOfBirth\[day\]"/);
    });

    test('mistakes get the error summary and field errors, 400, and nothing is saved', async () => {
      const v = await visitor();
      const res = await v.send(validRequest({ email: 'not-an-email', ...dob(addDays(testToday, 5)), postcode: 'XYZ', phone: '12', declaration: '', requesterName: '' }));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /Enter an email address in the correct format/);
      assert.match(res.body, /Date of birth must be in the past/);
      assert.match(res.body, /href="#dateOfBirth-day"/);
      assert.match(res.body, /Enter a real postcode/);
      assert.match(res.body, /Enter a UK phone number/);
      assert.match(res.body, /Enter your full name/);
      assert.match(res.body, /Confirm that the information is right/);
      assert.match(res.body, /value="not-an-email"/, 'what was typed is kept');
      const tooOld = await v.send(validRequest({ ...dob('1990-01-01') }));
      assert.equal(tooOld.statusCode, 400);
      assert.match(tooOld.body, /25 or under/);
      const youngChild = await v.send(validRequest({ relationship: 'young-person', ...dob('2016-01-01') }));
      assert.equal(youngChild.statusCode, 400);
      assert.match(youngChild.body, /from the age of 16/);
      const noArea = await v.send(validRequest({ laCode: '999' }));
      assert.equal(noArea.statusCode, 400);
      assert.match(noArea.body, /Choose your local area/);
      assert.equal(await count('public_request'), 0);
    });

    test('without the CSRF token the request is refused, not a server error, and nothing is saved', async () => {
      const v = await visitor();
      const noToken = await v.send(validRequest(), { csrf: false });
      assert.equal(noToken.statusCode, 403);
      assert.match(noToken.body, /Your form expired/);
      const noSession = await t.app.inject({ method: 'POST', url: '/request-an-assessment', remoteAddress: nextAddress(), headers: form, payload: new URLSearchParams(validRequest()).toString() });
      assert.equal(noSession.statusCode, 403);
      assert.equal(await count('public_request'), 0);
    });

    test('a valid request is saved with a reference, received today, and confirmed with the decision date', async () => {
      const v = await visitor();
      const res = await v.send(validRequest());
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      assert.equal(res.headers.location, '/request-an-assessment/sent');
      const page = await t.app.inject({ method: 'GET', url: '/request-an-assessment/sent', headers: { cookie: v.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /REQ-990-2026-00001/);
      assert.match(page.body, /1 January 2027/, 'decision within 6 weeks of today');
      assert.match(page.body, /20 November 2026/);
      assert.match(page.body, /invitation to create an account/);
      const row = await t.conn.db.selectFrom('public_request').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.reference, 'REQ-990-2026-00001');
      assert.equal(row.received_on, testToday);
      assert.equal(row.status, 'new');
      assert.equal(row.child_postcode, 'AB1 2CD');
      assert.equal(row.requester_email, 'pat.parent@example.com');
      const audited = await t.conn.db.selectFrom('audit_event').select(['actor_id', 'action', 'la_code']).where('entity', '=', 'public-request').where('entity_id', '=', row.id).executeTakeFirstOrThrow();
      assert.deepEqual(audited, { actor_id: null, action: 'create', la_code: '990' });
      const second = await submit({ childGivenName: 'Second', childFamilyName: 'Request', ...dob('2015-06-06') });
      assert.equal(second.reference, 'REQ-990-2026-00002');
      const fresh = await t.app.inject({ method: 'GET', url: '/request-an-assessment/sent' });
      assert.equal(fresh.statusCode, 303, 'no confirmation without a request');
    });

    test('too many requests from one address get a clear 429 page', async () => {
      const v = await visitor('10.200.0.1');
      for (let i = 0; i < requestsPerHour; i++) {
        const res = await v.send({ requesterName: '' });
        assert.equal(res.statusCode, 400);
      }
      const blocked = await v.send(validRequest());
      assert.equal(blocked.statusCode, 429);
      assert.match(blocked.body, /You have sent too many requests/);
      assert.match(blocked.body, /Wait an hour/);
      const elsewhere = await visitor('10.200.0.2');
      assert.equal((await elsewhere.send({ requesterName: '' })).statusCode, 400, 'another address is not blocked');
    });

    test('only the SEND team of the area sees the requests', async () => {
      const list = await get('/assessments/requests', caseworker);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /REQ-990-2026-00001/);
      assert.match(list.body, /Rosie Newchild/);
      assert.match(list.body, /Pat Parent \(parent\)/);
      assert.equal((await get('/assessments/requests', manager)).statusCode, 200);
      const other = await get('/assessments/requests', otherArea);
      assert.equal(other.statusCode, 200);
      assert.doesNotMatch(other.body, /REQ-990/, 'another area’s caseworker lists only their own area');
      assert.equal((await get('/assessments/requests', health)).statusCode, 404);
      const row = await t.conn.db.selectFrom('public_request').select('id').where('reference', '=', 'REQ-990-2026-00001').executeTakeFirstOrThrow();
      assert.equal((await get(`/assessments/requests/${row.id}`, otherArea)).statusCode, 404);
      assert.equal((await get(`/assessments/requests/${row.id}`, health)).statusCode, 404);
      assert.equal((await post(`/assessments/requests/${row.id}/reject`, otherArea, { reason: 'Not ours' })).statusCode, 404);
      assert.equal((await post(`/assessments/requests/${row.id}/accept`, health, { choice: 'new' })).statusCode, 404);
      const anonymous = await get(`/assessments/requests/${row.id}`);
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/sign-in/);
    });

    let acceptedCase = '';
    let invitedEmail = '';

    test('accepting with a new record: the assessment starts on the day the request was received', async () => {
      const { id } = await submit({ childGivenName: 'Noah', childFamilyName: 'Fresh', ...dob('2018-02-14'), email: 'Noah.Parent@Example.com', requesterName: 'Nell Fresh' });
      const received = addDays(testToday, -10);
      await t.conn.db.updateTable('public_request').set({ received_on: received }).where('id', '=', id).execute();
      const page = await get(`/assessments/requests/${id}`, caseworker);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Create a new record for Noah Fresh/);
      assert.match(page.body, /10 days ago/);
      const missing = await post(`/assessments/requests/${id}/accept`, caseworker, {});
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Choose the child’s record, or create a new one/);
      const res = await post(`/assessments/requests/${id}/accept`, caseworker, { choice: 'new', seen: seenOf(page.body) });
      assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
      acceptedCase = String(res.headers.location).split('/').pop() ?? '';
      const a = await t.conn.db.selectFrom('assessment').selectAll().where('id', '=', acceptedCase).executeTakeFirstOrThrow();
      assert.equal(a.request_received, received);
      assert.equal(a.request_source, 1);
      assert.equal(a.requested_by, 'Nell Fresh (parent)');
      assert.equal(a.public_request_id, id);
      assert.equal(a.caseworker_id, caseworkerId);
      assert.match(a.request_summary, /cannot follow lessons/);
      const child = await t.conn.db.selectFrom('child').selectAll().where('id', '=', a.child_id).executeTakeFirstOrThrow();
      assert.deepEqual([child.given_name, child.family_name, child.date_of_birth, child.la_code], ['Noah', 'Fresh', '2018-02-14', '990']);
      const r = await t.conn.db.selectFrom('public_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(r.status, 'accepted');
      assert.equal(r.assessment_id, acceptedCase);
      assert.equal(r.handled_by, caseworkerId);
      assert.ok(r.handled_at);
      const user = await t.conn.db.selectFrom('app_user').selectAll().where('email', '=', 'Noah.Parent@Example.com').executeTakeFirstOrThrow();
      assert.equal(user.kind, 'family');
      assert.equal(user.password_hash, null);
      const fm = await t.conn.db.selectFrom('family_member').selectAll().where('child_id', '=', child.id).executeTakeFirstOrThrow();
      assert.deepEqual([fm.user_id, fm.relationship, fm.parental_responsibility, fm.name], [user.id, 'parent', true, 'Nell Fresh']);
      const invite = await t.conn.db.selectFrom('inbox_message').select(['subject', 'link']).where('user_id', '=', user.id).where('kind', '=', 'account-invitation').executeTakeFirstOrThrow();
      assert.match(invite.link, /^\/register\/reg_/);
      assert.doesNotMatch(invite.subject, /Noah|Fresh|Nell/);
      assert.equal(await count('mail_outbox'), 2, 'the invitation and the reg 4 notice to the parent are both emailed');
      invitedEmail = user.email;
      const casePage = await get(`/assessments/${acceptedCase}`, caseworker);
      assert.match(casePage.body, /Request accepted/);
      assert.match(casePage.body, /sent a link to create an account/);
      const again = await post(`/assessments/requests/${id}/accept`, caseworker, { choice: 'new', seen: seenOf(page.body) });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /already been accepted/);
      const list = await get('/assessments/requests', caseworker);
      assert.doesNotMatch(list.body, /Noah Fresh/, 'handled requests leave the list');
    });

    test('accepting matches an existing child; a failure leaves nothing half-done', async () => {
      const alice = await buildChild(t.conn.db, { givenName: 'Alice', familyName: 'Smith', dateOfBirth: '2016-03-27', laCode: '990' });
      const { id } = await submit({ childGivenName: 'Alise', childFamilyName: 'Smith', ...dob('2016-03-27'), email: 'mary.smith@example.com', requesterName: 'Mary Smith', relationship: 'carer' });
      const page = await get(`/assessments/requests/${id}`, caseworker);
      assert.match(page.body, /Alice Smith, born 27 March 2016/);
      const stale = await post(`/assessments/requests/${id}/accept`, caseworker, { choice: 'new', seen: 'something-else' });
      assert.equal(stale.statusCode, 400);
      assert.match(stale.body, /possible matches changed/);
      const res = await post(`/assessments/requests/${id}/accept`, caseworker, { choice: alice.id, seen: seenOf(page.body) });
      assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
      const caseId = String(res.headers.location).split('/').pop() ?? '';
      const a = await t.conn.db.selectFrom('assessment').select(['child_id', 'request_received', 'request_source']).where('id', '=', caseId).executeTakeFirstOrThrow();
      assert.deepEqual(a, { child_id: alice.id, request_received: testToday, request_source: 1 });
      assert.equal(await count('child', ['date_of_birth', '2016-03-27']), 1, 'no second record');
      const fm = await t.conn.db.selectFrom('family_member').select(['relationship', 'parental_responsibility']).where('child_id', '=', alice.id).executeTakeFirstOrThrow();
      assert.deepEqual(fm, { relationship: 'carer', parental_responsibility: false });

      // A second request for Alice while her assessment is open: refused, and nothing is left behind.
      const dup = await submit({ childGivenName: 'Alice', childFamilyName: 'Smith', ...dob('2016-03-27'), email: 'someone.else@example.com', requesterName: 'Sam Else' });
      const before = { users: await count('app_user'), members: await count('family_member'), cases: await count('assessment'), children: await count('child') };
      const refused = await post(`/assessments/requests/${dup.id}/accept`, caseworker, { choice: alice.id });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /already has an open assessment/);
      assert.deepEqual({ users: await count('app_user'), members: await count('family_member'), cases: await count('assessment'), children: await count('child') }, before);
      const still = await t.conn.db.selectFrom('public_request').select('status').where('id', '=', dup.id).executeTakeFirstOrThrow();
      assert.equal(still.status, 'new');
      const dupPage = await get(`/assessments/requests/${dup.id}`, caseworker);
      assert.match(dupPage.body, /Already has an open assessment \(EHC-990-/);
    });

    test('rejecting a request needs a reason, which is shown afterwards', async () => {
      const { id, reference } = await submit({ childGivenName: 'Ruby', childFamilyName: 'Twice', ...dob('2017-07-07') });
      const empty = await post(`/assessments/requests/${id}/reject`, caseworker, { reason: ' ' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter the reason for rejecting the request/);
      const res = await post(`/assessments/requests/${id}/reject`, manager, { reason: 'A duplicate of REQ-990-2026-00001, already being handled.' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/assessments/requests');
      const r = await t.conn.db.selectFrom('public_request').select(['status', 'assessment_id', 'handled_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(r.status, 'rejected');
      assert.equal(r.assessment_id, null);
      assert.ok(r.handled_at);
      const page = await get(`/assessments/requests/${id}`, caseworker);
      assert.match(page.body, /Rejected by Morgan Manager/);
      assert.match(page.body, /A duplicate of REQ-990-2026-00001/);
      const list = await get('/assessments/requests', caseworker);
      assert.doesNotMatch(list.body, new RegExp(reference));
      const accept = await post(`/assessments/requests/${id}/accept`, caseworker, { choice: 'new' });
      assert.equal(accept.statusCode, 400);
      assert.match(accept.body, /already been rejected/);
    });

    test('the registration link sets a password once; the parent signs in and opens the case', async () => {
      const user = await t.conn.db.selectFrom('app_user').select('id').where('email', '=', invitedEmail).executeTakeFirstOrThrow();
      const invite = await t.conn.db.selectFrom('inbox_message').select('link').where('user_id', '=', user.id).where('kind', '=', 'account-invitation').executeTakeFirstOrThrow();
      const stored = await t.conn.db.selectFrom('api_token').select('token_hash').where('user_id', '=', user.id).executeTakeFirstOrThrow();
      assert.ok(!invite.link.includes(stored.token_hash), 'the token is stored only as a hash');
      const page = await t.app.inject({ method: 'GET', url: invite.link });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Create your account/);
      assert.match(page.body, /Noah\.Parent@Example\.com/);
      const cookie = cookieFrom(page.headers['set-cookie']);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const send = (password: string, confirm = password) => t.app.inject({ method: 'POST', url: invite.link, headers: { ...form, cookie }, payload: new URLSearchParams({ _csrf: csrf, password, confirm }).toString() });
      const short = await send('short');
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /12 characters or more/);
      const mismatch = await send('a long enough password', 'another long password');
      assert.equal(mismatch.statusCode, 400);
      assert.match(mismatch.body, /do not match/);
      const bearer = await t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: { authorization: `Bearer ${invite.link.split('/').pop() ?? ''}` } });
      assert.equal(bearer.statusCode, 401, 'the link is not an API token');
      const ok = await send('three random words here');
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
      assert.equal(ok.headers.location, '/sign-in');
      const twice = await send('another password entirely');
      assert.equal(twice.statusCode, 410);
      assert.match(twice.body, /already been used/);
      const used = await t.app.inject({ method: 'GET', url: invite.link });
      assert.equal(used.statusCode, 410);
      assert.match(used.body, /already been used/);
      const parent = await signIn(t.app, invitedEmail, 'three random words here');
      const casePage = await get(`/assessments/${acceptedCase}`, parent);
      assert.equal(casePage.statusCode, 200);
      assert.match(casePage.body, /EHC-990-2026-/);
      assert.match(casePage.body, /Noah Fresh/);
    });

    test('a requester who already has a family account is told, not sent a link; a child of another area cannot be chosen', async () => {
      const mum = await buildFamilyUser(t.conn.db, { name: 'Gina Known', email: 'gina.known@example.com' });
      const elsewhere = await buildChild(t.conn.db, { givenName: 'Otto', familyName: 'Away', dateOfBirth: '2014-12-01', laCode: '991' });
      const { id } = await submit({ childGivenName: 'Otto', childFamilyName: 'Away', ...dob('2014-12-01'), email: 'GINA.KNOWN@example.com', requesterName: 'Gina Known' });
      const page = await get(`/assessments/requests/${id}`, caseworker);
      assert.doesNotMatch(page.body, new RegExp(`value="${elsewhere.id}"`), 'another area’s record is not offered');
      assert.match(page.body, /record for this child in another area/);
      const wrong = await post(`/assessments/requests/${id}/accept`, caseworker, { choice: elsewhere.id });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Choose a child whose home area is this area/);
      const res = await post(`/assessments/requests/${id}/accept`, caseworker, { choice: 'new', seen: seenOf(page.body) });
      assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
      assert.equal(await count('app_user', ['email', 'GINA.KNOWN@example.com']), 0, 'no second account');
      const told = await t.conn.db.selectFrom('inbox_message').select(['kind', 'link']).where('user_id', '=', mum.id).where('kind', '=', 'request-accepted').executeTakeFirstOrThrow();
      assert.match(told.link, /^\/assessments\//);
      assert.equal(await count('api_token', ['user_id', mum.id]), 0);
      const parent = await signIn(t.app, mum.email);
      assert.equal((await get(told.link, parent)).statusCode, 200);
    });

    test('an expired or unknown link gets a clear page', async () => {
      const { id } = await submit({ childGivenName: 'Esme', childFamilyName: 'Late', ...dob('2020-09-09'), email: 'esme.parent@example.com', requesterName: 'Eve Late' });
      const page = await get(`/assessments/requests/${id}`, caseworker);
      const res = await post(`/assessments/requests/${id}/accept`, caseworker, { choice: 'new', seen: seenOf(page.body) });
      assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
      const user = await t.conn.db.selectFrom('app_user').select('id').where('email', '=', 'esme.parent@example.com').executeTakeFirstOrThrow();
      const invite = await t.conn.db.selectFrom('inbox_message').select('link').where('user_id', '=', user.id).where('kind', '=', 'account-invitation').executeTakeFirstOrThrow();
      await t.conn.db.updateTable('api_token').set({ created_at: new Date(Date.now() - 15 * 86_400_000) } as never).where('user_id', '=', user.id).execute();
      const expired = await t.app.inject({ method: 'GET', url: invite.link });
      assert.equal(expired.statusCode, 410);
      assert.match(expired.body, /This link has expired/);
      assert.match(expired.body, /contact your council’s SEND team/);
      const unknown = await t.app.inject({ method: 'GET', url: '/register/reg_not-a-real-token' });
      assert.equal(unknown.statusCode, 410);
      assert.match(unknown.body, /This link has expired/);
    });
  });
}
