// The demo area's assessments (issue 3 §5): every history is one the timescales engine accepts, every stage and
// every exception occurs, some are late, and the rows agree with each other and with the app's own rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseHistory, caseStatus, forecastWeek20, openStages, yearGroup } from '../assessment/case.ts';
import { stages } from '../assessment/journey.ts';
import { reminderAction } from '../assessment/reminders.ts';
import { toFacts } from '../assessment/store.ts';
import { adviserOnlyReasons, checkCaseHistory, laExceptionReasons } from '../assessment/timescales.ts';
import { demoCaseworkerClosedCases, demoCaseworkerOpenCases } from './assessments.ts';
import { generateArea, type GeneratedArea } from './generate.ts';

const asOf = '2026-11-22';

function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
const demo = generateArea({ children: 200 });

function cases(area: GeneratedArea) {
  const advice = groupBy(area.advice_request, (r) => r.assessment_id);
  const exceptions = groupBy(area.assessment_exception, (e) => e.assessment_id);
  const dob = new Map(area.child.map((c) => [c.id, c.date_of_birth]));
  return area.assessment.map((a) => {
    const facts = toFacts(a, advice.get(a.id) ?? [], (exceptions.get(a.id) ?? []).map((e) => ({ reason: e.reason, adviser: e.adviser, from: e.from_date, to: e.to_date })));
    return { a, facts, advice: advice.get(a.id) ?? [], status: caseStatus(facts, asOf), forecast: forecastWeek20(facts, asOf, dob.get(a.child_id)), dob: dob.get(a.child_id) ?? '' };
  });
}

test('every demo case is a history the timescales engine accepts, and every stage occurs', () => {
  const all = cases(demo);
  for (const c of all) {
    const checked = checkCaseHistory(caseHistory(c.facts, asOf));
    assert.ok(checked.ok, `${c.a.reference} (${c.a.stage}): ${checked.ok ? '' : JSON.stringify(checked.errors)}`);
  }
  const byStage = groupBy(all, (c) => c.a.stage);
  for (const s of stages) assert.ok((byStage.get(s)?.length ?? 0) > 0, `a case at stage ${s}`);
  const homeChildren = demo.child.filter((c) => c.la_code === '990').length;
  const share = new Set(demo.assessment.map((a) => a.child_id)).size / homeChildren;
  assert.ok(share > 0.25 && share < 0.45, `about a third of the children have an assessment (${share.toFixed(2)})`);
});

test('some cases are late, some overdue, some at risk of missing 20 weeks, some with each kind of exception', () => {
  const all = cases(demo);
  const open = all.filter((c) => c.status.open);
  assert.ok(all.some((c) => c.status.tag.text === 'Issued late'), 'a final plan issued late');
  assert.ok(all.some((c) => c.status.tag.text === 'Issued on time'), 'a final plan issued on time');
  assert.ok(open.some((c) => c.status.tag.text === 'Overdue'), 'an open case overdue');
  assert.ok(open.some((c) => c.forecast?.atRisk), 'an open case at risk on the week-20 forecast');
  assert.ok(open.some((c) => c.advice.some((r) => !r.received_on && r.due_on < asOf)), 'advice overdue');
  const reasons = new Set(demo.assessment_exception.map((e) => e.reason));
  for (const r of [...laExceptionReasons, ...adviserOnlyReasons]) assert.ok(reasons.has(r), `an exception for ${r}`);
  assert.ok(demo.family_contribution.some((f) => f.kind === 'views') && demo.family_contribution.some((f) => f.kind === 'draft-comments'), 'the family’s views and comments');
  assert.ok(demo.setting_consultation.some((s) => s.response === 'can-meet') && demo.setting_consultation.some((s) => s.response === null), 'consultations answered and waiting');
});

