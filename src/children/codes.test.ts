import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ethnicityCodes, ethnicityLabel, isLaCode, laName, laOptions, needTypes, sexCodes, sexLabel } from './codes.ts';

describe('DfE code sets', () => {
  for (const [name, list] of [['sex', sexCodes], ['ethnicity', ethnicityCodes], ['need types', needTypes]] as const) {
    test(`${name}: codes unique, labels present`, () => {
      const codes = list.map(([c]) => c);
      assert.equal(new Set(codes).size, codes.length);
      for (const [, label] of list) assert.ok(label.length > 0);
    });
  }
  test('ethnicity has the 18 CBDS main codes plus refused and not obtained', () => assert.equal(ethnicityCodes.length, 20));
  test('need types match SEN2 2025 (13, with DS)', () => assert.deepEqual(needTypes.map(([c]) => c).sort(), ['ASD', 'DS', 'HI', 'MLD', 'MSI', 'OTH', 'PD', 'PMLD', 'SEMH', 'SLCN', 'SLD', 'SPLD', 'VI']));
  const lookups: [string, string][] = [
    [sexLabel('U'), 'Not known'],
    [ethnicityLabel('WBRI'), 'White – British'],
    [ethnicityLabel('ZZZZ'), 'ZZZZ'],
    [laName('886'), 'Kent'],
    [laName('201'), 'City of London'],
    [laName('990'), 'Joinedshire (demonstration area)'],
  ];
  for (const [got, want] of lookups) test(`label ${want}`, () => assert.equal(got, want));
  test('LA codes: every English LA in the DfE file, and only 3 digits', () => {
    assert.ok(laOptions().length >= 150);
    assert.equal(isLaCode('886'), true);
    assert.equal(isLaCode('999'), false);
    assert.equal(isLaCode('88'), false);
    for (const { code } of laOptions()) assert.match(code, /^\d{3}$/);
  });
});
