import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseReminders, reminderAction, reminderText, type ReminderFacts } from './reminders.ts';

const due = '2026-03-16'; // requested 2026-02-02; the reminder window opens 2026-03-09
const request = (extra: Partial<ReminderFacts> = {}): ReminderFacts => ({ dueOn: due, receivedOn: null, remindedAt: null, escalatedAt: null, stage: 'assessing', discipline: 'health', ...extra });
const sent = new Date('2026-03-09T08:00:00Z');

test('reminderAction: a reminder in the week before the due date, an escalation after it, each once', () => {
  const rows: { name: string; r: ReminderFacts; today: string; want: ReturnType<typeof reminderAction> }[] = [
    { name: 'three weeks before: nothing yet', r: request(), today: '2026-02-23', want: null },
    { name: 'eight days before: nothing yet', r: request(), today: '2026-03-08', want: null },
    { name: 'seven days before: remind', r: request(), today: '2026-03-09', want: 'remind' },
    { name: 'three days before: remind', r: request(), today: '2026-03-13', want: 'remind' },
    { name: 'on the due date: remind', r: request(), today: due, want: 'remind' },
    { name: 'already reminded: nothing more this week', r: request({ remindedAt: sent }), today: '2026-03-13', want: null },
    { name: 'the day after the due date: escalate', r: request({ remindedAt: sent }), today: '2026-03-17', want: 'escalate' },
    { name: 'overdue and never reminded: escalate, not remind', r: request(), today: '2026-04-01', want: 'escalate' },
    { name: 'already escalated: nothing more', r: request({ remindedAt: sent, escalatedAt: new Date('2026-03-17T08:00:00Z') }), today: '2026-04-01', want: null },
    { name: 'advice in: nothing', r: request({ receivedOn: '2026-03-10' }), today: '2026-03-13', want: null },
    { name: 'advice in late: no escalation', r: request({ receivedOn: '2026-03-20' }), today: '2026-03-25', want: null },
    { name: 'case withdrawn: nothing', r: request({ stage: 'withdrawn' }), today: '2026-03-13', want: null },
    { name: 'case closed with no plan: nothing', r: request({ stage: 'no-plan' }), today: '2026-03-20', want: null },
    { name: 'draft issued (an open stage): still escalated', r: request({ stage: 'draft-issued' }), today: '2026-03-20', want: 'escalate' },
    { name: 'the family’s own views are not a reg 8 request', r: request({ discipline: 'family' }), today: '2026-03-13', want: null },
    { name: 'a report the family commissioned: nothing', r: request({ discipline: 'private-report' }), today: '2026-03-20', want: null },
  ];
  for (const row of rows) assert.equal(reminderAction(row.r, row.today), row.want, row.name);
});

test('chooseReminders: splits the requests into reminders and escalations', () => {
  const rows = [
    { id: 'a', ...request() },
    { id: 'b', ...request({ dueOn: '2026-03-12' }) },
    { id: 'c', ...request({ dueOn: '2026-03-30' }) },
    { id: 'd', ...request({ dueOn: '2026-03-20', remindedAt: sent }) },
    { id: 'e', ...request({ dueOn: '2026-03-12', remindedAt: sent, escalatedAt: sent }) },
  ];
  const { remind, escalate } = chooseReminders(rows, '2026-03-13');
  assert.deepEqual(remind.map((r) => r.id), ['a']);
  assert.deepEqual(escalate.map((r) => r.id), ['b']);
  assert.deepEqual(chooseReminders([], '2026-03-13'), { remind: [], escalate: [] });
});

test('reminderText: the reference, the dates and the adviser; the days counted', () => {
  const t = { reference: 'EHC-990-2026-00042', discipline: 'educational-psychology' as const, adviserName: 'Dr Tom Fielding, Joinedshire Council SEND Team', requestedOn: '2026-02-02', dueOn: due };
  const r = reminderText('advice-reminder', t, '2026-03-09');
  assert.equal(r.subject, 'Reminder: advice due by 16 March 2026 (EHC-990-2026-00042)');
  assert.match(r.body, /^Your educational psychology advice for an EHC needs assessment is due by 16 March 2026, in 7 days/);
  assert.match(reminderText('advice-reminder', t, '2026-03-15').body, /in 1 day \(/);
  assert.match(reminderText('advice-reminder', t, due).body, /16 March 2026, today/);
  const e = reminderText('advice-escalated', t, '2026-03-17');
  assert.equal(e.subject, 'Overdue advice for an EHC needs assessment (EHC-990-2026-00042)');
  assert.match(e.body, /^Educational psychology advice asked of Dr Tom Fielding, Joinedshire Council SEND Team on 2 February 2026 was due by 16 March 2026 and has not been given: it is 1 day overdue/);
  assert.match(reminderText('advice-escalated', t, '2026-03-26').body, /10 days overdue/);
});
