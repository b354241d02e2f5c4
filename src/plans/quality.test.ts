// Table tests for the plan quality checks (issue 4 §3): the two outcomes Ofsted quoted from Halton's plans, vague
// provision, and good examples that must pass clean.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkItem, checkOutcome, checkProvision, checkSection, checkWording, findingCodes, planSections, weights, type FindingCode } from './quality.ts';
import { countSyllables, fleschReadingEase, textStatistics } from './readability.ts';
import { jargonList } from './jargon.ts';

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe('checkOutcome (section E)', () => {
  const good = [
    'By July 2027, Amira will be able to travel to school by bus on her own.',
    'By the end of Year 6, Leo will read a short story aloud and answer three questions about it.',
    'Within 12 months, Sam will ask an adult for help using his communication book when he is stuck.',
    'By the time she leaves Year 11, Priya will make a hot drink and a simple meal without help.',
    'By age 16, Jordan will be able to use a timetable to get to each lesson on time.',
    'By the end of the key stage, Ellis will write his name and address without copying.',
    'By the end of Year 9, I will be able to tell staff when I feel worried.',
    'By the end of the summer term 2027, Mia will take turns in a game with two friends for 10 minutes.',
    'By July 2027, Sam will have made two friends he plays with at break.',
    'By the end of Year 11, Ana will achieve a grade 4 in GCSE maths.',
  ];
  for (const text of good) {
    test(`good: ${text}`, () => {
      assert.deepEqual(checkOutcome(text), { findings: [], score: 100 });
    });
  }

  // [text, codes that must be found, codes that must not be found]
  const bad: [string, FindingCode[], FindingCode[]][] = [
    // Ofsted, Halton (2017): "the outcomes are generic, for example, 'Child Y will no longer need the services of the physiotherapist'"
    ['Child Y will no longer need the services of the physiotherapist', ['outcome.service-centred', 'outcome.no-timeframe', 'outcome.not-observable'], []],
    // … "'Child Z will engage with the entire learning offer in school and transfer these skills.'" (jargon-ridden)
    ['Child Z will engage with the entire learning offer in school and transfer these skills.', ['outcome.no-timeframe', 'outcome.not-observable', 'wording.jargon'], ['outcome.service-centred']],
    ['Amira will improve her reading.', ['outcome.no-timeframe', 'outcome.not-observable'], []],
    ['By July 2027, Leo will develop his social skills.', ['outcome.not-observable'], ['outcome.no-timeframe']],
    ['Sam will be able to tell an adult when he needs help.', ['outcome.no-timeframe'], ['outcome.not-observable', 'outcome.service-centred']],
    ['By the end of Year 6, Jo will access speech and language therapy.', ['outcome.service-centred'], ['outcome.no-timeframe']],
    ['Priya will be happy at school.', ['outcome.not-observable', 'outcome.no-timeframe'], []],
    ['By July 2027, Ben will understand his emotions.', ['outcome.not-observable'], ['outcome.no-timeframe']],
    ['By the end of Year 8, Kai will be discharged from CAMHS.', ['outcome.service-centred', 'wording.abbreviation'], ['outcome.no-timeframe']],
    ['Within 6 months, Noah will not require the input of the OT.', ['outcome.service-centred', 'wording.abbreviation'], []],
    ['By July 2027, Ava will receive weekly support from a mentor.', ['outcome.service-centred'], []],
  ];
  for (const [text, must, mustNot] of bad) {
    test(`flagged: ${text}`, () => {
      const r = checkOutcome(text);
      const found = codes(r.findings);
      for (const c of must) assert.ok(found.includes(c), `${c} expected in ${found.join(', ')}`);
      for (const c of mustNot) assert.ok(!found.includes(c), `${c} not expected`);
      assert.ok(r.score < 100);
    });
  }

  test('the Halton "no longer need the services" outcome scores 0 and the message says what to write instead', () => {
    const r = checkOutcome('Child Y will no longer need the services of the physiotherapist');
    assert.equal(r.score, 0);
    const service = r.findings.find((f) => f.code === 'outcome.service-centred');
    assert.match(service?.message ?? '', /not what the child will be able to do/);
    assert.match(service?.message ?? '', /for example/);
  });

  test('time frames in the ways plans write them', () => {
    for (const when of ['By July 2027', 'By 31 July 2027', 'By the end of Year 6', 'Within 12 months', 'By the end of the key stage', 'By age 16', 'Before he moves to secondary school', 'By his next annual review', 'In the next six months', 'By 2028']) {
      assert.ok(!codes(checkOutcome(`${when}, Sam will walk to the school hall on his own.`).findings).includes('outcome.no-timeframe'), when);
    }
  });
});

