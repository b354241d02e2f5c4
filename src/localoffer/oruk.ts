// Open Referral UK (issue 5 §5): our listings as HSDS 3.0 documents of the ORUK profile, the profile's query
// parameters and paging, and the reverse mapping an import uses. Pure: no I/O (node:crypto only hashes ids).
//
// The profile (../shared/oruk-uk-profile, CC BY-SA 4.0) is followed as schema/compiled/*.json defines it; where it
// and its OpenAPI documents disagree, and where it removes HSDS 3.0 fields our listings need, docs/api.md and
// docs/decisions/0012-open-referral-uk.md say what we chose:
// - The profile removes phones, a contact's email, a language's name, address_2, eligibility_description and
//   application_process from HSDS 3.0. The compiled schemas allow other properties, so we send these HSDS 3.0
//   fields where we hold them (`extraHsdsFields`): without them a family could not phone a service from the feed.
// - Every id is a UUID (the schemas' format). Ids of the parts of a listing (its places, times, costs, contacts)
//   and of our taxonomy terms are derived from stable names (`stableId`), so they do not change between requests
//   or publications; SQL derives the same ids (oruk-store.ts `salIdSql`).
// - Empty optional fields are left out rather than sent as null or "" (ORUK compliance notes); required ones the
//   listing lacks (an address's state_province) are sent as "".
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  accessibilityFeatures,
  categories,
  contentProblems,
  days,
  deliveryModes,
  normalisePostcode,
  scheduleSchema,
  serviceDraftSchema,
  type AccessibilityFeature,
  type Category,
  type Day,
  type DeliveryMode,
  type ServiceContent,
} from './domain.ts';
import { needTypes } from '../children/codes.ts';
import { UserInputError, type FieldError } from '../platform/web/validation.ts';

/** The profile this API follows, as the ORUK validator reads it from `/` (HSDS-UK-3.0 or HSDS-UK-1.0). */
export const orukVersion = 'HSDS-UK-3.0';
export const orukProfileUrl = 'https://github.com/OpenReferralUK/uk-profile';

/** The HSDS 3.0 fields we send that the ORUK profile leaves out (see the file's head). */
export const extraHsdsFields = [
  'service.phones',
  'service.eligibility_description',
  'service.application_process',
  'contact.email',
  'contact.phones',
  'language.name',
  'address.address_2',
  'attribute.link_entity',
] as const;

