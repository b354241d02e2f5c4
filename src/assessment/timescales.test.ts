// Table-driven tests of the timescales engine, written from statutory-rules.md §0, §1 and §9.
// Expected dates were worked out by hand and checked with Python's datetime, not with this code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { timescales, type Step } from './timescales.ts';

type StepRow = [step: string, due: string, done: string | null, status: Step['status']];
const run = (input: unknown) => {
  const r = timescales(input);
  if (!r.ok) assert.fail(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.value;
};
const rows = (input: unknown): StepRow[] => run(input).steps.map((s) => [s.step, s.due, s.done, s.status]);

describe('the example in the issue', () => {
  test('gives exactly the documented output', () => {
    const out = run({
      requestReceived: '2025-01-06', asOf: '2025-06-01',
      events: [
        { type: 'decision-to-assess', on: '2025-02-10' },
        { type: 'advice-requested', on: '2025-02-11', adviser: 'health' },
        { type: 'advice-received', on: '2025-03-20', adviser: 'health' },
        { type: 'draft-issued', on: '2025-05-01' },
        { type: 'final-issued', on: '2025-05-20' },
        { type: 'exception', reason: 'personal-circumstances', from: '2025-03-01', to: '2025-04-15' },
      ],
    });
    assert.deepEqual(out, {
      steps: [
        { step: 'decision', due: '2025-02-17', done: '2025-02-10', status: 'met' },
        { step: 'advice:health', due: '2025-03-25', done: '2025-03-20', status: 'met' },
        { step: 'comments', due: '2025-05-15', done: null, status: 'closed' },
        { step: 'final', due: '2025-05-26', done: '2025-05-20', status: 'met' },
      ],
      exceptionApplies: true,
    });
  });
});

describe('due dates: calendar weeks from the request, no extension for weekends or bank holidays', () => {
  const cases: [why: string, request: string, decision: string, final: string][] = [
    ['worked example, statutory-rules.md §1.2 (final due on the late-May bank holiday)', '2025-01-06', '2025-02-17', '2025-05-26'],
    ['leap year: the clock runs through 29 February', '2024-01-20', '2024-03-02', '2024-06-08'],
    ['request received on 29 February', '2024-02-29', '2024-04-11', '2024-07-18'],
    ['month end: received 31 January', '2025-01-31', '2025-03-14', '2025-06-20'],
    ['received on a Saturday: deadlines fall on Saturdays too', '2025-01-11', '2025-02-22', '2025-05-31'],
    ['over the new year', '2023-12-01', '2024-01-12', '2024-04-19'],
  ];
  for (const [why, request, decision, final] of cases) {
    test(why, () => {
      const out = rows({ requestReceived: request, asOf: request, events: [] });
      assert.deepEqual(out, [['decision', decision, null, 'pending'], ['final', final, null, 'pending']]);
    });
  }

  test('no-plan decision: 16 weeks (reg 10), listed only with a decision not to issue', () => {
    const out = rows({ requestReceived: '2024-02-29', asOf: '2024-07-01', events: [{ type: 'decision-to-assess', on: '2024-04-01' }, { type: 'decision-not-to-issue', on: '2024-06-21' }] });
    assert.deepEqual(out, [
      ['decision', '2024-04-11', '2024-04-01', 'met'],
      ['no-plan-decision', '2024-06-20', '2024-06-21', 'late'],
      ['final', '2024-07-18', null, 'not-applicable'],
    ]);
  });

  test('advice: 6 weeks from each request (reg 8), one step per adviser', () => {
    const out = rows({
      requestReceived: '2025-03-03', asOf: '2025-05-01',
      events: [
        { type: 'decision-to-assess', on: '2025-04-01' },
        { type: 'advice-requested', on: '2025-04-02', adviser: 'educational-psychology' },
        { type: 'advice-requested', on: '2025-04-03', adviser: 'social-care' },
        { type: 'advice-received', on: '2025-04-30', adviser: 'social-care' },
      ],
    });
    assert.deepEqual(out, [
      ['decision', '2025-04-14', '2025-04-01', 'met'],
      ['advice:educational-psychology', '2025-05-14', null, 'pending'],
      ['advice:social-care', '2025-05-15', '2025-04-30', 'met'],
      ['final', '2025-07-21', null, 'pending'],
    ]);
  });
});

describe('statuses', () => {
  const base = (asOf: string, events: unknown[] = []) => ({ requestReceived: '2025-01-06', asOf, events });
  const cases: [why: string, input: unknown, decision: Step['status']][] = [
    ['pending on the due day itself', base('2025-02-17'), 'pending'],
    ['overdue the day after', base('2025-02-18'), 'overdue'],
    ['met on the due day', base('2025-03-01', [{ type: 'decision-to-assess', on: '2025-02-17' }]), 'met'],
    ['late the day after', base('2025-03-01', [{ type: 'decision-to-assess', on: '2025-02-18' }]), 'late'],
    ['late with an exception of personal circumstances', base('2025-03-01', [{ type: 'decision-to-assess', on: '2025-02-20' }, { type: 'exception', reason: 'personal-circumstances', from: '2025-02-01', to: '2025-02-10' }]), 'late-exception'],
    ['overdue with an exception', base('2025-03-01', [{ type: 'exception', reason: 'personal-circumstances', from: '2025-02-17', to: '2025-02-17' }]), 'overdue-exception'],
    ['a decision not to assess also decides', base('2025-03-01', [{ type: 'decision-not-to-assess', on: '2025-02-03' }]), 'met'],
    ['withdrawn before deciding', base('2025-03-01', [{ type: 'withdrawn', on: '2025-01-20' }]), 'not-applicable'],
  ];
  for (const [why, input, decision] of cases) test(why, () => assert.equal(rows(input)[0]?.[3], decision));

  test('a decision not to assess makes the final plan not applicable', () => {
    assert.deepEqual(rows(base('2025-06-30', [{ type: 'decision-not-to-assess', on: '2025-02-03' }])).at(-1), ['final', '2025-05-26', null, 'not-applicable']);
  });

  test('withdrawn: what was done keeps its status, what was pending is not applicable', () => {
    const out = rows(base('2025-06-30', [{ type: 'decision-to-assess', on: '2025-02-03' }, { type: 'advice-requested', on: '2025-02-04', adviser: 'health' }, { type: 'withdrawn', on: '2025-03-01' }]));
    assert.deepEqual(out, [
      ['decision', '2025-02-17', '2025-02-03', 'met'],
      ['advice:health', '2025-03-18', null, 'not-applicable'],
      ['final', '2025-05-26', null, 'not-applicable'],
    ]);
  });

  test('comments: 15 days counting the day the draft is served (reg 13(1)); open through the last day, then closed', () => {
    const events = [{ type: 'decision-to-assess', on: '2025-02-03' }, { type: 'draft-issued', on: '2025-05-01' }];
    assert.deepEqual(rows(base('2025-05-15', events)).find((r) => r[0] === 'comments'), ['comments', '2025-05-15', null, 'open']);
    assert.deepEqual(rows(base('2025-05-16', events)).find((r) => r[0] === 'comments'), ['comments', '2025-05-15', null, 'closed']);
  });
});

describe('when an exception applies (regs 5(4), 8(2), 10(4), 13(3))', () => {
  const late = (exception: Record<string, unknown>, extra: unknown[] = []) =>
    run({
      requestReceived: '2025-03-03', asOf: '2025-10-01',
      events: [
        { type: 'decision-to-assess', on: '2025-04-10' },
        { type: 'advice-requested', on: '2025-04-11', adviser: 'health' },
        { type: 'advice-received', on: '2025-06-10', adviser: 'health' },
        { type: 'draft-issued', on: '2025-08-20' },
        { type: 'final-issued', on: '2025-09-10' },
        { type: 'exception', ...exception },
        ...extra,
      ],
    });
  const status = (out: ReturnType<typeof run>, step: string) => out.steps.find((s) => s.step === step)?.status;
  const cases: [why: string, exception: Record<string, unknown>, final: Step['status'], week20: boolean, health: Step['status']][] = [
    ['summer closure of more than 4 weeks', { reason: 'school-closure', from: '2025-07-18', to: '2025-09-02' }, 'late-exception', true, 'late'],
    ['a closure of 2 weeks is not enough', { reason: 'school-closure', from: '2025-05-26', to: '2025-06-08' }, 'late', false, 'late'],
    ['early-years closure of exactly 28 days counts', { reason: 'early-years-closure', from: '2025-06-01', to: '2025-06-28' }, 'late-exception', true, 'late'],
    ['absence from the area of 27 days does not', { reason: 'absence-from-area', from: '2025-04-01', to: '2025-04-27' }, 'late', false, 'late'],
    ['absence from the area of 28 days does, for the LA and the adviser', { reason: 'absence-from-area', from: '2025-04-01', to: '2025-04-28' }, 'late-exception', true, 'late-exception'],
    ['personal circumstances of any length', { reason: 'personal-circumstances', from: '2025-04-20', to: '2025-04-21' }, 'late-exception', true, 'late-exception'],
    ['a missed health appointment excuses health only, never the LA', { reason: 'missed-appointment', adviser: 'health', from: '2025-05-01', to: '2025-05-01' }, 'late', false, 'late-exception'],
    ['a missed appointment with another adviser excuses nobody here', { reason: 'missed-appointment', adviser: 'educational-psychology', from: '2025-05-01', to: '2025-05-01' }, 'late', false, 'late'],
    ['an exception that ended before the request does not apply', { reason: 'personal-circumstances', from: '2025-01-01', to: '2025-03-02' }, 'late', false, 'late'],
    ['an exception that starts after the due date does not apply', { reason: 'personal-circumstances', from: '2025-07-22', to: '2025-08-30' }, 'late', false, 'late'],
    ['an exception overlapping only the last day applies', { reason: 'personal-circumstances', from: '2025-07-21', to: '2025-08-30' }, 'late-exception', true, 'late'],
  ];
  for (const [why, exception, final, week20, health] of cases) {
    test(why, () => {
      const out = late(exception);
      assert.equal(status(out, 'final'), final);
      assert.equal(out.exceptionApplies, week20);
      assert.equal(status(out, 'advice:health'), health);
    });
  }
});

describe('bad input gets a clear message, field by field', () => {
  const cases: [why: string, input: unknown, field: string, message: RegExp][] = [
    ['not an object', [], '', /JSON object/],
    ['missing request date', { asOf: '2025-01-01', events: [] }, 'requestReceived', /Enter the date the request was received/],
    ['malformed date', { requestReceived: '06/01/2025', asOf: '2025-06-01', events: [] }, 'requestReceived', /real date written YYYY-MM-DD/],
    ['impossible date', { requestReceived: '2025-02-29', asOf: '2025-06-01', events: [] }, 'requestReceived', /real date/],
    ['asOf before the request', { requestReceived: '2025-02-01', asOf: '2025-01-01', events: [] }, 'asOf', /before the request/],
    ['unknown event type', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'decision', on: '2025-02-01' }] }, 'events.0.type', /Unknown event type "decision"/],
    ['event date malformed', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'decision-to-assess', on: '2025-13-01' }] }, 'events.0.on', /real date/],
    ['advice without an adviser', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'decision-to-assess', on: '2025-02-01' }, { type: 'advice-requested', on: '2025-02-02' }] }, 'events.1.adviser', /needs an adviser/],
    ['unknown exception reason', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'exception', reason: 'waiting-list', from: '2025-02-01', to: '2025-03-01' }] }, 'events.0.reason', /Unknown exception reason "waiting-list"/],
    ['exception ends before it starts', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'exception', reason: 'personal-circumstances', from: '2025-03-01', to: '2025-02-01' }] }, 'events.0.to', /ends .* before it starts/],
    ['event before the request', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'decision-to-assess', on: '2025-01-05' }] }, 'events.0.on', /before the request was received/],
    ['event after asOf', { requestReceived: '2025-01-06', asOf: '2025-02-01', events: [{ type: 'decision-to-assess', on: '2025-02-10' }] }, 'events.0.on', /after asOf/],
    ['final before draft', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'decision-to-assess', on: '2025-02-01' }, { type: 'draft-issued', on: '2025-05-01' }, { type: 'final-issued', on: '2025-04-20' }] }, 'events.2', /before the draft/],
    ['final with no draft', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'decision-to-assess', on: '2025-02-01' }, { type: 'final-issued', on: '2025-04-20' }] }, 'events.1', /needs a draft plan first/],
    ['advice requested before deciding to assess', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'advice-requested', on: '2025-01-20', adviser: 'health' }, { type: 'decision-to-assess', on: '2025-02-01' }] }, 'events.0', /before the decision to assess/],
    ['advice received with no request', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'decision-to-assess', on: '2025-02-01' }, { type: 'advice-received', on: '2025-03-01', adviser: 'health' }] }, 'events.1', /no request for it/],
    ['events after withdrawal', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'withdrawn', on: '2025-01-20' }, { type: 'decision-to-assess', on: '2025-02-01' }] }, 'events.1', /after the case was withdrawn/],
    ['two final plans', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'decision-to-assess', on: '2025-02-01' }, { type: 'draft-issued', on: '2025-04-01' }, { type: 'final-issued', on: '2025-04-20' }, { type: 'final-issued', on: '2025-04-21' }] }, 'events.3', /more than once/],
    ['assess and not assess', { requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'decision-to-assess', on: '2025-02-01' }, { type: 'decision-not-to-assess', on: '2025-02-02' }] }, 'events.1', /both a decision to assess and a decision not to assess/],
  ];
  for (const [why, input, field, message] of cases) {
    test(why, () => {
      const r = timescales(input);
      assert.equal(r.ok, false);
      if (r.ok) return;
      const e = r.errors.find((x) => x.field === field);
      assert.ok(e, `no error for ${field}: ${JSON.stringify(r.errors)}`);
      assert.match(e.message, message);
    });
  }

  test('events may be listed in any order: the engine sorts them by date', () => {
    const a = rows({ requestReceived: '2025-01-06', asOf: '2025-06-01', events: [{ type: 'final-issued', on: '2025-05-20' }, { type: 'draft-issued', on: '2025-05-01' }, { type: 'decision-to-assess', on: '2025-02-10' }] });
    assert.deepEqual(a.at(-1), ['final', '2025-05-26', '2025-05-20', 'met']);
  });

  test('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (input) => {
      const r = timescales(input);
      return typeof r.ok === 'boolean';
    }));
    fc.assert(fc.property(fc.record({ requestReceived: fc.string(), asOf: fc.string(), events: fc.array(fc.record({ type: fc.constantFrom('decision-to-assess', 'exception', 'advice-requested', 'x'), on: fc.string(), from: fc.string(), to: fc.string(), reason: fc.string(), adviser: fc.string() })) }), (input) => typeof timescales(input).ok === 'boolean'));
  });
});
