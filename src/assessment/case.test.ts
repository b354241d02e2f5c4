import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '../platform/plain-date.ts';
import { formatPlainDate } from '../platform/web/dates.ts';
import { caseHistory, caseStatus, forecastWeek20, missingAdvice, nextDeadline, caseTimescales, yearGroup, type AdviceFacts, type CaseFacts } from './case.ts';

const req = '2026-01-05'; // a Monday; decision due 2026-02-16, final due 2026-05-25
const base: CaseFacts = { requestReceived: req, stage: 'requested', decidedOn: null, noPlanOn: null, draftIssuedOn: null, finalIssuedOn: null, withdrawnOn: null, advice: [], exceptions: [] };
const advice = (discipline: AdviceFacts['discipline'], requestedOn: string, receivedOn: string | null = null): AdviceFacts => ({
  adviser: discipline, discipline, name: `${discipline} adviser`, requestedOn, dueOn: addDays(requestedOn, 42), receivedOn,
});
const assessing = (extra: Partial<CaseFacts> = {}): CaseFacts => ({ ...base, stage: 'assessing', decidedOn: '2026-02-02', ...extra });

test('yearGroup: the school year runs 1 September to 31 August', () => {
  const rows: [string, string, number][] = [
    ['2010-10-01', '2025-10-01', 10],
    ['2010-08-31', '2025-10-01', 11], // an August birthday is the youngest of the older year
    ['2010-09-01', '2025-10-01', 10],
    ['2021-09-01', '2026-09-01', 0], // Reception the September after turning 4
    ['2012-01-15', '2026-07-31', 9],
    ['2012-01-15', '2026-09-01', 10],
    ['2013-06-15', '2026-07-31', 8],
  ];
  for (const [dob, on, year] of rows) assert.equal(yearGroup(dob, on), year, `${dob} on ${on}`);
});

test('caseHistory: derives the engine events from the facts, leaving out what has not happened by asOf', () => {
  const f = assessing({ advice: [advice('health', '2026-02-03', '2026-03-01'), advice('education', '2026-02-03')], draftIssuedOn: '2026-04-01' });
  const h = caseHistory(f, '2026-03-15');
  assert.deepEqual(h.events.map((e) => e.type), ['decision-to-assess', 'advice-requested', 'advice-received', 'advice-requested']);
  const notAssessed = caseHistory({ ...base, stage: 'not-assessing', decidedOn: '2026-02-01' }, '2026-03-01');
  assert.equal(notAssessed.events[0]?.type, 'decision-not-to-assess');
  const family = caseHistory(assessing({ advice: [advice('family', '2026-02-03'), advice('private-report', '2026-02-03', '2026-02-03')] }), '2026-03-01');
  assert.equal(family.events.length, 1, 'the family’s own contributions are not reg 8 advice requests');
});

test('caseStatus: tag, next deadline and filters', () => {
  const rows: { name: string; f: CaseFacts; asOf: string; tag: string; next: string | null; overdue: boolean; week: boolean }[] = [
    { name: 'new request, far from the decision date', f: base, asOf: '2026-01-10', tag: 'On track', next: 'decision', overdue: false, week: false },
    { name: 'decision due in 5 days', f: base, asOf: '2026-02-11', tag: 'Due this week', next: 'decision', overdue: false, week: true },
    { name: 'decision overdue', f: base, asOf: '2026-02-17', tag: 'Overdue', next: 'decision', overdue: true, week: false },
    {
      name: 'decision overdue with an exception', asOf: '2026-02-20', tag: 'Overdue: exception', next: 'decision', overdue: true, week: false,
      f: { ...base, exceptions: [{ reason: 'personal-circumstances', adviser: null, from: '2026-01-20', to: '2026-02-10' }] },
    },
    { name: 'assessing, health advice outstanding', f: assessing({ advice: [advice('health', '2026-02-03')] }), asOf: '2026-03-01', tag: 'On track', next: 'advice:health', overdue: false, week: false },
    { name: 'final issued on time', f: assessing({ stage: 'final-issued', draftIssuedOn: '2026-04-01', finalIssuedOn: '2026-05-01' }), asOf: '2026-06-01', tag: 'Issued on time', next: null, overdue: false, week: false },
    { name: 'final issued late', f: assessing({ stage: 'final-issued', draftIssuedOn: '2026-05-01', finalIssuedOn: '2026-06-01' }), asOf: '2026-06-10', tag: 'Issued late', next: null, overdue: false, week: false },
    { name: 'withdrawn', f: { ...base, stage: 'withdrawn', withdrawnOn: '2026-01-20' }, asOf: '2026-03-01', tag: 'Closed', next: null, overdue: false, week: false },
  ];
  for (const r of rows) {
    const s = caseStatus(r.f, r.asOf);
    assert.equal(s.tag.text, r.tag, r.name);
    assert.equal(s.next?.step ?? null, r.next, r.name);
    assert.equal(s.overdue, r.overdue, r.name);
    assert.equal(s.dueThisWeek, r.week, r.name);
  }
});

