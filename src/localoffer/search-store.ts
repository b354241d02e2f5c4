// Runs a public search (search.ts) against the index the store writes (store.ts indexService): full-text search
// over lo_service.search_doc with English stemming, each unknown word corrected through lo_lexicon (pg_trgm), the
// filters, distance from a postcode (a bounding box on lo_location, then haversine), sorting and paging. Also the
// cards of a shortlist, and what is recorded for evidence: every search with its result count (never who searched)
// and each view of a service, counted by day.
import { sql, type RawBuilder } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Executor } from '../platform/db/transaction.ts';
import { commitReadWithoutWaiting } from '../platform/db/commit.ts';
import { planEachCall } from '../platform/db/connect.ts';
import { isUuid } from '../children/store.ts';
import { freshness, postcodeKey, type Category, type DeliveryMode, type Freshness } from './domain.ts';
import { boundingBox, maxPage, perPage, planQuery, recordedFilters, redactSearchText, wordsToCheck, type QueryPlan, type Search, type WordFacts } from './search.ts';

export interface ServiceCard {
  id: string;
  name: string;
  summary: string;
  organisation: string;
  categories: Category[];
  ageFrom: number;
  ageTo: number;
  free: boolean;
  costDetails: string;
  delivery: DeliveryMode[];
  towns: string[];
  inArea: boolean;
  lastReviewedOn: string | null;
  reviewBy: string;
  freshness: Freshness;
  /** Miles to the nearest place of the service, when the search has a postcode. */
  miles: number | null;
}

export interface SearchResult {
  cards: ServiceCard[];
  total: number;
  page: number;
  pages: number;
  /** The words after correction, when one was corrected ("Showing results for …"). */
  correctedText: string | null;
  corrections: { from: string; to: string }[];
  /** No service matched every word, so these match some of them. */
  partial: boolean;
  /** The search's postcode is not in the postcode table (so no distance could be worked out). */
  unknownPostcode: boolean;
}

/** What the index knows of each word: whether listings use it, and the lexicon's words shaped like it (search.ts nearShape). */
export async function wordFacts(exec: Executor, laCode: string, words: string[]): Promise<Map<string, WordFacts>> {
  if (words.length === 0) return new Map();
  const rows = await sql<{ word: string; candidates: string[] }>`${sql.raw(planEachCall)}
    SELECT w.word,
      ARRAY(SELECT l.word FROM lo_lexicon l
        WHERE l.la_code = ${laCode} AND (left(l.word, 2) = left(w.word, 2) OR right(l.word, 2) = right(w.word, 2))
          AND length(l.word) BETWEEN length(w.word) - 2 AND length(w.word) + 2
        ORDER BY l.word LIMIT 500) AS candidates
    FROM unnest(${words}::text[]) AS w(word)`.execute(exec);
  // Whether listings use each word: one statement a word, planned for that word. Asked for all the words at once,
  // the word was a column the planner could not see, so for a misspelt word (found nowhere) it scanned every listing
  // (33 ms over 20,000) instead of looking it up in the search index (under 1 ms).
  const facts = new Map<string, WordFacts>();
  for (const r of rows.rows) {
    const k = await sql<{ ignored: boolean; known: boolean }>`${sql.raw(planEachCall)}
      SELECT numnode(plainto_tsquery('english', ${r.word})) = 0 AS ignored,
        EXISTS (SELECT 1 FROM lo_service s WHERE s.la_code = ${laCode} AND s.listed AND s.search_doc @@ plainto_tsquery('english', ${r.word})) AS known`.execute(exec);
    const f = k.rows[0];
    facts.set(r.word, { known: Boolean(f?.known || f?.ignored), candidates: r.candidates });
  }
  return facts;
}

/** The centroid of a postcode, or null when the postcode table does not have it. */
export async function postcodeCentroid(exec: Executor, postcode: string): Promise<{ latitude: number; longitude: number } | null> {
  const row = await exec.selectFrom('postcode_centroid').select(['latitude', 'longitude']).where('postcode', '=', postcodeKey(postcode)).executeTakeFirst();
  return row ?? null;
}

