// Today's date in England, including the instants either side of midnight in GMT and in BST, asked in the order
// that would show a stale remembered answer (londonToday keeps the last second's day).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPlainDate, londonToday } from './dates.ts';

const cases: [string, string][] = [
  ['2026-01-15T23:59:59.999Z', '2026-01-15'], // GMT: London is UTC
  ['2026-01-16T00:00:00.000Z', '2026-01-16'],
  ['2026-01-16T00:00:00.500Z', '2026-01-16'], // the same second again
  ['2026-06-30T22:59:59.999Z', '2026-06-30'], // BST: London is UTC+1, so midnight is 23:00 UTC
  ['2026-06-30T23:00:00.000Z', '2026-07-01'],
  ['2026-06-30T22:59:59.000Z', '2026-06-30'], // back again, an earlier second
  ['2026-03-29T00:59:59.999Z', '2026-03-29'], // the morning the clocks go forward
  ['2026-10-24T23:00:00.000Z', '2026-10-25'], // the night they go back: midnight BST
];

test('londonToday gives the date in England for every instant, however they are asked in turn', () => {
  for (const [instant, day] of cases) assert.equal(londonToday(new Date(instant)), day, instant);
  for (const [instant, day] of [...cases].reverse()) assert.equal(londonToday(new Date(instant)), day, `${instant} (reversed)`);
});

test('formatPlainDate in GOV.UK style', () => {
  assert.equal(formatPlainDate('2025-01-06'), '6 January 2025');
  assert.equal(formatPlainDate(null), '');
});
