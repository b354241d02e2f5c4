// The council's side of the listings (issue 5 §3): the review queue oldest first, one change with what changed and
// its likely duplicates, publishing or turning it down with a reason (the provider is told through notifications),
// the listings past their date and past the grace period, and the council's decision on each (extend, mark
// temporarily closed, remove from the directory). Only the area's local offer officers and SEND managers
// (policy.ts mayManageLocalOffer); anyone else gets 404.
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { mayManageLocalOffer } from '../platform/access/policy.ts';
import { audit } from '../platform/audit/audit.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Executor, type Tx } from '../platform/db/transaction.ts';
import type { ServiceStatus } from '../platform/db/schema-localoffer.ts';
import { addDays } from '../platform/plain-date.ts';
import { formatPlainDate } from '../platform/web/dates.ts';
import { NotFoundError, UserInputError, type FieldError } from '../platform/web/validation.ts';
import { isUuid } from '../children/store.ts';
import { notify } from '../notifications/notify.ts';
import { contentProblems, graceDays, likelyDuplicates, reminderDays, type DuplicateReason, type ServiceContent } from './domain.ts';
import { compareListings, type FieldChange } from './compare.ts';
import { loadListing, readContent, recordCheck, summarise, type ListingSummary, type ProviderListing } from './provider-store.ts';
import { publishVersion, rejectVersion, setServiceStatus, submitVersion } from './store.ts';

/** The officer's area, or 404 for anyone who does not manage the local offer. */
export function managedArea(actor: Actor): string {
  if (!mayManageLocalOffer(actor) || !actor.organisation) throw new NotFoundError('Page');
  return actor.organisation.laCode;
}

export interface QueueItem {
  serviceId: string;
  number: number;
  name: string;
  organisationName: string;
  submittedAt: Date;
  submittedBy: string | null;
  note: string;
  isNew: boolean;
}

/** Changes waiting for review in the officer's area, oldest first. */
export async function reviewQueue(db: Db, actor: Actor): Promise<QueueItem[]> {
  const la = managedArea(actor);
  const rows = await db
    .selectFrom('lo_service_version as v')
    .innerJoin('lo_service as s', 's.id', 'v.service_id')
    .innerJoin('lo_organisation as o', 'o.id', 's.organisation_id')
    .leftJoin('app_user as u', 'u.id', 'v.submitted_by')
    .select(['v.service_id', 'v.number', sql<string>`v.content->>'name'`.as('name'), 'o.name as org', 'v.submitted_at', 'u.name as submitter', 'v.note', 's.published_version'])
    .where('v.la_code', '=', la)
    .where('v.state', '=', 'pending')
    .orderBy('v.submitted_at')
    .orderBy('v.service_id')
    .execute();
  return rows.map((r) => ({ serviceId: r.service_id, number: r.number, name: r.name, organisationName: r.org, submittedAt: r.submitted_at, submittedBy: r.submitter, note: r.note, isNew: r.published_version === null }));
}

export interface Review {
  listing: ProviderListing;
  number: number;
  changes: FieldChange[];
  duplicates: { id: string; name: string; reason: DuplicateReason }[];
  /** What stops it being published (an imported draft that lacks what the data rules need); [] when it may be. */
  problems: FieldError[];
  submittedAt: Date;
  submittedBy: string | null;
  note: string;
}

/** Other listings in the area that are probably the same service (flagged for the officer, never refused). */
async function duplicatesOf(exec: Executor, la: string, serviceId: string, organisationId: string, name: string, postcodes: string[]) {
  const others = await exec
    .selectFrom('lo_service as s')
    .leftJoin('lo_location as l', 'l.service_id', 's.id')
    .select(['s.id', 's.name', 's.organisation_id', sql<string[]>`coalesce(array_agg(l.postcode) FILTER (WHERE l.postcode IS NOT NULL), '{}')`.as('postcodes')])
    .where('s.la_code', '=', la)
    .where('s.id', '!=', serviceId)
    .where('s.status', '!=', 'defunct')
    .groupBy(['s.id', 's.name', 's.organisation_id'])
    .execute();
  return likelyDuplicates({ id: serviceId, name, organisationId, postcodes }, others.map((o) => ({ id: o.id, name: o.name, organisationId: o.organisation_id, postcodes: o.postcodes })));
}

