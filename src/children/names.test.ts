import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findPossibleDuplicates, isLikelySameName, normaliseName, trigramSimilarity } from './names.ts';

describe('names', () => {
  test('normalising removes accents, case and punctuation', () => {
    assert.equal(normaliseName("  Zoë  O'Brien-Smith "), 'zoe o brien smith');
  });

  test('trigram similarity matches pg_trgm for known pairs', () => {
    // SELECT similarity('word', 'two words') = 0.36363637 in PostgreSQL
    assert.equal(Math.round(trigramSimilarity('word', 'two words') * 1e6) / 1e6, 0.363636);
    assert.equal(trigramSimilarity('abc', 'abc'), 1);
    assert.equal(trigramSimilarity('', 'abc'), 0);
  });

  const cases: [string, string, string, string, boolean][] = [
    ['Jon', 'Smith', 'John', 'Smith', true],
    ['Aisha', 'Khan', 'Ayesha', 'Khan', true],
    ['Smith', 'John', 'John', 'Smith', true],
    ['Mohammed', 'Ali', 'Mohammad', 'Ali', true],
    ['Olivia', 'Brown', 'Oliver', 'Green', false],
    ['Amelia', 'Jones', 'Harry', 'Jones', false],
  ];
  for (const [g1, f1, g2, f2, same] of cases) {
    test(`${g1} ${f1} / ${g2} ${f2}: ${same ? 'probably the same' : 'different'}`, () => {
      assert.equal(isLikelySameName({ givenName: g1, familyName: f1 }, { givenName: g2, familyName: f2 }), same);
    });
  }
});

describe('possible duplicates', () => {
  const existing = [
    { id: 'a', givenName: 'John', familyName: 'Smith', dateOfBirth: '2015-04-01', nhsNumber: '9434765919', upn: 'H886200124123' },
    { id: 'b', givenName: 'Olivia', familyName: 'Brown', dateOfBirth: '2015-04-01' },
    { id: 'c', givenName: 'Jon', familyName: 'Smyth', dateOfBirth: '2016-04-01' },
  ];
  const cases: [string, Parameters<typeof findPossibleDuplicates>[0], Record<string, string[]>][] = [
    ['same NHS number, different name', { givenName: 'Zed', familyName: 'Zed', dateOfBirth: '2001-01-01', nhsNumber: '9434765919' }, { a: ['same-nhs-number'] }],
    ['same UPN', { givenName: 'Zed', familyName: 'Zed', dateOfBirth: '2001-01-01', upn: 'H886200124123' }, { a: ['same-upn'] }],
    ['same date of birth and a similar name', { givenName: 'Jon', familyName: 'Smith', dateOfBirth: '2015-04-01' }, { a: ['same-dob-similar-name'] }],
    ['same date of birth, different name', { givenName: 'Harry', familyName: 'Patel', dateOfBirth: '2015-04-01' }, {}],
    ['similar name, different date of birth', { givenName: 'John', familyName: 'Smith', dateOfBirth: '2017-04-01' }, {}],
    ['everything matches', { givenName: 'John', familyName: 'Smith', dateOfBirth: '2015-04-01', nhsNumber: '9434765919', upn: 'H886200124123' }, { a: ['same-nhs-number', 'same-upn', 'same-dob-similar-name'] }],
  ];
  for (const [name, candidate, expected] of cases) {
    test(name, () => {
      const got: Record<string, string[]> = Object.fromEntries(findPossibleDuplicates(candidate, existing).map((m) => [m.id ?? '', m.reasons]));
      assert.deepEqual(got, expected);
    });
  }
});
