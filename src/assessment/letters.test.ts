import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, appealByWithCertificate, appealDeadline, appealDeadlines, decisionLetter, mediationContactBy, type Letter, type LetterFacts } from './letters.ts';

test('addMonths: calendar months, month ends clamp to the last day', () => {
  const rows: [string, number, string][] = [
    ['2026-01-15', 2, '2026-03-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2027-12-31', 2, '2028-02-29'], // leap year
    ['2028-02-29', 2, '2028-04-29'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-11-30', 2, '2027-01-30'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2100-12-31', 2, '2101-02-28'], // 2100 is not a leap year
    ['2025-03-31', -1, '2025-02-28'],
  ];
  for (const [from, n, want] of rows) assert.equal(addMonths(from, n), want, `${from} + ${n}`);
});

test('appealDeadlines: 2 months from the letter; August moves to September, 25 December–1 January to the next working day', () => {
  const rows: [decided: string, appealBy: string, why: string][] = [
    ['2026-03-10', '2026-05-10', 'ordinary date'],
    ['2025-01-06', '2025-03-06', 'ordinary date'],
    ['2026-03-14', '2026-05-14', 'ordinary date'],
    ['2026-05-19', '2026-07-19', 'Sunday 19 July stays: only August and Christmas move'],
    ['2026-01-31', '2026-03-31', 'month end'],
    ['2025-12-31', '2026-02-28', '31 December → 28 February'],
    ['2023-12-31', '2024-02-29', '31 December → 29 February in a leap year'],
    ['2024-02-29', '2024-04-29', '29 February in a leap year'],
    ['2025-12-30', '2026-02-28', 'clamped to the last day of February'],
    ['2026-06-15', '2026-09-01', '15 August 2026 → Tuesday 1 September'],
    ['2027-06-02', '2027-09-01', '2 August 2027 → Wednesday 1 September'],
    ['2025-06-20', '2025-09-01', '20 August 2025 → Monday 1 September'],
    ['2026-06-30', '2026-09-01', '30 August 2026 → 1 September'],
    ['2026-06-01', '2026-09-01', '1 August 2026 → 1 September'],
    ['2026-05-31', '2026-07-31', '31 July stays'],
    ['2030-06-20', '2030-09-02', '20 August 2030 → 1 September is a Sunday → Monday 2 September'],
    ['2026-07-01', '2026-09-01', '1 September stays (Tuesday)'],
    ['2026-10-24', '2026-12-24', '24 December stays'],
    ['2026-10-25', '2027-01-04', '25 December 2026 → 2 January 2027 is a Saturday → Monday 4 January'],
    ['2026-10-27', '2027-01-04', '27 December 2026 → Monday 4 January 2027'],
    ['2025-11-01', '2026-01-02', '1 January 2026 → Friday 2 January'],
    ['2025-10-31', '2026-01-02', '31 December 2025 → Friday 2 January 2026'],
    ['2022-10-28', '2023-01-03', '28 December 2022 → 1 January 2023 was a Sunday, so Monday 2 January was the bank holiday → Tuesday 3 January'],
    ['2027-10-30', '2028-01-04', '30 December 2027 → 1 January 2028 is a Saturday, Monday 3 January the bank holiday → Tuesday 4 January'],
    ['2027-11-01', '2028-01-04', '1 January 2028 → Tuesday 4 January'],
  ];
  for (const [decided, want, why] of rows) {
    const d = appealDeadlines(decided);
    assert.equal(d.appealBy, want, `${decided}: ${why}`);
    assert.equal(appealDeadline(decided), want);
    assert.equal(d.mediationCertificateRule, 'or within 1 month of the date on your mediation certificate, whichever is later');
  }
});

test('mediationContactBy: 2 months from the letter, no holiday rule (reg 33)', () => {
  const rows: [string, string][] = [
    ['2026-03-10', '2026-05-10'],
    ['2026-06-15', '2026-08-15'],
    ['2025-12-31', '2026-02-28'],
    ['2026-10-27', '2026-12-27'],
  ];
  for (const [decided, want] of rows) assert.equal(mediationContactBy(decided), want, decided);
});

test('appealByWithCertificate: the later of 2 months from the letter and 1 month from the certificate', () => {
  const rows: [decided: string, certificate: string, want: string, why: string][] = [
    ['2026-03-10', '2026-03-20', '2026-05-10', 'early certificate: the letter’s limit is later'],
    ['2026-03-10', '2026-04-25', '2026-05-25', 'certificate + 1 month is later'],
    ['2026-03-10', '2026-04-10', '2026-05-10', 'same day either way'],
    ['2026-01-31', '2026-01-31', '2026-03-31', 'certificate on the day: 28 February is earlier than 31 March'],
    ['2026-05-20', '2026-07-05', '2026-09-01', 'certificate + 1 month is 5 August → 1 September'],
    ['2026-10-10', '2026-11-28', '2027-01-04', 'certificate + 1 month is 28 December → Monday 4 January'],
    ['2026-01-15', '2026-01-31', '2026-03-15', 'certificate on 31 January + 1 month = 28 February, earlier than the letter’s'],
  ];
  for (const [decided, cert, want, why] of rows) assert.equal(appealByWithCertificate(decided, cert), want, `${decided}, ${cert}: ${why}`);
});

const facts = (over: Partial<LetterFacts> = {}): LetterFacts => ({
  kind: 'not-to-assess', decidedOn: '2026-03-10', childName: 'Sam Brown', recipientName: 'Ms Brown',
  reasons: 'The school’s support is meeting Sam’s needs.\n\nSam is making good progress with it.', laName: 'Joinedshire County Council',
  caseworker: { name: 'Priya Sharma', email: 'priya@example.test', phone: '01632 960 123' },
  sendiass: { name: 'Joinedshire SENDIASS', phone: '01632 960 400', url: 'https://sendiass.example.test' },
  mediation: { name: 'Example Mediation', phone: '0808 000 0000', url: 'https://mediation.example.test' },
  ...over,
});
const text = (l: Letter) => [l.title, l.date, l.greeting, ...l.sections.flatMap((s) => [s.heading, ...s.paragraphs]), ...l.signOff].join('\n');

