// A case walked from request to final plan through the pages, as each role does it: the caseworker records the
// request, the SEND manager decides, advisers give structured advice, the family gives views and comments, a
// school answers a consultation, the final plan is issued. Impossible steps are refused with the reason.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { addToTeam, buildArea, buildChild, buildFamilyUser, buildOrganisation, buildStaff, giveConsent, linkFamily, signIn } from '../support/factories.ts';
import { addDays } from '../../src/platform/plain-date.ts';

type Session = { cookie: string; csrf: string };
const d = (iso: string, name: string) => {
  const [y, m, day] = iso.split('-');
  return { [`${name}[day]`]: String(Number(day)), [`${name}[month]`]: String(Number(m)), [`${name}[year]`]: y ?? '' };
};

for (const engine of engines()) {
  describe(`assessment journey on ${engine}`, () => {
    let t: TestApp;
    let caseworker: Session;
    let manager: Session;
    let health: Session;
    let ep: Session;
    let senco: Session;
    let parent: Session;
    let outsider: Session;
    let childId = '';
    let caseId = '';
    const ids = { school: '', clinic: '', epService: '', healthUser: '', epUser: '' };

    const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
    const post = (url: string, s: Session, form: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: s.csrf, ...form }).toString() });

    before(async () => {
      t = await startTestApp(engine);
      const db = t.conn.db;
      await buildArea(db, '990', 'Joinedshire');
      const team = await buildOrganisation(db, { kind: 'send-team', laCode: '990', name: 'Joinedshire SEND team' });
      const school = await buildOrganisation(db, { kind: 'school', laCode: '990', name: 'Oak Primary School' });
      const clinic = await buildOrganisation(db, { kind: 'health-provider', laCode: '990', name: 'Joinedshire Children’s Therapies' });
      const epService = await buildOrganisation(db, { kind: 'send-team', laCode: '990', name: 'Educational Psychology Service' });
      Object.assign(ids, { school: school.id, clinic: clinic.id, epService: epService.id });
      const cw = await buildStaff(db, { organisationId: team.id, roles: ['caseworker'], name: 'Casey Worker' });
      const mg = await buildStaff(db, { organisationId: team.id, roles: ['send-manager'], name: 'Morgan Manager' });
      const hp = await buildStaff(db, { organisationId: clinic.id, roles: ['health-professional'], name: 'Hana Therapist' });
      const e = await buildStaff(db, { organisationId: epService.id, roles: ['educational-psychologist'], name: 'Eli Psychologist' });
      const sc = await buildStaff(db, { organisationId: school.id, roles: ['senco'], name: 'Sam Senco' });
      const other = await buildStaff(db, { organisationId: clinic.id, roles: ['health-professional'], name: 'Olive Outsider' });
      ids.healthUser = hp.id;
      ids.epUser = e.id;
      const mum = await buildFamilyUser(db, { name: 'Mary Smith' });
      const child = await buildChild(db, { givenName: 'Alice', familyName: 'Smith', dateOfBirth: '2016-03-27', laCode: '990' });
      childId = child.id;
      await addToTeam(db, childId, { organisationId: school.id, role: 'SENCO' });
      await giveConsent(db, childId, { agencies: ['education', 'health', 'social-care'] });
      await linkFamily(db, childId, mum.id, { relationship: 'mother', parentalResponsibility: true, name: 'Mary Smith' });
      caseworker = await signIn(t.app, cw.email);
      manager = await signIn(t.app, mg.email);
      health = await signIn(t.app, hp.email);
      ep = await signIn(t.app, e.email);
      senco = await signIn(t.app, sc.email);
      parent = await signIn(t.app, mum.email);
      outsider = await signIn(t.app, other.email);
    });
    after(() => t.close());

    const received = addDays(testToday, -60);

    test('recording a request: bad input gets the error summary, nothing is saved', async () => {
      const res = await post(`/children/${childId}/assessments`, caseworker, { ...d(addDays(testToday, 3), 'requestReceived'), requestedBy: '' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /must be today or in the past/);
      assert.match(res.body, /Choose who made the request/);
      assert.match(res.body, /href="#requestReceived-day"/);
      const n = await t.conn.db.selectFrom('assessment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 0);
    });

    test('the caseworker records the request; the reg 4 notices are sent', async () => {
      const res = await post(`/children/${childId}/assessments`, caseworker, { ...d(received, 'requestReceived'), requestSource: '1', requestedBy: 'Mary Smith (mother)', summary: 'Alice struggles to communicate in class.' });
      assert.equal(res.statusCode, 303, res.body);
      caseId = String(res.headers.location).split('/').pop() ?? '';
      const page = await get(`/assessments/${caseId}`, caseworker);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /EHC needs assessment for/);
      assert.match(page.body, /Decide whether to assess/);
      assert.match(page.body, /Mary Smith \(parent\)/, 'the parent is told');
      assert.match(page.body, /Sam Senco, Oak Primary School \(head teacher or SENCO\)/, 'the school is told');
      // Decision due 6 weeks after the request: already overdue at day 60.
      assert.match(page.body, /Overdue/);
      const dup = await post(`/children/${childId}/assessments`, caseworker, { ...d(received, 'requestReceived'), requestSource: '1', requestedBy: 'Again' });
      assert.equal(dup.statusCode, 400);
      assert.match(dup.body, /already has an open assessment/);
    });

    test('impossible steps are refused with the reason', async () => {
      const draft = await post(`/assessments/${caseId}/draft`, caseworker, d(testToday, 'on'));
      assert.equal(draft.statusCode, 400);
      assert.match(draft.body, /Decide whether to assess first/);
      const final = await post(`/assessments/${caseId}/final`, caseworker, d(testToday, 'on'));
      assert.equal(final.statusCode, 400);
      assert.match(final.body, /follows a draft plan/);
    });

    test('only a SEND manager records the panel’s decision', async () => {
      const byCaseworker = await post(`/assessments/${caseId}/decision`, caseworker, { assess: 'yes', ...d(addDays(received, 40), 'on'), reasons: 'Needs may require an EHC plan.' });
      assert.equal(byCaseworker.statusCode, 403);
      const res = await post(`/assessments/${caseId}/decision`, manager, { assess: 'yes', ...d(addDays(received, 40), 'on'), reasons: 'Needs may require an EHC plan.' });
      assert.equal(res.statusCode, 303, res.body);
      const again = await post(`/assessments/${caseId}/decision`, manager, { assess: 'no', ...d(addDays(received, 41), 'on'), reasons: 'x' });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /already been made/);
    });

    test('advice is requested from named professionals, due in 6 weeks', async () => {
      const on = addDays(received, 41);
      let res = await post(`/assessments/${caseId}/advice/new`, caseworker, { discipline: 'health', requestedOfUser: ids.healthUser, ...d(on, 'requestedOn') });
      assert.equal(res.statusCode, 303, res.body);
      res = await post(`/assessments/${caseId}/advice/new`, caseworker, { discipline: 'educational-psychology', requestedOfUser: ids.epUser, ...d(on, 'requestedOn') });
      assert.equal(res.statusCode, 303, res.body);
      res = await post(`/assessments/${caseId}/advice/new`, caseworker, { discipline: 'education', requestedOfOrg: ids.school, ...d(on, 'requestedOn') });
      assert.equal(res.statusCode, 303, res.body);
      const none = await post(`/assessments/${caseId}/advice/new`, caseworker, { discipline: 'social-care', ...d(on, 'requestedOn') });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Choose who you are asking for advice/);
      const page = await get(`/assessments/${caseId}`, caseworker);
      assert.match(page.body, new RegExp(`Due ${addDays(on, 42).slice(8).replace(/^0/, '')}`));
      assert.match(page.body, /Social care has not contributed advice/);
      const home = await get('/', health);
      assert.match(home.body, /Advice asked of you \(1\)/, 'the adviser sees the request on their home page');
      const record = await get(`/children/${childId}`, caseworker);
      assert.match(record.body, /EHC needs assessments/);
      assert.doesNotMatch(record.body, /Record a request for an assessment/, 'not while a case is open');
      const family = await get('/', parent);
      assert.match(family.body, /Assessing \(EHC-990-/);
      assert.match(page.body, /Not yet asked for: social care advice/);
    });

    test('the draft cannot be issued while advice is outstanding', async () => {
      const res = await post(`/assessments/${caseId}/draft`, caseworker, d(testToday, 'on'));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /3 pieces of advice are still outstanding/);
    });

    test('an adviser gives structured advice; someone else cannot see the request', async () => {
      const reqs = await t.conn.db.selectFrom('advice_request').select(['id', 'discipline']).where('assessment_id', '=', caseId).execute();
      const healthReq = reqs.find((r) => r.discipline === 'health')?.id ?? '';
      const form = await get(`/advice/${healthReq}`, health);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Recommended provision/);
      assert.equal((await get(`/advice/${healthReq}`, outsider)).statusCode, 404, 'outside the team: 404');
      const empty = await post(`/advice/${healthReq}`, health, { summary: 'Summary', needs: '', outcomes: '', provision: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter at least one need/);
      const res = await post(`/advice/${healthReq}`, health, {
        summary: 'Alice has a speech sound disorder.', needs: 'Speech sounds are hard to understand\nStruggles with two-step instructions',
        outcomes: 'By July 2027 Alice will be understood by unfamiliar adults', provision: 'Speech and language therapy, 30 minutes weekly for 12 weeks', ...d(testToday, 'receivedOn'),
      });
      assert.equal(res.statusCode, 303, res.body);
      const items = await t.conn.db.selectFrom('advice_item').select(['kind', 'text']).innerJoin('advice_request', 'advice_request.id', 'advice_item.advice_request_id').where('advice_request.id', '=', healthReq).execute();
      assert.equal(items.length, 4);
      const again = await post(`/advice/${healthReq}`, health, { summary: 'x', needs: 'y', ...d(testToday, 'receivedOn') });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /already given/);
      for (const [id, s] of [[reqs.find((r) => r.discipline === 'educational-psychology')?.id, ep], [reqs.find((r) => r.discipline === 'education')?.id, senco]] as const) {
        const r = await post(`/advice/${id}`, s, { summary: 'Advice.', needs: 'A need', provision: 'Small group work, 3 times a week, 20 minutes, with a teaching assistant', ...d(testToday, 'receivedOn') });
        assert.equal(r.statusCode, 303, r.body);
      }
    });

    test('the family gives views, and sees the case without staff-only parts', async () => {
      const page = await get(`/assessments/${caseId}`, parent);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Tell us your views/);
      assert.doesNotMatch(page.body, /Who has been told/);
      const bad = await post(`/assessments/${caseId}/views`, parent, { views: '', aspirations: '' });
      assert.equal(bad.statusCode, 400);
      const res = await post(`/assessments/${caseId}/views`, parent, { views: 'Alice loves drawing and animals.', aspirations: 'To make friends and to be a vet.' });
      assert.equal(res.statusCode, 303, res.body);
    });

    test('the family adds a report they paid for; it is advice in its own right', async () => {
      const doc = await t.conn.db
        .insertInto('document')
        .values({ child_id: childId, la_code: '990', title: 'Independent SALT report', doc_type: 'advice', filename: 'salt.pdf', content_type: 'application/pdf', size_bytes: 9, sha256: 'x', content: Buffer.from('%PDF-1.4\n') })
        .returning('id')
        .executeTakeFirstOrThrow();
      const bad = await post(`/assessments/${caseId}/reports/new`, parent, { documentId: '', author: '', summary: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Choose the report/);
      const res = await post(`/assessments/${caseId}/reports/new`, parent, { documentId: doc.id, author: 'Dr A Patel, independent speech and language therapist', summary: 'Recommends weekly therapy.' });
      assert.equal(res.statusCode, 303, res.body);
      const again = await post(`/assessments/${caseId}/reports/new`, parent, { documentId: doc.id, author: 'Dr A Patel', summary: 'Again' });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /already in the advice list/);
      const page = await get(`/assessments/${caseId}`, caseworker);
      assert.match(page.body, /A report the family commissioned from Dr A Patel/);
      assert.match(page.body, /Open the report/);
    });

    test('an exception is recorded and the family sees why', async () => {
      const res = await post(`/assessments/${caseId}/exception/new`, caseworker, { reason: 'personal-circumstances', ...d(addDays(received, 10), 'from'), ...d(addDays(received, 30), 'to'), explanation: 'Alice was in hospital for three weeks.' });
      assert.equal(res.statusCode, 303, res.body);
      const page = await get(`/assessments/${caseId}`, parent);
      assert.match(page.body, /Alice was in hospital for three weeks/);
      assert.match(page.body, /An exception to the time limits applies/);
    });

    test('draft, comments, consultation, final', async () => {
      const before = await post(`/assessments/${caseId}/draft`, caseworker, d(addDays(testToday, -1), 'on'));
      assert.equal(before.statusCode, 400, 'a draft dated before the last advice came in');
      assert.match(before.body, /the last advice came in/);
      let res = await post(`/assessments/${caseId}/draft`, caseworker, d(testToday, 'on'));
      assert.equal(res.statusCode, 303, res.body);
      const early = await post(`/assessments/${caseId}/final`, caseworker, d(testToday, 'on'));
      assert.equal(early.statusCode, 400);
      assert.match(early.body, /has until/);
      res = await post(`/assessments/${caseId}/consultations/new`, caseworker, { organisationId: ids.school, ...d(testToday, 'sentOn'), ...d(addDays(testToday, 15), 'dueOn') });
      assert.equal(res.statusCode, 303, res.body);
      const schoolView = await get(`/assessments/${caseId}`, senco);
      assert.match(schoolView.body, /Your setting has been consulted/);
      const consultation = await t.conn.db.selectFrom('setting_consultation').select('id').where('assessment_id', '=', caseId).executeTakeFirstOrThrow();
      res = await post(`/consultations/${consultation.id}`, senco, { response: 'can-meet', reasons: 'We have a speech and language base.' });
      assert.equal(res.statusCode, 303, res.body);
      res = await post(`/assessments/${caseId}/draft-comments`, parent, { comments: 'Please add more about friendships.', wantsMeeting: 'yes', preferredSetting: 'Oak Primary School' });
      assert.equal(res.statusCode, 303, res.body);
      res = await post(`/assessments/${caseId}/final`, caseworker, { ...d(testToday, 'on'), namedSettingId: ids.school });
      assert.equal(res.statusCode, 303, res.body);
      const page = await get(`/assessments/${caseId}`, caseworker);
      assert.match(page.body, /Final plan issued/);
      assert.match(page.body, /Issued on time/, 'issued at week 9');
      const closed = await post(`/assessments/${caseId}/withdraw`, caseworker, { ...d(testToday, 'on'), reason: 'x' });
      assert.equal(closed.statusCode, 400);
      assert.match(closed.body, /This assessment is closed/);
    });

    test('the caseload, team view and forecast', async () => {
      const list = await get('/assessments?show=all', caseworker);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /EHC needs assessments/);
      const closed = await get('/assessments?show=closed&sort=name', caseworker);
      assert.match(closed.body, /EHC-990-\d{4}-\d{5}/, 'the finished case is under Closed');
      assert.match(closed.body, /<a class="govuk-link" href="\/assessments\?[^"]*sort=deadline[^"]*">Next deadline<\/a>/, 'columns sort by link');
      const team = await get('/assessments/team', manager);
      assert.equal(team.statusCode, 200);
      assert.match(team.body, /Open cases by caseworker and stage/);
      const fc = await get('/assessments/forecast', manager);
      assert.equal(fc.statusCode, 200);
      assert.equal((await get('/assessments', health)).statusCode, 404, 'not for professionals outside the SEND team');
      assert.equal((await get('/assessments', parent)).statusCode, 404);
    });

    test('the API: the caseload and a case with its steps; advice through the API gets 400 per field', async () => {
      const api = (method: 'GET' | 'POST', url: string, s: Session, payload?: unknown) =>
        t.app.inject({ method, url, headers: { cookie: s.cookie, 'csrf-token': s.csrf, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
      const list = await api('GET', '/api/v1/assessments?closed=true', caseworker);
      assert.equal(list.statusCode, 200);
      const body = list.json<{ items: { id: string; stage: string }[] }>();
      assert.ok(body.items.some((i) => i.id === caseId && i.stage === 'final-issued'));
      const one = await api('GET', `/api/v1/assessments/${caseId}`, caseworker);
      assert.equal(one.statusCode, 200);
      const c = one.json<{ steps: { step: string; status: string }[]; advice: { needs: string[] }[] }>();
      assert.equal(c.steps.find((s) => s.step === 'final')?.status, 'met');
      assert.ok(c.advice.some((a) => a.needs.length === 2));
      assert.equal((await api('GET', `/api/v1/assessments/${caseId}`, outsider)).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/assessments/${caseId}` })).statusCode, 401);
      const bad = await api('POST', `/api/v1/advice/${caseId}`, health, { summary: '', needs: [] });
      assert.equal(bad.statusCode, 400);
      const errs = bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
      assert.ok(errs.includes('summary') && errs.includes('needs'), JSON.stringify(errs));
    });

    test('a child whose name is an everyday word still gets notices, under the bare reference', async () => {
      const will = await buildChild(t.conn.db, { givenName: 'Will', familyName: 'Hope', dateOfBirth: '2017-02-02', laCode: '990' });
      const mum = await buildFamilyUser(t.conn.db, { name: 'Jane Hope' });
      await linkFamily(t.conn.db, will.id, mum.id, { relationship: 'mother', parentalResponsibility: true, name: 'Jane Hope' });
      const res = await post(`/children/${will.id}/assessments`, caseworker, { ...d(received, 'requestReceived'), requestSource: '1', requestedBy: 'Jane Hope' });
      assert.equal(res.statusCode, 303, res.body);
      const id = String(res.headers.location).split('/').pop() ?? '';
      const decided = await post(`/assessments/${id}/decision`, manager, { assess: 'yes', ...d(addDays(received, 10), 'on'), reasons: 'Needs may call for a plan.' });
      assert.equal(decided.statusCode, 303, 'the subject “… will go ahead” would name Will: the change still happens');
      const msgs = await t.conn.db.selectFrom('inbox_message').select('subject').where('user_id', '=', mum.id).execute();
      assert.ok(msgs.some((m) => /^Update on EHC-990-/.test(m.subject)), JSON.stringify(msgs));
      assert.ok(msgs.every((m) => !/\bWill\b|\bHope\b/i.test(m.subject)));
    });

    test('a refusal to assess: the decision letter has the reasons, the appeal deadline and mediation', async () => {
      const kid = await buildChild(t.conn.db, { givenName: 'Kit', familyName: 'Jones', dateOfBirth: '2018-04-04', laCode: '990' });
      const mum = await buildFamilyUser(t.conn.db, { name: 'Kay Jones' });
      await linkFamily(t.conn.db, kid.id, mum.id, { relationship: 'mother', parentalResponsibility: true, name: 'Kay Jones' });
      const res = await post(`/children/${kid.id}/assessments`, caseworker, { ...d(received, 'requestReceived'), requestSource: '2', requestedBy: 'Oak Primary School' });
      const id = String(res.headers.location).split('/').pop() ?? '';
      assert.equal((await get(`/assessments/${id}/letter`, caseworker)).statusCode, 404, 'no letter before a decision');
      const decidedOn = addDays(received, 30);
      const no = await post(`/assessments/${id}/decision`, manager, { assess: 'no', ...d(decidedOn, 'on'), reasons: 'The school’s support is meeting Kit’s needs.' });
      assert.equal(no.statusCode, 303);
      const letter = await get(`/assessments/${id}/letter`, await signIn(t.app, mum.email));
      assert.equal(letter.statusCode, 200);
      assert.match(letter.body, /Dear Kay Jones/);
      assert.match(letter.body, /The school’s support is meeting Kit’s needs/);
      assert.match(letter.body, /mediation adviser/);
      assert.match(letter.body, /First-tier Tribunal/);
      assert.match(letter.body, /Last day to appeal/);
    });

    test('every change is in the child’s timeline and audit trail', async () => {
      const tl = await t.conn.db.selectFrom('timeline_event').select('title').where('child_id', '=', childId).where('kind', '=', 'assessment').execute();
      assert.ok(tl.length >= 10, `timeline has ${tl.length} assessment entries`);
      const au = await t.conn.db.selectFrom('audit_event').select('entity').where('child_id', '=', childId).where('action', 'in', ['create', 'update']).execute();
      assert.ok(au.some((a) => a.entity === 'assessment') && au.some((a) => a.entity === 'assessment-final'));
      assert.equal((await get(`/assessments/${caseId}`, outsider)).statusCode, 404, 'a professional outside the team gets 404');
      assert.equal((await get('/assessments/not-a-uuid', caseworker)).statusCode, 404);
    });
  });
}
