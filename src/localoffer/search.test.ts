import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  boundingBox, chooseCorrection, editDistance, haversineMiles, matchSynonyms, parseSearch, planQuery, recordedFilters, redactSearchText, searchQueryString, tokenise,
  wordsToCheck, type WordFacts,
} from './search.ts';
import { synonymGroups } from './synonyms.ts';

describe('words of a search', () => {
  const cases: [string, string[]][] = [
    ['Speech and Language Therapy', ['speech', 'language', 'therapy']],
    ['  autistic   ', ['autistic']],
    ["Down's syndrome", ['downs', 'syndrome']],
    ['children’s centre', ['childrens', 'centre']],
    ['Café for the parents of teens', ['cafe', 'parents', 'teens']],
    ['SALT/OT drop-in', ['salt', 'ot', 'drop']],
    ['the and of', []],
    ['', []],
    ['a b c d e f g h i j k l m n o p', ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n']],
  ];
  for (const [text, words] of cases) test(JSON.stringify(text), () => assert.deepEqual(tokenise(text), words));
});

describe('synonyms and family words', () => {
  // What a family types → a term of the group it must reach (so the listing's own words are searched too).
  const cases: [string, string][] = [
    ['autistic', 'autism'],
    ['ASD', 'autism'],
    ['asc', 'autism'],
    ["Asperger's", 'autism'],
    ['SALT', 'speech and language therapy'],
    ['speech therapy', 'speech and language therapy'],
    ['speech and language therapist', 'salt'],
    ['OT', 'occupational therapy'],
    ['ADHD', 'attention deficit hyperactivity disorder'],
    ['CAMHS', 'child and adolescent mental health service'],
    ['respite', 'short breaks'],
    ['short break', 'respite'],
    ['dyslexic', 'dyslexia'],
    ['physio', 'physiotherapy'],
    ['deaf', 'hearing impairment'],
    ['downs syndrome', 'down syndrome'],
    ['SENDIASS', 'information advice and support'],
    ['EHCP', 'education health and care plan'],
    ['kids', 'children'],
    ['teenagers', 'young people'],
    ['PfA', 'preparing for adulthood'],
    ['playscheme', 'holiday club'],
  ];
  for (const [typed, reaches] of cases) {
    test(`${typed} → ${reaches}`, () => {
      const parts = matchSynonyms(tokenise(typed));
      assert.equal(parts.length, 1, JSON.stringify(parts));
      const p = parts[0];
      assert.equal(p?.kind, 'group');
      if (p?.kind !== 'group') return;
      assert.ok(synonymGroups[p.group]?.includes(reaches), `${typed} is in ${JSON.stringify(synonymGroups[p.group])}`);
    });
  }

  test('the longest term wins, and the words around it stay words', () => {
    const parts = matchSynonyms(tokenise('swimming for autistic teenagers in Joinedtown'));
    assert.deepEqual(parts.map((p) => (p.kind === 'word' ? p.word : `[${synonymGroups[p.group]?.[0]}]`)), ['swimming', '[autism]', '[young people]', 'joinedtown']);
    const salt = matchSynonyms(tokenise('speech and language therapy'));
    assert.equal(salt.length, 1);
  });

  test('the same group twice counts once', () => {
    assert.equal(matchSynonyms(tokenise('autism ASD')).length, 1);
  });

  test('no term is in two groups, and every term has a word the search uses', () => {
    const seen = new Map<string, number>();
    synonymGroups.forEach((g, i) => {
      for (const t of g) {
        const key = tokenise(t).join(' ');
        assert.ok(key.length > 0, `${t} has no words`);
        assert.ok(!seen.has(key) || seen.get(key) === i, `"${t}" is in two groups`);
        seen.set(key, i);
      }
    });
  });

  test('everyday words that are also abbreviations are not synonyms', () => {
    for (const w of ['add', 'hi', 'cp', 'ms']) assert.deepEqual(matchSynonyms([w]), [{ kind: 'word', word: w }], w);
  });
});

describe('correcting misspelt words', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    const cases: [string, string, number][] = [
      ['speach', 'speech', 1],
      ['langauge', 'language', 1],
      ['therapy', 'therapy', 0],
      ['autsim', 'autism', 1],
      ['', 'abc', 3],
      ['kitten', 'sitting', 3],
    ];
    for (const [a, b, d] of cases) assert.equal(editDistance(a, b), d, `${a} → ${b}`);
  });

  const cases: [string, string[], string | null][] = [
    ['speach', ['speech', 'spectrum', 'peach'], 'speech'],
    ['theraphy', ['therapy', 'therapist'], 'therapy'],
    ['phisio', ['physio', 'physical'], 'physio'],
    ['langauge', ['language', 'luggage'], 'language'],
    ['swiming', ['swimming', 'slimming'], 'swimming'],
    ['autsm', ['autism', 'autumn'], 'autism'],
    // too far from every candidate: left as typed
    ['trampolining', ['training', 'trampoline'], null],
    ['xyz', ['abc'], null],
    // short words are corrected by at most one letter
    ['sen', ['send', 'ten', 'sea'], 'send'],
    ['ot', ['at', 'of'], null],
  ];
  for (const [word, candidates, expected] of cases) {
    test(`${word} → ${expected ?? '(left as typed)'}`, () => assert.equal(chooseCorrection(word, candidates), expected));
  }
});