describe('checkProvision (section F)', () => {
  const good = [
    '3 times a week for 20 minutes by a speech and language therapist',
    'A teaching assistant will work with Amira in a group of no more than 4 pupils, 3 times a week for 30 minutes, on reading.',
    'An occupational therapist will see Leo once a week for 45 minutes in the autumn term. She will show staff how to run his handwriting exercises.',
    'Daily 15-minute reading sessions, one-to-one with a trained teaching assistant.',
    'The class teacher will go through a picture timetable with Sam for 5 minutes every morning.',
    'A speech and language therapist will train Sam’s teaching assistant for 2 hours each term.',
    'A height-adjustable desk and chair in every classroom he uses.',
    'A teaching assistant will support Jo in all lessons, 25 hours a week.',
    'Phonics in a group of up to 6 pupils, led by a teacher, 4 times a week for 20 minutes.',
    'One-to-one support from a teaching assistant throughout the school day.',
  ];
  for (const text of good) {
    test(`good: ${text}`, () => {
      assert.deepEqual(checkProvision(text), { findings: [], score: 100 });
    });
  }

  const bad: [string, FindingCode[]][] = [
    ['Regular opportunities to work in a small group', ['provision.vague-term', 'provision.no-frequency', 'provision.no-duration', 'provision.no-provider']],
    ['Access to SALT as required', ['provision.vague-term', 'provision.no-frequency', 'provision.no-duration', 'wording.abbreviation']],
    ['Support from a teaching assistant.', ['provision.no-frequency', 'provision.no-duration']],
    ['Speech and language therapy, 30 minutes a week', ['provision.no-provider']],
    ['Up to 5 hours a week of 1:1 support from a TA.', ['provision.vague-term', 'wording.abbreviation']],
    ['Up to 3 hours a week with a tutor.', ['provision.vague-term']],
    ['Sam may have a daily check-in with his key worker for 10 minutes', ['provision.vague-term']],
    ['A differentiated curriculum with a sensory diet where appropriate.', ['provision.vague-term', 'wording.jargon', 'provision.no-frequency']],
    ['An ongoing programme of OT.', ['provision.vague-term', 'wording.abbreviation']],
    ['Ben will receive some small-group work with a teacher each week.', ['provision.vague-term', 'provision.no-duration']],
    ['Physiotherapy exercises when available, weekly for 20 minutes, with a teaching assistant.', ['provision.vague-term']],
    ['Sam will be encouraged to use his word mat every lesson with an adult for 5 minutes.', ['provision.vague-term']],
  ];
  for (const [text, must] of bad) {
    test(`flagged: ${text}`, () => {
      const r = checkProvision(text);
      const found = codes(r.findings);
      for (const c of must) assert.ok(found.includes(c), `${c} expected in ${found.join(', ')}`);
      assert.ok(r.score < 100);
    });
  }

  test('the vague-term message names the word and says how to fix it', () => {
    const r = checkProvision('Regular opportunities to work in a small group');
    assert.equal(r.findings[0]?.message, '“Regular” does not say how often. Say how often and for how long: for example, 3 times a week for 20 minutes.');
    assert.ok(r.findings.some((f) => f.message.startsWith('“Opportunities to”')));
  });

  test('"May" the month is not "may" the maybe', () => {
    assert.deepEqual(codes(checkProvision('From May 2026, a teaching assistant will read with Sam daily for 15 minutes.').findings), []);
  });
});

describe('checkWording (any section)', () => {
  const rows: [string, string, FindingCode[]][] = [
    ['abbreviation not written out', 'Sam sees the SALT every week.', ['wording.abbreviation']],
    ['abbreviation written out in brackets after', 'Sam sees a speech and language therapist (SALT) every week. The SALT sets his targets.', []],
    ['abbreviation written out in brackets before', 'Sam has ADHD (attention deficit hyperactivity disorder).', []],
    ['ADHD not written out', 'Sam has ADHD.', ['wording.abbreviation']],
    ['1:1 not written out', 'Sam has 1:1 help at lunch.', ['wording.abbreviation']],
    ['1:1 with one-to-one', 'Sam has one-to-one (1:1) help at lunch.', []],
    ['unknown abbreviation', 'Sam attends the XYZ club.', ['wording.abbreviation']],
    ['unknown abbreviation defined', 'Sam attends the Young Explorers Scheme (YES).', []],
    ['abbreviations families know', 'Sam sees his GP and will sit GCSE maths. The NHS pays.', []],
    ['jargon', 'Sam needs a sensory diet and proprioceptive input.', ['wording.jargon', 'wording.jargon']],
    ['jargon explained on the spot', 'Sam needs a sensory diet (a planned set of movement activities through the day).', []],
    ['lower case is not an abbreviation', 'Sam got a lot out of it.', []],
    ['plain text', 'Sam likes trains and football. He wants to be a bus driver.', []],
  ];
  for (const [name, text, expected] of rows) {
    test(name, () => {
      assert.deepEqual(codes(checkWording(text)), expected);
    });
  }

  test('hard-to-read text is flagged with its reading ease, easy text is not', () => {
    const hard = 'Multidisciplinary interventions facilitating executive functioning necessitate comprehensive interprofessional collaboration and individualised differentiation strategies.';
    const found = checkWording(hard).find((f) => f.code === 'wording.hard-to-read');
    assert.match(found?.message ?? '', /reading ease \d+ out of 100/);
    assert.ok(!codes(checkWording('Sam likes to play with his friends at break. He is happy when he can run about outside.')).includes('wording.hard-to-read'));
  });

  test('every list entry has a plain alternative, and abbreviations say what spells them out', () => {
    for (const e of jargonList) {
      assert.ok(e.plain.length > 3, e.term);
      if (e.kind === 'abbreviation') assert.ok(e.expansions.length > 0 && e.expansions.every((x) => x === x.toLowerCase()), e.term);
    }
  });
});

