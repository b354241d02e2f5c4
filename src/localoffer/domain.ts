// The local offer's rules (issue 5): what a listing holds, the data rules (stricter than Open Referral UK's
// minimum), postcodes, and how fresh a listing is. Pure: no I/O.
//
// CFA 2014 s.30(2) and SEND Regs 2014 reg 53 and Sch 2: the local offer sets out education, health and social care
// provision, other education and training, travel, and preparing for adulthood, in the area and outside it.
import { z } from 'zod';
import { needTypes } from '../children/codes.ts';
import { addDays, daysBetween } from '../platform/plain-date.ts';
import { trigramSimilarity } from '../children/names.ts';
import { parseWith, type FieldError } from '../platform/web/validation.ts';

/** The directory's categories (issue 5 §1): the Sch 2 provision types as a family looks for them. */
export const categories = [
  ['education', 'Education'],
  ['health', 'Health'],
  ['social-care', 'Social care'],
  ['short-breaks-leisure', 'Short breaks and leisure'],
  ['preparing-for-adulthood', 'Preparing for adulthood'],
  ['advice-support', 'Advice and support'],
  ['travel', 'Travel'],
] as const;
export type Category = (typeof categories)[number][0];
export const categoryKeys = categories.map(([k]) => k) as [Category, ...Category[]];
export const categoryLabel = (c: string): string => categories.find(([k]) => k === c)?.[1] ?? c;

/**
 * The statutory information pages (issue 5 §2; SEND Regs 2014 reg 53 and Sch 2: how to request an assessment,
 * information, advice and support, mediation and appeals, complaints, travel, preparing for adulthood), by the
 * slug of their public address `/local-offer/information/:slug`. The council edits their text; the set is fixed
 * here so the home page, the page editor and the demo agree.
 */
export const statutoryPages = [
  ['ask-for-an-assessment', 'How to ask for an education, health and care (EHC) needs assessment'],
  ['sendiass', 'Free, impartial advice: the SEND information, advice and support service (SENDIASS)'],
  ['mediation-and-appeals', 'Mediation and appeals'],
  ['complaints', 'How to complain'],
  ['travel', 'Travel to school or college'],
  ['preparing-for-adulthood', 'Preparing for adulthood'],
] as const;
export type StatutoryPage = (typeof statutoryPages)[number][0];

/** SEN2 need types (statutory-rules.md §5.5) a service says it supports; none listed means open to every need. */
export const needCodes = needTypes.map(([c]) => c) as [string, ...string[]];

export const deliveryModes = [
  ['in-person', 'In person, at a place'],
  ['home', 'At home'],
  ['online', 'Online'],
  ['phone', 'By phone'],
] as const;
export type DeliveryMode = (typeof deliveryModes)[number][0];

export const accessibilityFeatures = [
  ['step-free', 'Step-free access'],
  ['accessible-toilet', 'Accessible toilet'],
  ['changing-places', 'Changing Places toilet'],
  ['hearing-loop', 'Hearing loop'],
  ['quiet-space', 'Quiet space'],
  ['parking', 'Accessible parking'],
] as const;
export type AccessibilityFeature = (typeof accessibilityFeatures)[number][0];

/** RFC 5545 day codes, as ORUK's schedule.byday uses them. */
export const days = [
  ['MO', 'Monday'],
  ['TU', 'Tuesday'],
  ['WE', 'Wednesday'],
  ['TH', 'Thursday'],
  ['FR', 'Friday'],
  ['SA', 'Saturday'],
  ['SU', 'Sunday'],
] as const;
export type Day = (typeof days)[number][0];

// UK postcode: outward code (area, district) and inward code (sector, unit). The format check of BS 7666;
// whether it exists is a lookup in postcode_centroid.
const postcodePattern = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

/** "sw1a1aa " → "SW1A 1AA"; null when it is not a postcode's shape. */
export function normalisePostcode(input: string): string | null {
  const compact = input.toUpperCase().replace(/\s+/g, '');
  const m = postcodePattern.exec(compact);
  return m ? `${m[1]} ${m[2]}` : null;
}

/** The key postcode_centroid is stored under: upper case, no space. */
export function postcodeKey(postcode: string): string {
  return postcode.toUpperCase().replace(/\s+/g, '');
}

/** The outward code ("SW1A" of "SW1A 1AA"): precise enough for evidence of where people look, not who they are. */
export function outwardCode(postcode: string): string | null {
  const p = normalisePostcode(postcode);
  return p ? (p.split(' ')[0] ?? null) : null;
}

