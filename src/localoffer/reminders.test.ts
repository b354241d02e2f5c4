import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { listingReminderAction, listingReminderText, type ListingReminderFacts } from './reminders.ts';

const today = '2026-11-20';
const f = (x: Partial<ListingReminderFacts>): ListingReminderFacts => ({ listed: true, reviewBy: '2027-06-01', remindedFor: null, overdueToldFor: null, ...x });

describe('reminders before a listing’s review-by date: each once per date', () => {
  const cases: [string, Partial<ListingReminderFacts>, string | null][] = [
    ['29 days before: nothing yet', { reviewBy: '2026-12-19' }, null],
    ['28 days before: remind', { reviewBy: '2026-12-18' }, 'check-due'],
    ['the day itself: remind', { reviewBy: today }, 'check-due'],
    ['already reminded for this date', { reviewBy: '2026-12-18', remindedFor: '2026-12-18' }, null],
    ['reminded for an earlier date (checked since, due again)', { reviewBy: '2026-12-18', remindedFor: '2025-12-18' }, 'check-due'],
    ['a day past: tell them it is not recently checked', { reviewBy: '2026-11-19', remindedFor: '2026-11-19' }, 'not-checked'],
    ['past and never reminded (imported stale): one notice, not a reminder', { reviewBy: '2026-10-01' }, 'not-checked'],
    ['past, already told', { reviewBy: '2026-10-01', overdueToldFor: '2026-10-01' }, null],
    ['not listed (closed, or never published): nothing', { reviewBy: '2026-11-25', listed: false }, null],
    ['fresh', {}, null],
  ];
  for (const [name, facts, want] of cases) test(name, () => assert.equal(listingReminderAction(f(facts), today), want));

  test('the words name the service and the date, never a person', () => {
    const r = listingReminderText('check-due', 'Little Stars', '2026-12-18', today);
    assert.equal(r.subject, 'Please check your local offer listing by 18 December 2026');
    assert.match(r.body, /“Little Stars” is due for its yearly check by 18 December 2026, in 28 days/);
    const o = listingReminderText('not-checked', 'Little Stars', '2026-11-01', today);
    assert.match(o.body, /If it is not checked by 27 December 2026, the council will decide/);
  });
});