/** A UUID-shaped id from a stable name: md5 of the parts joined by "/", as SQL's md5(…)::uuid gives it. */
export function stableId(...parts: string[]): string {
  const h = createHash('md5').update(parts.join('/')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A place's service_at_location and location ids: (service id, position in the listing). */
export const salId = (serviceId: string, position: number): string => stableId(serviceId, 'sal', String(position));
export const locationId = (serviceId: string, position: number): string => stableId(serviceId, 'location', String(position));

// ---------------------------------------------------------------------------------------------------------------
// Our taxonomies: the directory's categories, the SEN2 need types, how a service is delivered, and the
// accessibility features of a place. Term ids never change: they are derived from the taxonomy's key and the code.

export type TaxonomyKey = 'categories' | 'needs' | 'delivery' | 'accessibility';

export interface Term {
  id: string;
  taxonomy: TaxonomyKey;
  taxonomyId: string;
  code: string;
  name: string;
  description: string;
}

export interface Taxonomy {
  id: string;
  key: TaxonomyKey;
  name: string;
  description: string;
  /** What an attribute linking this taxonomy's terms says about the thing it links (HSDS attribute.link_type). */
  linkType: string;
  terms: Term[];
}

const categoryDescriptions: Record<Category, string> = {
  education: 'Schools, colleges, early years settings and support for learning.',
  health: 'Health services, therapies and support for physical and mental health.',
  'social-care': 'Social care for children, young people and families, including help at home.',
  'short-breaks-leisure': 'Short breaks, activities, clubs and leisure, and breaks for parents and carers.',
  'preparing-for-adulthood': 'Help to prepare for adult life: work, independent living, friends and community, and good health.',
  'advice-support': 'Information, advice and support for families, including SENDIASS and parent carer groups.',
  travel: 'Travel to school or college, travel training and help with transport.',
};

const taxonomyId = (key: TaxonomyKey): string => stableId('joinedup', 'taxonomy', key);
const termId = (key: TaxonomyKey, code: string): string => stableId('joinedup', 'taxonomy', key, 'term', code);

function taxonomy(key: TaxonomyKey, name: string, description: string, linkType: string, list: readonly (readonly [string, string])[], describe: (code: string, label: string) => string): Taxonomy {
  const id = taxonomyId(key);
  return { id, key, name, description, linkType, terms: list.map(([code, label]) => ({ id: termId(key, code), taxonomy: key, taxonomyId: id, code, name: label, description: describe(code, label) })) };
}

export const taxonomies: Taxonomy[] = [
  taxonomy('categories', 'Local offer categories', 'The kinds of provision a local offer sets out (SEND Regulations 2014, Schedule 2), as families look for them.', 'category', categories, (code) => categoryDescriptions[code as Category]),
  taxonomy('needs', 'SEN2 need types', 'The special educational need types of the DfE SEN2 return that a service supports. A service with none is open to every need.', 'need', needTypes, (code, label) => `${label} (SEN2 need type ${code}).`),
  taxonomy('delivery', 'How the service is delivered', 'Whether a service is delivered at a place, at home, online or by phone.', 'delivery', deliveryModes, (_c, label) => `${label}.`),
  taxonomy('accessibility', 'Accessibility of the place', 'Features of a place that make it easier to use for disabled children, young people and their families.', 'accessibility', accessibilityFeatures, (_c, label) => `${label}.`),
];

const byKey = new Map(taxonomies.map((t) => [t.key, t]));
const termsById = new Map(taxonomies.flatMap((t) => t.terms.map((x) => [x.id, x] as const)));
const taxonomiesById = new Map(taxonomies.map((t) => [t.id, t]));
export const allTerms: Term[] = taxonomies.flatMap((t) => t.terms);

export const termById = (id: string): Term | undefined => termsById.get(id);
export const taxonomyById = (id: string): Taxonomy | undefined => taxonomiesById.get(id);

function term(key: TaxonomyKey, code: string): Term {
  const t = byKey.get(key)?.terms.find((x) => x.code === code);
  if (!t) throw new Error(`no ${key} term ${code}`);
  return t;
}

export function orukTaxonomy(t: Taxonomy, withTerms: boolean): Record<string, unknown> {
  return compact({ id: t.id, name: t.name, description: t.description, taxonomy_terms: withTerms ? t.terms.map(orukTerm) : undefined });
}

export function orukTerm(t: Term): Record<string, unknown> {
  return { id: t.id, name: t.name, description: t.description, taxonomy_id: t.taxonomyId, term: t.code };
}

// ---------------------------------------------------------------------------------------------------------------
// Our listing → ORUK.

/** What the mapping needs of a published listing (store.ts PublishedListing has it). */
export interface OrukListing {
  id: string;
  organisation: { id: string; name: string; description: string; website: string | null; email: string | null };
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  content: ServiceContent;
  lastReviewedOn: string | null;
  updatedAt: Date;
  places: { position: number; latitude: number | null; longitude: number | null }[];
}

type Doc = Record<string, unknown>;

/** Leaves out undefined, null, "" and empty arrays: ORUK asks for empty optional fields to be omitted. */
export function compact<T extends Doc>(o: T): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

const isHttpUrl = (s: string | null | undefined): s is string => {
  if (!s) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};
const emailShape = z.email();
const isEmail = (s: string | null | undefined): s is string => !!s && emailShape.safeParse(s).success;

export function orukOrganization(o: OrukListing['organisation']): Doc {
  // description is required by the profile; a directory organisation may have none yet, so it is sent as "".
  return { id: o.id, name: o.name, description: o.description, ...compact({ email: isEmail(o.email) ? o.email : undefined, website: isHttpUrl(o.website) ? o.website : undefined }) };
}

function attribute(serviceOrLinkId: string, linkEntity: string, t: Term): Doc {
  const tx = byKey.get(t.taxonomy);
  return { id: stableId(serviceOrLinkId, 'attribute', t.id), link_id: serviceOrLinkId, link_type: tx?.linkType ?? t.taxonomy, link_entity: linkEntity, taxonomy_term_id: t.id, taxonomy_term: orukTerm(t) };
}

const dayName = (d: Day): string => days.find(([k]) => k === d)?.[1] ?? d;
const hms = (hhmm: string): string => `${hhmm}:00`;

/** The plain words an ORUK consumer shows for one of our weekly times. */
export function scheduleDescription(s: { days: Day[]; opens: string; closes: string }): string {
  return `${s.days.map(dayName).join(', ')}: ${s.opens} to ${s.closes}`;
}

/** One-to-one fields of a service, as /services lists them (compiled/service_list.json). */
export function orukServiceSummary(l: OrukListing): Doc {
  const c = l.content;
  return compact({
    id: l.id,
    organization_id: l.organisation.id,
    name: c.name,
    description: c.description,
    url: c.website,
    email: c.email,
    status: l.status,
    minimum_age: c.ageFrom,
    maximum_age: c.ageTo,
    assured_date: l.lastReviewedOn,
    last_modified: l.updatedAt.toISOString(),
    eligibility_description: c.whoFor,
    application_process: c.howToAccess,
    organization: orukOrganization(l.organisation),
  });
}

function orukLocation(l: OrukListing, position: number, full: boolean): Doc {
  const c = l.content;
  const p = c.locations[position];
  if (!p) throw new Error(`no place ${position}`);
  const id = locationId(l.id, position);
  const point = l.places.find((x) => x.position === position);
  const base = compact({ id, location_type: 'physical', name: p.name, latitude: point?.latitude ?? undefined, longitude: point?.longitude ?? undefined });
  if (!full) return base;
  const address = {
    id: stableId(l.id, 'address', String(position)),
    location_id: id,
    // address_1, city, state_province, postal_code, country and address_type are required by the profile.
    address_1: p.address1,
    ...compact({ address_2: p.address2 }),
    city: p.town,
    state_province: '',
    postal_code: p.postcode,
    country: 'GB',
    address_type: 'physical',
  };
  const accessibilityId = stableId(l.id, 'accessibility', String(position));
  const accessibility =
    p.accessibility || p.features.length > 0
      ? [compact({ id: accessibilityId, location_id: id, description: p.accessibility, attributes: p.features.map((f) => attribute(accessibilityId, 'accessibility', term('accessibility', f))) })]
      : [];
  return compact({ ...base, addresses: [address], accessibility });
}

function orukServiceAtLocationOf(l: OrukListing, position: number, full: boolean): Doc {
  return { id: salId(l.id, position), service_id: l.id, location_id: locationId(l.id, position), location: orukLocation(l, position, full) };
}

/** The whole service with everything related to it (compiled/service.json), as /services/{id} answers. */
export function orukService(l: OrukListing): Doc {
  const c = l.content;
  const sid = l.id;
  const schedules: Doc[] = c.schedules.map((s, i) =>
    compact({ id: stableId(sid, 'schedule', String(i)), service_id: sid, freq: 'WEEKLY', interval: 1, byday: s.days.join(','), opens_at: hms(s.opens), closes_at: hms(s.closes), description: scheduleDescription(s), notes: s.note }),
  );
  if (c.timesNote) schedules.push({ id: stableId(sid, 'schedule', 'note'), service_id: sid, description: c.timesNote });
  const cost = c.free
    ? compact({ id: stableId(sid, 'cost'), service_id: sid, option: 'Free', amount: 0, amount_description: c.costDetails })
    : compact({ id: stableId(sid, 'cost'), service_id: sid, amount_description: c.costDetails });
  const contacts = c.contacts
    .map((k, i) => ({ k, id: stableId(sid, 'contact', String(i)) }))
    .filter(({ k }) => k.name || k.role || k.email || k.phone)
    .map(({ k, id }) => compact({ id, service_id: sid, name: k.name, title: k.role, email: k.email, phones: k.phone ? [{ id: stableId(id, 'phone'), contact_id: id, number: k.phone }] : [] }));
  const attributes = [
    ...c.categories.map((k) => attribute(sid, 'service', term('categories', k))),
    ...c.needs.map((k) => attribute(sid, 'service', term('needs', k))),
    ...c.delivery.map((k) => attribute(sid, 'service', term('delivery', k))),
  ];
  return compact({
    ...orukServiceSummary(l),
    phones: c.phone ? [{ id: stableId(sid, 'phone'), service_id: sid, number: c.phone }] : [],
    schedules,
    service_at_locations: c.locations.map((_, i) => orukServiceAtLocationOf(l, i, true)),
    languages: c.languages.map((name, i) => ({ id: stableId(sid, 'language', String(i)), service_id: sid, name })),
    cost_options: [cost],
    contacts,
    attributes,
  });
}

/** One place of a service with the service: list form (compiled/service_at_location_list.json) or full. */
export function orukServiceAtLocation(l: OrukListing, position: number, full: boolean): Doc {
  return { ...orukServiceAtLocationOf(l, position, full), service: full ? orukService(l) : orukServiceSummary(l) };
}

// ---------------------------------------------------------------------------------------------------------------
// Query parameters (schema/openapi.json components.parameters) and paging.

export const maxPerPage = 500;
export const defaultPerPage = 50;

const bool = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');
const int = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${what} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${what} must be from ${min} to ${max}`);
const num = (what: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `${what} must be a number of years, like 5`)
    .transform(Number);
const uuid = (what: string) => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, `${what} must be a UUID`).transform((s) => s.toLowerCase());
const time = (what: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, `${what} must be a time like 09:30 or 09:30:00`)
    .transform((s) => (s.length === 5 ? `${s}:00` : s));
const dayParam = z
  .string()
  .transform((s, ctx) => {
    const v = s.trim().toUpperCase();
    const d = days.find(([code, name]) => code === v || name.toUpperCase() === v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: 'day must be a day of the week: MO, TU, WE, TH, FR, SA or SU (or its name, like Monday)' });
      return z.NEVER;
    }
    return d[0];
  });
const dateTime = z.string().transform((s, ctx) => {
  const ok = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s));
  if (!ok) {
    ctx.addIssue({ code: 'custom', message: 'modified_after must be a date or date-time, like 2025-01-31 or 2025-01-31T09:00:00Z' });
    return z.NEVER;
  }
  return new Date(s.length === 10 ? `${s}T00:00:00Z` : s);
});

const pagingShape = {
  page: int('page', 1, 1_000_000).default(1),
  per_page: int('per_page', 1, maxPerPage).default(defaultPerPage),
};

export const pagingParams = z.object(pagingShape);

const serviceFilterShape = {
  ...pagingShape,
  search: z.string().trim().max(200, 'search must be 200 characters or fewer').optional(),
  taxonomy_term_id: uuid('taxonomy_term_id').optional(),
  taxonomy_id: uuid('taxonomy_id').optional(),
  organization_id: uuid('organization_id').optional(),
  minimum_age: num('minimum_age').optional(),
  maximum_age: num('maximum_age').optional(),
  day: dayParam.optional(),
  start_time: time('start_time').optional(),
  end_time: time('end_time').optional(),
  modified_after: dateTime.optional(),
  full: bool.optional(),
  minimal: bool.optional(),
  format: z.enum(['json'], { message: 'format must be json (ndjson is not offered: page through the results)' }).optional(),
};

export const serviceParams = z.object(serviceFilterShape);

export const serviceAtLocationParams = z
  .object({
    ...serviceFilterShape,
    postcode: z
      .string()
      .transform((s, ctx) => {
        const p = normalisePostcode(s);
        if (!p) {
          ctx.addIssue({ code: 'custom', message: 'postcode must be a UK postcode, like SW1A 1AA' });
          return z.NEVER;
        }
        return p;
      })
      .optional(),
    proximity: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'proximity must be a distance in metres, like 5000')
      .transform(Number)
      .refine((n) => n > 0 && n <= 500_000, 'proximity must be more than 0 and at most 500,000 metres')
      .optional(),
  })
  .refine((p) => p.proximity === undefined || p.postcode !== undefined, { path: ['proximity'], message: 'proximity needs a postcode to measure from' });

export const organizationParams = z.object({ ...pagingShape, search: serviceFilterShape.search, full_service: bool.optional() });
export const organizationItemParams = z.object({ full_service: bool.optional() });

export type ServiceParams = z.infer<typeof serviceParams>;
export type ServiceAtLocationParams = z.infer<typeof serviceAtLocationParams>;

/**
 * Query parameters as the schema wants them, or a UserInputError (400) with a message per parameter. Parameters
 * the profile does not define are ignored, as a browser's cache-busting `_=` should be.
 */
export function parseParams<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const q: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(v)) throw new UserInputError([{ field: k, message: `${k} is given more than once` }]);
    if (v !== '') q[k] = v;
  }
  const r = schema.safeParse(q);
  if (r.success) return r.data;
  throw new UserInputError(r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'query', message: i.message })));
}

/** A term filter as the store applies it: which taxonomy and code, or nothing known (no results). */
export type TermFilter = { taxonomy: TaxonomyKey; code: string } | 'unknown';
export function termFilter(id: string): TermFilter {
  const t = termById(id);
  return t ? { taxonomy: t.taxonomy, code: t.code } : 'unknown';
}
export function taxonomyFilter(id: string): TaxonomyKey | 'unknown' {
  return taxonomyById(id)?.key ?? 'unknown';
}

/** What the store filters by (oruk-store.ts), from the parameters. */
export interface ServiceFilter {
  search?: string | undefined;
  term?: TermFilter | undefined;
  taxonomy?: TaxonomyKey | 'unknown' | undefined;
  organisationId?: string | undefined;
  minimumAge?: number | undefined;
  maximumAge?: number | undefined;
  day?: Day | undefined;
  /** HH:MM:SS */
  startTime?: string | undefined;
  endTime?: string | undefined;
  modifiedAfter?: Date | undefined;
}

export function serviceFilter(q: ServiceParams): ServiceFilter {
  return {
    search: q.search,
    term: q.taxonomy_term_id ? termFilter(q.taxonomy_term_id) : undefined,
    taxonomy: q.taxonomy_id ? taxonomyFilter(q.taxonomy_id) : undefined,
    organisationId: q.organization_id,
    minimumAge: q.minimum_age,
    maximumAge: q.maximum_age,
    day: q.day,
    startTime: q.start_time,
    endTime: q.end_time,
    modifiedAfter: q.modified_after,
  };
}

/** `minimal`: each service's id and when it last changed (with its name and status, so it is still a service_list item). */
export function orukServiceMinimal(l: OrukListing): Doc {
  return { id: l.id, name: l.content.name, status: l.status, last_modified: l.updatedAt.toISOString() };
}

export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** The profile's paging envelope. `size` is the number of items on this page (schema/openapi.json Page). */
export function page<T>(contents: T[], total: number, pageNumber: number, perPage: number): Page<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// ORUK → our listing (the import). What ORUK lacks that our stricter rules need is never invented: the listing is
// kept as a draft waiting for review, and `problems` says why. What we fill in from other fields is in `notes`.

const str = z.string().optional().catch(undefined);
const numOpt = z.number().optional().catch(undefined);
const termIn = z.object({ id: str, name: str, term: str, code: str, taxonomy_id: str, taxonomy: str }).passthrough();
const attrIn = z.object({ taxonomy_term_id: str, taxonomy_term: termIn.optional().catch(undefined) }).passthrough();
const list = <T extends z.ZodType>(item: T) => z.array(z.unknown()).optional().catch(undefined).transform((a) => (a ?? []).flatMap((x) => { const r = item.safeParse(x); return r.success ? [r.data] : []; }));
const phoneIn = z.object({ number: str }).passthrough();
const addressIn = z.object({ address_1: str, address_2: str, city: str, postal_code: str, address_type: str }).passthrough();
const accessibilityIn = z.object({ description: str, details: str, accessibility: str, attributes: list(attrIn) }).passthrough();
const locationIn = z.object({ id: str, location_type: str, name: str, addresses: list(addressIn), accessibility: list(accessibilityIn), attributes: list(attrIn) }).passthrough();
const salIn = z.object({ id: str, location: locationIn.optional().catch(undefined) }).passthrough();
const scheduleIn = z.object({ freq: str, byday: str, opens_at: str, closes_at: str, description: str, notes: str }).passthrough();
const costIn = z.object({ option: str, amount: numOpt, amount_description: str }).passthrough();
const contactIn = z.object({ name: str, title: str, email: str, phones: list(phoneIn) }).passthrough();
const languageIn = z.object({ name: str, code: str }).passthrough();
const organizationIn = z.object({ id: str, name: str, description: str, email: str, website: str }).passthrough();

/** An ORUK service as an import reads it: anything unexpected in a part is skipped, not fatal. */
export const orukServiceIn = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    organization_id: str,
    description: str,
    url: str,
    email: str,
    status: str,
    fees: str,
    minimum_age: numOpt,
    maximum_age: numOpt,
    assured_date: str,
    eligibility_description: str,
    application_process: str,
    organization: organizationIn.optional().catch(undefined),
    phones: list(phoneIn),
    schedules: list(scheduleIn),
    service_at_locations: list(salIn),
    languages: list(languageIn),
    cost_options: list(costIn),
    contacts: list(contactIn),
    attributes: list(attrIn),
  })
  .passthrough();
export type OrukServiceIn = z.infer<typeof orukServiceIn>;

export interface ImportedService {
  externalId: string;
  status: OrukListing['status'];
  organisation: { externalId: string; name: string; description: string; website: string | null; email: string | null };
  content: ServiceContent;
  /** The date the source last checked the listing (assured_date), when it gave a real one. */
  assuredDate: string | null;
  /** What stops publication: the data rules' messages; empty when the listing can be published at once. */
  problems: FieldError[];
  /** What the import filled in or left out, for the report. */
  notes: string[];
}

const statuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
const lower = (s: string | undefined): string => (s ?? '').trim().toLowerCase();

function cut(s: string, max: number, what: string, notes: string[]): string {
  if (s.length <= max) return s;
  notes.push(`The ${what} was longer than ${max.toLocaleString('en-GB')} characters and was shortened`);
  const part = s.slice(0, max - 1);
  const space = part.lastIndexOf(' ');
  return `${(space > max * 0.6 ? part.slice(0, space) : part).trimEnd()}…`;
}

/** Text from a feed that may hold HTML: tags removed and the common entities read, paragraphs kept as lines. */
export function plainText(s: string | undefined): string {
  if (!s) return '';
  if (!/<[a-z!/][^>]*>|&[a-z#0-9]+;/i.test(s)) return s.trim();
  return s
    .replace(/<\s*(br|\/p|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first sentence of a description, as a summary of at most 300 characters. */
export function summaryOf(description: string): string {
  const first = description.split(/\n/)[0]?.trim() ?? '';
  const m = /^(.+?[.!?])(\s|$)/.exec(first);
  const s = m?.[1] ?? first;
  return s.length <= 300 ? s : `${s.slice(0, 299).replace(/\s+\S*$/, '')}…`;
}

/** A term of ours named by an attribute: by our term id, by our taxonomy and code, or by the term's name or code. */
function matchTerm(a: z.infer<typeof attrIn>, key: TaxonomyKey): Term | undefined {
  const t = byKey.get(key);
  if (!t) return undefined;
  const id = lower(a.taxonomy_term_id ?? a.taxonomy_term?.id);
  const byId = t.terms.find((x) => x.id === id);
  if (byId) return byId;
  const tt = a.taxonomy_term;
  if (!tt) return undefined;
  const labels = [tt.name, tt.term, tt.code].map(lower).filter(Boolean);
  return t.terms.find((x) => labels.includes(x.code.toLowerCase()) || labels.includes(x.name.toLowerCase()));
}

function times(s: string | undefined): string | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)/.exec((s ?? '').trim());
  return m ? `${m[1]}:${m[2]}` : null;
}

function costOf(doc: OrukServiceIn, notes: string[]): { free: boolean; costDetails: string } | null {
  const options = doc.cost_options;
  if (options.length === 0) {
    const fees = plainText(doc.fees);
    if (!fees) return null;
    return /^free\.?$/i.test(fees) ? { free: true, costDetails: '' } : { free: false, costDetails: fees };
  }
  const paid = options.filter((o) => (o.amount ?? 0) > 0 || (o.amount === undefined && !/\bfree\b/i.test(o.option ?? '')));
  const free = paid.length === 0;
  const describe = (o: (typeof options)[number]) =>
    [free && /^free$/i.test((o.option ?? '').trim()) ? '' : o.option, o.amount !== undefined && o.amount > 0 ? `£${o.amount.toFixed(2).replace(/\.00$/, '')}` : '', o.amount_description]
      .map((x) => (x ?? '').trim())
      .filter(Boolean)
      .join(' ');
  const costDetails = (free ? options : paid).map(describe).filter(Boolean).join('; ');
  if (!free && !costDetails) notes.push('The feed gives a cost option with no amount or description');
  return { free, costDetails };
}

/**
 * One ORUK service as our listing content. `problems` lists what our data rules need that the feed did not give;
 * the content is then a draft (domain.ts serviceDraftSchema) that the council completes before it is published.
 */
export function fromOrukService(raw: unknown, opts: { neighbour: boolean }): ImportedService | { error: string } {
  const parsed = orukServiceIn.safeParse(raw);
  if (!parsed.success) {
    const r = raw as { id?: unknown; name?: unknown } | null;
    const which = r && typeof r === 'object' && typeof r.id === 'string' ? `Service ${r.id}` : 'A service';
    return { error: `${which} is not an ORUK service: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'service'} ${i.message.toLowerCase()}`).join('; ')}` };
  }
  const doc = parsed.data;
  const notes: string[] = [];

  const description = cut(plainText(doc.description), 6000, 'description', notes);
  let summary = '';
  if (description) {
    summary = summaryOf(description);
  }

  const ageIn = (n: number | undefined, fallback: number) => (n === undefined || !Number.isFinite(n) ? fallback : Math.min(25, Math.max(0, Math.round(n))));
  let ageFrom = ageIn(doc.minimum_age, 0);
  let ageTo = ageIn(doc.maximum_age, 25);
  if (doc.minimum_age === undefined && doc.maximum_age === undefined) notes.push('No ages given: listed as 0 to 25');
  else if ((doc.minimum_age ?? 0) > 25 || (doc.maximum_age ?? 0) > 25) notes.push(`Ages ${doc.minimum_age ?? 0} to ${doc.maximum_age ?? '…'} are beyond 25: listed up to 25`);
  if (ageFrom > ageTo) [ageFrom, ageTo] = [ageTo, ageFrom];

  let whoFor = cut(plainText(doc.eligibility_description), 2000, 'eligibility description', notes);
  if (!whoFor && (doc.minimum_age !== undefined || doc.maximum_age !== undefined)) {
    whoFor = `Children and young people aged ${ageFrom} to ${ageTo}.`;
    notes.push('Who the service is for was written from its ages');
  }

  const website = isHttpUrl(doc.url) ? doc.url : '';
  if (doc.url && !website) notes.push(`The web address “${doc.url}” is not one and was left out`);
  const email = isEmail(doc.email) ? doc.email : '';
  if (doc.email && !email) notes.push(`The email address “${doc.email}” is not one and was left out`);
  const phone = (doc.phones.find((p) => p.number?.trim())?.number ?? '').trim().slice(0, 40);

  const contacts = doc.contacts.slice(0, 10).map((k) => ({
    name: (k.name ?? '').trim().slice(0, 200),
    role: (k.title ?? '').trim().slice(0, 200),
    email: isEmail(k.email) ? k.email : '',
    phone: (k.phones.find((p) => p.number?.trim())?.number ?? '').trim().slice(0, 40),
  }));
  if (doc.contacts.length > 10) notes.push(`Only the first 10 of ${doc.contacts.length} contacts were kept`);

  let howToAccess = cut(plainText(doc.application_process), 2000, 'application process', notes);
  if (!howToAccess && (website || email || phone || contacts.some((k) => k.email || k.phone))) {
    howToAccess = 'Contact the service to ask how to use it.';
    notes.push('How to get the service was not given: “Contact the service to ask how to use it.”');
  }

  // Terms: ours by id or code; another directory's matched by name. Places and how the service is delivered.
  const found = <K extends TaxonomyKey>(key: K, attrs: z.infer<typeof attrIn>[]) => [...new Set(attrs.map((a) => matchTerm(a, key)?.code).filter((x): x is string => !!x))];
  const categoriesIn = found('categories', doc.attributes) as Category[];
  const needs = found('needs', doc.attributes);
  let delivery = found('delivery', doc.attributes) as DeliveryMode[];
  const unmatched = doc.attributes.filter((a) => !(['categories', 'needs', 'delivery'] as TaxonomyKey[]).some((k) => matchTerm(a, k)));
  if (unmatched.length > 0) notes.push(`Terms not in our taxonomies were left out: ${unmatched.map((a) => a.taxonomy_term?.name ?? a.taxonomy_term_id ?? '?').slice(0, 5).join(', ')}${unmatched.length > 5 ? '…' : ''}`);

  const places = doc.service_at_locations.map((s) => s.location).filter((l): l is z.infer<typeof locationIn> => !!l);
  const physical = places.filter((l) => lower(l.location_type) !== 'virtual' && lower(l.location_type) !== 'postal');
  const locations = physical.slice(0, 20).map((l) => {
    const a = l.addresses.find((x) => lower(x.address_type) === 'physical') ?? l.addresses[0];
    const features = [...new Set(l.accessibility.flatMap((x) => x.attributes).map((x) => matchTerm(x, 'accessibility')?.code).filter((x): x is AccessibilityFeature => !!x))];
    return {
      name: (l.name ?? '').trim().slice(0, 200),
      address1: (a?.address_1 ?? '').trim().slice(0, 200),
      address2: (a?.address_2 ?? '').trim().slice(0, 200),
      town: (a?.city ?? '').trim().slice(0, 100),
      postcode: normalisePostcode(a?.postal_code ?? '') ?? (a?.postal_code ?? '').trim(),
      accessibility: l.accessibility.map((x) => plainText(x.description ?? x.accessibility ?? x.details)).filter(Boolean).join('\n').slice(0, 2000),
      features,
    };
  });
  if (physical.length > 20) notes.push(`Only the first 20 of ${physical.length} places were kept`);
  if (delivery.length === 0) {
    if (physical.length > 0) delivery.push('in-person');
    if (places.some((l) => lower(l.location_type) === 'virtual')) delivery.push('online');
    if (delivery.length > 0) notes.push(`How the service is delivered was worked out from its locations: ${delivery.join(', ')}`);
  }
  delivery = [...new Set(delivery)];

  // Weekly times become schedules; anything else (monthly, a link, words only) is kept as words in timesNote.
  const schedules: ServiceContent['schedules'] = [];
  const words: string[] = [];
  for (const s of doc.schedules) {
    const dayList = (s.byday ?? '').split(',').map((d) => d.trim().toUpperCase()).filter(Boolean);
    const opens = times(s.opens_at);
    const closes = times(s.closes_at);
    const weekly = (s.freq === undefined || s.freq.toUpperCase() === 'WEEKLY') && dayList.length > 0 && dayList.every((d) => days.some(([k]) => k === d));
    const said = plainText(s.description);
    if (weekly && opens && closes && schedules.length < 20) {
      const candidate = { days: dayList as Day[], opens, closes, note: '' };
      const extra = [plainText(s.notes), said && said !== scheduleDescription(candidate) ? said : ''].filter(Boolean).join(' ');
      const r = scheduleSchema.safeParse({ ...candidate, note: extra.length <= 200 ? extra : '' });
      if (r.success) {
        schedules.push(r.data);
        if (extra.length > 200) words.push(extra);
        continue;
      }
    }
    const text = [said, plainText(s.notes)].filter(Boolean).join(' ');
    if (text) words.push(text);
    else if (s.byday || s.opens_at) notes.push(`A time that is not weekly was left out: ${[s.freq, s.byday, s.opens_at, s.closes_at].filter(Boolean).join(' ')}`);
  }
  const timesNote = cut(words.join('\n'), 1000, 'note about times', notes);

  const cost = costOf(doc, notes);
  const languages = [...new Set(doc.languages.map((l) => (l.name ?? l.code ?? '').trim()).filter(Boolean))].slice(0, 20).map((l) => l.slice(0, 60));

  const draft = {
    name: cut(doc.name.trim(), 200, 'name', notes),
    summary,
    description,
    whoFor,
    howToAccess,
    referral: 'self-or-professional' as const,
    categories: categoriesIn,
    needs,
    ageFrom,
    ageTo,
    free: cost?.free ?? false,
    costDetails: cut(cost?.costDetails ?? '', 1000, 'cost', notes),
    delivery,
    locations,
    schedules,
    timesNote,
    outsideArea: opts.neighbour,
    website,
    email,
    phone,
    contacts,
    languages,
    keywords: [],
  };
  const content = serviceDraftSchema.safeParse(draft);
  if (!content.success) return { error: `Service ${doc.id} could not be read: ${content.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  const problems = contentProblems(content.data).map((p) => (p.field === 'costDetails' && !cost ? { field: 'free', message: 'The feed does not say whether the service is free or what it costs' } : p));

  const o = doc.organization;
  const assured = doc.assured_date && /^\d{4}-\d{2}-\d{2}$/.test(doc.assured_date.slice(0, 10)) && !Number.isNaN(Date.parse(doc.assured_date.slice(0, 10))) ? doc.assured_date.slice(0, 10) : null;
  return {
    externalId: doc.id,
    status: (statuses as readonly string[]).includes(lower(doc.status)) ? (lower(doc.status) as OrukListing['status']) : 'active',
    organisation: {
      externalId: o?.id ?? doc.organization_id ?? 'unknown',
      name: (o?.name ?? '').trim() || 'Provider not named in the feed',
      description: plainText(o?.description),
      website: isHttpUrl(o?.website) ? (o?.website ?? null) : null,
      email: isEmail(o?.email) ? (o?.email ?? null) : null,
    },
    content: content.data,
    assuredDate: assured,
    problems,
    notes,
  };
}

/**
 * The services in an ORUK document: a page (`contents`), an array, one service, a service_at_location (its
 * service at its place) or an organization (its services, with the organization). Anything else: none.
 */
export function servicesInDocument(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc.flatMap(servicesInDocument);
  if (!doc || typeof doc !== 'object') return [];
  const d = doc as Record<string, unknown>;
  if (Array.isArray(d.contents)) return d.contents.flatMap(servicesInDocument);
  if (d.service && typeof d.service === 'object') {
    const s = d.service as Record<string, unknown>;
    const sal = { id: d.id, location: d.location };
    const existing: unknown[] = Array.isArray(s.service_at_locations) ? (s.service_at_locations as unknown[]) : [];
    return [{ ...s, service_at_locations: d.location ? [...existing, sal] : existing }];
  }
  if (typeof d.status === 'string' && typeof d.name === 'string') return [d];
  if (Array.isArray(d.services)) {
    const org = { id: d.id, name: d.name, description: d.description, email: d.email, website: d.website };
    return (d.services as unknown[]).map((s) => (s && typeof s === 'object' ? { organization: org, ...(s) } : s));
  }
  return [];
}
