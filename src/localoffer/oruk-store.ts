// The Open Referral UK feed's queries: listed services of the public area (active, with a published version),
// filtered as the profile's parameters ask, paged, and loaded with their organisation and places for oruk.ts.
// Services brought in from a neighbour's feed are left out: their owners publish them (migration 0009).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../platform/db/transaction.ts';
import { NotFoundError } from '../platform/web/validation.ts';
import { isUuid } from '../children/store.ts';
import { serviceContentSchema, postcodeKey } from './domain.ts';
import type { OrukListing, ServiceFilter, TaxonomyKey } from './oruk.ts';
import { planQuery, tokenise, wordsToCheck } from './search.ts';
import { wordFacts } from './search-store.ts';

export interface Paging {
  limit: number;
  offset: number;
}

const fromListed = sql`lo_service s JOIN lo_service_version v ON v.service_id = s.id AND v.number = s.published_version`;
const T = sql<SqlBool>`true`;
const F = sql<SqlBool>`false`;

/**
 * The `search` parameter as the public pages search (search.ts): English stemming, synonyms and family words, and
 * misspelt words corrected to words of the listings, so the feed finds what a family would. Every word must
 * match; when no listed service matches them all, any of them may (as the public pages do). The tsquery text to
 * match, or null when nothing in it can be searched for (then nothing matches); undefined with no search.
 */
async function searchQuery(exec: Executor, laCode: string, f: ServiceFilter): Promise<string | null | undefined> {
  if (!f.search) return undefined;
  const words = tokenise(f.search);
  const plan = planQuery(words, await wordFacts(exec, laCode, wordsToCheck(words)));
  if (!plan) return null;
  if (plan.any === plan.all) return plan.all;
  const some = await sql<{ one: number }>`SELECT 1 AS one FROM ${fromListed} WHERE ${conditions(laCode, f, plan.all)} LIMIT 1`.execute(exec);
  return some.rows.length ? plan.all : plan.any;
}

/** The conditions of a filter over lo_service `s` and its published version `v`, as one SQL expression. */
function conditions(laCode: string, f: ServiceFilter, tsquery?: string | null): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [
    sql<SqlBool>`s.la_code = ${laCode}`,
    sql<SqlBool>`s.listed`,
    sql<SqlBool>`NOT EXISTS (SELECT 1 FROM lo_feed f WHERE f.la_code = s.la_code AND f.source = s.source AND f.neighbour)`,
  ];
  if (tsquery === null) parts.push(F);
  else if (tsquery !== undefined) parts.push(sql<SqlBool>`s.search_doc @@ to_tsquery('english', ${tsquery})`);
  if (f.term === 'unknown' || f.taxonomy === 'unknown') parts.push(F);
  else {
    if (f.term) parts.push(termCondition(f.term.taxonomy, f.term.code));
    if (f.taxonomy) parts.push(taxonomyCondition(f.taxonomy));
  }
  if (f.organisationId) parts.push(sql<SqlBool>`s.organisation_id = ${f.organisationId}::uuid`);
  // schema/openapi.json: "services with a minimum age of at least the specified value" and "a maximum age …
  // equal to or below the specified value".
  if (f.minimumAge !== undefined) parts.push(sql<SqlBool>`s.min_age >= ${f.minimumAge}`);
  if (f.maximumAge !== undefined) parts.push(sql<SqlBool>`s.max_age <= ${f.maximumAge}`);
  if (f.day || f.startTime || f.endTime) {
    // One weekly time that meets every condition given: on that day, opening at or after start_time, closing at
    // or before end_time.
    parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM jsonb_array_elements(v.content->'schedules') sc
      WHERE (${f.day ?? null}::text IS NULL OR sc->'days' ? ${f.day ?? ''})
        AND (${f.startTime ?? null}::text IS NULL OR (sc->>'opens') || ':00' >= ${f.startTime ?? ''})
        AND (${f.endTime ?? null}::text IS NULL OR (sc->>'closes') || ':00' <= ${f.endTime ?? ''}))`);
  }
  if (f.modifiedAfter) parts.push(sql<SqlBool>`s.updated_at >= ${f.modifiedAfter}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

function termCondition(taxonomy: TaxonomyKey, code: string): Expression<SqlBool> {
  switch (taxonomy) {
    case 'categories':
      return sql<SqlBool>`s.categories @> ARRAY[${code}]::text[]`;
    case 'needs':
      return sql<SqlBool>`s.needs @> ARRAY[${code}]::text[]`;
    case 'delivery':
      return sql<SqlBool>`v.content->'delivery' ? ${code}`;
    case 'accessibility':
      return sql<SqlBool>`EXISTS (SELECT 1 FROM jsonb_array_elements(v.content->'locations') p WHERE p->'features' ? ${code})`;
  }
}

