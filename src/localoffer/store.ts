// The local offer's listings: organisations, services and their versions, and the public search index.
//
// A listing's content is a version (migration 0007). Writing one never changes what the public sees; publishing
// a version does, and `indexService` then rewrites the service's search columns, its places (with their postcode
// centroids) and the lexicon of words a misspelt search can be corrected to, all in the caller's transaction.
// Every change writes an audit row in the same transaction. The directory holds no child's data.
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import type { Executor, Tx } from '../platform/db/transaction.ts';
import type { ServiceStatus, VersionState } from '../platform/db/schema-localoffer.ts';
import { audit } from '../platform/audit/audit.ts';
import { NotFoundError, UserInputError } from '../platform/web/validation.ts';
import { isUuid } from '../children/store.ts';
import { categoryLabel, nextReviewBy, postcodeKey, serviceContentSchema, serviceDraftSchema, type ServiceContent } from './domain.ts';
import { needTypeLabel } from '../children/codes.ts';

/** The user row behind an actor; the system itself has none. */
function userIdOf(actor: Actor): string | null {
  return actor.via === 'system' ? null : actor.id;
}

export interface OrganisationInput {
  name: string;
  description?: string;
  website?: string | null;
  email?: string | null;
  phone?: string | null;
  ownerOrganisationId?: string | null;
  source?: string;
  externalId?: string | null;
}