describe('the query', () => {
  const facts = (m: Record<string, Partial<WordFacts>>) => new Map(Object.entries(m).map(([k, v]) => [k, { known: false, candidates: [], ...v }]));

  test('"speach therapy" is corrected and reaches speech and language therapy, SALT and SLT', () => {
    const words = tokenise('speach therapy');
    assert.deepEqual(wordsToCheck(words), ['speach', 'therapy']);
    const plan = planQuery(words, facts({ speach: { candidates: ['speech', 'peach'] }, therapy: { known: true } }));
    assert.ok(plan);
    assert.equal(plan.correctedText, 'speech therapy');
    assert.deepEqual(plan.corrections, [{ from: 'speach', to: 'speech' }]);
    assert.match(plan.all, /\(speech & language & therapy\)/);
    assert.match(plan.all, /\bsalt\b/);
    assert.match(plan.all, /\bslt\b/);
    assert.match(plan.name, /speech:A & language:A & therapy:A/);
  });

  test('"autistic" needs no correction: it reaches autism through the synonyms', () => {
    const words = tokenise('autistic');
    assert.deepEqual(wordsToCheck(words), []);
    const plan = planQuery(words, new Map());
    assert.ok(plan);
    assert.equal(plan.correctedText, null);
    assert.match(plan.all, /\bautism\b/);
    assert.match(plan.all, /\basd\b/);
  });

  test('a misspelt synonym is corrected from the synonyms’ own words, then expanded', () => {
    const plan = planQuery(tokenise('respit'), facts({ respit: {} }));
    assert.equal(plan?.correctedText, 'respite');
    assert.match(plan?.all ?? '', /\(short & breaks\)/);
  });

  test('a word listings use is not corrected; nor is any word when asked for the words as typed', () => {
    assert.equal(planQuery(['swimming'], facts({ swimming: { known: true, candidates: ['slimming'] } }))?.correctedText, null);
    assert.equal(planQuery(['speach'], facts({ speach: { candidates: ['speech'] } }), { exact: true })?.correctedText, null);
  });

  test('every part must match in `all`; any may in `any`', () => {
    const plan = planQuery(['swimming', 'autism'], facts({ swimming: { known: true } }));
    assert.ok(plan);
    assert.ok(plan.all.startsWith('swimming & ('));
    assert.ok(plan.any.startsWith('swimming | ('));
  });

  test('nothing to search for gives no query', () => {
    assert.equal(planQuery([], new Map()), null);
  });

  test('the query text holds only letters, digits and operators (no tsquery injection)', () => {
    const plan = planQuery(tokenise("x' | !(y) & z:* <-> 'w"), new Map());
    assert.ok(plan);
    assert.match(plan.all, /^[a-z0-9 &|():A]+$/);
  });
});

