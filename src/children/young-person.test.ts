import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ageOn, endOfCompulsorySchoolAge, isYoungPerson } from './young-person.ts';

describe('end of compulsory school age: the last Friday in June of the school year in which the child turns 16', () => {
  const cases: [dob: string, end: string, why: string][] = [
    ['2009-03-10', '2025-06-27', 'turns 16 in March 2025; last Friday of June 2025 is the 27th'],
    ['2009-08-31', '2025-06-27', 'born 31 August: turns 16 after the leaving date and still leaves on it'],
    ['2009-07-15', '2025-06-27', 'July birthday: same'],
    ['2009-09-01', '2026-06-26', 'born 1 September: the school year starts on the birthday, ends June 2026'],
    ['2009-12-31', '2026-06-26', 'December birthday: next June'],
    ['2010-01-01', '2026-06-26', '1 January: turns 16 in that spring term'],
    ['2008-02-29', '2024-06-28', 'leap-day birthday'],
    ['2004-06-30', '2020-06-26', 'June 30 2020 was a Tuesday'],
    ['2007-06-01', '2023-06-30', 'June 30 2023 was itself a Friday'],
    ['2016-05-04', '2032-06-25', 'a child in the demo data'],
  ];
  for (const [dob, end, why] of cases) test(`${dob} → ${end} (${why})`, () => assert.equal(endOfCompulsorySchoolAge(dob), end));

  test('the result is always a Friday in late June', () => {
    for (let y = 1990; y < 2040; y++) {
      for (const md of ['01-15', '08-31', '09-01', '12-31']) {
        const end = endOfCompulsorySchoolAge(`${y}-${md}`);
        const d = new Date(`${end}T00:00:00Z`);
        assert.equal(d.getUTCDay(), 5, end);
        assert.equal(d.getUTCMonth(), 5, end);
        assert.ok(d.getUTCDate() >= 24, end);
      }
    }
  });

  test('rights pass the day after', () => {
    assert.equal(isYoungPerson('2009-03-10', '2025-06-27'), false);
    assert.equal(isYoungPerson('2009-03-10', '2025-06-28'), true);
  });
});

describe('age in whole years', () => {
  const cases: [string, string, number][] = [
    ['2010-05-04', '2026-05-03', 15],
    ['2010-05-04', '2026-05-04', 16],
    ['2008-02-29', '2025-02-28', 16], // not yet: a leap-day birthday falls on 1 March
    ['2008-02-29', '2025-03-01', 17],
    ['2008-02-29', '2024-02-29', 16],
    ['2026-01-01', '2026-11-20', 0],
  ];
  for (const [dob, on, age] of cases) test(`${dob} on ${on} → ${age}`, () => assert.equal(ageOn(dob, on), age));
});
