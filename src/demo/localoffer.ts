// The demo area's local offer (issue 5 §7): about 300 made-up services across every category, in the demo area's
// made-up postcodes (JT, and NB for Neighbourton next door), with varied ages, needs, costs, schedules and places;
// some not checked for over a year, some with a provider's change waiting for review. The benchmark uses the same
// generator for 20,000. Pure and deterministic (src/demo/random.ts): the same options give the same rows.
// `seedLocalOffer` writes them: organisations, services and versions in bulk, then the public index through the
// store's own `indexServices`, and the demo postcodes' centroids (the ONS file is not needed for the demo).
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { addDays } from '../platform/plain-date.ts';
import { postcodeKey, reviewIntervalDays, serviceContentSchema, type ServiceContent } from '../localoffer/domain.ts';
import { indexServices } from '../localoffer/store.ts';
import { prng, uuid } from './random.ts';
import { accessNotes, contactFirst, contactLast, featureSets, identifyNeeds, involveFamilies, languagesOffered, roles, staffTraining, streets, templates, transitions, venueName, type Template } from './localoffer-content.ts';

// ---------------------------------------------------------------------------------------------------------------
// Places

export interface DemoTown {
  name: string;
  district: string;
  latitude: number;
  longitude: number;
  inArea: boolean;
}

/** Joinedshire's towns (postcode districts JT1–JT9) and Neighbourton's (NB1–NB2), made up, in the Midlands. */
export const demoTowns: DemoTown[] = [
  { name: 'Joinedtown', district: 'JT1', latitude: 52.905, longitude: -1.8, inArea: true },
  { name: 'Joinedtown North', district: 'JT2', latitude: 52.93, longitude: -1.795, inArea: true },
  { name: 'Eastgate', district: 'JT3', latitude: 52.9, longitude: -1.76, inArea: true },
  { name: 'Millbrook', district: 'JT4', latitude: 52.96, longitude: -1.87, inArea: true },
  { name: 'Kettlebridge', district: 'JT5', latitude: 52.85, longitude: -1.88, inArea: true },
  { name: 'Stonecross', district: 'JT6', latitude: 52.88, longitude: -1.7, inArea: true },
  { name: 'Marrowby', district: 'JT7', latitude: 52.99, longitude: -1.75, inArea: true },
  { name: 'Wexley Green', district: 'JT8', latitude: 52.82, longitude: -1.77, inArea: true },
  { name: 'Oakhurst', district: 'JT9', latitude: 52.94, longitude: -1.95, inArea: true },
  { name: 'Neighbourton', district: 'NB1', latitude: 53.08, longitude: -1.65, inArea: false },
  { name: 'Neighbourton South', district: 'NB2', latitude: 53.05, longitude: -1.6, inArea: false },
];

export interface DemoPostcode {
  postcode: string;
  latitude: number;
  longitude: number;
  town: string;
  inArea: boolean;
}

const unitLetters = ['AA', 'AB', 'AD', 'BA', 'BD', 'BE', 'DA', 'DB', 'EF', 'EH', 'FG', 'GH'];

