// The listing editor's form without JavaScript (issue 5 §3): every field of serviceContentSchema as flat form
// fields, lists of places, opening times and contacts as numbered rows (`locations-0-postcode`), rows added and
// removed by submitting the form, and nothing the provider typed lost when the form comes back with errors. Pure.
//
// A form arrives as a ListingForm (strings and lists of strings, exactly as typed), blank rows dropped so that the
// row numbers are the listing's own; `formToContent` makes the object serviceContentSchema checks, and the schema's
// messages come back on the fields they name (`errorField`).
import type { FieldError } from '../platform/web/validation.ts';
import type { ServiceContent } from './domain.ts';

export interface LocationRow {
  name: string;
  address1: string;
  address2: string;
  town: string;
  postcode: string;
  accessibility: string;
  features: string[];
}
export interface ScheduleRow {
  days: string[];
  opens: string;
  closes: string;
  note: string;
}
export interface ContactRow {
  name: string;
  role: string;
  email: string;
  phone: string;
}

export interface ListingForm {
  name: string;
  summary: string;
  description: string;
  whoFor: string;
  howToAccess: string;
  referral: string;
  categories: string[];
  needs: string[];
  ageFrom: string;
  ageTo: string;
  /** 'yes', 'no' or '' (not answered). */
  free: string;
  costDetails: string;
  delivery: string[];
  locations: LocationRow[];
  schedules: ScheduleRow[];
  timesNote: string;
  /** 'yes' or 'no'. */
  outsideArea: string;
  website: string;
  email: string;
  phone: string;
  contacts: ContactRow[];
  /** One a line (commas also separate). */
  languages: string;
  keywords: string;
  send: { identifyNeeds: string; involveFamilies: string; staffTraining: string; transitions: string };
  /** What changed, for the council's reviewer: kept on the version, not part of the listing. */
  note: string;
}

/** The most rows of each list the schema allows; rows numbered beyond them are ignored. */
export const rowLimits = { locations: 20, schedules: 20, contacts: 10 } as const;
export type RowList = keyof typeof rowLimits;

const blankLocation = (): LocationRow => ({ name: '', address1: '', address2: '', town: '', postcode: '', accessibility: '', features: [] });
const blankSchedule = (): ScheduleRow => ({ days: [], opens: '', closes: '', note: '' });
const blankContact = (): ContactRow => ({ name: '', role: '', email: '', phone: '' });
export const blankRow = { locations: blankLocation, schedules: blankSchedule, contacts: blankContact } as const;

export function emptyForm(): ListingForm {
  return {
    name: '', summary: '', description: '', whoFor: '', howToAccess: '', referral: '', categories: [], needs: [], ageFrom: '', ageTo: '', free: '', costDetails: '',
    delivery: [], locations: [], schedules: [], timesNote: '', outsideArea: 'no', website: '', email: '', phone: '', contacts: [], languages: '', keywords: '',
    send: { identifyNeeds: '', involveFamilies: '', staffTraining: '', transitions: '' }, note: '',
  };
}

