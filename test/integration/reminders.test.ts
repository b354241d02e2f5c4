// Reminders and escalation of requests for advice (issue 3 §2.4), on both engines: on each date the right
// requests are reminded or escalated, to the right people, the rows are stamped and the notices recorded, and
// running again sends nothing new.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, freshDatabase } from '../support/app.ts';
import { addToTeam, buildArea, buildChild, buildOrganisation, buildStaff } from '../support/factories.ts';
import type { Connection } from '../../src/platform/db/connect.ts';
import { addDays } from '../../src/platform/plain-date.ts';
import { runReminders } from '../../src/assessment/reminders.ts';
import type { Discipline } from '../../src/assessment/case.ts';

const today = '2026-03-09';

for (const engine of engines()) {
  describe(`advice reminders and escalation on ${engine}`, () => {
    let conn: Connection;
    const ids: Record<string, string> = {};
    const names: Record<string, string> = {};

    const notices = async (requestKind?: string) => {
      const q = conn.db.selectFrom('assessment_notice').select(['assessment_id', 'kind', 'recipient', 'recipient_role']).where('kind', 'in', ['advice-reminder', 'advice-escalated']);
      return (requestKind ? q.where('kind', '=', requestKind) : q).orderBy('kind').orderBy('recipient').execute();
    };
    const stamps = async (key: string) => conn.db.selectFrom('advice_request').select(['reminded_at', 'escalated_at']).where('id', '=', ids[key] ?? '').executeTakeFirstOrThrow();

    before(async () => {
      conn = await freshDatabase(engine);
      const db = conn.db;
      await buildArea(db, '990', 'Joinedshire');
      await buildArea(db, '991', 'Neighbourton');
      const team = await buildOrganisation(db, { kind: 'send-team', laCode: '990', name: 'Joinedshire SEND team' });
      const otherTeam = await buildOrganisation(db, { kind: 'send-team', laCode: '991', name: 'Neighbourton SEND team' });
      const school = await buildOrganisation(db, { kind: 'school', laCode: '990', name: 'Oak Primary School' });
      const trust = await buildOrganisation(db, { kind: 'health-provider', laCode: '990', name: 'Community Health Trust' });
      const hospital = await buildOrganisation(db, { kind: 'health-provider', laCode: '990', name: 'Children’s Hospital' });
      const icb = await buildOrganisation(db, { kind: 'icb', laCode: '990', name: 'Joinedshire ICB' });
      const social = await buildOrganisation(db, { kind: 'social-care', laCode: '990', name: 'Children’s Social Care' });
      const people = {
        caseworker: await buildStaff(db, { organisationId: team.id, roles: ['caseworker'], name: 'Casey Worker' }),
        manager: await buildStaff(db, { organisationId: team.id, roles: ['send-manager'], name: 'Morgan Manager' }),
        otherManager: await buildStaff(db, { organisationId: otherTeam.id, roles: ['send-manager'], name: 'Nell Neighbour' }),
        therapist: await buildStaff(db, { organisationId: trust.id, roles: ['health-professional'], name: 'Hana Therapist' }),
        nurse: await buildStaff(db, { organisationId: trust.id, roles: ['health-professional'], name: 'Nia Nurse' }),
        paediatrician: await buildStaff(db, { organisationId: hospital.id, roles: ['health-professional'], name: 'Pat Paediatrician' }),
        hospitalDco: await buildStaff(db, { organisationId: hospital.id, roles: ['designated-clinical-officer'], name: 'Harriet Hospital-DCO' }),
        dco: await buildStaff(db, { organisationId: icb.id, roles: ['designated-clinical-officer'], name: 'Dana DCO' }),
        senco: await buildStaff(db, { organisationId: school.id, roles: ['senco'], name: 'Sam Senco' }),
        socialWorker: await buildStaff(db, { organisationId: social.id, roles: ['social-worker'], name: 'Sol Worker' }),
        socialManager: await buildStaff(db, { organisationId: social.id, roles: ['social-care-manager'], name: 'Sue Social-Manager' }),
        ep: await buildStaff(db, { organisationId: team.id, roles: ['educational-psychologist'], name: 'Eli Psychologist' }),
      };
      for (const [k, v] of Object.entries(people)) names[k] = v.name;
      const child = await buildChild(db, { givenName: 'Rosalind', familyName: 'Quaintrell', laCode: '990' });
      await addToTeam(db, child.id, { organisationId: school.id, role: 'SENCO' });
      const open = await db
        .insertInto('assessment')
        .values({ reference: 'EHC-990-2026-00001', child_id: child.id, la_code: '990', request_received: '2026-01-05', request_source: 1, requested_by: 'Mother', stage: 'assessing', caseworker_id: people.caseworker.id, decided_on: '2026-01-30' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const closed = await db
        .insertInto('assessment')
        .values({ reference: 'EHC-990-2026-00002', child_id: child.id, la_code: '990', request_received: '2025-09-01', request_source: 1, requested_by: 'Mother', stage: 'withdrawn', caseworker_id: people.caseworker.id, decided_on: '2025-10-01', withdrawn_on: '2026-01-02', withdrawn_reason: 'Moved away' })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.open = open.id;
      ids.closed = closed.id;
      const ask = async (key: string, v: { assessment?: string; adviser: string; discipline: Discipline; user?: string | null; org: string; name: string; due: string; received?: string | null; reminded?: boolean }) => {
        const row = await db
          .insertInto('advice_request')
          .values({
            assessment_id: v.assessment ?? open.id, la_code: '990', adviser: v.adviser, discipline: v.discipline, requested_of_user: v.user ?? null, requested_of_org: v.org, requested_of_name: v.name,
            requested_on: addDays(v.due, -42), due_on: v.due, received_on: v.received ?? null, reminded_at: v.reminded ? new Date('2026-03-01T07:00:00Z') : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids[key] = row.id;
      };
      // Due within the week: reminded, to the adviser asked or to the organisation's staff.
      await ask('healthSoon', { adviser: 'health', discipline: 'health', user: people.therapist.id, org: trust.id, name: 'Hana Therapist, Community Health Trust', due: addDays(today, 5) });
      await ask('schoolSoon', { adviser: 'education', discipline: 'education', org: school.id, name: 'Oak Primary School', due: addDays(today, 7) });
      // Not yet in the window, already reminded, or already in: nothing.
      await ask('epLater', { adviser: 'educational-psychology', discipline: 'educational-psychology', user: people.ep.id, org: team.id, name: 'Eli Psychologist', due: addDays(today, 8) });
      await ask('remindedAlready', { adviser: 'family-requested', discipline: 'family-requested', org: trust.id, name: 'Community Health Trust', due: addDays(today, 3), reminded: true });
      await ask('received', { adviser: 'preparing-for-adulthood', discipline: 'preparing-for-adulthood', org: school.id, name: 'Oak Primary School', due: addDays(today, -3), received: addDays(today, -4) });
      // Overdue: escalated. A trust has no DCO of its own, so the ICB's; the hospital has one; social care goes to its own manager.
      await ask('trustLate', { adviser: 'health-2', discipline: 'health', org: trust.id, name: 'Community Health Trust', due: addDays(today, -1) });
      await ask('hospitalLate', { adviser: 'health-3', discipline: 'health', user: people.paediatrician.id, org: hospital.id, name: 'Pat Paediatrician, Children’s Hospital', due: addDays(today, -20), reminded: true });
      await ask('socialLate', { adviser: 'social-care', discipline: 'social-care', user: people.socialWorker.id, org: social.id, name: 'Sol Worker, Children’s Social Care', due: addDays(today, -10), reminded: true });
      // On a closed case: nothing, however late.
      await ask('closedLate', { assessment: closed.id, adviser: 'health', discipline: 'health', user: people.therapist.id, org: trust.id, name: 'Hana Therapist', due: '2025-12-01' });
    });
    after(() => conn.close());

    test('on the day: reminders a week ahead, escalations once overdue, to the right people', async () => {
      const now = new Date(`${today}T08:00:00Z`);
      const run = await runReminders(conn.db, today, { now, batchSize: 2 });
      assert.deepEqual(run, { reminded: 2, escalated: 3 });

      for (const k of ['healthSoon', 'schoolSoon']) assert.deepEqual(await stamps(k), { reminded_at: now, escalated_at: null }, k);
      for (const k of ['trustLate', 'hospitalLate', 'socialLate']) assert.deepEqual((await stamps(k)).escalated_at, now, k);
      assert.equal((await stamps('trustLate')).reminded_at, null, 'an overdue request is escalated, not reminded');
      for (const k of ['epLater', 'received', 'closedLate']) assert.deepEqual(await stamps(k), { reminded_at: null, escalated_at: null }, k);
      assert.deepEqual((await stamps('remindedAlready')).escalated_at, null);

      const reminders = await notices('advice-reminder');
      assert.deepEqual(reminders.map((n) => [n.recipient, n.recipient_role]).sort(), [[names.senco, 'adviser'], [names.therapist, 'adviser']].sort());
      const escalations = await notices('advice-escalated');
      assert.deepEqual(
        escalations.map((n) => [n.recipient, n.recipient_role]).sort(),
        [
          [names.caseworker, 'caseworker'], [names.caseworker, 'caseworker'], [names.caseworker, 'caseworker'],
          [`${names.dco}, Joinedshire ICB`, 'designated clinical officer'],
          [`${names.hospitalDco}, Children’s Hospital`, 'designated clinical officer'],
          [`${names.socialManager}, Children’s Social Care`, 'social care manager'],
        ].sort(),
      );
      assert.ok([...reminders, ...escalations].every((n) => n.assessment_id === ids.open), 'nothing on the closed case');
      assert.ok(!escalations.some((n) => n.recipient.startsWith(names.otherManager ?? '-')), 'another area’s manager is not told');

      // Each is sent through notifications: the adviser's message opens their form, the others' the case; the
      // reference is in it, the child's name is not.
      const inbox = await conn.db
        .selectFrom('inbox_message as m')
        .innerJoin('app_user as u', 'u.id', 'm.user_id')
        .select(['u.name', 'm.kind', 'm.subject', 'm.body', 'm.link'])
        .where('m.kind', 'in', ['advice-reminder', 'advice-escalated'])
        .execute();
      const to = (name: string | undefined) => inbox.filter((m) => m.name === name);
      assert.deepEqual(to(names.therapist).map((m) => [m.kind, m.link]), [['advice-reminder', `/advice/${ids.healthSoon}`]]);
      assert.match(to(names.therapist)[0]?.subject ?? '', /^Reminder: advice due by .* \(EHC-990-2026-00001\)$/);
      assert.deepEqual(to(names.caseworker).map((m) => [m.kind, m.link]), [0, 1, 2].map(() => ['advice-escalated', `/assessments/${ids.open}`]));
      assert.equal(to(names.dco).length + to(names.hospitalDco).length + to(names.socialManager).length, 3);
      assert.equal(to(names.manager).length, 0, 'social care has its own manager, so the SEND manager is not told');
      assert.equal(to(names.nurse).length, 0, 'a request to one person reminds only them');
      assert.ok(inbox.every((m) => !/Rosalind|Quaintrell/.test(`${m.subject} ${m.body}`)), 'no child’s name in a message');
    });

    test('a second run sends nothing new', async () => {
      const inbox = async () => (await conn.db.selectFrom('inbox_message').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const before = [(await notices()).length, Number(await inbox())];
      assert.deepEqual(await runReminders(conn.db, today), { reminded: 0, escalated: 0 });
      assert.deepEqual([(await notices()).length, Number(await inbox())], before);
    });

    test('on later dates: the next request comes into the window, and the reminded one is escalated when late', async () => {
      assert.deepEqual(await runReminders(conn.db, addDays(today, 1)), { reminded: 1, escalated: 0 }, 'the EP advice is now due within 7 days');
      assert.ok((await stamps('epLater')).reminded_at);
      assert.deepEqual(await runReminders(conn.db, addDays(today, 4)), { reminded: 0, escalated: 1 }, 'the already-reminded request is now overdue');
      assert.ok((await stamps('remindedAlready')).escalated_at);
      assert.deepEqual(await runReminders(conn.db, addDays(today, 6)), { reminded: 0, escalated: 1 }, 'the therapist’s advice is a day late');
      assert.deepEqual(await runReminders(conn.db, addDays(today, 6)), { reminded: 0, escalated: 0 });
      // Advice given after its reminder: never escalated.
      await conn.db.updateTable('advice_request').set({ received_on: addDays(today, 7) }).where('id', '=', ids.schoolSoon ?? '').execute();
      assert.deepEqual(await runReminders(conn.db, addDays(today, 10)), { reminded: 0, escalated: 1 }, 'only the EP advice, now late');
      assert.equal((await stamps('schoolSoon')).escalated_at, null);
      assert.equal((await stamps('closedLate')).escalated_at, null, 'a closed case is never chased');
    });
  });
}
