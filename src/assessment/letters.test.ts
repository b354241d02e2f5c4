import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, appealDeadline, decisionLetter, type LetterFacts } from './letters.ts';

test('addMonths: calendar months, month ends clamp', () => {
  const rows: [string, number, string][] = [
    ['2026-01-15', 2, '2026-03-15'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2027-12-31', 2, '2028-02-29'], // leap year
    ['2028-02-29', 2, '2028-04-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-11-30', 2, '2027-01-30'],
  ];
  for (const [from, n, want] of rows) assert.equal(addMonths(from, n), want, `${from} + ${n}`);
});

test('appealDeadline: 2 months; August moves to September, 25 December–1 January to the next working day', () => {
  const rows: [string, string][] = [
    ['2026-03-10', '2026-05-10'],
    ['2026-06-15', '2026-09-01'], // would end 15 August 2026 → Tuesday 1 September
    ['2027-06-02', '2027-09-01'], // 2 August 2027 → Wednesday 1 September
    ['2025-06-20', '2025-09-01'], // 20 August 2025 → Monday 1 September
    ['2030-06-20', '2030-09-02'], // 20 August 2030 → 1 September is a Sunday → Monday 2 September
    ['2026-10-27', '2027-01-04'], // 27 December 2026 → 2 January 2027 is a Saturday → Monday 4 January
    ['2025-11-01', '2026-01-02'], // 1 January 2026 → Friday 2 January
    ['2026-10-24', '2026-12-24'], // 24 December stays
  ];
  for (const [decided, want] of rows) assert.equal(appealDeadline(decided), want, decided);
});

const facts = (over: Partial<LetterFacts> = {}): LetterFacts => ({
  kind: 'not-to-assess', decidedOn: '2026-03-10', childName: 'Sam Brown', recipientName: 'Ms Brown', toYoungPerson: false,
  reasons: 'The school’s support is meeting Sam’s needs.\n\nSam is making good progress with it.', laName: 'Joinedshire County Council', reference: 'EHC-990-2026-00001',
  caseworker: { name: 'Priya Sharma', email: 'priya@example.test' }, ...over,
});
const text = (l: ReturnType<typeof decisionLetter>) => [l.title, l.greeting, ...l.sections.flatMap((s) => [s.heading, ...s.paragraphs]), ...l.signOff].join('\n');

test('decision not to assess: the statutory content (reg 5(3), reg 32)', () => {
  const t = text(decisionLetter(facts()));
  for (const phrase of [
    'We have decided not to carry out an education, health and care (EHC) needs assessment for Sam Brown.',
    'The school’s support is meeting Sam’s needs.', // the reasons, paragraph by paragraph
    'First-tier Tribunal',
    'You must appeal by 10 May 2026 (2 months from the date of this letter), or within 1 month of the date on your mediation certificate, whichever is later.',
    'you must contact a mediation adviser',
    'certificate',
    'disagreement resolution',
    'SENDIASS',
    'Priya Sharma',
    'EHC-990-2026-00001',
  ]) assert.ok(t.includes(phrase), `missing: ${phrase}`);
  assert.ok(!t.includes('health and social care needs and provision'), 'the recommendations power is not for refusals to assess');
});

test('decision not to issue a plan: what happens next, and the tribunal’s recommendations power', () => {
  const l = decisionLetter(facts({ kind: 'not-to-issue', decidedOn: '2026-06-15' }));
  const t = text(l);
  assert.ok(t.includes('We have decided not to issue an EHC plan.'));
  assert.ok(t.includes('What happens next'));
  assert.ok(t.includes('recommendations about health and social care'));
  assert.equal(l.deadlines[0]?.date, '1 September 2026');
});

test('a letter to a young person speaks to them', () => {
  const t = text(decisionLetter(facts({ toYoungPerson: true, recipientName: 'Sam Brown' })));
  assert.ok(t.includes('needs assessment for you.'));
  assert.ok(t.includes('Dear Sam Brown'));
});

test('no reasons, no letter', () => {
  assert.throws(() => decisionLetter(facts({ reasons: '  ' })), /must give the reasons/);
});
