// The caseworker's list of assessments (listCases, one statement): only children the policy lets the actor see,
// only the scope asked for, each case's advice and exceptions reaching the engine, and one audit row per listed
// child written with the read, none for a child not listed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { listCases } from '../../src/assessment/caseload-store.ts';
import { caseStatus, forecastWeek20 } from '../../src/assessment/case.ts';
import { engines, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { buildArea, buildChild, buildOrganisation, buildStaff, signIn } from '../support/factories.ts';

for (const engine of engines()) {
  describe(`the assessment caseload on ${engine}`, () => {
    let t: TestApp;
    const ids: Record<string, string> = {};
    let caseworker: Awaited<ReturnType<typeof buildStaff>>;
    let other: Awaited<ReturnType<typeof buildStaff>>;
    let senco: Awaited<ReturnType<typeof buildStaff>>;

    before(async () => {
      t = await startTestApp(engine);
      const db = t.conn.db;
      await buildArea(db, '990', 'Testshire');
      await buildArea(db, '991', 'Otherton');
      const team = await buildOrganisation(db, { kind: 'send-team', laCode: '990' });
      const otherTeam = await buildOrganisation(db, { kind: 'send-team', laCode: '991' });
      const school = await buildOrganisation(db, { kind: 'school', laCode: '990' });
      caseworker = await buildStaff(db, { organisationId: team.id, roles: ['caseworker'], name: 'Casey Worker' });
      other = await buildStaff(db, { organisationId: team.id, roles: ['caseworker'], name: 'Olly Other' });
      const away = await buildStaff(db, { organisationId: otherTeam.id, roles: ['caseworker'], name: 'Ada Away' });
      senco = await buildStaff(db, { organisationId: school.id, roles: ['senco'], name: 'Sam Senco' });
      let n = 0;
      const assess = async (key: string, c: { laCode: string; caseworkerId: string; stage: 'requested' | 'assessing' | 'final-issued'; received: string; decided?: string; draft?: string; final?: string }) => {
        const child = await buildChild(db, { laCode: c.laCode, givenName: `Child${key}`, familyName: 'Case' });
        ids[`${key}Child`] = child.id;
        const a = await db
          .insertInto('assessment')
          .values({ reference: `EHC-${c.laCode}-2026-${String(++n).padStart(5, '0')}`, child_id: child.id, la_code: c.laCode, request_received: c.received, request_source: 1, requested_by: 'Mother', stage: c.stage, caseworker_id: c.caseworkerId, decided_on: c.decided ?? null, draft_issued_on: c.draft ?? null, final_issued_on: c.final ?? null })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids[key] = a.id;
      };
      await assess('onTrack', { laCode: '990', caseworkerId: caseworker.id, stage: 'requested', received: '2026-11-02' });
      await assess('overdueAdvice', { laCode: '990', caseworkerId: caseworker.id, stage: 'assessing', received: '2026-07-01', decided: '2026-08-01' });
      await assess('closed', { laCode: '990', caseworkerId: caseworker.id, stage: 'final-issued', received: '2025-09-01', decided: '2025-10-01', draft: '2025-12-01', final: '2026-01-05' });
      await assess('othersCase', { laCode: '990', caseworkerId: other.id, stage: 'requested', received: '2026-11-03' });
      await assess('otherArea', { laCode: '991', caseworkerId: away.id, stage: 'requested', received: '2026-11-04' });
      // Advice overdue (due before today, not received) and an exception on the same case.
      for (const [adviser, due] of [['health', '2026-09-12'], ['educational-psychology', '2026-12-01']] as const) {
        await db.insertInto('advice_request').values({ assessment_id: ids.overdueAdvice ?? '', la_code: '990', adviser, discipline: adviser, requested_of_name: `The ${adviser} adviser`, requested_on: '2026-08-01', due_on: due }).execute();
      }
      await db.insertInto('assessment_exception').values({ assessment_id: ids.overdueAdvice ?? '', la_code: '990', reason: 'personal-circumstances', from_date: '2026-08-10', to_date: '2026-08-20', explanation: 'Family bereavement' }).execute();
    });
    after(() => t.close());

    const listedAudit = (actorId: string) =>
      t.conn.db.selectFrom('audit_event').select(['entity_id', 'child_id', 'la_code', 'via', 'ip']).where('actor_id', '=', actorId).where('entity', '=', 'assessment-list').orderBy('id').execute();

    test('a caseworker’s own open cases, with advice and exceptions worked out, each audited once', async () => {
      const before = (await listedAudit(caseworker.id)).length;
      const items = await listCases(t.conn.db, { ...caseworker, ip: '192.0.2.7' }, testToday, { caseworkerId: caseworker.id });
      assert.deepEqual(items.map((i) => i.id).sort(), [ids.onTrack, ids.overdueAdvice].sort());
      const overdue = items.find((i) => i.id === ids.overdueAdvice);
      assert.ok(overdue);
      // The health advice due 12 September is overdue, and the family's exception (an LA exception) applies.
      assert.equal(overdue.status.tag.text, 'Overdue: exception');
      assert.equal(overdue.status.exception, true, 'the exception reached the engine');
      assert.equal(overdue.forecast?.atRisk, true);
      // The same facts through the engine directly give the same status.
      const facts = {
        requestReceived: '2026-07-01', stage: 'assessing' as const, decidedOn: '2026-08-01', noPlanOn: null, draftIssuedOn: null, finalIssuedOn: null, withdrawnOn: null,
        advice: [
          { adviser: 'health', discipline: 'health' as const, name: 'The health adviser', requestedOn: '2026-08-01', dueOn: '2026-09-12', receivedOn: null },
          { adviser: 'educational-psychology', discipline: 'educational-psychology' as const, name: 'The educational-psychology adviser', requestedOn: '2026-08-01', dueOn: '2026-12-01', receivedOn: null },
        ],
        exceptions: [{ reason: 'personal-circumstances' as const, adviser: null, from: '2026-08-10', to: '2026-08-20' }],
      };
      assert.deepEqual(overdue.status, caseStatus(facts, testToday));
      assert.deepEqual(overdue.forecast, forecastWeek20(facts, testToday, overdue.date_of_birth));
      const audit = (await listedAudit(caseworker.id)).slice(before);
      assert.deepEqual(
        audit.map((r) => r.entity_id).sort(),
        [ids.onTrack, ids.overdueAdvice].sort(),
        'one row per listed case',
      );
      for (const r of audit) {
        assert.equal(r.via, 'send-team');
        assert.equal(r.la_code, '990');
        assert.equal(r.ip, '192.0.2.7');
      }
      assert.deepEqual(audit.map((r) => r.child_id).sort(), [ids.onTrackChild, ids.overdueAdviceChild].sort());
    });

    test('closed cases only when asked for; another area’s cases never; nothing listed, nothing audited', async () => {
      const withClosed = await listCases(t.conn.db, caseworker, testToday, { caseworkerId: caseworker.id, includeClosed: true });
      assert.deepEqual(withClosed.map((i) => i.id).sort(), [ids.onTrack, ids.overdueAdvice, ids.closed].sort());
      const everyone = await listCases(t.conn.db, caseworker, testToday, {});
      assert.deepEqual(everyone.map((i) => i.id).sort(), [ids.onTrack, ids.overdueAdvice, ids.othersCase].sort(), 'the whole area’s open cases, not Otherton’s');
      const beforeSenco = (await listedAudit(senco.id)).length;
      assert.deepEqual(await listCases(t.conn.db, senco, testToday, {}), [], 'a school sees no caseload');
      assert.equal((await listedAudit(senco.id)).length, beforeSenco);
      const audited = await t.conn.db.selectFrom('audit_event').select('id').where('child_id', '=', ids.otherAreaChild ?? '').execute();
      assert.equal(audited.length, 0, 'a child never listed is never audited');
    });

    test('the page: the list, the closed count and the audit rows of what it shows', async () => {
      const { cookie } = await signIn(t.app, caseworker.email);
      const before = (await listedAudit(caseworker.id)).length;
      const res = await t.app.inject({ method: 'GET', url: `/assessments?caseworker=${caseworker.id}&show=all`, headers: { cookie } });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /ChildonTrack Case/);
      assert.match(res.body, /ChildoverdueAdvice Case/);
      assert.doesNotMatch(res.body, /ChildothersCase Case/);
      assert.doesNotMatch(res.body, /ChildotherArea Case/);
      assert.match(res.body, /Closed \(1\)/);
      assert.ok(res.body.includes('<strong class="govuk-tag govuk-tag--purple">Overdue: exception</strong>'), 'the status tag');
      assert.equal((await listedAudit(caseworker.id)).length - before, 2);
      // Another caseworker's list, by a caseworker of the area; an unknown id falls back to one's own.
      const others = await t.app.inject({ method: 'GET', url: `/assessments?caseworker=${other.id}&show=all`, headers: { cookie } });
      assert.match(others.body, /ChildothersCase Case/);
      assert.doesNotMatch(others.body, /ChildonTrack Case/);
      const unknown = await t.app.inject({ method: 'GET', url: '/assessments?caseworker=00000000-0000-4000-8000-000000000000&show=all', headers: { cookie } });
      assert.match(unknown.body, /ChildonTrack Case/);
      assert.doesNotMatch(unknown.body, /ChildothersCase Case/);
    });
  });
}
