// How the workflow's pages show listings, versions and checks: words for states, dates in GOV.UK style, the
// form's field choices. Pure.
import { needTypes } from '../children/codes.ts';
import type { VersionState } from '../platform/db/schema-localoffer.ts';
import { formatDateTime, formatPlainDate } from '../platform/web/dates.ts';
import { toPageErrors, type FieldError, type PageErrors } from '../platform/web/validation.ts';
import { accessibilityFeatures, categories, days, deliveryModes, sendQuestions } from './domain.ts';
import { referralLabels } from './compare.ts';
import type { CheckRow, ListingSummary, VersionRow } from './provider-store.ts';

export const versionStateText: Record<VersionState, { text: string; colour: string }> = {
  pending: { text: 'Waiting for review', colour: 'blue' },
  published: { text: 'Published', colour: 'green' },
  superseded: { text: 'Replaced by a later version', colour: 'grey' },
  rejected: { text: 'Turned down', colour: 'red' },
  withdrawn: { text: 'Replaced before review', colour: 'grey' },
};

export const checkText: Record<string, string> = {
  confirmed: 'Confirmed still correct',
  extended: 'Council gave more time to check it',
  'temporarily-closed': 'Council marked it temporarily closed',
  removed: 'Council removed it from the directory',
  reopened: 'Council showed it in the directory again',
};

export function presentVersion(v: VersionRow) {
  return { ...v, stateText: versionStateText[v.state], submitted: formatDateTime(v.submittedAt), decided: v.decidedAt ? formatDateTime(v.decidedAt) : '' };
}

export function presentCheck(c: CheckRow) {
  return { ...c, text: checkText[c.kind] ?? c.kind, on: formatPlainDate(c.checkedOn), until: formatPlainDate(c.reviewBy) };
}

/** "Check by 6 January 2027", "Was due on 6 January 2027 (12 days ago)". */
export function reviewText(l: Pick<ListingSummary, 'reviewBy' | 'state'>): string {
  const d = l.state.daysLeft;
  if (d > 0) return `Check by ${formatPlainDate(l.reviewBy)}`;
  if (d === 0) return `Check by today, ${formatPlainDate(l.reviewBy)}`;
  return `Was due on ${formatPlainDate(l.reviewBy)} (${-d} day${d === -1 ? '' : 's'} ago)`;
}

export function presentSummary(l: ListingSummary) {
  return { ...l, reviewText: reviewText(l), lastReviewed: l.lastReviewedOn ? formatPlainDate(l.lastReviewedOn) : 'Never' };
}

/** The choices of the listing form, as GOV.UK macros take them. */
export const formChoices = {
  categories: categories.map(([value, text]) => ({ value, text })),
  needs: needTypes.map(([value, text]) => ({ value, text })),
  delivery: deliveryModes.map(([value, text]) => ({ value, text })),
  features: accessibilityFeatures.map(([value, text]) => ({ value, text })),
  days: days.map(([value, text]) => ({ value, text })),
  referral: Object.entries(referralLabels).map(([value, text]) => ({ value, text })),
  send: sendQuestions.map(([key, question]) => ({ key, question })),
};

/** Page errors for the listing form: a message about the places as a whole links to the first place. */
export function listingPageErrors(errors: FieldError[]): PageErrors {
  const pe = toPageErrors(errors);
  const href = (h: string) => (h === '#locations' ? '#locations-0-name' : h === '#schedules' ? '#schedules-0-days' : h === '#contacts' ? '#contacts-0-name' : h);
  return { ...pe, list: pe.list.map((l) => ({ ...l, href: href(l.href) })) };
}