/** "Services which contain any term with this taxonomy": every listing has a category and a way of delivery. */
function taxonomyCondition(taxonomy: TaxonomyKey): Expression<SqlBool> {
  switch (taxonomy) {
    case 'categories':
    case 'delivery':
      return T;
    case 'needs':
      return sql<SqlBool>`cardinality(s.needs) > 0`;
    case 'accessibility':
      return sql<SqlBool>`EXISTS (SELECT 1 FROM jsonb_array_elements(v.content->'locations') p WHERE jsonb_array_length(p->'features') > 0)`;
  }
}


/** Matching services' ids in the feed's order (by relevance when searching, then by name), and how many match. */
export async function findServices(exec: Executor, laCode: string, f: ServiceFilter, p: Paging): Promise<{ total: number; ids: string[] }> {
  const tsquery = await searchQuery(exec, laCode, f);
  const where = conditions(laCode, f, tsquery);
  const order = tsquery ? sql`ts_rank(s.search_doc, to_tsquery('english', ${tsquery})) DESC, lower(s.name), s.id` : sql`lower(s.name), s.id`;
  const [count, rows] = await Promise.all([
    sql<{ n: string }>`SELECT count(*) AS n FROM ${fromListed} WHERE ${where}`.execute(exec),
    sql<{ id: string }>`SELECT s.id FROM ${fromListed} WHERE ${where} ORDER BY ${order} LIMIT ${p.limit} OFFSET ${p.offset}`.execute(exec),
  ]);
  return { total: Number(count.rows[0]?.n ?? 0), ids: rows.rows.map((r) => r.id) };
}

export interface PlaceRef {
  serviceId: string;
  position: number;
  distance: number | null;
}

/**
 * Matching places of matching services (service_at_location), nearest first from a postcode's centroid when one is
 * given, within `proximity` metres when that is given too. NotFound-free: an unknown postcode is the caller's 400.
 */
export async function findPlaces(exec: Executor, laCode: string, f: ServiceFilter, near: { latitude: number; longitude: number; proximity?: number | undefined } | null, p: Paging): Promise<{ total: number; places: PlaceRef[] }> {
  const where = conditions(laCode, f, await searchQuery(exec, laCode, f));
  const distance = near
    ? sql<number>`(6371000 * 2 * asin(sqrt(power(sin(radians(l.latitude - ${near.latitude}) / 2), 2) + cos(radians(${near.latitude})) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${near.longitude}) / 2), 2))))`
    : sql<number>`NULL::double precision`;
  const within = near?.proximity !== undefined ? sql<SqlBool>`l.latitude IS NOT NULL AND ${distance} <= ${near.proximity}` : T;
  const from = sql`${fromListed} JOIN lo_location l ON l.service_id = s.id`;
  const order = near ? sql`${distance} ASC NULLS LAST, lower(s.name), s.id, l.position` : sql`lower(s.name), s.id, l.position`;
  const [count, rows] = await Promise.all([
    sql<{ n: string }>`SELECT count(*) AS n FROM ${from} WHERE ${where} AND ${within}`.execute(exec),
    sql<{ id: string; position: number; distance: number | null }>`SELECT s.id, l.position, ${distance} AS distance FROM ${from} WHERE ${where} AND ${within} ORDER BY ${order} LIMIT ${p.limit} OFFSET ${p.offset}`.execute(exec),
  ]);
  return { total: Number(count.rows[0]?.n ?? 0), places: rows.rows.map((r) => ({ serviceId: r.id, position: r.position, distance: r.distance })) };
}

/** A postcode's centroid (postcode_centroid, loaded from the ONS file), or null when we do not know it. */
export async function centroid(exec: Executor, postcode: string): Promise<{ latitude: number; longitude: number } | null> {
  const row = await exec.selectFrom('postcode_centroid').select(['latitude', 'longitude']).where('postcode', '=', postcodeKey(postcode)).executeTakeFirst();
  return row ?? null;
}

