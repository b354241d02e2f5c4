// GET /plans/:id/pdf through the real app: the same door as the plan's page. The caseworker gets the PDF (audited);
// the family gets the issued version and a 404 for the one being written; someone outside the team gets a 404;
// a visitor who is not signed in is sent to sign in, as for the page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engines, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { buildArea, buildChild, buildFamilyUser, buildOrganisation, buildStaff, giveConsent, linkFamily, signIn } from '../support/factories.ts';
import { addDays } from '../../src/platform/plain-date.ts';
import { recordDecision, startAssessment } from '../../src/assessment/store.ts';
import { issueDraftPlan, saveContent, startFinalVersion, startPlan } from '../../src/plans/store.ts';

type Session = { cookie: string; csrf: string };
const hasPdftotext = fs.existsSync('/usr/bin/pdftotext');

for (const engine of engines()) {
  describe(`the plan as a PDF on ${engine}`, () => {
    let t: TestApp;
    let caseworker: Session;
    let parent: Session;
    let outsider: Session;
    let caseworkerId = '';
    let planId = '';
    let reference = '';

    const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });

    before(async () => {
      t = await startTestApp(engine);
      const db = t.conn.db;
      await buildArea(db, '990', 'Joinedshire');
      const team = await buildOrganisation(db, { kind: 'send-team', laCode: '990' });
      const clinic = await buildOrganisation(db, { kind: 'health-provider', laCode: '990', name: 'Children’s Therapies' });
      const cw = await buildStaff(db, { organisationId: team.id, roles: ['caseworker'], name: 'Casey Worker' });
      const mg = await buildStaff(db, { organisationId: team.id, roles: ['send-manager'], name: 'Morgan Manager' });
      const other = await buildStaff(db, { organisationId: clinic.id, roles: ['health-professional'], name: 'Olive Other' });
      const mum = await buildFamilyUser(db, { name: 'Pat Parent' });
      const child = await buildChild(db, { givenName: 'Robin', familyName: 'Lee', dateOfBirth: '2016-05-05', laCode: '990' });
      await giveConsent(db, child.id, { agencies: ['education', 'health', 'social-care'] });
      await linkFamily(db, child.id, mum.id, { relationship: 'mother', parentalResponsibility: true, name: 'Pat Parent' });
      caseworkerId = cw.id;
      const caseId = await startAssessment(db, cw, testToday, child.id, { requestReceived: addDays(testToday, -70), requestSource: 1, requestedBy: 'Pat Parent', summary: '', caseworkerId: cw.id });
      await recordDecision(db, mg, testToday, caseId, { assess: true, on: addDays(testToday, -60), reasons: 'Needs may call for a plan.' });
      planId = await startPlan(db, cw, testToday, caseId);
      const v = await db.selectFrom('plan_version').select('edit_version').where('plan_id', '=', planId).executeTakeFirstOrThrow();
      await saveContent(db, cw, testToday, planId, {
        A: { views: 'Robin likes trains.', interests: '', aspirations: 'To drive trains' },
        B: [{ id: 'b1', text: 'Speech is hard to understand', needType: 'SLCN', primary: true }],
        E: [{ id: 'e1', outcome: 'By July 2027 Robin will be understood by adults he does not know', timeframe: 'July 2027' }],
        F: [{ id: 'f1', what: 'Small-group speech practice', who: 'Teaching assistant', frequency: '3 times a week', duration: '15 minutes', needIds: ['b1'], outcomeIds: ['e1'] }],
      }, v.edit_version, 'all');
      await issueDraftPlan(db, cw, testToday, planId);
      await startFinalVersion(db, cw, testToday, planId);
      reference = (await db.selectFrom('plan').select('reference').where('id', '=', planId).executeTakeFirstOrThrow()).reference;
      caseworker = await signIn(t.app, cw.email);
      parent = await signIn(t.app, mum.email);
      outsider = await signIn(t.app, other.email);
    });
    after(() => t.close());

    test('the caseworker gets the issued version as a PDF, inline, named by reference and version; the read is audited', async () => {
      const audits = () => t.conn.db.selectFrom('audit_event').select('id').where('actor_id', '=', caseworkerId).where('entity', '=', 'plan').where('action', '=', 'read').execute();
      const before = (await audits()).length;
      const res = await get(`/plans/${planId}/pdf?v=1`, caseworker);
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['content-disposition'], `inline; filename="${reference}-v1.pdf"`);
      assert.equal(res.headers['cache-control'], 'private, no-store');
      assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal((await audits()).length, before + 1);
      if (hasPdftotext) {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-pdf-')), 'plan.pdf');
        fs.writeFileSync(file, res.rawPayload);
        const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
        assert.match(text, /Education, health and care plan for Robin Lee/);
        assert.match(text, new RegExp(`Reference: ${reference} Version 1, draft, issued 20 November 2026`));
        assert.match(text, /Section B: Special educational needs • Speech is hard to understand \(Speech, language and communication needs, primary need\)/);
        assert.match(text, /Section F: Special educational provision 1\. Small-group speech practice Who: Teaching assistant\./);
      }
    });

    test('the SEND team also gets the version being written, which is the default for them, as on the page', async () => {
      const res = await get(`/plans/${planId}/pdf`, caseworker);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-disposition'], `inline; filename="${reference}-v2.pdf"`);
    });

    test('the family gets the issued version only; the plan page links to it', async () => {
      assert.match((await get(`/plans/${planId}`, parent)).body, new RegExp(`href="/plans/${planId}/pdf\\?v=1">Version 1 of the plan as a PDF</a>`));
      const res = await get(`/plans/${planId}/pdf`, parent);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['content-disposition'], `inline; filename="${reference}-v1.pdf"`, 'the latest issued version, not the one being written');
      assert.equal((await get(`/plans/${planId}/pdf?v=2`, parent)).statusCode, 404, 'the version being written is not theirs to see');
      assert.equal((await get(`/plans/${planId}/pdf?v=9`, parent)).statusCode, 404);
    });

    test('someone outside the team gets a 404, as for the page; so does a plan that does not exist', async () => {
      const res = await get(`/plans/${planId}/pdf`, outsider);
      assert.equal(res.statusCode, 404);
      assert.notEqual(res.headers['content-type'], 'application/pdf');
      assert.equal((await get(`/plans/${planId}`, outsider)).statusCode, 404);
      assert.equal((await get('/plans/00000000-0000-4000-8000-000000000000/pdf', caseworker)).statusCode, 404);
      assert.equal((await get('/plans/not-a-plan/pdf', caseworker)).statusCode, 404);
    });

    test('not signed in: sent to sign in and back, as for the page', async () => {
      const page = await get(`/plans/${planId}`);
      const res = await get(`/plans/${planId}/pdf?v=1`);
      assert.equal(res.statusCode, page.statusCode);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/sign-in?returnTo=${encodeURIComponent(`/plans/${planId}/pdf?v=1`)}`);
    });
  });
}