const haversineSql = (lat: number, lon: number): RawBuilder<number> =>
  sql<number>`3958.8 * 2 * asin(least(1, sqrt(power(sin(radians(l.latitude - ${lat}::float8) / 2), 2) + cos(radians(${lat}::float8)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${lon}::float8) / 2), 2))))`;

interface HitRow {
  id: string;
  name: string;
  organisation: string;
  categories: string[];
  min_age: number;
  max_age: number;
  free: boolean;
  in_area: boolean;
  last_reviewed_on: string | null;
  review_by: string;
  miles: number | null;
  total: number;
  summary: string;
  cost_details: string;
  delivery: DeliveryMode[];
  towns: string[] | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Results kept for repeated searches. Families search for the same things ("autism", "speech therapy", "short
// breaks": the evidence page's top searches), and a broad one ranks thousands of listings. So the ranked ids of
// every page a search can show (maxPage × perPage) are kept, with the count and the corrections, under the
// directory's generation (migration 0012: bumped in the same transaction as any change to a listing, its places,
// its organisation or the words corrections come from). Each search reads the generation first (one indexed row),
// so a kept result is never used once anything it came from has changed. The cards of its first pages are kept
// with it (keptCardPages): what a card shows comes from the listing, its published version and its organisation,
// all under the same generation; only its freshness depends on the day, so that is worked out on every use.
// Public data only: nothing about who searched is kept.

/** The pages whose cards are kept with a search (families rarely go further): 500 searches × 3 pages × 20 cards,
 *  about 26 MB at most (878 bytes a card, measured on cards like the demo's with node --expose-gc). */
const keptCardPages = 3;
type KeptCard = Omit<ServiceCard, 'freshness' | 'miles'>;

interface Kept {
  /** Cards by page (1 to keptCardPages), as read under this generation. */
  cards: Map<number, KeptCard[]>;
  generation: string;
  ranked: { id: string; miles: number | null }[];
  total: number;
  partial: boolean;
  correctedText: string | null;
  corrections: { from: string; to: string }[];
  unknownPostcode: boolean;
}

/** At most this many searches are kept per database, the least recently used going first, each for 10 minutes. */
export const keptSearches = 500;
const kept = new WeakMap<object, LRUCache<string, Kept>>();

/** The directory's generation: changes whenever anything a search or its cards read changes (migration 0012). */
async function generation(exec: Executor): Promise<string> {
  const r = await sql<{ n: string }>`SELECT n::text AS n FROM lo_generation`.execute(exec);
  return r.rows[0]?.n ?? '0';
}

/**
 * Runs a structured search in one area's directory, using a kept result when the same search (any page) was run
 * since the directory last changed. `today` decides each listing's freshness. `keep: false` always searches afresh.
 * `generation`, when given, must have been read in the same request, before the search (never a remembered one).
 */
export async function runSearch(exec: Executor, laCode: string, search: Search, today: string, opts: { keep?: boolean; generation?: string } = {}): Promise<SearchResult> {
  if (opts.keep === false) return searchDirectly(exec, laCode, search, today);
  const key = JSON.stringify([laCode, { ...search, page: 0, text: '' }]);
  let store = kept.get(exec);
  if (!store) kept.set(exec, (store = new LRUCache<string, Kept>({ max: keptSearches, ttl: 10 * 60 * 1000 })));
  // The generation read in this request (area.ts publicAreaForSearch), or read now.
  const gen = opts.generation ?? (await generation(exec));
  let k = store.get(key);
  if (!k || k.generation !== gen) {
    k = await rankAll(exec, laCode, search, gen);
    store.set(key, k);
  }
  const slice = k.ranked.slice((search.page - 1) * perPage, search.page * perPage);
  let cards: KeptCard[] | undefined = k.cards.get(search.page);
  if (!cards) {
    cards = await loadCards(exec, laCode, slice.map((x) => x.id), today);
    if (search.page <= keptCardPages) k.cards.set(search.page, cards);
  }
  const miles = new Map(slice.map((x) => [x.id, x.miles]));
  return {
    cards: cards.map((c) => ({ ...c, freshness: freshness(c.reviewBy, today), miles: miles.get(c.id) ?? null })),
    total: k.total,
    page: search.page,
    pages: Math.ceil(k.total / perPage),
    correctedText: k.correctedText,
    corrections: k.corrections,
    partial: k.partial,
    unknownPostcode: k.unknownPostcode,
  };
}

/** Every listing a search can show, ranked, with the count: what runSearch keeps. */
async function rankAll(exec: Executor, laCode: string, search: Search, gen: string): Promise<Kept> {
  const base = { generation: gen, cards: new Map<number, KeptCard[]>(), ranked: [] as Kept['ranked'], total: 0, partial: false };
  let plan: QueryPlan | null = null;
  if (search.words.length > 0) plan = planQuery(search.words, await wordFacts(exec, laCode, wordsToCheck(search.words)), { exact: search.exact });
  const centre = search.near ? await postcodeCentroid(exec, search.near.postcode) : null;
  const found = { correctedText: plan?.correctedText ?? null, corrections: plan?.corrections ?? [], unknownPostcode: Boolean(search.near && !centre) };
  if (found.unknownPostcode || (search.words.length > 0 && !plan)) return { ...base, ...found };
  const window = { limit: maxPage * perPage, offset: 0 };
  let rows = await hits(exec, laCode, search, plan, 'all', centre, window);
  let partial = false;
  if (rows.length === 0 && plan && plan.all !== plan.any) {
    rows = await hits(exec, laCode, search, plan, 'any', centre, window);
    partial = rows.length > 0;
  }
  return { ...base, ...found, partial, total: rows[0]?.total ?? 0, ranked: rows.map((r) => ({ id: r.id, miles: r.miles === null ? null : Math.round(r.miles * 10) / 10 })) };
}

/** The same search, run afresh for the page asked for (no kept result). */
export async function searchDirectly(exec: Executor, laCode: string, search: Search, today: string): Promise<SearchResult> {
  let plan: QueryPlan | null = null;
  if (search.words.length > 0) plan = planQuery(search.words, await wordFacts(exec, laCode, wordsToCheck(search.words)), { exact: search.exact });
  let centre: { latitude: number; longitude: number } | null = null;
  if (search.near) centre = await postcodeCentroid(exec, search.near.postcode);
  const unknownPostcode = Boolean(search.near && !centre);
  const empty: SearchResult = { cards: [], total: 0, page: search.page, pages: 0, correctedText: plan?.correctedText ?? null, corrections: plan?.corrections ?? [], partial: false, unknownPostcode };
  if (unknownPostcode) return empty;
  if (search.words.length > 0 && !plan) return empty;

  let rows = await hits(exec, laCode, search, plan, 'all', centre);
  let partial = false;
  if (rows.length === 0 && plan && plan.all !== plan.any && search.page === 1) {
    rows = await hits(exec, laCode, search, plan, 'any', centre);
    partial = rows.length > 0;
  }
  // A page past the last has no rows to carry the count: count from the first page.
  const total = rows[0]?.total ?? (search.page > 1 ? ((await hits(exec, laCode, { ...search, page: 1 }, plan, 'all', centre))[0]?.total ?? 0) : 0);
  return {
    cards: rows.map((r) => ({
      id: r.id,
      name: r.name,
      summary: r.summary,
      organisation: r.organisation,
      categories: r.categories as Category[],
      ageFrom: r.min_age,
      ageTo: r.max_age,
      free: r.free,
      costDetails: r.cost_details,
      delivery: r.delivery,
      towns: [...new Set(r.towns ?? [])],
      inArea: r.in_area,
      lastReviewedOn: r.last_reviewed_on,
      reviewBy: r.review_by,
      freshness: freshness(r.review_by, today),
      miles: r.miles === null ? null : Math.round(r.miles * 10) / 10,
    })),
    total,
    page: search.page,
    pages: Math.ceil(total / perPage),
    correctedText: plan?.correctedText ?? null,
    corrections: plan?.corrections ?? [],
    partial,
    unknownPostcode,
  };
}

async function hits(exec: Executor, laCode: string, search: Search, plan: QueryPlan | null, mode: 'all' | 'any', centre: { latitude: number; longitude: number } | null, window: { limit: number; offset: number } = { limit: perPage, offset: (search.page - 1) * perPage }): Promise<HitRow[]> {
  const conditions: RawBuilder<unknown>[] = [sql`s.la_code = ${laCode}`, sql`s.listed`];
  if (plan) conditions.push(sql`s.search_doc @@ to_tsquery('english', ${mode === 'all' ? plan.all : plan.any})`);
  if (search.categories.length) conditions.push(sql`s.categories && ${search.categories}::text[]`);
  // A service that lists no need is open to every need (domain.ts).
  if (search.needs.length) conditions.push(sql`(s.needs && ${search.needs}::text[] OR cardinality(s.needs) = 0)`);
  if (search.ages) conditions.push(sql`s.min_age <= ${search.ages.to}::int AND s.max_age >= ${search.ages.from}::int`);
  if (search.cost) conditions.push(sql`s.free = ${search.cost === 'free'}`);
  if (search.area) conditions.push(sql`s.in_area = ${search.area === 'in'}`);

  const near = search.near && centre ? { ...boundingBox(centre, search.near.miles), miles: search.near.miles } : null;
  const nearCte = near && centre
    ? sql`near AS (
        SELECT l.service_id, min(${haversineSql(centre.latitude, centre.longitude)}) AS miles
        FROM lo_location l
        WHERE l.latitude BETWEEN ${near.minLat}::float8 AND ${near.maxLat}::float8 AND l.longitude BETWEEN ${near.minLon}::float8 AND ${near.maxLon}::float8
        GROUP BY l.service_id),`
    : sql``;
  const nearJoin = near ? sql`JOIN near ON near.service_id = s.id AND near.miles <= ${near.miles}::float8` : sql``;
  // Ranked only when the order needs it: name matches first, then ts_rank (weights A name, B keywords, C the rest).
  const ranked = plan && search.sort === 'relevance';
  const rankSql = ranked ? sql`ts_rank(s.search_doc, to_tsquery('english', ${mode === 'all' ? plan.all : plan.any}))` : sql`0::real`;
  const nameMatch = ranked ? sql`(s.search_doc @@ to_tsquery('english', ${plan.name}))` : sql`false`;

  // The rank is worked out in the innermost query (OFFSET 0 keeps it there), so the count over every match carries
  // narrow rows rather than each listing's search document: a broad search ("autism") matches half the directory.
  // Planned for its values each call (connect.ts planEachCall): the best plan for 600 matches is not that for 11,000.
  const r = await sql<HitRow>`${sql.raw(planEachCall)}
    WITH ${nearCte} matched AS (
      SELECT s.id, s.name, s.organisation_id, s.published_version, s.categories, s.min_age, s.max_age, s.free, s.in_area, s.last_reviewed_on, s.review_by,
        ${near ? sql`near.miles` : sql`NULL::float8`} AS miles, ${rankSql} AS rank, ${nameMatch} AS name_match
      FROM lo_service s ${nearJoin}
      WHERE ${sql.join(conditions, sql` AND `)}
      OFFSET 0),
    page AS (
      SELECT m.*, count(*) OVER () AS total FROM matched m
      ORDER BY ${orderBy(search.sort, Boolean(near), 'm')}
      LIMIT ${window.limit} OFFSET ${window.offset})
    SELECT p.id, p.name, o.name AS organisation, p.categories, p.min_age, p.max_age, p.free, p.in_area, p.last_reviewed_on, p.review_by, p.miles, p.total,
      v.content->>'summary' AS summary, coalesce(v.content->>'costDetails', '') AS cost_details, v.content->'delivery' AS delivery,
      ARRAY(SELECT jsonb_array_elements(v.content->'locations')->>'town') AS towns
    FROM page p
    JOIN lo_organisation o ON o.id = p.organisation_id
    JOIN lo_service_version v ON v.service_id = p.id AND v.number = p.published_version
    ORDER BY ${orderBy(search.sort, Boolean(near), 'p')}`.execute(exec);
  return r.rows;
}

/** The order of results, over the columns of the query aliased `t` (the matches, then the page). */
function orderBy(sort: Search['sort'], near: boolean, t: 'm' | 'p'): RawBuilder<unknown> {
  const col = (c: string) => sql.raw(`${t}.${c}`);
  const byName = sql`lower(${col('name')}), ${col('id')}`;
  if (sort === 'relevance') return sql`${col('name_match')} DESC, ${col('rank')} DESC, ${byName}`;
  if (sort === 'distance' && near) return sql`${col('miles')}, ${byName}`;
  if (sort === 'checked') return sql`${col('last_reviewed_on')} DESC NULLS LAST, ${byName}`;
  return byName;
}

/** The cards of the listed services among `ids`, in the order given (a shortlist); ids not listed are left out. */
export async function loadCards(exec: Executor, laCode: string, ids: string[], today: string): Promise<ServiceCard[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const r = await sql<HitRow>`
    SELECT s.id, s.name, o.name AS organisation, s.categories, s.min_age, s.max_age, s.free, s.in_area, s.last_reviewed_on, s.review_by, NULL::float8 AS miles, 0 AS total,
      v.content->>'summary' AS summary, coalesce(v.content->>'costDetails', '') AS cost_details, v.content->'delivery' AS delivery,
      ARRAY(SELECT jsonb_array_elements(v.content->'locations')->>'town') AS towns
    FROM lo_service s
    JOIN lo_organisation o ON o.id = s.organisation_id
    JOIN lo_service_version v ON v.service_id = s.id AND v.number = s.published_version
    WHERE s.la_code = ${laCode} AND s.listed AND s.id = ANY(${valid}::uuid[])`.execute(exec);
  const byId = new Map(r.rows.map((row) => [row.id, row]));
  return valid.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [{
      id: row.id, name: row.name, summary: row.summary, organisation: row.organisation, categories: row.categories as Category[], ageFrom: row.min_age, ageTo: row.max_age,
      free: row.free, costDetails: row.cost_details, delivery: row.delivery, towns: [...new Set(row.towns ?? [])], inArea: row.in_area, lastReviewedOn: row.last_reviewed_on,
      reviewBy: row.review_by, freshness: freshness(row.review_by, today), miles: null,
    }];
  });
}

