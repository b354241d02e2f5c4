// Requests for an EHC needs assessment made online, without an account, by a parent, a carer or a young person
// (issue 3 §2.1), and what the area's SEND team does with them: match the request to a child's record (or create
// one) and start the assessment, or reject it with a reason. Accepting invites the requester to register: a
// family account without a password, linked to the child, and a one-time link to set the password
// (registration.ts). The form and its checks are in public-request-form.ts.
//
// What is kept: the public_request row (only what the form asks), an audit row for each step. Nothing else.
//
// Accepting calls the stores that do the usual checks (createChild, addFamilyMember, startAssessment), and each
// of them opens its own transaction. They are all given `withinTransaction(tx)`: a view of one open transaction
// whose `transaction()` runs the callback in it, so the new child, the family link, the account, the assessment,
// the request's new status and the invitation commit together or not at all.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { systemActor, type Actor, hasRole } from '../platform/access/actor.ts';
import { audit, auditMany, auditReads } from '../platform/audit/audit.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Executor, type Tx } from '../platform/db/transaction.ts';
import { addDays, daysBetween } from '../platform/plain-date.ts';
import { NotFoundError, UserInputError } from '../platform/web/validation.ts';
import { findUserByEmail } from '../people/store.ts';
import { createChild, isUuid, loadChild, possibleDuplicates, type DuplicateMatch } from '../children/store.ts';
import { addFamilyMember } from '../children/record-store.ts';
import { notify } from '../notifications/notify.ts';
import { startAssessment } from './store.ts';
import { ageOn, decisionDueOn, familyRelationship, requesterRoleLabels, type PublicRequestInput, type RequesterRole } from './public-request-form.ts';
import { issueRegistrationToken, registrationDays } from './registration.ts';

// --- Submitting --------------------------------------------------------------------------------------------

export async function localAreas(exec: Executor): Promise<{ laCode: string; name: string }[]> {
  const rows = await exec.selectFrom('local_area').select(['la_code', 'name']).orderBy('name').execute();
  return rows.map((r) => ({ laCode: r.la_code, name: r.name }));
}