/** A published or pending listing, as the form shows it. */
export function contentToForm(c: ServiceContent): ListingForm {
  return {
    name: c.name, summary: c.summary, description: c.description, whoFor: c.whoFor, howToAccess: c.howToAccess, referral: c.referral,
    categories: [...c.categories], needs: [...c.needs], ageFrom: String(c.ageFrom), ageTo: String(c.ageTo), free: c.free ? 'yes' : 'no', costDetails: c.costDetails,
    delivery: [...c.delivery],
    locations: c.locations.map((l) => ({ name: l.name, address1: l.address1, address2: l.address2, town: l.town, postcode: l.postcode, accessibility: l.accessibility, features: [...l.features] })),
    schedules: c.schedules.map((s) => ({ days: [...s.days], opens: s.opens, closes: s.closes, note: s.note })),
    timesNote: c.timesNote, outsideArea: c.outsideArea ? 'yes' : 'no', website: c.website, email: c.email, phone: c.phone,
    contacts: c.contacts.map((k) => ({ name: k.name, role: k.role, email: k.email, phone: k.phone })),
    languages: c.languages.join('\n'), keywords: c.keywords.join('\n'),
    send: { ...c.send }, note: '',
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
/** A checkbox group: one ticked comes as a string, several as a list. */
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v !== '' ? [v] : []);

const isBlank = (row: object): boolean => Object.values(row).every((v) => (Array.isArray(v) ? v.length === 0 : String(v).trim() === ''));

/** The row numbers a form sent for one list (`locations-3-postcode` → 3), in order, below the list's limit. */
function rowNumbers(body: Record<string, unknown>, key: RowList): number[] {
  const seen = new Set<number>();
  const pattern = new RegExp(`^${key}-(\\d{1,2})-`);
  for (const k of Object.keys(body)) {
    const m = pattern.exec(k);
    const n = m ? Number(m[1]) : -1;
    if (n >= 0 && n < rowLimits[key]) seen.add(n);
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * The form as sent, and the button pressed: every value as typed, the row a "Remove" button named taken out (by
 * the number it was sent with), an empty row added at the end for an "Add another" button, blank rows dropped when
 * it is sent for review.
 */
export function readForm(body: Record<string, unknown>): { form: ListingForm; action: FormAction } {
  const action = formAction(body.action);
  const rows = <T extends object>(key: RowList, read: (prefix: string) => T): T[] => {
    // Blank rows are dropped when the form is sent for review (so row numbers are the listing's own); an "Add" or
    // "Remove" button keeps them, so the rows on the page are the ones the provider sees.
    const kept = rowNumbers(body, key)
      .filter((n) => !(action.kind === 'remove' && action.list === key && action.row === n))
      .map((n) => read(`${key}-${n}-`))
      .filter((r) => action.kind !== 'submit' || !isBlank(r));
    return action.kind === 'add' && action.list === key && kept.length < rowLimits[key] ? [...kept, blankRow[key]() as T] : kept;
  };
  const form: ListingForm = {
    name: str(body.name), summary: str(body.summary), description: str(body.description), whoFor: str(body.whoFor), howToAccess: str(body.howToAccess), referral: str(body.referral),
    categories: list(body.categories), needs: list(body.needs), ageFrom: str(body.ageFrom), ageTo: str(body.ageTo), free: str(body.free), costDetails: str(body.costDetails),
    delivery: list(body.delivery),
    locations: rows('locations', (p) => ({
      name: str(body[`${p}name`]), address1: str(body[`${p}address1`]), address2: str(body[`${p}address2`]), town: str(body[`${p}town`]), postcode: str(body[`${p}postcode`]),
      accessibility: str(body[`${p}accessibility`]), features: list(body[`${p}features`]),
    })),
    schedules: rows('schedules', (p) => ({ days: list(body[`${p}days`]), opens: str(body[`${p}opens`]), closes: str(body[`${p}closes`]), note: str(body[`${p}note`]) })),
    timesNote: str(body.timesNote), outsideArea: str(body.outsideArea) === 'yes' ? 'yes' : 'no', website: str(body.website), email: str(body.email), phone: str(body.phone),
    contacts: rows('contacts', (p) => ({ name: str(body[`${p}name`]), role: str(body[`${p}role`]), email: str(body[`${p}email`]), phone: str(body[`${p}phone`]) })),
    languages: str(body.languages), keywords: str(body.keywords),
    send: { identifyNeeds: str(body['send-identifyNeeds']), involveFamilies: str(body['send-involveFamilies']), staffTraining: str(body['send-staffTraining']), transitions: str(body['send-transitions']) },
    note: str(body.note),
  };
  return { form, action };
}

/** "3" → 3; "" → undefined (not answered); anything else → NaN, which the schema refuses with its message. */
function age(v: string): number | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  return /^\d{1,3}$/.test(t) ? Number(t) : Number.NaN;
}

/** One a line or separated by commas; blanks dropped. */
export function splitList(v: string): string[] {
  return v
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The object serviceContentSchema checks. */
export function formToContent(f: ListingForm): Record<string, unknown> {
  return {
    name: f.name, summary: f.summary, description: f.description, whoFor: f.whoFor, howToAccess: f.howToAccess, referral: f.referral || undefined,
    categories: f.categories, needs: f.needs, ageFrom: age(f.ageFrom), ageTo: age(f.ageTo), free: f.free === 'yes' ? true : f.free === 'no' ? false : undefined,
    costDetails: f.costDetails, delivery: f.delivery,
    locations: f.locations.map((l) => ({ ...l })),
    schedules: f.schedules.map((s) => ({ ...s })),
    timesNote: f.timesNote, outsideArea: f.outsideArea === 'yes', website: f.website.trim(), email: f.email.trim(), phone: f.phone,
    contacts: f.contacts.map((k) => ({ ...k, email: k.email.trim() })),
    languages: splitList(f.languages), keywords: splitList(f.keywords), send: { ...f.send },
  };
}

/**
 * The form field a schema message belongs on: a message about one of a list's items goes on the list
 * (`categories.0` → `categories`, `languages.3` → `languages`, `locations.0.features.1` → `locations.0.features`).
 */
export function errorField(path: string): string {
  const parts = path.split('.');
  const top = parts[0] ?? '';
  if (['categories', 'needs', 'delivery', 'languages', 'keywords'].includes(top)) return top;
  if ((top === 'locations' || top === 'schedules' || top === 'contacts') && parts.length >= 3) {
    const field = parts[2] ?? '';
    return `${top}.${parts[1] ?? ''}.${field}`;
  }
  return path || 'name';
}

/** The schema's messages on the form's fields, the first for each field. */
export function formErrors(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = errorField(e.field);
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: e.message });
  }
  return out;
}

export type FormAction = { kind: 'submit' } | { kind: 'add'; list: RowList } | { kind: 'remove'; list: RowList; row: number };

/** Which button was pressed: "Submit for review", "Add another place", "Remove this place"… */
export function formAction(v: unknown): FormAction {
  const s = str(v);
  const add = /^add-(locations|schedules|contacts)$/.exec(s);
  if (add) return { kind: 'add', list: add[1] as RowList };
  const remove = /^remove-(locations|schedules|contacts)-(\d{1,2})$/.exec(s);
  if (remove) return { kind: 'remove', list: remove[1] as RowList, row: Number(remove[2]) };
  return { kind: 'submit' };
}

/** The rows the page shows: what was typed, and one empty row for a list that has none, so a first can be added. */
export function rowsToShow(f: ListingForm): ListingForm {
  const pad = <K extends RowList>(k: K): ListingForm[K] => ((f[k] as object[]).length === 0 ? ([blankRow[k]()] as ListingForm[K]) : f[k]);
  return { ...f, locations: pad('locations'), schedules: pad('schedules'), contacts: pad('contacts') };
}