export async function createOrganisation(tx: Tx, actor: Actor, laCode: string, o: OrganisationInput): Promise<string> {
  const row = await tx
    .insertInto('lo_organisation')
    .values({
      la_code: laCode,
      name: o.name,
      description: o.description ?? '',
      website: o.website ?? null,
      email: o.email ?? null,
      phone: o.phone ?? null,
      owner_organisation_id: o.ownerOrganisationId ?? null,
      source: o.source ?? 'local',
      external_id: o.externalId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(tx, actor, { action: 'create', entity: 'lo_organisation', entityId: row.id, laCode, detail: { name: o.name } });
  return row.id;
}

/**
 * Content as stored is re-checked on every write: a version only ever holds a valid listing, or, when `incomplete`
 * (an import that lacks what the data rules need), a draft of one that cannot be published until corrected.
 */
function checked(content: unknown, incomplete = false): ServiceContent {
  const r = (incomplete ? serviceDraftSchema : serviceContentSchema).safeParse(content);
  if (!r.success) {
    throw new UserInputError(r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
  return r.data;
}

export interface NewListing {
  laCode: string;
  organisationId: string;
  content: ServiceContent;
  today: string;
  /** The council publishing at once (its own listing, an import); otherwise it waits for review. */
  publish: boolean;
  note?: string;
  source?: string;
  externalId?: string | null;
  /** Content that may not meet the data rules yet (an import): kept as a pending version; refused with `publish`. */
  incomplete?: boolean;
}

/** A new listing, as version 1: published at once by the council, or pending its review. */
export async function createListing(tx: Tx, actor: Actor, l: NewListing): Promise<{ serviceId: string; number: number }> {
  const content = checked(l.content, l.incomplete === true && !l.publish);
  const service = await tx
    .insertInto('lo_service')
    .values({
      la_code: l.laCode,
      organisation_id: l.organisationId,
      review_by: nextReviewBy(l.today),
      source: l.source ?? 'local',
      external_id: l.externalId ?? null,
      name: content.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertVersion(tx, actor, service.id, l.laCode, 1, content, l.note ?? '');
  await audit(tx, actor, { action: 'create', entity: 'lo_service', entityId: service.id, laCode: l.laCode, detail: { name: content.name } });
  if (l.publish) await publishVersion(tx, actor, service.id, 1, l.today);
  return { serviceId: service.id, number: 1 };
}

async function insertVersion(tx: Tx, actor: Actor, serviceId: string, laCode: string, number: number, content: ServiceContent, note: string) {
  await tx
    .insertInto('lo_service_version')
    .values({
      service_id: serviceId,
      la_code: laCode,
      number,
      content: JSON.stringify(content),
      state: 'pending',
      note,
      submitted_by: userIdOf(actor),
    })
    .execute();
}

async function serviceRow(exec: Executor, serviceId: string) {
  if (!isUuid(serviceId)) throw new NotFoundError('Service');
  const row = await exec.selectFrom('lo_service').selectAll().where('id', '=', serviceId).executeTakeFirst();
  if (!row) throw new NotFoundError('Service');
  return row;
}

/**
 * A changed listing, waiting for the council's review. A version already waiting is withdrawn: the provider's
 * latest change is the one the council reviews, and the earlier one is kept.
 */
export async function submitVersion(tx: Tx, actor: Actor, serviceId: string, content: ServiceContent, note = '', opts: { incomplete?: boolean } = {}): Promise<number> {
  const service = await serviceRow(tx, serviceId);
  const valid = checked(content, opts.incomplete === true);
  await tx.updateTable('lo_service_version').set({ state: 'withdrawn', decided_at: new Date(), decided_by: userIdOf(actor), decision_note: 'Replaced by a later change' }).where('service_id', '=', serviceId).where('state', '=', 'pending').execute();
  const last = await tx.selectFrom('lo_service_version').select(sql<number>`max(number)`.as('n')).where('service_id', '=', serviceId).executeTakeFirstOrThrow();
  const number = (last.n ?? 0) + 1;
  await insertVersion(tx, actor, serviceId, service.la_code, number, valid, note);
  await audit(tx, actor, { action: 'update', entity: 'lo_service_version', entityId: `${serviceId}#${number}`, laCode: service.la_code, detail: { state: 'pending' } });
  return number;
}

async function versionRow(exec: Executor, serviceId: string, number: number) {
  const v = await exec.selectFrom('lo_service_version').selectAll().where('service_id', '=', serviceId).where('number', '=', number).executeTakeFirst();
  if (!v) throw new NotFoundError('Version');
  return v;
}

/**
 * The council publishes a waiting version: the one published before is superseded, the listing counts as checked
 * today (its review-by date moves a year on), and the public index is rewritten from it.
 */
export async function publishVersion(tx: Tx, actor: Actor, serviceId: string, number: number, today: string, note: string | null = null): Promise<void> {
  const service = await serviceRow(tx, serviceId);
  const v = await versionRow(tx, serviceId, number);
  if (v.state !== 'pending') throw new UserInputError([{ field: 'version', message: `Version ${number} is ${v.state}, so it cannot be published` }]);
  checked(v.content); // an imported draft is published only once it meets the data rules
  const decided = { decided_by: userIdOf(actor), decided_at: new Date() };
  await tx.updateTable('lo_service_version').set({ state: 'superseded' }).where('service_id', '=', serviceId).where('state', '=', 'published').execute();
  await tx.updateTable('lo_service_version').set({ state: 'published', ...decided, decision_note: note }).where('service_id', '=', serviceId).where('number', '=', number).execute();
  await tx
    .updateTable('lo_service')
    .set({ published_version: number, last_reviewed_on: today, review_by: nextReviewBy(today), updated_at: new Date() })
    .where('id', '=', serviceId)
    .execute();
  await indexService(tx, serviceId);
  await audit(tx, actor, { action: 'update', entity: 'lo_service_version', entityId: `${serviceId}#${number}`, laCode: service.la_code, detail: { state: 'published' } });
}

/** The council turns down a waiting version, with a reason the provider reads. What the public sees is unchanged. */
export async function rejectVersion(tx: Tx, actor: Actor, serviceId: string, number: number, reason: string): Promise<void> {
  const service = await serviceRow(tx, serviceId);
  const v = await versionRow(tx, serviceId, number);
  if (v.state !== 'pending') throw new UserInputError([{ field: 'version', message: `Version ${number} is ${v.state}, so it cannot be turned down` }]);
  if (reason.trim().length === 0) throw new UserInputError([{ field: 'reason', message: 'Say why the change is not published, so the provider can put it right' }]);
  await tx
    .updateTable('lo_service_version')
    .set({ state: 'rejected', decided_by: userIdOf(actor), decided_at: new Date(), decision_note: reason.trim() })
    .where('service_id', '=', serviceId)
    .where('number', '=', number)
    .execute();
  await audit(tx, actor, { action: 'update', entity: 'lo_service_version', entityId: `${serviceId}#${number}`, laCode: service.la_code, detail: { state: 'rejected' } });
}

export async function setServiceStatus(tx: Tx, actor: Actor, serviceId: string, status: ServiceStatus): Promise<void> {
  const service = await serviceRow(tx, serviceId);
  await tx.updateTable('lo_service').set({ status, updated_at: new Date() }).where('id', '=', serviceId).execute();
  await audit(tx, actor, { action: 'update', entity: 'lo_service', entityId: serviceId, laCode: service.la_code, detail: { status } });
}

/** Words worth correcting a misspelling to: letters only, three or more of them. */
export function lexiconWords(c: ServiceContent): string[] {
  const all = [c.name, c.summary, c.description, c.whoFor, ...c.keywords, ...c.categories.map(categoryLabel), ...c.needs.map(needTypeLabel)].join(' ');
  const words = new Set<string>();
  for (const w of all.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').split(/[^a-z]+/)) if (w.length >= 3) words.add(w);
  return [...words];
}

/** Rewrites the public index of one service from its published version (or clears it when none is). */
export async function indexService(tx: Tx, serviceId: string): Promise<void> {
  await indexServices(tx, [serviceId]);
}

/** The text of a listing as the index holds it: the name (weight A), keywords, categories and needs (B), the rest (C). */
export function indexText(c: ServiceContent): { a: string; b: string; rest: string; words: string } {
  return {
    a: c.name,
    b: [...c.keywords, ...c.categories.map(categoryLabel), ...c.needs.map(needTypeLabel)].join(' '),
    rest: [c.summary, c.description, c.whoFor].join(' '),
    words: [c.name, ...c.keywords].join(' ').toLowerCase(),
  };
}

/**
 * Rewrites the public index of many services at once (publication, an import, the demo): one statement a table
 * for each chunk of services, however many there are. Category keys and need codes hold no comma, so each
 * service's list travels as one comma-joined string.
 */
export async function indexServices(tx: Tx, serviceIds: string[], chunk = 1000): Promise<void> {
  const ids = [...new Set(serviceIds)];
  if (ids.some((id) => !isUuid(id))) throw new NotFoundError('Service');
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    const rows = await tx
      .selectFrom('lo_service as s')
      .leftJoin('lo_service_version as v', (j) => j.onRef('v.service_id', '=', 's.id').onRef('v.number', '=', 's.published_version'))
      .select(['s.id', 's.la_code', 's.published_version', 'v.content'])
      .where('s.id', 'in', part)
      .execute();
    if (rows.length !== part.length) throw new NotFoundError('Service');
    await tx.deleteFrom('lo_location').where('service_id', 'in', part).execute();
    const unpublished = rows.filter((r) => r.published_version === null || r.content === null).map((r) => r.id);
    if (unpublished.length) {
      await sql`UPDATE lo_service SET search_doc = NULL, search_words = '', categories = '{}', needs = '{}' WHERE id = ANY(${unpublished}::uuid[])`.execute(tx);
    }
    const published = rows.filter((r) => r.published_version !== null && r.content !== null).map((r) => ({ id: r.id, laCode: r.la_code, c: checked(r.content) }));
    if (published.length === 0) continue;
    const texts = published.map((p) => indexText(p.c));
    await sql`UPDATE lo_service s SET
        name = u.name,
        search_doc = setweight(to_tsvector('english', u.a), 'A') || setweight(to_tsvector('english', u.b), 'B') || setweight(to_tsvector('english', u.rest), 'C'),
        search_words = u.words,
        categories = string_to_array(u.categories, ','),
        needs = string_to_array(u.needs, ','),
        min_age = u.min_age,
        max_age = u.max_age,
        free = u.free,
        in_area = u.in_area
      FROM unnest(
        ${published.map((p) => p.id)}::uuid[], ${published.map((p) => p.c.name)}::text[], ${texts.map((t) => t.a)}::text[], ${texts.map((t) => t.b)}::text[],
        ${texts.map((t) => t.rest)}::text[], ${texts.map((t) => t.words)}::text[], ${published.map((p) => p.c.categories.join(','))}::text[],
        ${published.map((p) => p.c.needs.join(','))}::text[], ${published.map((p) => p.c.ageFrom)}::int[], ${published.map((p) => p.c.ageTo)}::int[],
        ${published.map((p) => p.c.free)}::boolean[], ${published.map((p) => !p.c.outsideArea)}::boolean[]
      ) AS u(id, name, a, b, rest, words, categories, needs, min_age, max_age, free, in_area)
      WHERE s.id = u.id`.execute(tx);
    const places = published.flatMap((p) => p.c.locations.map((l, position) => ({ id: p.id, laCode: p.laCode, position, name: l.name, postcode: l.postcode, key: postcodeKey(l.postcode) })));
    if (places.length > 0) {
      await sql`INSERT INTO lo_location (service_id, la_code, position, name, postcode, latitude, longitude)
        SELECT l.id, l.la_code, l.position, l.name, l.postcode, pc.latitude, pc.longitude
        FROM unnest(${places.map((l) => l.id)}::uuid[], ${places.map((l) => l.laCode)}::text[], ${places.map((l) => l.position)}::int[], ${places.map((l) => l.name)}::text[],
          ${places.map((l) => l.postcode)}::text[], ${places.map((l) => l.key)}::text[]) AS l(id, la_code, position, name, postcode, key)
        LEFT JOIN postcode_centroid pc ON pc.postcode = l.key`.execute(tx);
    }
    const lexicon = [...new Set(published.flatMap((p) => lexiconWords(p.c).map((w) => `${p.laCode} ${w}`)))].map((k) => k.split(' ') as [string, string]);
    if (lexicon.length > 0) {
      await sql`INSERT INTO lo_lexicon (la_code, word) SELECT * FROM unnest(${lexicon.map((x) => x[0])}::text[], ${lexicon.map((x) => x[1])}::text[]) ON CONFLICT DO NOTHING`.execute(tx);
    }
  }
}

export interface PublishedListing {
  id: string;
  laCode: string;
  organisation: { id: string; name: string; description: string; website: string | null; email: string | null; phone: string | null };
  status: ServiceStatus;
  version: number;
  content: ServiceContent;
  reviewBy: string;
  lastReviewedOn: string | null;
  updatedAt: Date;
  source: string;
  places: { position: number; postcode: string | null; latitude: number | null; longitude: number | null }[];
}

/** What the public sees of one listing, or NotFound when it is not listed in this area. */
export async function loadPublished(exec: Executor, laCode: string, serviceId: string): Promise<PublishedListing> {
  if (!isUuid(serviceId)) throw new NotFoundError('Service');
  const row = await exec
    .selectFrom('lo_service as s')
    .innerJoin('lo_organisation as o', 'o.id', 's.organisation_id')
    .innerJoin('lo_service_version as v', (j) => j.onRef('v.service_id', '=', 's.id').onRef('v.number', '=', 's.published_version'))
    .select([
      's.id', 's.la_code', 's.status', 's.published_version', 's.review_by', 's.last_reviewed_on', 's.updated_at', 's.source', 'v.content',
      'o.id as org_id', 'o.name as org_name', 'o.description as org_description', 'o.website as org_website', 'o.email as org_email', 'o.phone as org_phone',
    ])
    .where('s.id', '=', serviceId)
    .where('s.la_code', '=', laCode)
    .where('s.listed', '=', true)
    .executeTakeFirst();
  if (!row || row.published_version === null) throw new NotFoundError('Service');
  const places = await exec.selectFrom('lo_location').select(['position', 'postcode', 'latitude', 'longitude']).where('service_id', '=', serviceId).orderBy('position').execute();
  return {
    id: row.id,
    laCode: row.la_code,
    organisation: { id: row.org_id, name: row.org_name, description: row.org_description, website: row.org_website, email: row.org_email, phone: row.org_phone },
    status: row.status,
    version: row.published_version,
    content: checked(row.content),
    reviewBy: row.review_by,
    lastReviewedOn: row.last_reviewed_on,
    updatedAt: row.updated_at,
    source: row.source,
    places,
  };
}

export interface VersionSummary {
  number: number;
  state: VersionState;
  note: string;
  submittedAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
}

/** Every version of a listing, newest first (for the provider's and the council's history). */
export async function listVersions(exec: Executor, serviceId: string): Promise<VersionSummary[]> {
  const rows = await exec
    .selectFrom('lo_service_version')
    .select(['number', 'state', 'note', 'submitted_at', 'decided_at', 'decision_note'])
    .where('service_id', '=', serviceId)
    .orderBy('number', 'desc')
    .execute();
  return rows.map((r) => ({ number: r.number, state: r.state, note: r.note, submittedAt: r.submitted_at, decidedAt: r.decided_at, decisionNote: r.decision_note }));
}

/**
 * One version's content (any state), for review and comparison. A pending import may not meet the data rules yet
 * (domain.ts contentProblems says what it lacks), so versions are read as drafts; valid content reads the same.
 */
export async function loadVersion(exec: Executor, serviceId: string, number: number): Promise<{ state: VersionState; content: ServiceContent }> {
  if (!isUuid(serviceId)) throw new NotFoundError('Service');
  const v = await versionRow(exec, serviceId, number);
  return { state: v.state, content: checked(v.content, true) };
}
