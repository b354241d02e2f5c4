// Open Referral UK (issue 5 §5): our listings as HSDS 3.0 documents of the ORUK profile, the profile's query
// parameters and paging (the reverse mapping an import uses is oruk-in.ts). Pure: no I/O (node:crypto only hashes ids).
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
  days,
  deliveryModes,
  normalisePostcode,
  type Category,
  type Day,
  type ServiceContent,
} from './domain.ts';
import { needTypes } from '../children/codes.ts';
import { UserInputError } from '../platform/web/validation.ts';

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
export const taxonomyByKey = (key: TaxonomyKey): Taxonomy | undefined => byKey.get(key);

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

export type Doc = Record<string, unknown>;

/** Leaves out undefined, null, "" and empty arrays: ORUK asks for empty optional fields to be omitted. */
export function compact<T extends Doc>(o: T): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

export const isHttpUrl = (s: string | null | undefined): s is string => {
  if (!s) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
};
const emailShape = z.email();
export const isEmail = (s: string | null | undefined): s is string => !!s && emailShape.safeParse(s).success;

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