/** Twelve postcodes a town ("JT1 1AA" …), each within about a mile of the town's centre. Deterministic. */
export function demoPostcodes(): DemoPostcode[] {
  const rand = prng(5301);
  return demoTowns.flatMap((t) =>
    unitLetters.map((u, i) => ({
      postcode: `${t.district} ${1 + (i % 4)}${u}`,
      latitude: Math.round((t.latitude + (rand() - 0.5) * 0.025) * 1e6) / 1e6,
      longitude: Math.round((t.longitude + (rand() - 0.5) * 0.04) * 1e6) / 1e6,
      town: t.name,
      inArea: t.inArea,
    })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The rows

export interface GeneratedOrganisation {
  id: string;
  name: string;
  description: string;
  website: string | null;
  email: string | null;
  phone: string | null;
}

export type ServiceFreshness = 'checked' | 'due-soon' | 'stale' | 'council-to-decide';

export interface GeneratedService {
  id: string;
  organisationId: string;
  content: ServiceContent;
  lastReviewedOn: string;
  reviewBy: string;
  freshness: ServiceFreshness;
  /** A provider's change waiting for the council (published version 1, pending version 2). */
  pendingChange: ServiceContent | null;
  /** A new listing not yet published: only a pending version 1, not seen by the public. */
  awaitingFirstReview: boolean;
}

export interface GeneratedLocalOffer {
  organisations: GeneratedOrganisation[];
  services: GeneratedService[];
  postcodes: DemoPostcode[];
}

export interface LocalOfferOptions {
  services: number;
  seed?: number;
  /** The day the directory is "as of": review dates are set from it. */
  asOf?: string;
}

const slug = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The demo (or benchmark) directory: organisations, services with their published content, and postcodes. */
export function generateLocalOffer(opts: LocalOfferOptions): GeneratedLocalOffer {
  const rand = prng(opts.seed ?? 5005);
  const asOf = opts.asOf ?? '2026-11-22';
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const postcodes = demoPostcodes();
  const inAreaTowns = demoTowns.filter((t) => t.inArea);
  const outsideTowns = demoTowns.filter((t) => !t.inArea);
  const organisations = new Map<string, GeneratedOrganisation>();
  const orgFor = (name: string): GeneratedOrganisation => {
    let o = organisations.get(name);
    if (!o) {
      const s = slug(name);
      o = {
        id: uuid(rand),
        name,
        description: `${name} provides services for children and young people with special educational needs and disabilities, and their families, in and around Joinedshire.`,
        website: `https://www.example.org/${s}`,
        email: `hello@${s.slice(0, 40)}.example.org`,
        phone: `01632 960${String(Math.floor(rand() * 1000)).padStart(3, '0')}`,
      };
      organisations.set(name, o);
    }
    return o;
  };

  // Where each service is: a service for the whole area once; a town's service in each town in turn (and in
  // Neighbourton's, outside the area, for those the council does not run); then again, as "group 2" and so on,
  // for a benchmark's many thousands.
  const areaWide = templates.filter((t) => !t.name.includes('{town}'));
  const local = templates.filter((t) => t.name.includes('{town}'));
  const slots: { t: Template; town: DemoTown }[] = areaWide.map((t, k) => ({ t, town: (t.outside ? outsideTowns : inAreaTowns)[k % (t.outside ? outsideTowns : inAreaTowns).length] as DemoTown }));
  for (let round = 0; round < inAreaTowns.length; round++) local.forEach((t, k) => slots.push({ t, town: inAreaTowns[(round + k) % inAreaTowns.length] as DemoTown }));
  for (const town of outsideTowns) for (const t of local) if (!t.org.startsWith('Joinedshire Council')) slots.push({ t, town });
  const services: GeneratedService[] = [];
  for (let i = 0; i < opts.services; i++) {
    const slot = slots[i % slots.length] as { t: Template; town: DemoTown };
    const { t, town } = slot;
    const cohort = Math.floor(i / slots.length);
    const fill = (s: string, venue = '') => s.replace(/\{town\}/g, town.name).replace(/\{venue\}/g, venue);
    const venue = t.venue ? venueName[t.venue](town.name) : '';
    const townPostcodes = postcodes.filter((p) => p.town === town.name);
    const name = fill(t.name) + (cohort > 0 ? ` (group ${cohort + 1})` : '');
    const org = orgFor(fill(t.org));
    const free = typeof t.free === 'boolean' ? t.free : rand() < t.free;
    const schedules = (t.days ?? []).flatMap((days, k) => {
      const times = t.times?.[k] ?? t.times?.[0];
      if (!times || rand() < 0.15) return [];
      return [{ days, opens: times[0], closes: times[1], note: t.scheduleNote ?? '' }];
    });
    const mainPostcode = pick(townPostcodes);
    const locations = t.delivery.includes('in-person') || t.venue
      ? [
          { name: venue || `${org.name}, ${town.name}`, address1: `${1 + Math.floor(rand() * 120)} ${pick(streets)}`, address2: '', town: town.name, postcode: mainPostcode.postcode, accessibility: pick(accessNotes), features: pick(featureSets) },
          ...(rand() < 0.15 ? [{ name: `${venueName.library(town.name)} (outreach)`, address1: pick(streets), address2: '', town: town.name, postcode: pick(townPostcodes).postcode, accessibility: pick(accessNotes), features: pick(featureSets) }] : []),
        ]
      : [];
    const contactName = `${pick(contactFirst)} ${pick(contactLast)}`;
    const s = slug(name).slice(0, 40);
    const ageShift = rand() < 0.3 ? 1 : 0;
    const content = serviceContentSchema.parse({
      name,
      summary: t.summary,
      description: fill(t.description, venue || `${town.name}`),
      whoFor: t.whoFor,
      howToAccess: t.howToAccess,
      referral: t.referral,
      categories: t.categories,
      needs: t.needs ?? [],
      ageFrom: Math.min(t.ages[0] + ageShift, t.ages[1]),
      ageTo: t.ages[1],
      free,
      costDetails: free ? '' : (t.cost ?? 'Ask for prices.'),
      delivery: t.delivery,
      locations,
      schedules,
      timesNote: t.timesNote ?? (schedules.length === 0 ? 'Times are arranged with each family.' : ''),
      outsideArea: !town.inArea,
      website: rand() < 0.8 ? `https://www.example.org/${s}` : '',
      email: `${s.slice(0, 30)}@example.org`,
      phone: rand() < 0.85 ? `01632 960${String(Math.floor(rand() * 1000)).padStart(3, '0')}` : '',
      contacts: [{ name: contactName, role: pick(roles), email: `${contactName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`, phone: rand() < 0.5 ? `07700 900${String(Math.floor(rand() * 1000)).padStart(3, '0')}` : '' }],
      languages: rand() < 0.3 ? ['English', pick(languagesOffered)].filter((l, k, a) => a.indexOf(l) === k) : t.languages ?? ['English'],
      send: { identifyNeeds: pick(identifyNeeds), involveFamilies: pick(involveFamilies), staffTraining: pick(staffTraining), transitions: pick(transitions) },
      keywords: t.keywords,
    });
    // Freshness: most checked in the last year; some due soon, some past their review-by date, a few long past it.
    const r = rand();
    const freshness: ServiceFreshness = r < 0.8 ? 'checked' : r < 0.88 ? 'due-soon' : r < 0.95 ? 'stale' : 'council-to-decide';
    const ago = freshness === 'checked' ? 10 + Math.floor(rand() * 320) : freshness === 'due-soon' ? 340 + Math.floor(rand() * 24) : freshness === 'stale' ? 370 + Math.floor(rand() * 45) : 430 + Math.floor(rand() * 90);
    const lastReviewedOn = addDays(asOf, -ago);
    const p = rand();
    services.push({
      id: uuid(rand),
      organisationId: org.id,
      content,
      lastReviewedOn,
      reviewBy: addDays(lastReviewedOn, reviewIntervalDays),
      freshness,
      pendingChange: p < 0.06 ? { ...content, timesNote: 'From January we also open on Saturday mornings.', schedules: [...content.schedules, { days: ['SA'], opens: '09:30', closes: '12:00', note: 'From January' }] } : null,
      awaitingFirstReview: p > 0.98,
    });
  }
  return { organisations: [...organisations.values()], services, postcodes };
}

/** Whether the demo directory is already in (the seed runs once). */
export async function isLocalOfferSeeded(db: Db, laCode = '990'): Promise<boolean> {
  return Boolean(await db.selectFrom('lo_service').select('id').where('la_code', '=', laCode).limit(1).executeTakeFirst());
}

/**
 * Writes the directory into `laCode`'s local offer in one transaction: the postcodes' centroids, the organisations
 * (owned by the area's partner organisation of the same name, where there is one, so its staff can edit them),
 * each service with its published version (and a pending one where generated), then the public index.
 */
export async function seedLocalOffer(db: Db, opts: LocalOfferOptions & { laCode?: string }): Promise<Record<string, number>> {
  const laCode = opts.laCode ?? '990';
  const area = generateLocalOffer(opts);
  await db.transaction().execute(async (tx) => {
    await seedPostcodes(tx, area.postcodes);
    const partners = await tx.selectFrom('organisation').select(['id', 'name']).where('la_code', '=', laCode).execute();
    const owner = new Map(partners.map((p) => [p.name, p.id]));
    const orgs = area.organisations;
    await sql`INSERT INTO lo_organisation (id, la_code, name, description, website, email, phone, owner_organisation_id)
      SELECT * FROM unnest(${orgs.map((o) => o.id)}::uuid[], ${orgs.map(() => laCode)}::text[], ${orgs.map((o) => o.name)}::text[], ${orgs.map((o) => o.description)}::text[],
        ${orgs.map((o) => o.website)}::text[], ${orgs.map((o) => o.email)}::text[], ${orgs.map((o) => o.phone)}::text[], ${orgs.map((o) => owner.get(o.name) ?? null)}::uuid[])`.execute(tx);
    for (let i = 0; i < area.services.length; i += 2000) {
      const part = area.services.slice(i, i + 2000);
      await sql`INSERT INTO lo_service (id, la_code, organisation_id, published_version, review_by, last_reviewed_on, name)
        SELECT * FROM unnest(${part.map((s) => s.id)}::uuid[], ${part.map(() => laCode)}::text[], ${part.map((s) => s.organisationId)}::uuid[],
          ${part.map((s) => (s.awaitingFirstReview ? null : 1))}::int[], ${part.map((s) => s.reviewBy)}::date[], ${part.map((s) => (s.awaitingFirstReview ? null : s.lastReviewedOn))}::date[],
          ${part.map((s) => s.content.name)}::text[])`.execute(tx);
      const versions = part.flatMap((s) => [
        { id: s.id, number: 1, content: s.content, state: s.awaitingFirstReview ? 'pending' : 'published', note: s.awaitingFirstReview ? 'New listing' : '', at: s.awaitingFirstReview ? addDays(opts.asOf ?? '2026-11-22', -5) : s.lastReviewedOn },
        ...(s.pendingChange && !s.awaitingFirstReview ? [{ id: s.id, number: 2, content: s.pendingChange, state: 'pending', note: 'New Saturday session from January', at: addDays(opts.asOf ?? '2026-11-22', -3) }] : []),
      ]);
      await sql`INSERT INTO lo_service_version (service_id, la_code, number, content, state, note, submitted_at, decided_at)
        SELECT u.id, ${laCode}, u.number, u.content::jsonb, u.state, u.note, u.at::timestamptz, CASE WHEN u.state = 'published' THEN u.at::timestamptz END
        FROM unnest(${versions.map((v) => v.id)}::uuid[], ${versions.map((v) => v.number)}::int[], ${versions.map((v) => JSON.stringify(v.content))}::text[],
          ${versions.map((v) => v.state)}::text[], ${versions.map((v) => v.note)}::text[], ${versions.map((v) => v.at)}::text[]) AS u(id, number, content, state, note, at)`.execute(tx);
    }
    await indexServices(tx, area.services.map((s) => s.id));
  });
  return {
    lo_organisation: area.organisations.length,
    lo_service: area.services.length,
    lo_service_version: area.services.reduce((k, s) => k + (s.pendingChange && !s.awaitingFirstReview ? 2 : 1), 0),
    postcode_centroid: area.postcodes.length,
  };
}

/** The demo postcodes' centroids (as the ONS file would give them), kept if already there. */
export async function seedPostcodes(tx: Tx, postcodes: DemoPostcode[]): Promise<void> {
  await sql`INSERT INTO postcode_centroid (postcode, latitude, longitude, gss_la)
    SELECT * FROM unnest(${postcodes.map((p) => postcodeKey(p.postcode))}::text[], ${postcodes.map((p) => p.latitude)}::float8[], ${postcodes.map((p) => p.longitude)}::float8[],
      ${postcodes.map((p) => (p.inArea ? 'E99999990' : 'E99999991'))}::text[])
    ON CONFLICT (postcode) DO NOTHING`.execute(tx);
}