/** REQ-990-2026-00001: per area and year, numbered in order (an advisory lock keeps two submissions apart). */
async function nextRequestReference(tx: Tx, laCode: string, today: string): Promise<string> {
  const prefix = `REQ-${laCode}-${today.slice(0, 4)}-`;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${prefix}))`.execute(tx);
  const last = await tx.selectFrom('public_request').select('reference').where('reference', 'like', `${prefix}%`).orderBy('reference', 'desc').limit(1).executeTakeFirst();
  const n = last ? Number(last.reference.slice(prefix.length)) || 0 : 0;
  return `${prefix}${String(n + 1).padStart(5, '0')}`;
}

/** The anonymous form, as the audit trail names it. */
function formActor(from: { ip?: string | undefined; userAgent?: string | undefined }): Actor {
  return { ...systemActor, name: 'Online request form (no account)', ip: from.ip, userAgent: from.userAgent };
}

/** Saves an online request; the 20 weeks run from today, the day the council received it. */
export async function submitPublicRequest(db: Db, from: { ip?: string | undefined; userAgent?: string | undefined }, today: string, v: PublicRequestInput): Promise<{ id: string; reference: string; receivedOn: string }> {
  return inTransaction(db, async (tx) => {
    const area = await tx.selectFrom('local_area').select('la_code').where('la_code', '=', v.laCode).executeTakeFirst();
    if (!area) throw new UserInputError([{ field: 'laCode', message: 'Choose your local area' }]);
    const reference = await nextRequestReference(tx, v.laCode, today);
    const row = await tx
      .insertInto('public_request')
      .values({
        reference, la_code: v.laCode, received_on: today, requester_name: v.requesterName, requester_relationship: v.relationship, requester_email: v.email, requester_phone: v.phone,
        child_given_name: v.childGivenName, child_family_name: v.childFamilyName, child_date_of_birth: v.dateOfBirth, child_postcode: v.postcode, setting_name: v.settingName, reasons: v.reasons,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, formActor(from), { action: 'create', entity: 'public-request', entityId: row.id, laCode: v.laCode, detail: { reference } });
    return { id: row.id, reference, receivedOn: today };
  });
}

// --- Triage ------------------------------------------------------------------------------------------------

/** The area whose requests the actor triages: SEND team caseworkers and managers only; anyone else gets 404. */
function triageArea(actor: Actor): string {
  if (actor.kind !== 'staff' || actor.organisation?.kind !== 'send-team' || !hasRole(actor, 'caseworker', 'send-manager')) throw new NotFoundError();
  return actor.organisation.laCode;
}

export interface RequestListItem {
  id: string;
  reference: string;
  receivedOn: string;
  daysSince: number;
  childName: string;
  dateOfBirth: string;
  requester: string;
}

/** New online requests for the actor's area, oldest first. Each listed request is audited as read. */
export async function listNewRequests(db: Db, actor: Actor, today: string): Promise<RequestListItem[]> {
  const laCode = triageArea(actor);
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .selectFrom('public_request')
      .select(['id', 'reference', 'received_on', 'child_given_name', 'child_family_name', 'child_date_of_birth', 'requester_name', 'requester_relationship'])
      .where('la_code', '=', laCode)
      .where('status', '=', 'new')
      .orderBy('received_on')
      .orderBy('reference')
      .limit(500)
      .execute();
    await auditReads(tx, actor, rows.map((r) => ({ action: 'read' as const, entity: 'public-request-list', entityId: r.id, laCode })));
    return rows.map((r) => ({
      id: r.id, reference: r.reference, receivedOn: r.received_on, daysSince: daysBetween(r.received_on, today), childName: `${r.child_given_name} ${r.child_family_name}`,
      dateOfBirth: r.child_date_of_birth, requester: `${r.requester_name} (${requesterRoleLabels[r.requester_relationship]})`,
    }));
  });
}

export interface RequestMatch {
  id: string;
  name: string;
  dateOfBirth: string;
  openAssessment: string | null;
}

export interface RequestView {
  request: {
    id: string; reference: string; laCode: string; areaName: string; receivedOn: string; daysSince: number; decisionDue: string; status: 'new' | 'accepted' | 'rejected';
    requesterName: string; relationship: RequesterRole; email: string; phone: string | null;
    childGivenName: string; childFamilyName: string; dateOfBirth: string; age: number; postcode: string | null; settingName: string | null; reasons: string;
    assessmentId: string | null; assessmentReference: string | null; handledBy: string | null; handledAt: Date | null; rejectedReason: string | null;
  };
  /** Children of the area with the same date of birth and a similar name (the usual duplicate search). */
  matches: RequestMatch[];
  /** Possible matches the actor cannot open (another area's records): counted, never described. */
  otherAreaMatches: number;
  /** Identifies the matches shown, so accepting "none of these" is refused if a new match has appeared since. */
  seen: string;
  /** Other online requests in the area for a child with the same date of birth. */
  related: { id: string; reference: string; childName: string; status: string; receivedOn: string }[];
}

/** The "none of these" choice holds only for the matches that were on the page. */
function fingerprint(matches: DuplicateMatch[]): string {
  const visible = matches.filter((m) => m.visible).map((m) => m.id).sort();
  return createHash('sha256').update(`${visible.join(',')}|${matches.length - visible.length}`).digest('hex').slice(0, 16);
}

async function loadRequest(exec: Executor, laCode: string, id: string, lock = false) {
  if (!isUuid(id)) throw new NotFoundError('Request');
  let q = exec.selectFrom('public_request').selectAll().where('id', '=', id).where('la_code', '=', laCode);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw new NotFoundError('Request');
  return r;
}

async function matchesFor(tx: Tx, actor: Actor, today: string, r: { child_given_name: string; child_family_name: string; child_date_of_birth: string }) {
  return possibleDuplicates(tx, actor, today, { givenName: r.child_given_name, familyName: r.child_family_name, dateOfBirth: r.child_date_of_birth, nhsNumber: null, upn: null });
}

/** One request with the children it may be about. Audited: the request as read, each match as disclosed. */
export async function readRequest(db: Db, actor: Actor, today: string, id: string): Promise<RequestView> {
  const laCode = triageArea(actor);
  return inTransaction(db, async (tx) => {
    const r = await loadRequest(tx, laCode, id);
    const all = await matchesFor(tx, actor, today, r);
    const visibleIds = all.filter((m) => m.visible).map((m) => m.id);
    const inArea = visibleIds.length
      ? await tx
          .selectFrom('child')
          .leftJoin('assessment as a', (j) => j.onRef('a.child_id', '=', 'child.id').on('a.stage', 'in', ['requested', 'assessing', 'draft-issued']))
          .select(['child.id', 'child.given_name', 'child.family_name', 'child.date_of_birth', 'a.reference'])
          .where('child.id', 'in', visibleIds)
          .where('child.la_code', '=', laCode)
          .execute()
      : [];
    const matches = all.flatMap((m) => {
      const c = inArea.find((x) => x.id === m.id);
      return c ? [{ id: c.id, name: `${c.given_name} ${c.family_name}`, dateOfBirth: c.date_of_birth, openAssessment: c.reference }] : [];
    });
    const related = await tx
      .selectFrom('public_request')
      .select(['id', 'reference', 'child_given_name', 'child_family_name', 'status', 'received_on'])
      .where('la_code', '=', laCode)
      .where('child_date_of_birth', '=', r.child_date_of_birth)
      .where('id', '<>', r.id)
      .orderBy('received_on', 'desc')
      .limit(20)
      .execute();
    const area = await tx.selectFrom('local_area').select('name').where('la_code', '=', r.la_code).executeTakeFirst();
    const handled = r.status === 'new' ? null : await tx
      .selectFrom('public_request as p')
      .leftJoin('app_user as u', 'u.id', 'p.handled_by')
      .leftJoin('assessment as a', 'a.id', 'p.assessment_id')
      .select(['u.name', 'a.reference'])
      .where('p.id', '=', r.id)
      .executeTakeFirst();
    const rejection = r.status === 'rejected'
      ? await tx.selectFrom('audit_event').select('detail').where('entity', '=', 'public-request').where('entity_id', '=', r.id).where('action', '=', 'update').orderBy('id', 'desc').limit(1).executeTakeFirst()
      : undefined;
    await auditMany(tx, actor, [
      { action: 'read', entity: 'public-request', entityId: r.id, laCode },
      ...matches.map((m) => ({ action: 'search' as const, entity: 'public-request-match', entityId: m.id, childId: m.id, laCode, route: 'send-team', detail: { request: r.id } })),
    ]);
    return {
      request: {
        id: r.id, reference: r.reference, laCode: r.la_code, areaName: area?.name ?? r.la_code, receivedOn: r.received_on, daysSince: daysBetween(r.received_on, today), decisionDue: decisionDueOn(r.received_on),
        status: r.status, requesterName: r.requester_name, relationship: r.requester_relationship, email: r.requester_email, phone: r.requester_phone,
        childGivenName: r.child_given_name, childFamilyName: r.child_family_name, dateOfBirth: r.child_date_of_birth, age: ageOn(r.child_date_of_birth, today), postcode: r.child_postcode,
        settingName: r.setting_name, reasons: r.reasons, assessmentId: r.assessment_id, assessmentReference: handled?.reference ?? null, handledBy: handled?.name ?? null, handledAt: r.handled_at,
        rejectedReason: typeof (rejection?.detail as { reason?: unknown } | undefined)?.reason === 'string' ? (rejection?.detail as { reason: string }).reason : null,
      },
      matches,
      otherAreaMatches: all.filter((m) => !m.visible).length,
      seen: fingerprint(all),
      related: related.map((x) => ({ id: x.id, reference: x.reference, childName: `${x.child_given_name} ${x.child_family_name}`, status: x.status, receivedOn: x.received_on })),
    };
  });
}

/**
 * The database as the stores expect it, but inside `tx`: their `db.transaction().execute(fn)` runs `fn(tx)`
 * (Kysely refuses a transaction inside a transaction), so everything they do commits or rolls back with the
 * caller's transaction. Every other call goes to `tx` itself.
 */
function withinTransaction(tx: Tx): Db {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: <T>(fn: (t: Tx) => Promise<T>) => fn(target) });
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export type AcceptChoice = { childId: string } | { createNew: true; seen: string };

export type Invitation =
  /** A new family account: the one-time link to set a password has been sent. */
  | 'invited'
  /** A family account with a password: told the request was accepted. */
  | 'told'
  /** The email belongs to a staff or service account, or a disabled one: no link, no account. */
  | 'not-possible';

export interface AcceptResult {
  assessmentId: string;
  assessmentReference: string;
  childId: string;
  createdChild: boolean;
  requestReceived: string;
  invitation: Invitation;
}

type RequestRow = Awaited<ReturnType<typeof loadRequest>>;

/**
 * The requester's family account (created without a password if their email has none) and their link to the
 * child. A family member already recorded with the same email is linked to the account as recorded by staff.
 */
async function linkRequester(tx: Tx, inner: Db, actor: Actor, today: string, r: RequestRow, childId: string): Promise<{ userId: string | null; needsPassword: boolean }> {
  const existing = await findUserByEmail(tx, r.requester_email);
  if (existing && (existing.kind !== 'family' || existing.disabled_at)) return { userId: null, needsPassword: false };
  const userId =
    existing?.id ??
    (await tx
      .insertInto('app_user')
      .values({ kind: 'family', email: r.requester_email, name: r.requester_name, password_hash: null, organisation_id: null, roles: [] })
      .returning('id')
      .executeTakeFirstOrThrow()).id;
  const linked = await tx.selectFrom('family_member').select('id').where('child_id', '=', childId).where('user_id', '=', userId).where('ended_on', 'is', null).executeTakeFirst();
  if (!linked) {
    const recorded = await tx
      .selectFrom('family_member')
      .select('id')
      .where('child_id', '=', childId)
      .where('user_id', 'is', null)
      .where('ended_on', 'is', null)
      .where(sql`lower(email)`, '=', r.requester_email.trim().toLowerCase())
      .executeTakeFirst();
    const memberId =
      recorded?.id ??
      (await addFamilyMember(inner, actor, today, childId, {
        name: r.requester_name, ...familyRelationship[r.requester_relationship], email: r.requester_email, phone: r.requester_phone, address: null,
      }));
    await tx.updateTable('family_member').set({ user_id: userId }).where('id', '=', memberId).execute();
  }
  return { userId, needsPassword: !existing?.password_hash };
}

/**
 * Accepts a request: the chosen child (or a new record made from the request, through createChild's checks), the
 * requester linked and invited, and the assessment started with the date the council received the request. One
 * transaction: a failure at any step leaves the request new and nothing else behind.
 */
export async function acceptRequest(db: Db, actor: Actor, today: string, id: string, choice: AcceptChoice): Promise<AcceptResult> {
  const laCode = triageArea(actor);
  return inTransaction(db, async (tx) => {
    const inner = withinTransaction(tx);
    const r = await loadRequest(tx, laCode, id, true);
    if (r.status !== 'new') throw new UserInputError([{ field: 'choice', message: `This request has already been ${r.status}` }]);
    let childId: string;
    const createdChild = 'createNew' in choice;
    if ('childId' in choice) {
      const child = await loadChild(tx, actor, today, choice.childId).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      });
      if (!child || child.route !== 'send-team' || child.la_code !== r.la_code) throw new UserInputError([{ field: 'choice', message: `Choose a child whose home area is this area, or create a new record` }]);
      childId = child.id;
    } else {
      const matches = await matchesFor(tx, actor, today, r);
      if (fingerprint(matches) !== choice.seen) {
        throw new UserInputError([{ field: 'choice', message: 'The possible matches changed while you were looking at this request. Check them again before you create a new record.' }]);
      }
      const made = await createChild(inner, actor, today, {
        laCode: r.la_code, givenName: r.child_given_name, familyName: r.child_family_name, preferredName: null, dateOfBirth: r.child_date_of_birth, nhsNumber: null, upn: null,
        sex: 'U', ethnicity: null, firstLanguage: null, lookedAfter: false, childProtection: false, confirmNotDuplicate: true,
      });
      if (!made.created) throw new UserInputError([{ field: 'choice', message: 'This child may already have a record. Choose it from the list.' }]);
      childId = made.id;
    }
    // Linked before the assessment starts, so the requester is among the family told of it (reg 4).
    const link = await linkRequester(tx, inner, actor, today, r, childId);
    const assessmentId = await startAssessment(inner, actor, today, childId, {
      requestReceived: r.received_on, requestSource: 1, requestedBy: `${r.requester_name} (${requesterRoleLabels[r.requester_relationship]})`,
      summary: r.reasons, caseworkerId: null, publicRequestId: r.id,
    });
    const a = await tx.selectFrom('assessment').select('reference').where('id', '=', assessmentId).executeTakeFirstOrThrow();
    const updated = await tx
      .updateTable('public_request')
      .set({ status: 'accepted', assessment_id: assessmentId, handled_by: actor.id, handled_at: new Date() })
      .where('id', '=', r.id)
      .where('status', '=', 'new')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new UserInputError([{ field: 'choice', message: 'This request has already been handled' }]);
    let invitation: Invitation = 'not-possible';
    if (link.userId && link.needsPassword) {
      const token = await issueRegistrationToken(tx, link.userId);
      const expires = addDays(today, registrationDays);
      await notify(tx, {
        recipients: [link.userId], laCode: r.la_code, kind: 'account-invitation', childId,
        subject: `Create your account to follow your request (${r.reference})`,
        body: `We have received your request for an education, health and care needs assessment (reference ${r.reference}, case ${a.reference}). A caseworker will contact you. Use the link to set a password for your joinedup account, so that you can follow the case online. The link works once, and until ${expires}. If you did not ask for this, you can ignore this message.`,
        link: `/register/${token}`,
        personalTerms: [r.child_given_name, r.child_family_name, r.requester_name],
      });
      invitation = 'invited';
    } else if (link.userId) {
      await notify(tx, {
        recipients: [link.userId], laCode: r.la_code, kind: 'request-accepted', childId,
        subject: `Your request for an EHC needs assessment has been received (${r.reference})`,
        body: `We have matched your request (reference ${r.reference}) to your child’s record: the case is ${a.reference}. A caseworker will contact you. You can follow the case when you sign in.`,
        link: `/assessments/${assessmentId}`,
        personalTerms: [r.child_given_name, r.child_family_name, r.requester_name],
      });
      invitation = 'told';
    }
    await audit(tx, actor, {
      action: 'update', entity: 'public-request', entityId: r.id, childId, laCode: r.la_code, route: 'send-team',
      detail: { status: 'accepted', reference: r.reference, assessmentId, createdChild, invitation },
    });
    return { assessmentId, assessmentReference: a.reference, childId, createdChild, requestReceived: r.received_on, invitation };
  });
}

/** Rejects a request (for example, a duplicate of one already being handled). The reason is kept in the audit row. */
export async function rejectRequest(db: Db, actor: Actor, _today: string, id: string, reason: string): Promise<{ reference: string }> {
  const laCode = triageArea(actor);
  return inTransaction(db, async (tx) => {
    const r = await loadRequest(tx, laCode, id, true);
    if (r.status !== 'new') throw new UserInputError([{ field: 'reason', message: `This request has already been ${r.status}` }]);
    await tx.updateTable('public_request').set({ status: 'rejected', handled_by: actor.id, handled_at: new Date() }).where('id', '=', r.id).execute();
    await audit(tx, actor, { action: 'update', entity: 'public-request', entityId: r.id, laCode: r.la_code, detail: { status: 'rejected', reference: r.reference, reason } });
    return { reference: r.reference };
  });
}