/** Listed services by id, in the order asked, ready for oruk.ts; ids not listed here are left out. */
export async function loadListings(exec: Executor, laCode: string, ids: string[]): Promise<OrukListing[]> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return [];
  const rows = await sql<{
    id: string;
    status: OrukListing['status'];
    content: unknown;
    last_reviewed_on: string | null;
    updated_at: Date;
    org_id: string;
    org_name: string;
    org_description: string;
    org_website: string | null;
    org_email: string | null;
  }>`SELECT s.id, s.status, v.content, s.last_reviewed_on, s.updated_at,
        o.id AS org_id, o.name AS org_name, o.description AS org_description, o.website AS org_website, o.email AS org_email
      FROM ${fromListed} JOIN lo_organisation o ON o.id = s.organisation_id
      WHERE s.id = ANY(${wanted}::uuid[]) AND ${conditions(laCode, {})}`.execute(exec);
  const places = await exec.selectFrom('lo_location').select(['service_id', 'position', 'latitude', 'longitude']).where('service_id', 'in', wanted).orderBy('position').execute();
  const byId = new Map(
    rows.rows.map((r) => [
      r.id,
      {
        id: r.id,
        organisation: { id: r.org_id, name: r.org_name, description: r.org_description, website: r.org_website, email: r.org_email },
        status: r.status,
        content: serviceContentSchema.parse(r.content),
        lastReviewedOn: r.last_reviewed_on,
        updatedAt: new Date(r.updated_at),
        places: places.filter((p) => p.service_id === r.id).map((p) => ({ position: p.position, latitude: p.latitude, longitude: p.longitude })),
      } satisfies OrukListing,
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function loadListing(exec: Executor, laCode: string, id: string): Promise<OrukListing> {
  const [l] = await loadListings(exec, laCode, [id]);
  if (!l) throw new NotFoundError('Service');
  return l;
}

/** The listed place whose service_at_location id this is (oruk.ts salId), or NotFound. */
export async function findPlace(exec: Executor, laCode: string, salId: string): Promise<{ serviceId: string; position: number }> {
  if (!isUuid(salId)) throw new NotFoundError('Service at location');
  const r = await sql<{ service_id: string; position: number }>`SELECT l.service_id, l.position FROM ${fromListed} JOIN lo_location l ON l.service_id = s.id
    WHERE md5(l.service_id::text || '/sal/' || l.position::text)::uuid = ${salId}::uuid AND ${conditions(laCode, {})}`.execute(exec);
  const row = r.rows[0];
  if (!row) throw new NotFoundError('Service at location');
  return { serviceId: row.service_id, position: row.position };
}

export interface OrganisationRow {
  id: string;
  name: string;
  description: string;
  website: string | null;
  email: string | null;
}

/** Directory organisations with at least one listed service, by name; `search` matches their name. */
export async function findOrganisations(exec: Executor, laCode: string, search: string | undefined, p: Paging): Promise<{ total: number; rows: OrganisationRow[] }> {
  const has = sql<SqlBool>`EXISTS (SELECT 1 FROM ${fromListed} WHERE s.organisation_id = o.id AND ${conditions(laCode, {})})`;
  const named = search ? sql<SqlBool>`o.name ILIKE ${`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : T;
  const [count, rows] = await Promise.all([
    sql<{ n: string }>`SELECT count(*) AS n FROM lo_organisation o WHERE o.la_code = ${laCode} AND ${has} AND ${named}`.execute(exec),
    sql<OrganisationRow>`SELECT o.id, o.name, o.description, o.website, o.email FROM lo_organisation o WHERE o.la_code = ${laCode} AND ${has} AND ${named} ORDER BY lower(o.name), o.id LIMIT ${p.limit} OFFSET ${p.offset}`.execute(exec),
  ]);
  return { total: Number(count.rows[0]?.n ?? 0), rows: rows.rows };
}

export async function loadOrganisation(exec: Executor, laCode: string, id: string): Promise<{ organisation: OrganisationRow; serviceIds: string[] }> {
  if (!isUuid(id)) throw new NotFoundError('Organization');
  const { rows } = await findOrganisationsById(exec, laCode, id);
  const organisation = rows[0];
  if (!organisation) throw new NotFoundError('Organization');
  const services = await sql<{ id: string }>`SELECT s.id FROM ${fromListed} WHERE s.organisation_id = ${id}::uuid AND ${conditions(laCode, {})} ORDER BY lower(s.name), s.id`.execute(exec);
  return { organisation, serviceIds: services.rows.map((r) => r.id) };
}

async function findOrganisationsById(exec: Executor, laCode: string, id: string) {
  return sql<OrganisationRow>`SELECT o.id, o.name, o.description, o.website, o.email FROM lo_organisation o
    WHERE o.id = ${id}::uuid AND o.la_code = ${laCode}
      AND EXISTS (SELECT 1 FROM ${fromListed} WHERE s.organisation_id = o.id AND ${conditions(laCode, {})})`.execute(exec);
}