/** One waiting change: what changed against what the public sees now, and its likely duplicates. */
export async function loadReview(db: Db, actor: Actor, serviceId: string, number: number, today: string): Promise<Review> {
  const la = managedArea(actor);
  const listing = await loadListing(db, serviceId, today, { laCode: la });
  const v = listing.versions.find((x) => x.number === number);
  if (!v) throw new NotFoundError('Version');
  const row = await db.selectFrom('lo_service_version').select('content').where('service_id', '=', serviceId).where('number', '=', number).executeTakeFirstOrThrow();
  const content = readContent(row.content);
  const service = await db.selectFrom('lo_service').select('organisation_id').where('id', '=', serviceId).executeTakeFirstOrThrow();
  return {
    listing,
    number,
    changes: compareListings(listing.published, content),
    problems: contentProblems(row.content),
    duplicates: await duplicatesOf(db, la, serviceId, service.organisation_id, content.name, content.locations.map((l) => l.postcode)),
    submittedAt: v.submittedAt,
    submittedBy: v.submittedBy,
    note: v.note,
  };
}

/** The people who edit a listing: the owner organisation's listing editors, and whoever sent the version. */
async function providerPeople(tx: Tx, serviceId: string, number: number | null): Promise<string[]> {
  const editors = await tx
    .selectFrom('app_user as u')
    .innerJoin('lo_organisation as o', 'o.owner_organisation_id', 'u.organisation_id')
    .innerJoin('lo_service as s', 's.organisation_id', 'o.id')
    .select('u.id')
    .where('s.id', '=', serviceId)
    .where('u.disabled_at', 'is', null)
    .where(sql<boolean>`'listing-editor' = ANY(u.roles)`)
    .execute();
  const sender = number === null ? undefined : await tx.selectFrom('lo_service_version').select('submitted_by').where('service_id', '=', serviceId).where('number', '=', number).executeTakeFirst();
  return [...new Set([...editors.map((e) => e.id), ...(sender?.submitted_by ? [sender.submitted_by] : [])])];
}

/** Tells a listing's provider something, in the transaction of the change. The subject names the service, never a person. */
export async function tellProvider(tx: Tx, serviceId: string, laCode: string, number: number | null, kind: string, subject: string, body: string): Promise<void> {
  const recipients = await providerPeople(tx, serviceId, number);
  await notify(tx, { recipients, laCode, kind, subject: subject.slice(0, 150), body, link: `/local-offer/provider/listings/${serviceId}` });
}

const serviceName = async (tx: Tx, serviceId: string, number: number) =>
  (await tx.selectFrom('lo_service_version').select(sql<string>`content->>'name'`.as('name')).where('service_id', '=', serviceId).where('number', '=', number).executeTakeFirstOrThrow()).name;

/** Publishes a waiting change: the public sees it at once, it counts as a check, and the provider is told. */
export async function publishReview(db: Db, actor: Actor, serviceId: string, number: number, today: string, note: string): Promise<void> {
  const la = managedArea(actor);
  await inTransaction(db, async (tx) => {
    await ownService(tx, la, serviceId);
    await publishVersion(tx, actor, serviceId, number, today, note.trim() || null);
    const name = await serviceName(tx, serviceId, number);
    const reviewBy = (await tx.selectFrom('lo_service').select('review_by').where('id', '=', serviceId).executeTakeFirstOrThrow()).review_by;
    await tellProvider(tx, serviceId, la, number, 'listing-published', `Your listing is published: ${name}`,
      `The council has published your change to “${name}” (version ${number}) in the local offer.${note.trim() ? ` The council said: ${note.trim()}` : ''} Please check it again by ${formatPlainDate(reviewBy)}.`);
  });
}

/**
 * The council changes a listing itself (its own listings, one nobody else edits, or putting an imported draft right)
 * and publishes it at once: a new version, kept like any other; a change waiting from the provider is replaced (and
 * kept). The provider, if any, is told.
 */
export async function councilChange(db: Db, actor: Actor, serviceId: string, content: ServiceContent, note: string, today: string): Promise<number> {
  const la = managedArea(actor);
  return inTransaction(db, async (tx) => {
    await ownService(tx, la, serviceId);
    const n = await submitVersion(tx, actor, serviceId, content, note.trim());
    await publishVersion(tx, actor, serviceId, n, today, note.trim() || null);
    await tellProvider(tx, serviceId, la, null, 'listing-published', `The council changed your listing: ${content.name}`,
      `The council has changed and published “${content.name}” (version ${n}).${note.trim() ? ` The council said: ${note.trim()}` : ''} You can compare it with the earlier versions on the listing's page.`);
    return n;
  });
}

/** Turns a waiting change down with a reason the provider reads; what the public sees is unchanged. */
export async function rejectReview(db: Db, actor: Actor, serviceId: string, number: number, reason: string): Promise<void> {
  const la = managedArea(actor);
  await inTransaction(db, async (tx) => {
    await ownService(tx, la, serviceId);
    await rejectVersion(tx, actor, serviceId, number, reason);
    const name = await serviceName(tx, serviceId, number);
    await tellProvider(tx, serviceId, la, number, 'listing-turned-down', `Your change was not published: ${name}`,
      `The council has not published your change to “${name}” (version ${number}). The reason: ${reason.trim()} You can change the listing and send it again.`);
  });
}