const text = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`);
const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Enter a time like 09:30');

function placeSchema(strict: boolean) {
  return z.object({
    name: text(200).default(''),
    address1: text(200).default(''),
    address2: text(200).default(''),
    town: text(100).default(''),
    postcode: z
      .string()
      .trim()
      .transform((v, ctx) => {
        const p = normalisePostcode(v);
        if (!p && strict) ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like SW1A 1AA' });
        return p ?? v;
      }),
    accessibility: text(2000).default(''),
    features: z.array(z.enum(accessibilityFeatures.map(([k]) => k) as [AccessibilityFeature, ...AccessibilityFeature[]])).default([]),
  });
}
export const locationSchema = placeSchema(true);
export type ServiceLocation = z.infer<typeof locationSchema>;

export const scheduleSchema = z
  .object({
    days: z.array(z.enum(days.map(([k]) => k) as [Day, ...Day[]])).min(1, 'Select at least one day'),
    opens: hhmm,
    closes: hhmm,
    note: text(200).default(''),
  })
  .refine((s) => s.opens < s.closes, { message: 'The closing time must be after the opening time', path: ['closes'] });
export type Schedule = z.infer<typeof scheduleSchema>;

export const contactSchema = z.object({
  name: text(200).default(''),
  role: text(200).default(''),
  email: z.union([z.literal(''), z.email('Enter an email address in the correct format, like name@example.com')]).default(''),
  phone: text(40).default(''),
});

/** The SEND questions a local offer answers about each service (SEND Regs 2014 Sch 2; CoP 4.30-4.32). */
export const sendQuestions = [
  ['identifyNeeds', 'How does the service identify and assess children and young people’s special educational needs?'],
  ['involveFamilies', 'How are children, young people and their families involved in planning and reviewing support?'],
  ['staffTraining', 'What training do staff have in supporting children and young people with SEND?'],
  ['transitions', 'How does the service support children and young people when they move on (transitions)?'],
] as const;
export type SendQuestion = (typeof sendQuestions)[number][0];

const needed = (strict: boolean, message: string) => (strict ? z.string().trim().min(1, message) : z.string().trim());

function contentObject(strict: boolean) {
  return z.object({
    name: z.string().trim().min(1, 'Enter the name of the service').max(200, 'The name must be 200 characters or fewer'),
    summary: needed(strict, 'Enter a short summary of what the service offers').max(300, 'The summary must be 300 characters or fewer'),
    description: needed(strict, 'Describe what the service offers').max(6000, 'The description must be 6,000 characters or fewer'),
    whoFor: needed(strict, 'Say who the service is for').max(2000),
    howToAccess: needed(strict, 'Say how a family gets the service').max(2000),
    referral: z.enum(['self', 'professional', 'self-or-professional'], { message: 'Select who can make a referral' }),
    categories: z.array(z.enum(categoryKeys)).min(strict ? 1 : 0, 'Select at least one category'),
    needs: z.array(z.enum(needCodes)).default([]),
    ageFrom: z.number({ message: 'Enter the youngest age the service is for, in years' }).int().min(0).max(25, 'Ages go up to 25'),
    ageTo: z.number({ message: 'Enter the oldest age the service is for, in years' }).int().min(0).max(25, 'Ages go up to 25'),
    free: z.boolean({ message: 'Select whether the service is free' }),
    costDetails: text(1000).default(''),
    delivery: z.array(z.enum(deliveryModes.map(([k]) => k) as [DeliveryMode, ...DeliveryMode[]])).min(strict ? 1 : 0, 'Select how the service is delivered'),
    locations: z.array(placeSchema(strict)).max(20, 'List at most 20 places').default([]),
    schedules: z.array(scheduleSchema).max(20).default([]),
    timesNote: text(1000).default(''),
    outsideArea: z.boolean().default(false),
    website: z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'Enter a web address starting https://' })]).default(''),
    email: z.union([z.literal(''), z.email('Enter an email address in the correct format, like name@example.com')]).default(''),
    phone: text(40).default(''),
    contacts: z.array(contactSchema).max(10).default([]),
    languages: z.array(text(60)).max(20).default([]),
    send: z
      .object({ identifyNeeds: text(3000).default(''), involveFamilies: text(3000).default(''), staffTraining: text(3000).default(''), transitions: text(3000).default('') })
      .default({ identifyNeeds: '', involveFamilies: '', staffTraining: '', transitions: '' }),
    keywords: z.array(text(60)).max(30).default([]),
  });
}

/** The rules across fields of a listing (beyond each field's own), as messages by field. */
function dataRules(c: ServiceContent): FieldError[] {
  const out: FieldError[] = [];
  if (c.ageFrom > c.ageTo) out.push({ field: 'ageTo', message: 'The oldest age must be the same as or more than the youngest age' });
  if (!c.free && c.costDetails.length === 0) out.push({ field: 'costDetails', message: 'Say what the service costs' });
  // Stricter than ORUK, whose address, postcode and category are optional: the DfE's directory failed on exactly
  // that (peers.md §4.11). A service delivered at a place must say where, with a postcode.
  if (c.delivery.includes('in-person') && c.locations.length === 0) {
    out.push({ field: 'locations', message: 'Add the place where the service is delivered, with its postcode' });
  }
  if (!c.website && !c.email && !c.phone && c.contacts.every((k) => !k.email && !k.phone)) {
    out.push({ field: 'email', message: 'Give at least one way to contact the service: an email address, phone number or website' });
  }
  return out;
}

export const serviceContentSchema = contentObject(true).superRefine((c, ctx) => {
  for (const e of dataRules(c)) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
});

/**
 * A listing that does not yet meet the data rules: the same document, without the rules a listing needs before it
 * is published (a category, a postcode for each place, a way to contact, what it costs, the texts a family reads).
 * Only an imported listing is stored like this (src/localoffer/oruk-import.ts), as a version waiting for the
 * council's review, never published until `contentProblems` is empty. Content that passes `serviceContentSchema`
 * reads the same through this schema.
 */
export const serviceDraftSchema = contentObject(false);

/** What stops a listing being published: the data rules' messages, by field ([] when it may be published). */
export function contentProblems(content: unknown): FieldError[] {
  const strict = parseWith(serviceContentSchema, content);
  if (strict.ok) return [];
  // zod runs the rules across fields only once every field is valid; a draft is checked against both at once.
  const draft = serviceDraftSchema.safeParse(content);
  const rules = draft.success ? dataRules(draft.data) : [];
  return [...strict.errors, ...rules.filter((r) => !strict.errors.some((e) => e.field === r.field))];
}
export type ServiceContent = z.infer<typeof serviceContentSchema>;
// The draft reads as the same type: a listing is one shape whether or not it is ready to publish.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const draftIsContent: Same<z.infer<typeof serviceDraftSchema>, ServiceContent> = true;
void draftIsContent;

// ---------------------------------------------------------------------------------------------------------------
// Freshness (issue 5 §3): each listing has a review-by date; providers are reminded before it; a listing past it is
// marked as not recently checked; after a grace period the council decides what happens to it.

/** How long a check lasts: the evidence measure is "reviewed in the last 12 months". */
export const reviewIntervalDays = 365;
/** Providers are reminded this long before the review-by date. */
export const reminderDays = 28;
/** After the review-by date, this long before the council must decide. */
export const graceDays = 56;

export type Freshness = 'fresh' | 'due-soon' | 'not-recently-checked' | 'council-to-decide';

/** The review-by date after a check on `reviewedOn`. */
export function nextReviewBy(reviewedOn: string): string {
  return addDays(reviewedOn, reviewIntervalDays);
}

export function freshness(reviewBy: string, today: string): Freshness {
  const left = daysBetween(today, reviewBy);
  if (left > reminderDays) return 'fresh';
  if (left >= 0) return 'due-soon';
  return -left > graceDays ? 'council-to-decide' : 'not-recently-checked';
}

// ---------------------------------------------------------------------------------------------------------------
// Likely duplicates (issue 5 §3): flagged for the council, never refused, since two branches of one charity may
// rightly list similar services.

export interface DuplicateCandidate {
  id: string;
  name: string;
  organisationId: string;
  postcodes: string[];
}

export type DuplicateReason = 'same-organisation-similar-name' | 'similar-name-same-postcode';

/** Existing listings that are probably the same service as `c`. */
export function likelyDuplicates(c: DuplicateCandidate, existing: DuplicateCandidate[]): { id: string; name: string; reason: DuplicateReason }[] {
  const out: { id: string; name: string; reason: DuplicateReason }[] = [];
  const mine = new Set(c.postcodes.map(postcodeKey));
  for (const e of existing) {
    if (e.id === c.id) continue;
    const similarity = trigramSimilarity(c.name, e.name);
    if (e.organisationId === c.organisationId && similarity >= 0.6) out.push({ id: e.id, name: e.name, reason: 'same-organisation-similar-name' });
    else if (similarity >= 0.5 && e.postcodes.some((p) => mine.has(postcodeKey(p)))) out.push({ id: e.id, name: e.name, reason: 'similar-name-same-postcode' });
  }
  return out;
}
