import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { graceEnds, listingState, type ListingFacts } from './workflow.ts';

const today = '2026-11-20';
const base: ListingFacts = { status: 'active', publishedVersion: 1, reviewBy: '2027-06-01', lastReviewedOn: '2026-06-01', versions: [{ number: 1, state: 'published', decisionNote: null }] };
const v = (number: number, state: ListingFacts['versions'][number]['state'], decisionNote: string | null = null) => ({ number, state, decisionNote });

describe('a listing’s state on the provider’s dashboard', () => {
  const cases: [string, Partial<ListingFacts>, string[], { confirm: boolean; pending?: number | null; turnedDown?: string | null }][] = [
    ['live and fresh', {}, ['Live'], { confirm: true }],
    ['live, due for a check (28 days left)', { reviewBy: '2026-12-18' }, ['Live', 'Due for a check'], { confirm: true }],
    ['live, due today', { reviewBy: today }, ['Live', 'Due for a check'], { confirm: true }],
    ['live, a day past the date', { reviewBy: '2026-11-19' }, ['Live', 'Not recently checked'], { confirm: true }],
    ['past the grace period', { reviewBy: '2026-09-01' }, ['Live', 'Not recently checked: the council will decide'], { confirm: true }],
    ['a change waiting', { versions: [v(1, 'published'), v(2, 'pending')] }, ['Live', 'Change waiting for review'], { confirm: false, pending: 2 }],
    ['new, waiting for its first review', { publishedVersion: null, versions: [v(1, 'pending')] }, ['New: waiting for review'], { confirm: false, pending: 1 }],
    ['a change turned down', { versions: [v(1, 'published'), v(2, 'rejected', 'The phone number does not work')] }, ['Live', 'Change turned down'], { confirm: true, turnedDown: 'The phone number does not work' }],
    ['turned down, then changed again: only the new change shows', { versions: [v(1, 'published'), v(2, 'rejected', 'No'), v(3, 'pending')] }, ['Live', 'Change waiting for review'], { confirm: false, pending: 3, turnedDown: null }],
    ['turned down, then a later change published', { publishedVersion: 3, versions: [v(1, 'superseded'), v(2, 'rejected', 'No'), v(3, 'published')] }, ['Live'], { confirm: true, turnedDown: null }],
    ['a withdrawn change does not hide the decision before it', { versions: [v(1, 'published'), v(2, 'rejected', 'Check the address'), v(3, 'withdrawn')] }, ['Live', 'Change turned down'], { confirm: true, turnedDown: 'Check the address' }],
    ['a first version turned down', { publishedVersion: null, versions: [v(1, 'rejected', 'Duplicate of an existing listing')] }, ['Not published', 'Change turned down'], { confirm: false, turnedDown: 'Duplicate of an existing listing' }],
    ['temporarily closed by the council', { status: 'temporarily closed', reviewBy: '2026-09-01' }, ['Temporarily closed'], { confirm: false }],
    ['removed from the directory', { status: 'inactive' }, ['Removed from the directory'], { confirm: false }],
  ];
  for (const [name, facts, tags, want] of cases) {
    test(name, () => {
      const s = listingState({ ...base, ...facts }, today);
      assert.deepEqual(s.tags.map((t) => t.text), tags);
      assert.equal(s.mayConfirm, want.confirm);
      if (want.pending !== undefined) assert.equal(s.pending, want.pending);
      if (want.turnedDown !== undefined) assert.equal(s.turnedDown?.reason ?? null, want.turnedDown);
    });
  }
  test('days left count down to the review-by date and below zero after it', () => {
    assert.equal(listingState({ ...base, reviewBy: '2026-11-30' }, today).daysLeft, 10);
    assert.equal(listingState({ ...base, reviewBy: '2026-11-10' }, today).daysLeft, -10);
  });
  test('the grace period ends 56 days after the review-by date', () => assert.equal(graceEnds('2026-11-01'), '2026-12-27'));
});
