// Evidence for leaders (issue 5 §6): awareness and use (searches, views, the top searches that found nothing),
// freshness (the share of listings reviewed in the last 12 months) and responsiveness (the median days to answer a
// comment). The store reads grouped rows; these pure functions make the figures, each with what it counts.
import { z } from 'zod';
import { addDays, daysBetween, isPlainDate } from '../platform/plain-date.ts';

export interface Figure {
  value: number | null;
  /** What the figure counts, in plain words (shown beside it on the page and in the API). */
  counts: string;
}

export interface SearchGroup {
  terms: string;
  /** Whether these searches found nothing. */
  empty: boolean;
  n: number;
}

/** How a search's words are compared: case, spaces and punctuation at the ends do not matter. */
export function normaliseTerms(terms: string): string {
  return terms.toLowerCase().replace(/\s+/g, ' ').replace(/^[\s"'.,;:!?]+|[\s"'.,;:!?]+$/g, '');
}

export const noWords = '(no words: filters only)';

export function searchFigures(groups: readonly SearchGroup[], top = 10) {
  let searches = 0;
  let empty = 0;
  const gaps = new Map<string, number>();
  for (const g of groups) {
    searches += g.n;
    if (!g.empty) continue;
    empty += g.n;
    const key = normaliseTerms(g.terms) || noWords;
    gaps.set(key, (gaps.get(key) ?? 0) + g.n);
  }
  const topNoResults = [...gaps.entries()]
    .map(([terms, n]) => ({ terms, searches: n }))
    .sort((a, b) => b.searches - a.searches || a.terms.localeCompare(b.terms))
    .slice(0, top);
  return {
    searches: { value: searches, counts: 'Searches of the directory in the period, each time someone searched or changed a filter; nothing about who searched is kept.' } satisfies Figure,
    searchesWithNoResults: { value: empty, counts: 'Of those searches, the ones that found no service: evidence of gaps in provision or in the listings.' } satisfies Figure,
    shareWithNoResults: { value: searches ? round(empty / searches) : null, counts: 'Searches that found nothing, as a share of all searches (0 to 1).' } satisfies Figure,
    topNoResults,
  };
}

export function viewFigures(rows: readonly { serviceId: string; name: string; views: number }[], top = 10) {
  const total = rows.reduce((s, r) => s + r.views, 0);
  return {
    views: { value: total, counts: 'Times a service’s page was opened in the period (every opening counts, including the same person twice).' } satisfies Figure,
    servicesViewed: { value: rows.filter((r) => r.views > 0).length, counts: 'Different services whose page was opened at least once in the period.' } satisfies Figure,
    topViewed: [...rows].sort((a, b) => b.views - a.views || a.name.localeCompare(b.name)).slice(0, top),
  };
}

/** A listing counts as reviewed in the last 12 months when its last check was within the 365 days up to `today`. */
export function freshnessFigures(lastReviewed: readonly (string | null)[], today: string) {
  const since = addDays(today, -365);
  const reviewed = lastReviewed.filter((d) => d !== null && d >= since && d <= today).length;
  return {
    listed: { value: lastReviewed.length, counts: 'Services shown to the public today (active, with a published version).' } satisfies Figure,
    reviewedInLast12Months: { value: reviewed, counts: `Of those, the ones checked since ${since}: a change published by the council, or the provider confirming it is still correct.` } satisfies Figure,
    shareReviewed: { value: lastReviewed.length ? round(reviewed / lastReviewed.length) : null, counts: 'Services checked in the last 12 months, as a share of the services shown (0 to 1).' } satisfies Figure,
  };
}

/** The middle value (the mean of the middle two for an even count); null for none. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Comments received in the period, by the day received and the day answered (null: not answered yet). */
export function responsivenessFigures(comments: readonly { receivedOn: string; answeredOn: string | null }[], today: string) {
  const answered = comments.filter((c): c is { receivedOn: string; answeredOn: string } => c.answeredOn !== null);
  const waiting = comments.filter((c) => c.answeredOn === null);
  const oldest = waiting.length ? Math.max(...waiting.map((c) => daysBetween(c.receivedOn, today))) : null;
  return {
    comments: { value: comments.length, counts: 'Comments received through “have your say” in the period.' } satisfies Figure,
    answered: { value: answered.length, counts: 'Of those, the ones the council has answered.' } satisfies Figure,
    medianDaysToAnswer: { value: median(answered.map((c) => daysBetween(c.receivedOn, c.answeredOn))), counts: 'Half the answered comments were answered within this many calendar days of being received (the median; 0 is the same day).' } satisfies Figure,
    waiting: { value: waiting.length, counts: 'Comments received in the period and not answered yet.' } satisfies Figure,
    oldestWaitingDays: { value: oldest, counts: 'Days since the oldest comment still waiting for an answer was received.' } satisfies Figure,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The period asked for: `from` and `to` as dates; by default the 12 months up to today. At most five years. */
export function periodSchema(today: string) {
  const date = (label: string) => z.string().refine(isPlainDate, `Enter the ${label} date as YYYY-MM-DD, like 2026-04-01`).optional();
  return z
    .object({ from: date('start'), to: date('end') })
    .transform((v) => ({ from: v.from ?? addDays(v.to ?? today, -364), to: v.to ?? today }))
    .superRefine((p, ctx) => {
      if (p.from > p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date must be the same as or after the start date' });
      else if (daysBetween(p.from, p.to) > 366 * 5) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Choose a period of five years or less' });
      if (p.to > today) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date must be today or in the past' });
    });
}