describe('the search page’s filters', () => {
  test('a plain search', () => {
    const { search, errors } = parseSearch({ q: ' speech therapy ' });
    assert.deepEqual(errors, []);
    assert.equal(search.text, 'speech therapy');
    assert.equal(search.sort, 'relevance');
    assert.equal(search.page, 1);
    assert.equal(search.near, null);
  });

  test('every filter', () => {
    const { search, errors } = parseSearch({ category: ['health', 'travel', 'nonsense'], need: 'ASD', age: '7', cost: 'free', area: 'in', postcode: 'jt11aa', miles: '5', sort: 'distance', page: '3' });
    assert.deepEqual(errors, []);
    assert.deepEqual(search.categories, ['health', 'travel']);
    assert.deepEqual(search.needs, ['ASD']);
    assert.deepEqual(search.ages, { from: 7, to: 7 });
    assert.equal(search.cost, 'free');
    assert.equal(search.area, 'in');
    assert.deepEqual(search.near, { postcode: 'JT1 1AA', miles: 5 });
    assert.equal(search.sort, 'distance');
    assert.equal(search.page, 3);
  });

  test('an age range, open at either end', () => {
    assert.deepEqual(parseSearch({ ageFrom: '14' }).search.ages, { from: 14, to: 25 });
    assert.deepEqual(parseSearch({ ageTo: '4' }).search.ages, { from: 0, to: 4 });
    assert.deepEqual(parseSearch({ ageFrom: '5', ageTo: '11' }).search.ages, { from: 5, to: 11 });
  });

  const bad: [Record<string, string>, string, RegExp][] = [
    [{ age: 'seven' }, 'age', /whole number of years/],
    [{ age: '30' }, 'age', /from 0 to 25/],
    [{ age: '7.5' }, 'age', /whole number/],
    [{ ageFrom: '12', ageTo: '5' }, 'ageTo', /oldest age must be/],
    [{ postcode: 'JT1' }, 'postcode', /full postcode/],
    [{ postcode: 'JT1 1AA', miles: '7' }, 'miles', /how far/],
  ];
  for (const [q, field, message] of bad) {
    test(`${JSON.stringify(q)} → a message on ${field}`, () => {
      const { errors } = parseSearch(q);
      const e = errors.find((x) => x.field === field);
      assert.ok(e, JSON.stringify(errors));
      assert.match(e.message, message);
    });
  }

  test('sorting by distance needs a postcode, best match needs words; otherwise the default', () => {
    assert.equal(parseSearch({ sort: 'distance' }).search.sort, 'name');
    assert.equal(parseSearch({ q: 'swim', sort: 'distance' }).search.sort, 'relevance');
    assert.equal(parseSearch({ sort: 'relevance' }).search.sort, 'name');
    assert.equal(parseSearch({ postcode: 'JT1 1AA' }).search.sort, 'distance');
    assert.equal(parseSearch({ q: 'swim', sort: 'checked' }).search.sort, 'checked');
    assert.equal(parseSearch({ q: 'swim', sort: 'sideways' }).search.sort, 'relevance');
  });

  test('a postcode without a distance uses 10 miles; a silly page number is page 1, a huge one the last offered', () => {
    assert.deepEqual(parseSearch({ postcode: 'JT1 1AA' }).search.near, { postcode: 'JT1 1AA', miles: 10 });
    assert.equal(parseSearch({ page: '-2' }).search.page, 1);
    assert.equal(parseSearch({ page: 'x' }).search.page, 1);
    assert.equal(parseSearch({ page: '99999' }).search.page, 50);
  });

  test('the query string round-trips', () => {
    const { search } = parseSearch({ q: 'swim', category: ['health'], need: ['ASD', 'HI'], ageFrom: '5', ageTo: '11', cost: 'paid', area: 'outside', postcode: 'JT1 1AA', miles: '20', sort: 'name', page: '2' });
    const again = parseSearch(Object.fromEntries([...new URLSearchParams(searchQueryString(search))].reduce((m, [k, v]) => m.set(k, [...(m.get(k) ?? []), v]), new Map<string, string[]>())));
    assert.deepEqual(again.search, search);
    assert.equal(searchQueryString(search, { page: 1, categories: [] }).includes('category'), false);
  });
});

describe('distance', () => {
  test('haversine: a degree of latitude is about 69 miles; London to Manchester about 163', () => {
    assert.ok(Math.abs(haversineMiles({ latitude: 52, longitude: -1.5 }, { latitude: 53, longitude: -1.5 }) - 69.1) < 0.1);
    assert.ok(Math.abs(haversineMiles({ latitude: 51.5074, longitude: -0.1278 }, { latitude: 53.4808, longitude: -2.2426 }) - 163) < 2);
    assert.equal(haversineMiles({ latitude: 53, longitude: -2 }, { latitude: 53, longitude: -2 }), 0);
  });

  test('the bounding box holds every point within the distance, and its corners lie outside it', () => {
    const c = { latitude: 53.1, longitude: -2.2 };
    const b = boundingBox(c, 10);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      // a point 9.9 miles away on this bearing
      const d = 9.9 / 3958.8;
      const lat1 = (c.latitude * Math.PI) / 180;
      const lon1 = (c.longitude * Math.PI) / 180;
      const br = (bearing * Math.PI) / 180;
      const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(br));
      const lon2 = lon1 + Math.atan2(Math.sin(br) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
      const p = { latitude: (lat2 * 180) / Math.PI, longitude: (lon2 * 180) / Math.PI };
      assert.ok(Math.abs(haversineMiles(c, p) - 9.9) < 0.01);
      assert.ok(p.latitude >= b.minLat && p.latitude <= b.maxLat && p.longitude >= b.minLon && p.longitude <= b.maxLon, `bearing ${bearing}`);
    }
    assert.ok(haversineMiles(c, { latitude: b.maxLat, longitude: b.maxLon }) > 10);
  });
});

describe('what of a search is recorded', () => {
  const cases: [string, string][] = [
    ['Speech Therapy', 'speech therapy'],
    ['autism help for jo.bloggs@example.com', 'autism help for'],
    ['call me on 07700 900123 about respite', 'call me on about respite'],
    ['+44 (0)161 496 0000 ot', 'ot'],
    ['swimming near JT1 1AA', 'swimming near jt1'],
    ['swimming near jt11aa please', 'swimming near jt1 please'],
    ['nhs 943 476 5919', 'nhs'],
    ['year 7 and 10 to 11', 'year 7 and 10 to 11'],
    ['JT1', 'jt1'],
  ];
  for (const [typed, kept] of cases) test(`${typed} → ${kept}`, () => assert.equal(redactSearchText(typed), kept));

  test('filters keep the outward code of a postcode, never the whole postcode', () => {
    const { search } = parseSearch({ postcode: 'JT1 1AA', miles: '5', category: 'health', age: '4' });
    assert.deepEqual(recordedFilters(search), { category: ['health'], ages: { from: 4, to: 4 }, near: 'JT1', miles: 5 });
  });
});
