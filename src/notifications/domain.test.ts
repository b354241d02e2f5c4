import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  absoluteUrl, assertImpersonalSubject, checkMessage, composeEmail, InvalidMessageError, isAppPath, looksLikeEmail, PersonalDetailInSubjectError, personalTermsIn, retryDelayMs,
} from './domain.ts';

describe('the subject guard: no name of the person in a subject line', () => {
  // [subject, personal terms, positions of the terms found]
  const cases: [string, string[], number[]][] = [
    ['Advice requested for an EHC needs assessment (EHC-2026-0001)', ['Amara', 'Okafor'], []],
    ['Advice requested for Amara Okafor', ['Amara', 'Okafor'], [0, 1]],
    ['Draft plan for amara', ['Amara', 'Okafor'], [0]],
    ['OKAFOR: decision', ['Amara', 'Okafor'], [1]],
    ['Annual review due', ['Ann', 'Lee'], []],
    ['Plan for Ann-Marie', ['Ann', 'Lee'], [0]],
    ['Ann’s draft plan', ['Ann', 'Lee'], [0]],
    ['Fleet meeting', ['Ann', 'Lee'], []],
    ['Reply from Leeds', ['Ann', 'Lee'], []],
    ['Draft for Zoë', ['Zoe', 'Smith'], [0]],
    ['Draft for ZOE', ['Zoë', 'Smith'], [0]],
    ['Letter to O’Brien', ['Sean', "O'Brien"], [1]],
    ['Letter to OBrien', ['Sean', "O'Brien"], []],
    ['Plan for Mary  Ann', ['Mary Ann', 'Jones'], [0]],
    ['Plan for Mary', ['Mary Ann', 'Jones'], []],
    ['Plan for Smith-Jones', ['Li', 'Smith-Jones'], [1]],
    ['Case 2026/7 (Li)', ['Li', 'Wu'], [0]],
    ['Linked case', ['Li', 'Wu'], []],
    ['Nothing to see', ['', '   '], []],
    ['Request (C.J.)', ['C.J.', 'Doe'], [0]],
    ['Decision: an EHC needs assessment will go ahead', ['Will', 'Hope'], [0]],
  ];
  for (const [subject, terms, found] of cases) {
    test(`"${subject}" with [${terms.join(', ')}]`, () => {
      assert.deepEqual(personalTermsIn(subject, terms), found);
      if (found.length) assert.throws(() => assertImpersonalSubject(subject, terms), PersonalDetailInSubjectError);
      else assert.doesNotThrow(() => assertImpersonalSubject(subject, terms));
    });
  }

  test('the error names the term by position only, so a log holds no name', () => {
    assert.throws(
      () => assertImpersonalSubject('Plan for Amara Okafor', ['Amara', 'Okafor']),
      (err: Error) => err instanceof PersonalDetailInSubjectError && !/Amara|Okafor/.test(err.message) && /term 1 and 2 of 2/.test(err.message),
    );
  });
});

describe('a message fit to send', () => {
  const good = { recipients: [], laCode: '990', kind: 'advice-requested', subject: 'Advice requested (EHC-1)', body: 'Please give your advice by 6 January 2027.', link: '/assessments/1' };
  const cases: [string, Record<string, unknown>, RegExp | null][] = [
    ['a good message', {}, null],
    ['a child id', { childId: '4b0d7a52-6f5c-4b8e-9a59-2f8a1c0e6d11' }, null],
    ['no child id', { childId: null }, null],
    ['a child id that is not a uuid', { childId: '42' }, /childId/],
    ['an empty subject', { subject: '  ' }, /subject is empty/],
    ['a subject of two lines', { subject: 'One\nTwo' }, /one line/],
    ['a long subject', { subject: 'x'.repeat(151) }, /150/],
    ['an empty body', { body: '' }, /body is empty/],
    ['a link to another site', { link: 'https://evil.example/' }, /link/],
    ['a protocol-relative link', { link: '//evil.example/x' }, /link/],
    ['a backslash link', { link: '/\\evil.example' }, /link/],
    ['a link with a space', { link: '/a b' }, /link/],
    ['an LA code that is not one', { laCode: 'E09' }, /laCode/],
    ['a kind with capitals', { kind: 'Decision' }, /kind/],
    ['a name in the subject', { subject: 'Advice for Amara', personalTerms: ['Amara', 'Okafor'] }, /must not name/],
  ];
  for (const [name, change, error] of cases) {
    test(name, () => {
      const input = { ...good, ...change };
      if (error) assert.throws(() => checkMessage(input), (e: Error) => e instanceof InvalidMessageError && error.test(e.message));
      else assert.equal(checkMessage(input).subject, input.subject);
    });
  }
});

describe('links and addresses', () => {
  const paths: [string, boolean][] = [
    ['/assessments/123', true],
    ['/', true],
    ['/inbox?page=2', true],
    ['assessments/1', false],
    ['//host/x', false],
    ['/\\host', false],
    ['javascript:alert(1)', false],
    ['', false],
  ];
  for (const [p, ok] of paths) test(`path ${JSON.stringify(p)}`, () => assert.equal(isAppPath(p), ok));

  const emails: [string, boolean][] = [
    ['jo@example.gov.uk', true],
    ['jo@localhost', false],
    ['not an email', false],
    ['', false],
  ];
  for (const [e, ok] of emails) test(`email ${JSON.stringify(e)}`, () => assert.equal(looksLikeEmail(e), ok));

  test('absolute links keep a base path and drop a trailing slash', () => {
    assert.equal(absoluteUrl('https://send.example.gov.uk', '/inbox'), 'https://send.example.gov.uk/inbox');
    assert.equal(absoluteUrl('https://council.example/send/', '/inbox'), 'https://council.example/send/inbox');
  });
});

describe('the email', () => {
  const email = composeEmail({ id: 'm1', subject: 'Advice requested (EHC-1)', body: 'Please give your advice by 6 January 2027.\n', link: '/advice/a1' }, 'https://send.example.gov.uk/');
  test('says what changed and links to the case with an absolute address', () => {
    assert.equal(email.subject, 'Advice requested (EHC-1)');
    assert.match(email.text, /^Please give your advice by 6 January 2027\.\n\nOpen it in joinedup: https:\/\/send\.example\.gov\.uk\/advice\/a1\n/);
  });
  test('has a footer saying why they got it and where the message is kept', () => {
    assert.match(email.text, /\n-- \nYou are getting this email because you have a joinedup account and you are involved in this case\./);
    assert.match(email.text, /https:\/\/send\.example\.gov\.uk\/inbox\/m1/);
  });
});

describe('retries back off', () => {
  const cases: [number, number][] = [
    [1, 1],
    [2, 2],
    [3, 4],
    [8, 128],
    [9, 256],
    [10, 360],
    [30, 360],
  ];
  for (const [attempts, minutes] of cases) test(`after ${attempts} failures: ${minutes} minutes`, () => assert.equal(retryDelayMs(attempts), minutes * 60_000));
});
