// Two versions of a listing compared field by field, as a reader wants it (issue 5 §3): the fields in the order
// the service page shows them, in plain words (labels, not codes; "Free" not `true`), only what changed, long text
// with the words added and taken out marked, and places, opening times and contacts matched item by item so that
// taking out the first of three places reads as one place removed. Pure.
import { diffWords } from 'diff';
import { needTypeLabel } from '../children/codes.ts';
import { accessibilityFeatures, categoryLabel, days, deliveryModes, sendQuestions, type ServiceContent } from './domain.ts';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface WordPart {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

export interface FieldChange {
  /** The schema's path, e.g. `description` or `locations`. */
  field: string;
  label: string;
  kind: ChangeKind;
  before: string;
  after: string;
  /** For long text: the words kept, added and taken out, in order. */
  words?: WordPart[];
  /** For lists of labels: what was added and taken out. */
  addedItems?: string[];
  removedItems?: string[];
}

const labelOf = (pairs: readonly (readonly [string, string])[]) => (k: string): string => pairs.find(([c]) => c === k)?.[1] ?? k;
const deliveryLabel = labelOf(deliveryModes);
const featureLabel = labelOf(accessibilityFeatures);
const dayLabel = labelOf(days);

export const referralLabels: Record<ServiceContent['referral'], string> = {
  self: 'Families can contact the service themselves',
  professional: 'A professional must refer the family',
  'self-or-professional': 'Families can contact the service themselves, or a professional can refer them',
};

const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');

/** "Riverside Family Hub, 1 High Street, Joinedtown, JT1 1AA. Step-free access, Hearing loop. Ramp at the side door." */
export function describePlace(l: ServiceContent['locations'][number]): string {
  const where = [l.name, l.address1, l.address2, l.town, l.postcode].filter(Boolean).join(', ');
  const features = l.features.map(featureLabel).join(', ');
  return [where, features, l.accessibility].filter(Boolean).join('. ');
}

/** "Monday, Wednesday 09:30 to 12:00 (term time only)". */
export function describeSchedule(s: ServiceContent['schedules'][number]): string {
  return `${s.days.map(dayLabel).join(', ')} ${s.opens} to ${s.closes}${s.note ? ` (${s.note})` : ''}`;
}

export function describeContact(k: ServiceContent['contacts'][number]): string {
  return [k.name, k.role, k.email, k.phone].filter(Boolean).join(', ');
}

export function describeAges(c: Pick<ServiceContent, 'ageFrom' | 'ageTo'>): string {
  return c.ageFrom === c.ageTo ? `${c.ageFrom} years` : `${c.ageFrom} to ${c.ageTo} years`;
}

export function describeCost(c: Pick<ServiceContent, 'free' | 'costDetails'>): string {
  return [c.free ? 'Free' : 'There is a cost', c.costDetails].filter(Boolean).join('. ');
}

type Field =
  | { field: string; label: string; kind: 'text' | 'long'; get: (c: ServiceContent) => string }
  | { field: string; label: string; kind: 'labels' | 'items'; get: (c: ServiceContent) => string[] };

/** The fields in the order the service page shows them. */
const fields: Field[] = [
  { field: 'name', label: 'Name of the service', kind: 'text', get: (c) => c.name },
  { field: 'summary', label: 'Summary', kind: 'long', get: (c) => c.summary },
  { field: 'description', label: 'What the service offers', kind: 'long', get: (c) => c.description },
  { field: 'whoFor', label: 'Who it is for', kind: 'long', get: (c) => c.whoFor },
  { field: 'categories', label: 'Categories', kind: 'labels', get: (c) => c.categories.map(categoryLabel) },
  { field: 'needs', label: 'Needs it supports', kind: 'labels', get: (c) => (c.needs.length ? c.needs.map(needTypeLabel) : ['Open to every need']) },
  { field: 'ages', label: 'Ages', kind: 'text', get: describeAges },
  { field: 'howToAccess', label: 'How to get the service', kind: 'long', get: (c) => c.howToAccess },
  { field: 'referral', label: 'Who can refer', kind: 'text', get: (c) => referralLabels[c.referral] },
  { field: 'cost', label: 'Cost', kind: 'long', get: describeCost },
  { field: 'delivery', label: 'How it is delivered', kind: 'labels', get: (c) => c.delivery.map(deliveryLabel) },
  { field: 'locations', label: 'Places', kind: 'items', get: (c) => c.locations.map(describePlace) },
  { field: 'schedules', label: 'Opening times', kind: 'items', get: (c) => c.schedules.map(describeSchedule) },
  { field: 'timesNote', label: 'More about times', kind: 'long', get: (c) => c.timesNote },
  { field: 'outsideArea', label: 'Outside the area', kind: 'text', get: (c) => yesNo(c.outsideArea) },
  { field: 'website', label: 'Website', kind: 'text', get: (c) => c.website },
  { field: 'email', label: 'Email', kind: 'text', get: (c) => c.email },
  { field: 'phone', label: 'Phone', kind: 'text', get: (c) => c.phone },
  { field: 'contacts', label: 'Contacts', kind: 'items', get: (c) => c.contacts.map(describeContact) },
  { field: 'languages', label: 'Languages', kind: 'labels', get: (c) => c.languages },
  ...sendQuestions.map(([k, q]): Field => ({ field: `send.${k}`, label: q, kind: 'long', get: (c) => c.send[k] })),
  { field: 'keywords', label: 'Search words', kind: 'labels', get: (c) => c.keywords },
];

function words(before: string, after: string): WordPart[] {
  return diffWords(before, after).map((p) => ({ text: p.value, kind: p.added ? 'added' : p.removed ? 'removed' : 'same' }));
}

const kindOf = (before: string, after: string): ChangeKind => (!before ? 'added' : !after ? 'removed' : 'changed');

/**
 * Items of a list (places, times, contacts) matched up: the same description on both sides is unchanged wherever it
 * sits; the rest pair up in order as changed; what is left over was added or taken out.
 */
export function matchItems(before: string[], after: string[]): { kind: ChangeKind | 'same'; before: string; after: string }[] {
  const leftB = [...before];
  const leftA: string[] = [];
  const out: { kind: ChangeKind | 'same'; before: string; after: string }[] = [];
  for (const a of after) {
    const i = leftB.indexOf(a);
    if (i >= 0) {
      leftB.splice(i, 1);
      out.push({ kind: 'same', before: a, after: a });
    } else leftA.push(a);
  }
  const pairs = Math.min(leftA.length, leftB.length);
  for (let i = 0; i < pairs; i++) out.push({ kind: 'changed', before: leftB[i] ?? '', after: leftA[i] ?? '' });
  for (const a of leftA.slice(pairs)) out.push({ kind: 'added', before: '', after: a });
  for (const b of leftB.slice(pairs)) out.push({ kind: 'removed', before: b, after: '' });
  return out;
}

/** What changed from `before` to `after`; with no `before` (a new listing), every field that has a value. */
export function compareListings(before: ServiceContent | null, after: ServiceContent): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    if (f.kind === 'text' || f.kind === 'long') {
      const b = before ? f.get(before) : '';
      const a = f.get(after);
      if (a === b) continue;
      out.push({ field: f.field, label: f.label, kind: kindOf(b, a), before: b, after: a, ...(f.kind === 'long' && b && a ? { words: words(b, a) } : {}) });
    } else if (f.kind === 'labels') {
      const b = before ? f.get(before) : [];
      const a = f.get(after);
      const added = a.filter((x) => !b.includes(x));
      const removed = b.filter((x) => !a.includes(x));
      if (!added.length && !removed.length) continue;
      const bt = b.join(', ');
      const at = a.join(', ');
      out.push({ field: f.field, label: f.label, kind: kindOf(bt, at), before: bt, after: at, addedItems: added, removedItems: removed });
    } else if (f.kind === 'items') {
      // Each changed item is its own line under the list's label ("Places: added …", "Places: changed …").
      for (const m of matchItems(before ? f.get(before) : [], f.get(after))) {
        if (m.kind === 'same') continue;
        out.push({ field: f.field, label: f.label, kind: m.kind, before: m.before, after: m.after, ...(m.kind === 'changed' ? { words: words(m.before, m.after) } : {}) });
      }
    }
  }
  return out;
}
