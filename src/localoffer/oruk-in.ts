// Open Referral UK → our listing (issue 5 §5: the same feed can be imported): the reverse of oruk.ts's mapping, as
// oruk-import.ts uses it. Pure: no I/O.
import { z } from 'zod';
import { contentProblems, days, normalisePostcode, scheduleSchema, serviceDraftSchema, type AccessibilityFeature, type Category, type Day, type DeliveryMode, type ServiceContent } from './domain.ts';
import type { FieldError } from '../platform/web/validation.ts';
import { isEmail, isHttpUrl, scheduleDescription, taxonomyByKey, type OrukListing, type TaxonomyKey, type Term } from './oruk.ts';

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
  const t = taxonomyByKey(key);
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
