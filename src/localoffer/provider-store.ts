// A provider's listings (issue 5 §3): the directory organisations their organisation owns
// (lo_organisation.owner_organisation_id), each listing's versions and state, a change or a new listing sent for the
// council's review, and "still correct" confirmed in one step. A listing another organisation owns answers 404,
// like one that does not exist. Every change is audited in its own transaction. No child's data is reached here.
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { mayEditListings } from '../platform/access/policy.ts';
import { audit } from '../platform/audit/audit.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Executor, type Tx } from '../platform/db/transaction.ts';
import type { ServiceStatus, VersionState } from '../platform/db/schema-localoffer.ts';
import { NotFoundError, UserInputError } from '../platform/web/validation.ts';
import { isUuid } from '../children/store.ts';
import { nextReviewBy, serviceDraftSchema, type ServiceContent } from './domain.ts';
import { createListing, createOrganisation, submitVersion } from './store.ts';
import { listingState, type ListingState } from './workflow.ts';

/** The provider's own organisation, or 404 for anyone who does not edit listings. */
function providerOrg(actor: Actor): { id: string; laCode: string; name: string } {
  if (!mayEditListings(actor) || !actor.organisation) throw new NotFoundError('Page');
  return actor.organisation;
}

export interface DirectoryOrganisationRow {
  id: string;
  name: string;
  laCode: string;
}

/** The directory organisations whose listings this provider edits. */
export async function ownedOrganisations(exec: Executor, actor: Actor): Promise<DirectoryOrganisationRow[]> {
  const org = providerOrg(actor);
  const rows = await exec.selectFrom('lo_organisation').select(['id', 'name', 'la_code']).where('owner_organisation_id', '=', org.id).orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, laCode: r.la_code }));
}

