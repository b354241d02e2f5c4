import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { actions, stages, transition, type Action, type Stage } from './journey.ts';

describe('the assessment journey', () => {
  const allowed: [Stage, Action, Stage][] = [
    ['requested', 'decide-to-assess', 'assessing'],
    ['requested', 'decide-not-to-assess', 'not-assessing'],
    ['requested', 'withdraw', 'withdrawn'],
    ['assessing', 'request-advice', 'assessing'],
    ['assessing', 'receive-advice', 'assessing'],
    ['assessing', 'decide-not-to-issue', 'no-plan'],
    ['assessing', 'issue-draft', 'draft-issued'],
    ['assessing', 'withdraw', 'withdrawn'],
    ['draft-issued', 'receive-advice', 'draft-issued'],
    ['draft-issued', 'issue-final', 'final-issued'],
    ['draft-issued', 'withdraw', 'withdrawn'],
  ];
  const isAllowed = new Set(allowed.map(([s, a]) => `${s}|${a}`));
  for (const [from, action, to] of allowed) test(`${from} → ${action} → ${to}`, () => assert.deepEqual(transition(from, action), { ok: true, to }));

  test('every other stage × action is refused with a reason a caseworker can act on', () => {
    for (const s of stages) {
      for (const a of actions) {
        if (isAllowed.has(`${s}|${a}`)) continue;
        const t = transition(s, a);
        assert.equal(t.ok, false, `${s} × ${a}`);
        if (!t.ok) assert.ok(t.reason.length > 20, `${s} × ${a}: ${t.reason}`);
      }
    }
  });

  const reasons: [Stage, Action, RegExp][] = [
    ['requested', 'issue-final', /draft plan .* 15 days/],
    ['requested', 'request-advice', /decision to assess/],
    ['final-issued', 'withdraw', /closed.*annual review/],
    ['not-assessing', 'decide-to-assess', /closed.*appeal/],
    ['assessing', 'decide-to-assess', /already been made/],
  ];
  for (const [s, a, re] of reasons) test(`${s} × ${a} says why`, () => {
    const t = transition(s, a);
    assert.ok(!t.ok && re.test(t.reason), JSON.stringify(t));
  });

  test('a draft cannot be issued while advice is outstanding', () => {
    const t = transition('assessing', 'issue-draft', { outstandingAdvice: 2 });
    assert.ok(!t.ok && /2 pieces of advice are still outstanding/.test(t.reason));
    assert.deepEqual(transition('assessing', 'issue-draft', { outstandingAdvice: 0 }), { ok: true, to: 'draft-issued' });
  });
});
