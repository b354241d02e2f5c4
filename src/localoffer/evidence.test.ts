import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshnessFigures, median, noWords, normaliseTerms, periodSchema, responsivenessFigures, searchFigures, viewFigures } from './evidence.ts';
import { parseWith } from '../platform/web/validation.ts';

const today = '2026-11-20';

describe('awareness and use', () => {
  test('searches, those that found nothing, and the top searches with no results merged by their words', () => {
    const f = searchFigures([
      { terms: 'speech therapy', empty: false, n: 40 },
      { terms: 'Hydrotherapy ', empty: true, n: 3 },
      { terms: 'hydrotherapy', empty: true, n: 4 },
      { terms: 'sensory  room', empty: true, n: 7 },
      { terms: 'respite?', empty: true, n: 2 },
      { terms: '', empty: true, n: 1 },
    ]);
    assert.equal(f.searches.value, 57);
    assert.equal(f.searchesWithNoResults.value, 17);
    assert.equal(f.shareWithNoResults.value, 0.298);
    assert.deepEqual(f.topNoResults, [{ terms: 'hydrotherapy', searches: 7 }, { terms: 'sensory room', searches: 7 }, { terms: 'respite', searches: 2 }, { terms: noWords, searches: 1 }]);
  });
  test('no searches: no share', () => assert.equal(searchFigures([]).shareWithNoResults.value, null));
  test('the top list is cut at its length', () => assert.equal(searchFigures(Array.from({ length: 15 }, (_, i) => ({ terms: `t${i}`, empty: true, n: i })), 10).topNoResults.length, 10));
  const terms: [string, string][] = [['  Speech   Therapy ', 'speech therapy'], ['"autism"', 'autism'], ['ADHD!', 'adhd'], ['', '']];
  for (const [input, want] of terms) test(`terms ${JSON.stringify(input)}`, () => assert.equal(normaliseTerms(input), want));
  test('views: every opening, services viewed, the most viewed', () => {
    const v = viewFigures([{ serviceId: 'a', name: 'A', views: 5 }, { serviceId: 'b', name: 'B', views: 9 }, { serviceId: 'c', name: 'C', views: 0 }]);
    assert.deepEqual([v.views.value, v.servicesViewed.value, v.topViewed.map((x) => x.name)], [14, 2, ['B', 'A', 'C']]);
  });
});

describe('freshness: the share of listings reviewed in the last 12 months', () => {
  const cases: [string, (string | null)[], [number, number, number | null]][] = [
    ['none listed', [], [0, 0, null]],
    ['checked today and exactly a year ago count; a year and a day ago does not; never does not', [today, '2025-11-20', '2025-11-19', null], [4, 2, 0.5]],
    ['all fresh', ['2026-01-01', '2026-06-30'], [2, 2, 1]],
    ['a third', ['2026-01-01', '2024-01-01', '2023-05-05'], [3, 1, 0.333]],
  ];
  for (const [name, dates, [listed, reviewed, share]] of cases) {
    test(name, () => {
      const f = freshnessFigures(dates, today);
      assert.deepEqual([f.listed.value, f.reviewedInLast12Months.value, f.shareReviewed.value], [listed, reviewed, share]);
    });
  }
});

describe('responsiveness: median days to answer a comment', () => {
  const medians: [number[], number | null][] = [[[], null], [[4], 4], [[1, 9, 3], 3], [[1, 2, 3, 10], 2.5], [[0, 0], 0]];
  for (const [xs, want] of medians) test(`median of ${JSON.stringify(xs)}`, () => assert.equal(median(xs), want));
  test('answered and waiting comments', () => {
    const f = responsivenessFigures([
      { receivedOn: '2026-11-01', answeredOn: '2026-11-01' },
      { receivedOn: '2026-10-01', answeredOn: '2026-10-11' },
      { receivedOn: '2026-09-01', answeredOn: '2026-09-05' },
      { receivedOn: '2026-11-10', answeredOn: null },
      { receivedOn: '2026-11-18', answeredOn: null },
    ], today);
    assert.deepEqual([f.comments.value, f.answered.value, f.medianDaysToAnswer.value, f.waiting.value, f.oldestWaitingDays.value], [5, 3, 4, 2, 10]);
  });
  test('no comments: no median and nothing waiting', () => {
    const f = responsivenessFigures([], today);
    assert.deepEqual([f.medianDaysToAnswer.value, f.oldestWaitingDays.value], [null, null]);
  });
});

describe('the period', () => {
  const cases: [Record<string, string>, { from: string; to: string } | string[]][] = [
    [{}, { from: '2025-11-21', to: today }],
    [{ from: '2026-04-01' }, { from: '2026-04-01', to: today }],
    [{ from: '2026-04-01', to: '2026-06-30' }, { from: '2026-04-01', to: '2026-06-30' }],
    [{ from: '2026-07-01', to: '2026-06-30' }, ['to']],
    [{ from: '2026-02-30' }, ['from']],
    [{ to: '2027-01-01' }, ['to']],
    [{ from: '2010-01-01' }, ['from']],
  ];
  for (const [input, want] of cases) {
    test(JSON.stringify(input), () => {
      const r = parseWith(periodSchema(today), input);
      assert.deepEqual(r.ok ? r.value : r.errors.map((e) => e.field), want);
    });
  }
  test('every figure says what it counts', () => {
    const all = { ...searchFigures([]), ...viewFigures([]), ...freshnessFigures([], today), ...responsivenessFigures([], today) };
    for (const [k, v] of Object.entries(all)) if (v && typeof v === 'object' && 'value' in v) assert.ok((v as { counts: string }).counts.length > 20, k);
  });
});
