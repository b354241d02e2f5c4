// The EHC plan through its pages: written section by section, every recommendation traced, the draft refused
// while advice is untraced, issued and then immutable, commented on by an adviser, agreed by the ICB's designated
// clinical officer, issued as final, and opened by the family; versions compared.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { engines, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { addToTeam, buildArea, buildChild, buildFamilyUser, buildOrganisation, buildStaff, giveConsent, linkFamily, signIn } from '../support/factories.ts';
import { addDays } from '../../src/platform/plain-date.ts';
import { recordDecision, startAssessment } from '../../src/assessment/store.ts';
import { giveAdvice, requestAdvice } from '../../src/assessment/advice-store.ts';
import { exportPlan } from '../../src/plans/store.ts';

type Session = { cookie: string; csrf: string };

for (const engine of engines()) {
  describe(`EHC plan on ${engine}`, () => {
    let t: TestApp;
    let caseworker: Session;
    let dco: Session;
    let therapist: Session;
    let parent: Session;
    let outsider: Session;
    let socialWorker: Session;
    let socialManager: Session;
    let caseId = '';
    let planId = '';
    let childId = '';

    const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
    const post = (url: string, s: Session, form: Record<string, string | string[]>) => {
      const b = new URLSearchParams({ _csrf: s.csrf });
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) b.append(k, x);
      return t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: b.toString() });
    };
    const content = async () => {
      const r = await t.conn.db.selectFrom('plan_version').select(['number', 'state', 'content', 'edit_version']).where('plan_id', '=', planId).orderBy('number', 'desc').executeTakeFirstOrThrow();
      return r as unknown as { number: number; state: string; edit_version: number; content: { B: { id: string }[]; C: { id: string }[]; D: { id: string }[]; E: { id: string }[]; F: { id: string }[]; G: { id: string }[] } };
    };

    before(async () => {
      t = await startTestApp(engine);
      const db = t.conn.db;
      await buildArea(db, '990', 'Joinedshire');
      const team = await buildOrganisation(db, { kind: 'send-team', laCode: '990' });
      const icb = await buildOrganisation(db, { kind: 'icb', laCode: '990', name: 'Joinedshire ICB' });
      const clinic = await buildOrganisation(db, { kind: 'health-provider', laCode: '990', name: 'Children’s Therapies' });
      const cw = await buildStaff(db, { organisationId: team.id, roles: ['caseworker'], name: 'Casey Worker' });
      const mg = await buildStaff(db, { organisationId: team.id, roles: ['send-manager'], name: 'Morgan Manager' });
      const d = await buildStaff(db, { organisationId: icb.id, roles: ['designated-clinical-officer'], name: 'Dana Clinical' });
      const th = await buildStaff(db, { organisationId: clinic.id, roles: ['health-professional'], name: 'Theo Therapist' });
      const other = await buildStaff(db, { organisationId: clinic.id, roles: ['health-professional'], name: 'Olive Other' });
      const social = await buildOrganisation(db, { kind: 'social-care', laCode: '990', name: 'Children’s Social Care' });
      const sw = await buildStaff(db, { organisationId: social.id, roles: ['social-worker'], name: 'Sid Worker' });
      const scm = await buildStaff(db, { organisationId: social.id, roles: ['social-care-manager'], name: 'Sally Manager' });
      const mum = await buildFamilyUser(db, { name: 'Pat Parent' });
      const child = await buildChild(db, { givenName: 'Robin', familyName: 'Lee', dateOfBirth: '2016-05-05', laCode: '990' });
      childId = child.id;
      await giveConsent(db, childId, { agencies: ['education', 'health', 'social-care'] });
      await linkFamily(db, childId, mum.id, { relationship: 'mother', parentalResponsibility: true, name: 'Pat Parent' });
      await addToTeam(db, childId, { organisationId: icb.id, userId: d.id, role: 'Designated clinical officer' });
      await addToTeam(db, childId, { organisationId: social.id, role: 'Children’s social care' });
      const today = testToday;
      caseId = await startAssessment(db, cw, today, childId, { requestReceived: addDays(today, -70), requestSource: 1, requestedBy: 'Pat Parent', summary: '', caseworkerId: cw.id });
      await recordDecision(db, mg, today, caseId, { assess: true, on: addDays(today, -60), reasons: 'Needs may call for a plan.' });
      const reqId = await requestAdvice(db, cw, today, caseId, { discipline: 'health', requestedOfUser: th.id, requestedOfOrg: null, requestedOn: addDays(today, -59) });
      await giveAdvice(db, th, today, reqId, { summary: 'Speech sound disorder.', needs: ['Speech is hard to understand'], outcomes: ['Understood by unfamiliar adults by July 2027'], provision: ['Speech and language therapy, 30 minutes weekly for 12 weeks', 'Access to a quiet room'], receivedOn: addDays(today, -20) });
      caseworker = await signIn(t.app, cw.email);
      dco = await signIn(t.app, d.email);
      therapist = await signIn(t.app, th.email);
      parent = await signIn(t.app, mum.email);
      outsider = await signIn(t.app, other.email);
      socialWorker = await signIn(t.app, sw.email);
      socialManager = await signIn(t.app, scm.email);
    });
    after(() => t.close());

    test('the caseworker starts the plan; section A comes from the family’s views; K from the advice', async () => {
      const res = await post(`/assessments/${caseId}/plan`, caseworker, {});
      assert.equal(res.statusCode, 303, res.body);
      planId = String(res.headers.location).split('/').pop() ?? '';
      const page = await get(`/plans/${planId}`, caseworker);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Section K: Advice and information/);
      assert.match(page.body, /Health advice, Theo Therapist, Children’s Therapies/);
      assert.equal((await get(`/plans/${planId}`, parent)).statusCode, 404, 'the family does not see a version being written');
      assert.equal((await get(`/plans/${planId}`, outsider)).statusCode, 404);
    });

    test('sections are written through forms without JavaScript; errors are shown by the field', async () => {
      let v = await content();
      let res = await post(`/plans/${planId}/edit/B`, caseworker, { editVersion: String(v.edit_version), rows: '2', 'text-0': 'Speech is hard to understand', 'needType-0': 'SLCN', 'primary-0': 'yes', 'text-1': '' });
      assert.equal(res.statusCode, 303, res.body);
      v = await content();
      const bad = await post(`/plans/${planId}/edit/B`, caseworker, { editVersion: String(v.edit_version), rows: '1', 'id-0': v.content.B[0]?.id ?? '', 'text-0': '', 'needType-0': 'SLCN' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Describe the need/);
      assert.match(bad.body, /href="#text-0"/);
      res = await post(`/plans/${planId}/edit/C`, caseworker, { editVersion: String(v.edit_version), rows: '1', 'text-0': 'Speech sound disorder diagnosed by the speech and language therapy service' });
      assert.equal(res.statusCode, 303);
      v = await content();
      res = await post(`/plans/${planId}/edit/E`, caseworker, { editVersion: String(v.edit_version), rows: '1', 'outcome-0': 'By July 2027 Robin will be understood by adults he does not know', 'timeframe-0': 'July 2027' });
      assert.equal(res.statusCode, 303);
      v = await content();
      const need = v.content.B[0]?.id ?? '';
      const health = v.content.C[0]?.id ?? '';
      const outcome = v.content.E[0]?.id ?? '';
      res = await post(`/plans/${planId}/edit/F`, caseworker, { editVersion: String(v.edit_version), rows: '1', 'what-0': 'Small-group speech practice', 'who-0': 'Teaching assistant trained by the therapist', 'frequency-0': '3 times a week', 'duration-0': '15 minutes', 'needIds-0': need, 'outcomeIds-0': outcome });
      assert.equal(res.statusCode, 303);
      v = await content();
      res = await post(`/plans/${planId}/edit/G`, caseworker, { editVersion: String(v.edit_version), rows: '1', 'what-0': 'Speech and language therapy', 'who-0': 'Speech and language therapist', 'frequency-0': 'Weekly', 'duration-0': '30 minutes for 12 weeks', 'needIds-0': [health, need], 'outcomeIds-0': outcome });
      assert.equal(res.statusCode, 303);
      // The Halton outcome, pasted into section E, is flagged while the plan is written; then taken out again.
      v = await content();
      const halton = await post(`/plans/${planId}/edit/E`, caseworker, { editVersion: String(v.edit_version), rows: '2', 'id-0': outcome, 'outcome-0': 'By July 2027 Robin will be understood by adults he does not know', 'timeframe-0': 'July 2027', 'outcome-1': 'Child Y will no longer need the services of the physiotherapist' });
      assert.equal(halton.statusCode, 303, halton.body);
      const flagged = await get(`/plans/${planId}`, caseworker);
      assert.match(flagged.body, /describes a service ending, not what the child will be able to do/);
      assert.match(flagged.body, /Quality \d+ \/ 100/);
      v = await content();
      const removed = await post(`/plans/${planId}/edit/E`, caseworker, { editVersion: String(v.edit_version), rows: '2', 'id-0': outcome, 'outcome-0': 'By July 2027 Robin will be understood by adults he does not know', 'timeframe-0': 'July 2027', 'id-1': v.content.E[1]?.id ?? '', 'outcome-1': 'x', 'remove-1': 'yes' });
      assert.equal(removed.statusCode, 303);
      assert.equal((await content()).content.E.length, 1);
      const vague = await post(`/plans/${planId}/edit/F`, caseworker, { editVersion: String((await content()).edit_version), rows: '2', 'id-0': (await content()).content.F[0]?.id ?? '', 'what-0': 'Small-group speech practice', 'who-0': 'Teaching assistant trained by the therapist', 'frequency-0': '3 times a week', 'duration-0': '15 minutes', 'needIds-0': need, 'outcomeIds-0': outcome, 'what-1': 'Regular opportunities to work in a small group', 'needIds-1': need, 'outcomeIds-1': outcome });
      assert.equal(vague.statusCode, 303);
      assert.match((await get(`/plans/${planId}`, caseworker)).body, /does not say how often/);
      v = await content();
      const backTo = await post(`/plans/${planId}/edit/F`, caseworker, { editVersion: String(v.edit_version), rows: '2', 'id-0': v.content.F[0]?.id ?? '', 'what-0': 'Small-group speech practice', 'who-0': 'Teaching assistant trained by the therapist', 'frequency-0': '3 times a week', 'duration-0': '15 minutes', 'needIds-0': need, 'outcomeIds-0': outcome, 'id-1': v.content.F[1]?.id ?? '', 'what-1': 'x', 'remove-1': 'yes' });
      assert.equal(backTo.statusCode, 303);
      const stale = await post(`/plans/${planId}/edit/A`, caseworker, { editVersion: String(v.edit_version), views: 'x' });
      assert.equal(stale.statusCode, 400, 'a save from an old page is refused');
      assert.match(stale.body, /Someone else saved this plan/);
    });

    test('the draft cannot be issued while advice is untraced; traced, it is issued and becomes immutable', async () => {
      let res = await post(`/plans/${planId}/issue-draft`, caseworker, {});
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /4 recommendations in the advice are not yet placed/);
      const items = await t.conn.db.selectFrom('advice_item').select(['id', 'kind', 'text']).orderBy('kind').orderBy('position').execute();
      const v = await content();
      const noReason = await post(`/plans/${planId}/trace/${items[0]?.id}`, caseworker, { decision: 'not-included', reason: '' });
      assert.equal(noReason.statusCode, 400);
      for (const it of items) {
        const form: Record<string, string> = it.text.startsWith('Access to') ? { decision: 'not-included', reason: 'Not specific: replaced by the small-group provision in F' }
          : it.kind === 'need' ? { decision: 'included', target: `B:${v.content.B[0]?.id}` }
          : it.kind === 'outcome' ? { decision: 'included', target: `E:${v.content.E[0]?.id}` }
          : { decision: 'included', target: `G:${v.content.G[0]?.id}` };
        const r = await post(`/plans/${planId}/trace/${it.id}`, caseworker, form);
        assert.equal(r.statusCode, 303, r.body);
      }
      res = await post(`/plans/${planId}/issue-draft`, caseworker, {});
      assert.equal(res.statusCode, 303, res.body);
      const a = await t.conn.db.selectFrom('assessment').select(['stage', 'draft_issued_on']).where('id', '=', caseId).executeTakeFirstOrThrow();
      assert.equal(a.stage, 'draft-issued');
      assert.equal(a.draft_issued_on, testToday);
      await assert.rejects(sql`UPDATE plan_version SET content = '{}' WHERE plan_id = ${planId}`.execute(t.conn.db), /cannot be changed/);
      const viaAssessment = await post(`/assessments/${caseId}/final`, caseworker, { 'on[day]': '20', 'on[month]': '11', 'on[year]': '2026' });
      assert.equal(viaAssessment.statusCode, 400);
      assert.match(viaAssessment.body, /issue the final from the plan/);
    });

    test('the adviser comments on the draft; the family reads it; the final needs the ICB’s and a social care manager’s agreement', async () => {
      let res = await post(`/plans/${planId}/comments`, therapist, { text: 'Please make the therapy block 12 weeks, reviewed at the end.' });
      assert.equal(res.statusCode, 303, res.body);
      const familyView = await get(`/plans/${planId}`, parent);
      assert.equal(familyView.statusCode, 200);
      assert.match(familyView.body, /Small-group speech practice/);
      res = await post(`/plans/${planId}/final-version`, caseworker, {});
      assert.equal(res.statusCode, 303);
      const v = await content();
      assert.equal(v.number, 2);
      res = await post(`/plans/${planId}/edit/I`, caseworker, { editVersion: String(v.edit_version), name: 'Oak Primary School', urn: '123456', type: 'Mainstream primary' });
      assert.equal(res.statusCode, 303, res.body);
      // A social care need and the short breaks that meet it (sections D and H2) in the final version.
      res = await post(`/plans/${planId}/edit/D`, caseworker, { editVersion: String((await content()).edit_version), rows: '1', 'text-0': 'Robin’s parents need regular breaks from caring' });
      assert.equal(res.statusCode, 303, res.body);
      const withD = await content();
      const dNeed = withD.content.D[0]?.id ?? '';
      const outcomeId = withD.content.E[0]?.id ?? '';
      res = await post(`/plans/${planId}/edit/H2`, caseworker, { editVersion: String(withD.edit_version), rows: '1', 'what-0': 'Short breaks at the Riverside play scheme', 'who-0': 'Joinedshire short breaks service', 'frequency-0': 'One Saturday a month', 'duration-0': '6 hours, for 12 months', 'needIds-0': dNeed, 'outcomeIds-0': outcomeId });
      assert.equal(res.statusCode, 303, res.body);
      const page = await get(`/plans/${planId}`, caseworker);
      assert.match(page.body, /Please make the therapy block 12 weeks/, 'the caseworker sees the adviser’s comments');
      res = await post(`/plans/${planId}/issue-final`, caseworker, {});
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /need the agreement of the health commissioner/);
      assert.match(res.body, /Sections D and H need a social care manager’s agreement/);
      const bySomeoneElse = await post(`/plans/${planId}/signoff`, therapist, { area: 'health' });
      assert.equal(bySomeoneElse.statusCode, 403);
      res = await post(`/plans/${planId}/signoff`, dco, { area: 'health', comment: 'Agreed.' });
      assert.equal(res.statusCode, 303, res.body);
      const byTheSocialWorker = await post(`/plans/${planId}/signoff`, socialWorker, { area: 'social-care' });
      assert.equal(byTheSocialWorker.statusCode, 403, 'a social worker may not agree sections D and H: a manager does');
      const managerPage = await get(`/plans/${planId}`, socialManager);
      assert.match(managerPage.body, /Agree the social care sections/);
      res = await post(`/plans/${planId}/signoff`, socialManager, { area: 'social-care', comment: 'Short breaks agreed.' });
      assert.equal(res.statusCode, 303, res.body);
      const signoffs = await t.conn.db.selectFrom('plan_signoff').select(['area', 'signed_by', 'role']).orderBy('area').execute();
      assert.deepEqual(signoffs.map((x) => [x.area, x.role]), [['health', 'Designated clinical officer'], ['social-care', 'Social care manager']]);
      assert.match(signoffs[1]?.signed_by ?? '', /Sally Manager, Children’s Social Care/);
    });

    test('the final plan is issued before the comment window ends only once the family has commented', async () => {
      let res = await post(`/plans/${planId}/issue-final`, caseworker, {});
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /has until/);
      res = await post(`/assessments/${caseId}/draft-comments`, parent, { comments: 'We agree with the plan.', wantsMeeting: 'no' });
      assert.equal(res.statusCode, 303);
      res = await post(`/plans/${planId}/issue-final`, caseworker, {});
      assert.equal(res.statusCode, 303, res.body);
      const page = await get(`/plans/${planId}`, caseworker);
      assert.match(page.body, /Not opened yet by:.*Pat Parent/s);
      await get(`/plans/${planId}`, parent);
      const after = await get(`/plans/${planId}`, caseworker);
      assert.match(after.body, /Pat Parent: first opened/);
      const inbox = await t.conn.db.selectFrom('inbox_message').select('subject').where('kind', '=', 'plan-issued').execute();
      assert.ok(inbox.length >= 2, 'the family and the team are told');
      const mine = await get(`/plans/${planId}/my-plan`, parent);
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /What I am working towards/);
      assert.match(mine.body, /Robin will be understood by adults he does not know/);
      assert.match(mine.body, /Speech and language therapist/);
      const cmp = await get(`/plans/${planId}/compare?from=1&to=2`, parent);
      assert.equal(cmp.statusCode, 200);
      assert.match(cmp.body, /Section I: School or other setting/);
      assert.match(cmp.body, /Oak Primary School/);
    });

    test('export, import into a second database, export again: nothing lost', async () => {
      const res = await get(`/api/v1/plans/${planId}/export`, caseworker);
      assert.equal(res.statusCode, 200);
      const doc = res.json<{ plan: { versions: { number: number; state: string }[] }; child: Record<string, unknown> }>();
      assert.equal(doc.plan.versions.length, 2);
      assert.equal((await get(`/api/v1/plans/${planId}/export`, parent)).statusCode, 404, 'the export is for the SEND team');
      // The family moves: a second install, another area's SEND team.
      const other = await startTestApp(engine);
      try {
        const db2 = other.conn.db;
        await buildArea(db2, '991', 'Neighbourton');
        const team2 = await buildOrganisation(db2, { kind: 'send-team', laCode: '991' });
        const cw2 = await buildStaff(db2, { organisationId: team2.id, roles: ['caseworker'] });
        const s2 = await signIn(other.app, cw2.email);
        const api = (payload: unknown) => other.app.inject({ method: 'POST', url: '/api/v1/plans/import', headers: { cookie: s2.cookie, 'csrf-token': s2.csrf, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
        const bad = await api({ ...doc, plan: { ...doc.plan, versions: [] } });
        assert.equal(bad.statusCode, 400);
        assert.ok(bad.json<{ errors: { field: string }[] }>().errors.some((e) => e.field === 'plan.versions'));
        const imported = await api(doc);
        assert.equal(imported.statusCode, 201, imported.body);
        const { planId: id2, createdChild } = imported.json<{ planId: string; createdChild: boolean }>();
        assert.equal(createdChild, true);
        const again = await api(doc);
        assert.equal(again.statusCode, 400, 'the same plan twice is refused');
        const back = await exportPlan(db2, cw2, testToday, id2);
        const strip = (x: { exportedAt?: unknown; exportedBy?: unknown }) => ({ ...x, exportedAt: undefined, exportedBy: undefined });
        assert.deepEqual(strip(back), strip(doc as never), 'the round trip loses nothing');
        const page = await other.app.inject({ method: 'GET', url: `/plans/${id2}`, headers: { cookie: s2.cookie } });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Small-group speech practice/);
      } finally {
        await other.close();
      }
    });
  });
}