test('nextDeadline names the adviser', () => {
  const f = assessing({ advice: [advice('health', '2026-02-03')] });
  assert.equal(nextDeadline(caseTimescales(f, '2026-02-10'), f.advice)?.label, 'Health advice from health adviser');
});

test('missingAdvice: reg 6(1) advisers, and preparing for adulthood from Year 9', () => {
  assert.deepEqual(missingAdvice(assessing({ advice: [advice('health', '2026-02-03')] }), '2018-03-01', '2026-03-01'), ['education', 'educational-psychology', 'social-care']);
  assert.deepEqual(missingAdvice(assessing(), '2011-03-01', '2026-03-01'), ['education', 'health', 'educational-psychology', 'social-care', 'preparing-for-adulthood']);
});

test('forecastWeek20: open cases that will miss 20 weeks on present course', () => {
  const all = (received: string | null, requestedOn = '2026-02-03') => ['education', 'health', 'educational-psychology', 'social-care'].map((d) => advice(d as AdviceFacts['discipline'], requestedOn, received));
  const rows: { name: string; f: CaseFacts; asOf: string; atRisk: boolean | null; projected?: string }[] = [
    // request + 0: decide today, 6 weeks' advice, 2 weeks' drafting, 15 days: day 71
    { name: 'new request', f: base, asOf: req, atRisk: false, projected: addDays(req, 71) },
    { name: 'no decision at day 70: 141 days at best', f: base, asOf: addDays(req, 70), atRisk: true },
    { name: 'all advice asked, due day 70', f: assessing({ advice: all(null, addDays(req, 28)) }), asOf: addDays(req, 35), atRisk: false, projected: addDays(req, 70 + 14 + 15) },
    // advice due 3 weeks before the 20-week date leaves no room for 14 + 15 days
    { name: 'advice due 3 weeks before the 20-week date', f: assessing({ advice: all(null, addDays(req, 77)) }), asOf: addDays(req, 80), atRisk: true },
    { name: 'all advice in: draft now', f: assessing({ advice: all('2026-03-01') }), asOf: '2026-03-02', atRisk: false, projected: addDays('2026-03-02', 15) },
    { name: 'advice not yet asked for late on', f: assessing({ advice: [] }), asOf: addDays(req, 100), atRisk: true },
    { name: 'draft issued at day 130', f: assessing({ stage: 'draft-issued', advice: all('2026-03-01'), draftIssuedOn: addDays(req, 130) }), asOf: addDays(req, 131), atRisk: true, projected: addDays(req, 145) },
    { name: 'draft issued at day 100', f: assessing({ stage: 'draft-issued', advice: all('2026-03-01'), draftIssuedOn: addDays(req, 100) }), asOf: addDays(req, 101), atRisk: false },
    { name: 'closed case', f: { ...base, stage: 'withdrawn', withdrawnOn: '2026-01-20' }, asOf: '2026-02-01', atRisk: null },
  ];
  for (const r of rows) {
    const fc = forecastWeek20(r.f, r.asOf, '2015-05-05');
    if (r.atRisk === null) {
      assert.equal(fc, null, r.name);
      continue;
    }
    assert.ok(fc, r.name);
    assert.equal(fc.atRisk, r.atRisk, `${r.name}: projected ${fc.projectedFinal}, due ${fc.finalDue}`);
    if (r.projected) assert.equal(fc.projectedFinal, r.projected, r.name);
    if (fc.atRisk) assert.ok(fc.reasons.length > 0 && fc.reasons.at(-1)?.includes(formatPlainDate(fc.finalDue)), `${r.name}: says why`);
  }
});
