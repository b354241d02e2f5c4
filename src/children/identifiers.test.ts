import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkNhsNumber, checkUpn, formatNhsNumber, nhsCheckDigit, upnCheckLetter } from './identifiers.ts';

describe('NHS number (modulus 11, statutory-rules.md §6.2)', () => {
  const valid: [string, string][] = [
    ['943 476 5919', '9434765919'], // NHS Data Dictionary's worked example
    ['9990000018', '9990000018'], // test range examples verified in statutory-rules.md
    ['999 765 4323', '9997654323'],
    ['999-100-2006', '9991002006'],
    ['999 888 7771', '9998887771'],
    [' 999 246 8106 ', '9992468106'],
  ];
  for (const [input, value] of valid) test(`accepts ${input}`, () => assert.deepEqual(checkNhsNumber(input), { ok: true, value }));

  const invalid: [string, RegExp][] = [
    ['943 476 5918', /check digit \(the last one\) should be 9/],
    ['987 654 4321', /check digit \(the last one\) should be 2/], // the NHS "format" example fails the checksum
    ['999 123 4560', /no NHS number can start with these 9 digits/], // 999 123 456x: the check would be 10
    ['943 476 591', /must be 10 digits.*you entered 9/],
    ['943 476 59190', /must be 10 digits/],
    ['943A765919', /only include numbers/],
    ['', /must be 10 digits/],
  ];
  for (const [input, message] of invalid) {
    test(`refuses ${JSON.stringify(input)} and says why`, () => {
      const r = checkNhsNumber(input);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, message);
    });
  }

  test('any nine digits with their computed check digit are valid, unless the check would be 10', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        const check = nhsCheckDigit(nine);
        if (check === 10) return true;
        return checkNhsNumber(`${nine}${check}`).ok;
      }),
    );
  });

  test('changing any one digit of a valid number makes it invalid', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (nine, pos, delta) => {
        const check = nhsCheckDigit(nine);
        fc.pre(check !== 10);
        const digits = `${nine}${check}`.split('').map(Number);
        digits[pos] = ((digits[pos] ?? 0) + delta) % 10;
        return !checkNhsNumber(digits.join('')).ok;
      }),
    );
  });

  test('formats as 3-3-4', () => assert.equal(formatNhsNumber('9434765919'), '943 476 5919'));
});

describe('UPN (check letter mod 23, statutory-rules.md §6.1)', () => {
  const valid = ['H886200124123', 'N330400023045', 'R801200018017', 'P93540152301A', 'B801200005001', 'A950000178301', 'H243278544154', 'h886 2001 24123'];
  for (const upn of valid) test(`accepts ${upn}`, () => assert.equal(checkUpn(upn).ok, true));

  test('gives the UPN in capitals without spaces', () => assert.deepEqual(checkUpn('h886 2001 24123'), { ok: true, value: 'H886200124123' }));

  const invalid: [string, RegExp][] = [
    ['A801200005001', /check letter\) should be B/],
    ['R247962919251', /check letter\) should be/],
    ['X428558133462', /check letter\) should be/],
    ['H88620012412', /must be 13 characters.*you entered 12/],
    ['1886200124123', /must start with a letter/],
    ['H8862001241A3', /a letter, then 11 numbers/],
    ['I886200124123', /I, O and S are never used/],
    ['P93540152301O', /I, O and S are never used/],
  ];
  for (const [input, message] of invalid) {
    test(`refuses ${input} and says why`, () => {
      const r = checkUpn(input);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, message);
    });
  }

  test('the worked example: LA 886, establishment 2001, year 24, serial 123 → H', () => assert.equal(upnCheckLetter('886200124123'), 'H'));

  test('any 12 digits with their computed check letter are valid', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{12}$/), (rest) => checkUpn(`${upnCheckLetter(rest)}${rest}`).ok));
  });
});