test('advice goes to real staff and organisations, for every discipline the law asks for, with items when given', () => {
  const users = new Map(demo.app_user.map((u) => [u.id, u]));
  const orgs = new Map(demo.organisation.map((o) => [o.id, o]));
  const items = groupBy(demo.advice_item, (i) => i.advice_request_id);
  for (const r of demo.advice_request) {
    assert.ok(r.requested_of_org && orgs.has(r.requested_of_org), `${r.adviser}: an organisation`);
    if (r.requested_of_user) assert.equal(users.get(r.requested_of_user)?.organisation_id, r.requested_of_org, 'the adviser works for the organisation asked');
    const given = items.get(r.id) ?? [];
    if (r.received_on) {
      for (const kind of ['need', 'outcome', 'provision'] as const) assert.ok(given.some((i) => i.kind === kind), `${r.adviser}: ${kind} items`);
    } else assert.equal(given.length, 0, 'no items before the advice is given');
  }
  // Advice is asked for within a week of the decision to assess: by then every discipline has been asked.
  for (const c of cases(demo).filter((x) => x.a.decided_on && x.a.decided_on < '2026-11-14' && !['not-assessing', 'withdrawn'].includes(x.a.stage))) {
    const asked = new Set(c.advice.map((r) => r.discipline));
    for (const d of ['education', 'health', 'educational-psychology', 'social-care'] as const) assert.ok(asked.has(d), `${c.a.reference}: ${d}`);
    assert.equal(asked.has('preparing-for-adulthood'), yearGroup(c.dob, c.a.decided_on ?? asOf) >= 9, `${c.a.reference}: preparing for adulthood from Year 9`);
  }
});

test('reminders and escalations are up to date on asOf: the reminder rule finds nothing left to send', () => {
  const stage = new Map(demo.assessment.map((a) => [a.id, a.stage]));
  for (const r of demo.advice_request) {
    const action = reminderAction({ dueOn: r.due_on, receivedOn: r.received_on, remindedAt: r.reminded_at, escalatedAt: r.escalated_at, stage: stage.get(r.assessment_id) ?? 'requested', discipline: r.discipline }, asOf);
    assert.equal(action, null, `${r.id} (${r.adviser}, due ${r.due_on})`);
  }
  assert.ok(demo.advice_request.some((r) => r.escalated_at) && demo.advice_request.some((r) => r.reminded_at), 'some were reminded and escalated');
  assert.ok(demo.assessment_notice.some((n) => n.kind === 'advice-escalated'));
});

test('references are unique and numbered without gaps within each year, as the app numbers them', () => {
  const refs = demo.assessment.map((a) => a.reference);
  assert.equal(new Set(refs).size, refs.length);
  const byYear = groupBy(refs, (r) => r.slice(8, 12));
  for (const [year, rs] of byYear) assert.deepEqual(rs.map((r) => Number(r.slice(13))).sort((a, b) => a - b), rs.map((_, i) => i + 1), year);
  assert.ok(demo.assessment.every((a) => a.reference.slice(8, 12) === a.request_received.slice(0, 4)));
});

test('the demo caseworker has a caseload; in a large area, the issue’s list of about 120 open cases', () => {
  const cw = (area: GeneratedArea) => area.app_user.find((u) => u.email.startsWith('caseworker@'))?.id;
  const mine = (area: GeneratedArea) => area.assessment.filter((a) => a.caseworker_id === cw(area));
  assert.ok(mine(demo).filter((a) => openStages.includes(a.stage)).length >= 10);
  const large = generateArea({ children: 6000 });
  const cases = mine(large);
  const open = cases.filter((a) => openStages.includes(a.stage)).length;
  assert.equal(open, demoCaseworkerOpenCases, 'open cases');
  assert.equal(cases.length - open, demoCaseworkerClosedCases, 'closed cases');
  assert.ok(cases.every((a) => a.la_code === '990'));
});

test('the generator is deterministic, and the demo family’s cases are fixed', () => {
  assert.deepEqual(JSON.stringify(generateArea({ children: 200 })), JSON.stringify(demo));
  const named = (given: string, family: string) => {
    const child = demo.child.find((c) => c.given_name === given && c.family_name === family);
    return demo.assessment.find((a) => a.child_id === child?.id);
  };
  assert.equal(named('Lily', 'Walker')?.stage, 'assessing');
  assert.equal(named('Jacob', 'Walker')?.stage, 'final-issued');
  assert.equal(named('Kai', 'Mensah')?.stage, 'draft-issued');
  assert.ok(demo.advice_request.some((r) => r.discipline === 'preparing-for-adulthood' && r.assessment_id === named('Kai', 'Mensah')?.id));
});
