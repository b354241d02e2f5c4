// Where a listing stands, as its provider and the council read it (issue 5 §3): live, waiting for review, turned
// down with the reason, due for a check, not recently checked, closed or removed; and what may be done with it
// now. Pure.
import type { ServiceStatus, VersionState } from '../platform/db/schema-localoffer.ts';
import { addDays, daysBetween } from '../platform/plain-date.ts';
import { freshness, graceDays, type Freshness } from './domain.ts';

export interface ListingFacts {
  status: ServiceStatus;
  publishedVersion: number | null;
  reviewBy: string;
  lastReviewedOn: string | null;
  /** Every version, any order. */
  versions: { number: number; state: VersionState; decisionNote: string | null }[];
}

export type TagColour = 'green' | 'blue' | 'yellow' | 'orange' | 'red' | 'grey' | 'purple';

export interface ListingState {
  /** Shown to the public now. */
  live: boolean;
  /** The version waiting for the council, if any. */
  pending: number | null;
  /** The latest decision turned a change down (and nothing newer waits): the reason. */
  turnedDown: { number: number; reason: string } | null;
  freshness: Freshness;
  /** Days until the review-by date (negative once past it). */
  daysLeft: number;
  tags: { text: string; colour: TagColour }[];
  /** The provider may confirm "still correct" in one step: a live listing with no change waiting. */
  mayConfirm: boolean;
}

const closedText: Partial<Record<ServiceStatus, string>> = { 'temporarily closed': 'Temporarily closed', inactive: 'Removed from the directory', defunct: 'Closed' };

export function listingState(f: ListingFacts, today: string): ListingState {
  const pendingV = f.versions.find((v) => v.state === 'pending');
  const decided = f.versions.filter((v) => v.state !== 'pending' && v.state !== 'withdrawn').sort((a, b) => b.number - a.number)[0];
  const turnedDown = !pendingV && decided?.state === 'rejected' ? { number: decided.number, reason: decided.decisionNote ?? '' } : null;
  const published = f.publishedVersion !== null;
  const live = published && f.status === 'active';
  const fresh = freshness(f.reviewBy, today);
  const tags: ListingState['tags'] = [];
  const closed = closedText[f.status];
  if (closed) tags.push({ text: closed, colour: 'grey' });
  else if (live) tags.push({ text: 'Live', colour: 'green' });
  if (!published) tags.push({ text: pendingV ? 'New: waiting for review' : 'Not published', colour: pendingV ? 'blue' : 'grey' });
  else if (pendingV) tags.push({ text: 'Change waiting for review', colour: 'blue' });
  if (turnedDown) tags.push({ text: 'Change turned down', colour: 'red' });
  if (published && !closed) {
    if (fresh === 'due-soon') tags.push({ text: 'Due for a check', colour: 'yellow' });
    if (fresh === 'not-recently-checked') tags.push({ text: 'Not recently checked', colour: 'orange' });
    if (fresh === 'council-to-decide') tags.push({ text: 'Not recently checked: the council will decide', colour: 'red' });
  }
  return {
    live,
    pending: pendingV?.number ?? null,
    turnedDown,
    freshness: fresh,
    daysLeft: daysBetween(today, f.reviewBy),
    tags,
    mayConfirm: live && !pendingV,
  };
}

/** The day after which, unchecked, the council decides what happens to the listing. */
export function graceEnds(reviewBy: string): string {
  return addDays(reviewBy, graceDays);
}