describe('readability', () => {
  test('syllables of common words', () => {
    const rows: [string, number][] = [
      ['cat', 1], ['school', 1], ['makes', 1], ['walked', 1], ['played', 1], ['home', 1], ['buses', 2], ['pages', 2], ['wanted', 2],
      ['needed', 2], ['table', 2], ['language', 2], ['minutes', 2], ['therapist', 3], ['assistant', 3], ['every', 2], ['people', 2],
      ['occupational', 5], ['communication', 5], ['independently', 5], ['3', 1], ['20', 1], ['2027', 1],
    ];
    for (const [word, n] of rows) assert.equal(countSyllables(word), n, word);
  });

  test('counts sentences, and each line as a sentence', () => {
    assert.deepEqual(textStatistics('Sam reads. He writes!'), { sentences: 2, words: 4, syllables: 4 });
    assert.equal(textStatistics('Reading daily\nWriting weekly').sentences, 2);
    assert.equal(fleschReadingEase(''), null);
  });

  test('reading ease falls as text gets harder, and stays within 0–100', () => {
    const texts = [
      'Sam can read. He likes dogs. He has a cat.',
      'Sam reads short books with his teacher. He likes stories about animals and trains.',
      'Sam understands instructions better when his teacher shows him pictures and explains the steps.',
      'Comprehensive multidisciplinary assessment identified significant difficulties regarding executive functioning, necessitating individualised differentiated interventions.',
    ];
    const scores = texts.map((t) => fleschReadingEase(t) ?? NaN);
    for (let i = 1; i < scores.length; i++) assert.ok((scores[i] ?? NaN) < (scores[i - 1] ?? NaN), `${scores.join(' > ')}`);
    for (const s of scores) assert.ok(s >= 0 && s <= 100);
  });
});

describe('checkSection', () => {
  test('section E: a score per item and reasons for the section', () => {
    const r = checkSection('E', ['By July 2027, Amira will be able to travel to school by bus on her own.', 'Child Y will no longer need the services of the physiotherapist']);
    assert.deepEqual(r.items.map((i) => i.score), [100, 0]);
    assert.equal(r.score, 50);
    assert.deepEqual(r.reasons, ['About a service, not the child in 1 of 2 items.', 'No time frame (by when) in 1 of 2 items.', 'Nothing that anyone could see or hear the child do in 1 of 2 items.']);
    assert.equal(typeof r.readingEase, 'number');
  });

  test('section F runs the provision checks; section B only the wording', () => {
    const vague = 'Regular opportunities to work in a small group';
    assert.ok(codes(checkSection('F', [vague]).items[0]?.findings ?? []).includes('provision.vague-term'));
    assert.deepEqual(checkSection('B', [vague]).items[0]?.findings, []);
    assert.deepEqual(checkItem('B', vague), { findings: [], score: 100 });
  });

  test('a section that is hard to read as a whole is marked down once, with a reason', () => {
    const items = ['Differentiated curriculum.', 'Executive functioning difficulties.', 'Proprioceptive regulation strategies.', 'Comprehensive communication assessment.'];
    const r = checkSection('B', items);
    assert.ok(r.readingEase !== null && r.readingEase < 50);
    assert.ok(r.reasons.some((x) => /hard to read \(reading ease \d+/.test(x)));
    const mean = Math.round(r.items.reduce((s, i) => s + i.score, 0) / r.items.length);
    assert.equal(r.score, mean - weights['wording.hard-to-read']);
  });

  test('an empty section has nothing to check', () => {
    assert.deepEqual(checkSection('H1', []), { score: 100, readingEase: null, items: [], reasons: ['Nothing to check: the section is empty.'] });
  });

  test('scores stay within 0–100 for every section and every example', () => {
    const texts = ['', 'x', 'Regular access to OT, SALT, EP and CAMHS input as required where appropriate if possible up to some hours.', 'By July 2027, Sam will read.', 'Child Y will no longer need the services of the physiotherapist'];
    for (const s of planSections) {
      const r = checkSection(s, texts);
      for (const n of [r.score, ...r.items.map((i) => i.score)]) assert.ok(Number.isInteger(n) && n >= 0 && n <= 100, `${s}: ${n}`);
    }
  });

  test('every code has a weight, and findings only use known codes', () => {
    for (const c of findingCodes) assert.ok(weights[c] > 0);
    const all = [...checkProvision('Regular access to OT as required').findings, ...checkOutcome('Child Y will no longer need the services of the physiotherapist').findings];
    for (const f of all) assert.ok((findingCodes as readonly string[]).includes(f.code));
  });
});