async function ownService(exec: Executor, la: string, serviceId: string) {
  if (!isUuid(serviceId)) throw new NotFoundError('Listing');
  const s = await exec.selectFrom('lo_service').select(['id', 'status', 'published_version', 'review_by']).where('id', '=', serviceId).where('la_code', '=', la).executeTakeFirst();
  if (!s) throw new NotFoundError('Listing');
  return s;
}

export type ListingFilter = 'all' | 'due-soon' | 'not-recently-checked' | 'past-grace' | 'closed';

export const listingFilters: Record<ListingFilter, string> = {
  all: 'All listings',
  'due-soon': 'Due for a check',
  'not-recently-checked': 'Not recently checked',
  'past-grace': 'Past the grace period: decide',
  closed: 'Closed or removed',
};

/** The area's listings, filtered by freshness, oldest review-by date first; `q` matches the name. */
export async function listAreaListings(db: Db, actor: Actor, today: string, filter: ListingFilter, q: string, page: number, pageSize = 50): Promise<{ items: ListingSummary[]; total: number }> {
  const la = managedArea(actor);
  let query = db.selectFrom('lo_service as s').innerJoin('lo_organisation as o', 'o.id', 's.organisation_id').where('s.la_code', '=', la);
  const graceStart = addDays(today, -graceDays);
  if (filter === 'closed') query = query.where('s.status', '!=', 'active');
  else if (filter !== 'all') {
    query = query.where('s.status', '=', 'active').where('s.published_version', 'is not', null);
    if (filter === 'due-soon') query = query.where('s.review_by', '>=', today).where('s.review_by', '<=', addDays(today, reminderDays));
    if (filter === 'not-recently-checked') query = query.where('s.review_by', '<', today).where('s.review_by', '>=', graceStart);
    // freshness(): past the grace period once more than graceDays have gone since the review-by date.
    if (filter === 'past-grace') query = query.where('s.review_by', '<', graceStart);
  }
  if (q) query = query.where(sql<boolean>`lower(s.name) LIKE ${`%${q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`);
  const total = (await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await query
    .select(['s.id', 's.la_code', 's.name', 's.organisation_id', 'o.name as org_name', 's.status', 's.published_version', 's.review_by', 's.last_reviewed_on'])
    .orderBy('s.review_by')
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: await summarise(db, rows, today), total: Number(total) };
}

/** How many listings need the officer, for the local offer's home page. */
export async function workCounts(db: Db, actor: Actor, today: string) {
  const la = managedArea(actor);
  const graceStart = addDays(today, -graceDays);
  const r = await db
    .selectFrom('lo_service')
    .select([
      sql<number>`count(*) FILTER (WHERE listed)`.as('live'),
      sql<number>`count(*) FILTER (WHERE listed AND review_by >= ${today} AND review_by <= ${addDays(today, reminderDays)})`.as('dueSoon'),
      sql<number>`count(*) FILTER (WHERE listed AND review_by < ${today} AND review_by >= ${graceStart})`.as('notRecentlyChecked'),
      sql<number>`count(*) FILTER (WHERE listed AND review_by < ${graceStart})`.as('pastGrace'),
    ])
    .where('la_code', '=', la)
    .executeTakeFirstOrThrow();
  const q = await db
    .selectFrom('lo_service_version')
    .select([sql<number>`count(*)`.as('n'), sql<Date | null>`min(submitted_at)`.as('oldest')])
    .where('la_code', '=', la)
    .where('state', '=', 'pending')
    .executeTakeFirstOrThrow();
  return { live: Number(r.live), dueSoon: Number(r.dueSoon), notRecentlyChecked: Number(r.notRecentlyChecked), pastGrace: Number(r.pastGrace), waiting: Number(q.n), oldestWaiting: q.oldest };
}

/** One listing, for the council. */
export function loadAreaListing(db: Db, actor: Actor, serviceId: string, today: string): Promise<ProviderListing> {
  return loadListing(db, serviceId, today, { laCode: managedArea(actor) });
}

/** Any version of one of the area's listings. */
export async function loadAreaVersion(db: Db, actor: Actor, serviceId: string, number: number) {
  const la = managedArea(actor);
  if (!isUuid(serviceId)) throw new NotFoundError('Version');
  const row = await db.selectFrom('lo_service_version').select('content').where('service_id', '=', serviceId).where('number', '=', number).where('la_code', '=', la).executeTakeFirst();
  if (!row) throw new NotFoundError('Version');
  return readContent(row.content);
}

export type StaleDecision = 'extend' | 'temporarily-closed' | 'removed' | 'reopened';

/** An extension gives the provider this long to check the listing; their reminder goes at once. */
export const extensionDays = 28;

export const decisionText: Record<StaleDecision, string> = {
  extend: `Give the provider ${extensionDays / 7} more weeks to check it`,
  'temporarily-closed': 'Mark it temporarily closed (hidden from the public until it is checked)',
  removed: 'Remove it from the directory',
  reopened: 'Show it in the directory again',
};

/**
 * The council decides on a listing past its grace period (or reopens one it closed): extend (a new review-by date
 * 4 weeks on, which sends the provider's reminder), mark temporarily closed (status `temporarily closed`: not
 * listed), or remove from the directory (status `inactive`). Each is recorded with a note and the provider is told.
 */
export async function decideListing(db: Db, actor: Actor, serviceId: string, decision: StaleDecision, note: string, today: string): Promise<void> {
  const la = managedArea(actor);
  await inTransaction(db, async (tx) => {
    const s = await ownService(tx, la, serviceId);
    if (decision === 'reopened' && s.status === 'active') throw new UserInputError([{ field: 'decision', message: 'The listing is already in the directory' }]);
    if (decision !== 'reopened' && s.status !== 'active') throw new UserInputError([{ field: 'decision', message: 'The listing is already closed or removed. Show it in the directory again first.' }]);
    const status: ServiceStatus = decision === 'temporarily-closed' ? 'temporarily closed' : decision === 'removed' ? 'inactive' : 'active';
    const reviewBy = decision === 'extend' || decision === 'reopened' ? addDays(today, extensionDays) : s.review_by;
    if (status !== s.status) await setServiceStatus(tx, actor, serviceId, status);
    await recordCheck(tx, actor, serviceId, la, decision === 'extend' ? 'extended' : decision, today, reviewBy, note.trim(), false);
    const name = (await tx.selectFrom('lo_service').select('name').where('id', '=', serviceId).executeTakeFirstOrThrow()).name;
    const said = note.trim() ? ` The council said: ${note.trim()}` : '';
    const text: Record<StaleDecision, [string, string]> = {
      extend: [`Please check your listing by ${formatPlainDate(reviewBy)}: ${name}`, `“${name}” has not been checked for over a year. The council has given you until ${formatPlainDate(reviewBy)} to confirm it is still correct or send a change.${said}`],
      'temporarily-closed': [`Your listing is hidden for now: ${name}`, `“${name}” had not been checked for over a year, so the council has marked it temporarily closed and the public no longer see it.${said} Send a change or contact the council to show it again.`],
      removed: [`Your listing was removed from the local offer: ${name}`, `“${name}” had not been checked for over a year, so the council has removed it from the directory.${said} Contact the council if the service still runs.`],
      reopened: [`Your listing is shown again: ${name}`, `The council shows “${name}” in the directory again. Please check it by ${formatPlainDate(reviewBy)}.${said}`],
    };
    const [subject, body] = text[decision];
    await tellProvider(tx, serviceId, la, null, 'listing-decision', subject, body);
  });
}

/** The organisations of the area that may own listings, for the owner picker. */
export async function ownerChoices(db: Executor, actor: Actor) {
  const la = managedArea(actor);
  return db.selectFrom('organisation').select(['id', 'name', 'kind']).where('la_code', '=', la).where('kind', 'in', ['provider', 'school', 'setting', 'health-provider', 'social-care']).orderBy('name').execute();
}

/** Who edits a directory organisation's listings: one of the area's organisations, or nobody (the council alone). */
export async function setOwner(db: Db, actor: Actor, serviceId: string, ownerId: string | null): Promise<void> {
  const la = managedArea(actor);
  await inTransaction(db, async (tx) => {
    await ownService(tx, la, serviceId);
    if (ownerId !== null) {
      const ok = (await ownerChoices(tx, actor)).some((o) => o.id === ownerId);
      if (!ok) throw new UserInputError([{ field: 'ownerId', message: 'Select an organisation from the list' }]);
    }
    const s = await tx.selectFrom('lo_service').select('organisation_id').where('id', '=', serviceId).executeTakeFirstOrThrow();
    await tx.updateTable('lo_organisation').set({ owner_organisation_id: ownerId, updated_at: new Date() }).where('id', '=', s.organisation_id).execute();
    await audit(tx, actor, { action: 'update', entity: 'lo_organisation', entityId: s.organisation_id, laCode: la, detail: { ownerOrganisationId: ownerId } });
  });
}

/** The owner of the directory organisation of a listing. */
export async function ownerOf(db: Db, serviceId: string): Promise<{ id: string; name: string } | null> {
  const r = await db
    .selectFrom('lo_service as s')
    .innerJoin('lo_organisation as o', 'o.id', 's.organisation_id')
    .leftJoin('organisation as g', 'g.id', 'o.owner_organisation_id')
    .select(['g.id', 'g.name'])
    .where('s.id', '=', serviceId)
    .executeTakeFirst();
  return r?.id && r.name ? { id: r.id, name: r.name } : null;
}