/** How many services each category has, for the home page. */
export async function categoryCounts(exec: Executor, laCode: string): Promise<Map<string, number>> {
  const r = await sql<{ category: string; n: number }>`
    SELECT c AS category, count(*)::int AS n FROM lo_service s, unnest(s.categories) AS c WHERE s.la_code = ${laCode} AND s.listed GROUP BY c`.execute(exec);
  return new Map(r.rows.map((x) => [x.category, x.n]));
}

/** Records a search and how many services it found: the words with personal details removed, never who searched. */
export async function recordSearch(exec: Executor, laCode: string, search: Search, results: number): Promise<void> {
  // A record of a reading: it commits without waiting for the disk (platform/db/commit.ts).
  await sql`INSERT INTO lo_search_log (la_code, terms, filters, results)
    SELECT ${laCode}, ${redactSearchText(search.text)}, ${JSON.stringify(recordedFilters(search))}::jsonb, ${results}::int WHERE ${commitReadWithoutWaiting}`.execute(exec);
}

/** Counts one view of a service page, by day. */
export async function recordView(exec: Executor, laCode: string, serviceId: string, day: string): Promise<void> {
  await sql`INSERT INTO lo_service_view (service_id, la_code, day, views) SELECT ${serviceId}::uuid, ${laCode}, ${day}::date, 1 WHERE ${commitReadWithoutWaiting}
    ON CONFLICT (service_id, day) DO UPDATE SET views = lo_service_view.views + 1`.execute(exec);
}