// The statutory content both letters carry (reg 5(3), reg 10(3), reg 32), for a letter dated 10 March 2026.
const common = [
  'Dear Ms Brown',
  '10 March 2026',
  'The school’s support is meeting Sam’s needs.', // the reasons, paragraph by paragraph
  'Sam is making good progress with it.',
  'First-tier Tribunal (Special Educational Needs and Disability)',
  'You must appeal by 10 May 2026 (2 months from the date of this letter), or within 1 month of the date on your mediation certificate, whichever is later.',
  'Before you can appeal, you must contact a mediation adviser by 10 May 2026.',
  'Contact: Example Mediation, phone 0808 000 0000, website https://mediation.example.test.',
  'You do not have to take part in mediation.',
  'The mediation adviser will give you a certificate, which you need in order to appeal.',
  'If you want mediation, please also tell us, and say what you disagree with.',
  'disagreement resolution',
  'information, advice and support service (SENDIASS)',
  'Contact: Joinedshire SENDIASS, phone 01632 960 400, website https://sendiass.example.test.',
  'Your caseworker is Priya Sharma. You can phone them on 01632 960 123. You can email them at priya@example.test.',
  'Joinedshire County Council',
];

const kinds: { name: string; over: Partial<LetterFacts>; present: string[]; absent: string[] }[] = [
  {
    name: 'not to assess',
    over: {},
    present: ['Decision on the request for an EHC needs assessment', 'We have decided not to carry out an education, health and care (EHC) needs assessment for Sam Brown.'],
    absent: ['What happens next', 'health and social care needs and provision'], // the recommendations power is not for refusals to assess
  },
  {
    name: 'not to issue',
    over: { kind: 'not-to-issue' },
    present: [
      'Decision after the EHC needs assessment',
      'We have finished the education, health and care (EHC) needs assessment for Sam Brown. We have decided not to issue an EHC plan.',
      'What happens next',
      'Sam Brown’s school or setting should keep giving special educational needs support (SEN support)',
      'With your agreement, we will share the information from the assessment with them.',
      'The tribunal can also make recommendations about health and social care needs and provision.',
    ],
    absent: [],
  },
];

for (const k of kinds) {
  test(`decision ${k.name}: the statutory content and the deadlines`, () => {
    const l = decisionLetter(facts(k.over));
    const t = text(l);
    for (const phrase of [...common, ...k.present]) assert.ok(t.includes(phrase), `missing: ${phrase}`);
    for (const phrase of k.absent) assert.ok(!t.includes(phrase), `should not say: ${phrase}`);
    assert.deepEqual(l.deadlines, [
      { label: 'Last day to contact a mediation adviser (you must do this before you can appeal)', date: '10 May 2026' },
      { label: 'Last day to appeal (unless a later mediation certificate gives you longer)', date: '10 May 2026' },
    ]);
    assert.ok(!/\d{4}-\d{2}-\d{2}/.test(t), 'dates are written out, never YYYY-MM-DD');
  });
}

test('a deadline moved out of August says why, and keeps the mediation date', () => {
  const l = decisionLetter(facts({ kind: 'not-to-issue', decidedOn: '2026-06-15' }));
  const t = text(l);
  assert.ok(t.includes('You must appeal by 1 September 2026, or within 1 month of the date on your mediation certificate, whichever is later.'));
  assert.ok(t.includes('falls in August, so you have until the first working day in September'));
  assert.ok(t.includes('you must contact a mediation adviser by 15 August 2026'));
  assert.deepEqual(l.deadlines.map((d) => d.date), ['15 August 2026', '1 September 2026']);
});

test('a deadline moved out of Christmas says why', () => {
  const t = text(decisionLetter(facts({ decidedOn: '2026-10-27' })));
  assert.ok(t.includes('You must appeal by 4 January 2027,'));
  assert.ok(t.includes('falls between 25 December and 1 January, so you have until the next working day in January'));
});

test('without contact details, the letter says how to get them; the reference is quoted when given', () => {
  const t = text(decisionLetter(facts({ sendiass: null, mediation: undefined, caseworker: { name: 'Priya Sharma' }, reference: 'EHC-990-2026-00001' })));
  assert.ok(t.includes('Ask us for the mediation adviser’s contact details.'));
  assert.ok(t.includes('Search online for ‘SENDIASS’ and Joinedshire County Council, or ask us for their details.'));
  assert.ok(t.includes('Your caseworker is Priya Sharma. Please quote EHC-990-2026-00001.'));
});

test('a letter to a young person speaks to them', () => {
  const t = text(decisionLetter(facts({ kind: 'not-to-issue', toYoungPerson: true, recipientName: 'Sam Brown' })));
  assert.ok(t.includes('needs assessment for you.'));
  assert.ok(t.includes('Your school or setting should keep giving'));
  assert.ok(t.includes('Dear Sam Brown'));
});

test('no reasons, no letter; nor without a real date', () => {
  for (const reasons of ['', '  ', '\n\n']) {
    assert.throws(() => decisionLetter(facts({ reasons })), /must give the reasons for the decision \(reg 5\(3\), reg 10\(3\)\): the reasons are empty/);
  }
  assert.throws(() => decisionLetter(facts({ decidedOn: '2026-02-30' })), /date of the decision as YYYY-MM-DD/);
});