export interface VersionRow {
  number: number;
  state: VersionState;
  note: string;
  submittedAt: Date;
  submittedBy: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

export interface CheckRow {
  kind: string;
  checkedOn: string;
  reviewBy: string;
  note: string;
  by: string | null;
  at: Date;
}

export interface ListingSummary {
  id: string;
  laCode: string;
  name: string;
  organisationId: string;
  organisationName: string;
  status: ServiceStatus;
  publishedVersion: number | null;
  reviewBy: string;
  lastReviewedOn: string | null;
  state: ListingState;
}

type SummaryRow = { id: string; la_code: string; name: string; organisation_id: string; org_name: string; status: ServiceStatus; published_version: number | null; review_by: string; last_reviewed_on: string | null };

/** Summaries with their versions' states, for a dashboard or a list: one query for the versions of them all. */
export async function summarise(exec: Executor, rows: SummaryRow[], today: string): Promise<ListingSummary[]> {
  if (rows.length === 0) return [];
  const versions = await exec
    .selectFrom('lo_service_version')
    .select(['service_id', 'number', 'state', 'decision_note', sql<string>`content->>'name'`.as('name')])
    .where('service_id', 'in', rows.map((r) => r.id))
    .execute();
  const byService = new Map<string, typeof versions>();
  for (const v of versions) byService.set(v.service_id, [...(byService.get(v.service_id) ?? []), v]);
  return rows.map((r) => {
    const vs = byService.get(r.id) ?? [];
    const state = listingState({ status: r.status, publishedVersion: r.published_version, reviewBy: r.review_by, lastReviewedOn: r.last_reviewed_on, versions: vs.map((v) => ({ number: v.number, state: v.state, decisionNote: v.decision_note })) }, today);
    // The name the provider last gave it: a new listing's name is in its pending version.
    const latest = [...vs].sort((a, b) => b.number - a.number)[0];
    return {
      id: r.id, laCode: r.la_code, name: r.published_version === null ? (latest?.name ?? r.name) : r.name, organisationId: r.organisation_id, organisationName: r.org_name,
      status: r.status, publishedVersion: r.published_version, reviewBy: r.review_by, lastReviewedOn: r.last_reviewed_on, state,
    };
  });
}

const summaryColumns = ['s.id', 's.la_code', 's.name', 's.organisation_id', 'o.name as org_name', 's.status', 's.published_version', 's.review_by', 's.last_reviewed_on'] as const;

/** Every listing this provider edits, most urgent first: turned down, then past their date, then by review-by date. */
export async function listProviderListings(db: Db, actor: Actor, today: string): Promise<ListingSummary[]> {
  const org = providerOrg(actor);
  const rows = await db
    .selectFrom('lo_service as s')
    .innerJoin('lo_organisation as o', 'o.id', 's.organisation_id')
    .select(summaryColumns)
    .where('o.owner_organisation_id', '=', org.id)
    .orderBy('s.review_by')
    .orderBy('s.name')
    .execute();
  const all = await summarise(db, rows, today);
  const rank = (l: ListingSummary) => (l.state.turnedDown ? 0 : l.state.daysLeft < 0 && l.state.live ? 1 : 2);
  return all.sort((a, b) => rank(a) - rank(b) || a.reviewBy.localeCompare(b.reviewBy) || a.name.localeCompare(b.name));
}

export interface ProviderListing extends ListingSummary {
  versions: VersionRow[];
  checks: CheckRow[];
  /** What the editing form starts from: the change waiting, else the published version, else the latest written. */
  draft: { number: number; state: VersionState; content: ServiceContent } | null;
  published: ServiceContent | null;
}

/** The versions of a listing, newest first, with who wrote and decided each. */
export async function versionsOf(exec: Executor, serviceId: string): Promise<VersionRow[]> {
  const rows = await exec
    .selectFrom('lo_service_version as v')
    .leftJoin('app_user as s', 's.id', 'v.submitted_by')
    .leftJoin('app_user as d', 'd.id', 'v.decided_by')
    .select(['v.number', 'v.state', 'v.note', 'v.submitted_at', 'v.decided_at', 'v.decision_note', 's.name as submitter', 'd.name as decider'])
    .where('v.service_id', '=', serviceId)
    .orderBy('v.number', 'desc')
    .execute();
  return rows.map((r) => ({ number: r.number, state: r.state, note: r.note, submittedAt: r.submitted_at, submittedBy: r.submitter, decidedAt: r.decided_at, decidedBy: r.decider, decisionNote: r.decision_note }));
}

/** The checks and the council's decisions on a listing's freshness, newest first. */
export async function checksOf(exec: Executor, serviceId: string): Promise<CheckRow[]> {
  const rows = await exec
    .selectFrom('lo_service_check as c')
    .leftJoin('app_user as u', 'u.id', 'c.checked_by')
    .select(['c.kind', 'c.checked_on', 'c.review_by', 'c.note', 'c.created_at', 'u.name'])
    .where('c.service_id', '=', serviceId)
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map((r) => ({ kind: r.kind, checkedOn: r.checked_on, reviewBy: r.review_by, note: r.note, by: r.name, at: r.created_at }));
}

/**
 * Content as stored, read through the draft schema: a version holds a valid listing, or an imported draft that
 * does not meet the data rules yet (domain.ts contentProblems); valid content reads the same either way.
 */
export function readContent(content: unknown): ServiceContent {
  return serviceDraftSchema.parse(content);
}

/** One listing with everything about it, whoever may see it (the caller has checked who). */
export async function loadListing(exec: Executor, serviceId: string, today: string, where: { laCode?: string; ownerOrganisationId?: string }): Promise<ProviderListing> {
  if (!isUuid(serviceId)) throw new NotFoundError('Listing');
  let q = exec.selectFrom('lo_service as s').innerJoin('lo_organisation as o', 'o.id', 's.organisation_id').select(summaryColumns).where('s.id', '=', serviceId);
  if (where.laCode) q = q.where('s.la_code', '=', where.laCode);
  if (where.ownerOrganisationId) q = q.where('o.owner_organisation_id', '=', where.ownerOrganisationId);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError('Listing');
  const [summary] = await summarise(exec, [row], today);
  if (!summary) throw new NotFoundError('Listing');
  const versions = await versionsOf(exec, serviceId);
  const pick = versions.find((v) => v.state === 'pending') ?? versions.find((v) => v.number === row.published_version) ?? versions[0];
  const contentOf = async (n: number) => readContent((await exec.selectFrom('lo_service_version').select('content').where('service_id', '=', serviceId).where('number', '=', n).executeTakeFirstOrThrow()).content);
  return {
    ...summary,
    versions,
    checks: await checksOf(exec, serviceId),
    draft: pick ? { number: pick.number, state: pick.state, content: await contentOf(pick.number) } : null,
    published: row.published_version !== null ? await contentOf(row.published_version) : null,
  };
}

/** One of this provider's listings, or 404. */
export function loadProviderListing(db: Db, actor: Actor, serviceId: string, today: string): Promise<ProviderListing> {
  return loadListing(db, serviceId, today, { ownerOrganisationId: providerOrg(actor).id });
}

/** Any version of a listing the provider edits. */
export async function loadOwnVersion(db: Db, actor: Actor, serviceId: string, number: number): Promise<ServiceContent> {
  const org = providerOrg(actor);
  if (!isUuid(serviceId) || !Number.isInteger(number)) throw new NotFoundError('Version');
  const row = await db
    .selectFrom('lo_service_version as v')
    .innerJoin('lo_service as s', 's.id', 'v.service_id')
    .innerJoin('lo_organisation as o', 'o.id', 's.organisation_id')
    .select('v.content')
    .where('v.service_id', '=', serviceId)
    .where('v.number', '=', number)
    .where('o.owner_organisation_id', '=', org.id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Version');
  return readContent(row.content);
}

/** A change to a listing, waiting for the council's review (an earlier change still waiting is replaced and kept). */
export async function submitChange(db: Db, actor: Actor, serviceId: string, content: ServiceContent, note: string, today: string): Promise<number> {
  const listing = await loadProviderListing(db, actor, serviceId, today);
  if (listing.status === 'defunct') throw new UserInputError([{ field: 'name', message: 'This service has closed, so it cannot be changed. Add a new listing instead.' }]);
  return inTransaction(db, (tx) => submitVersion(tx, actor, serviceId, content, note.trim()));
}

/**
 * A new listing, waiting for the council's review. It belongs to one of the provider's directory organisations;
 * a provider with none yet gets one in its own name.
 */
export async function createProviderListing(db: Db, actor: Actor, v: { organisationId: string | null; content: ServiceContent; note: string; today: string }): Promise<string> {
  const org = providerOrg(actor);
  const owned = await ownedOrganisations(db, actor);
  return inTransaction(db, async (tx) => {
    let organisationId: string;
    if (owned.length === 0) {
      organisationId = await createOrganisation(tx, actor, org.laCode, { name: org.name, ownerOrganisationId: org.id });
    } else {
      const chosen = owned.length === 1 ? owned[0] : owned.find((o) => o.id === v.organisationId);
      if (!chosen) throw new UserInputError([{ field: 'organisationId', message: 'Select which of your organisations provides the service' }]);
      organisationId = chosen.id;
    }
    const laCode = owned.find((o) => o.id === organisationId)?.laCode ?? org.laCode;
    const { serviceId } = await createListing(tx, actor, { laCode, organisationId, content: v.content, today: v.today, publish: false, note: v.note.trim() });
    return serviceId;
  });
}

/**
 * The provider says a live listing is still correct. It counts as a check at once (decision 0012): nothing in the
 * listing changed, so the council has nothing to review, and the provider is who knows. The review-by date moves a
 * year on, the check is recorded with who made it, and the council sees it in the listing's history.
 */
export async function confirmStillCorrect(db: Db, actor: Actor, serviceId: string, today: string): Promise<string> {
  const listing = await loadProviderListing(db, actor, serviceId, today);
  if (!listing.state.mayConfirm) {
    const message = listing.state.pending
      ? 'You have a change waiting for the council’s review. It counts as a check when it is published.'
      : 'Only a live listing can be confirmed as still correct.';
    throw new UserInputError([{ field: 'confirm', message }]);
  }
  return inTransaction(db, (tx) => recordCheck(tx, actor, listing.id, listing.laCode, 'confirmed', today, nextReviewBy(today), '', true));
}

/** Records a check or a decision; `counts` moves last_reviewed_on (a check), otherwise only the review-by date moves. */
export async function recordCheck(tx: Tx, actor: Actor, serviceId: string, laCode: string, kind: 'confirmed' | 'extended' | 'temporarily-closed' | 'removed' | 'reopened', today: string, reviewBy: string, note: string, counts: boolean): Promise<string> {
  await tx
    .updateTable('lo_service')
    .set({ review_by: reviewBy, updated_at: new Date(), ...(counts ? { last_reviewed_on: today } : {}) })
    .where('id', '=', serviceId)
    .execute();
  await tx.insertInto('lo_service_check').values({ service_id: serviceId, la_code: laCode, kind, checked_on: today, review_by: reviewBy, note, checked_by: actor.via === 'system' ? null : actor.id }).execute();
  await audit(tx, actor, { action: 'update', entity: 'lo_service', entityId: serviceId, laCode, detail: { check: kind, reviewBy } });
  return reviewBy;
}
