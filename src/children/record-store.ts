// The parts of a child's record that families and professionals write: about me, family, team,
// consent, documents; and what they read back: the timeline and the audit trail.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { agencyOf } from '../platform/access/actor.ts';
import { inTeamSql, overrideHours, reachesChildRecords, type AccessRoute } from '../platform/access/policy.ts';
import { audit } from '../platform/audit/audit.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Executor } from '../platform/db/transaction.ts';
import { NotFoundError, UserInputError } from '../platform/web/validation.ts';
import { changeChild, isUuid, loadChild, readChild, type VisibleChild } from './store.ts';
import type { AboutMe } from './domain.ts';
import { consentGiverProblem, relationshipLabel } from './domain.ts';
import { ageOn } from './young-person.ts';

async function timeline(exec: Executor, child: { id: string; la_code: string }, actor: Actor, today: string, kind: string, title: string, detail: string | null = null): Promise<void> {
  await exec.insertInto('timeline_event').values({ child_id: child.id, la_code: child.la_code, occurred_on: today, kind, title, detail, actor_id: actor.via === 'system' ? null : actor.id }).execute();
}

export async function loadAboutMe(exec: Executor, childId: string) {
  return exec.selectFrom('about_me as a').leftJoin('app_user as u', 'u.id', 'a.updated_by').select(['a.what_matters', 'a.like_and_admire', 'a.how_to_support', 'a.history', 'a.updated_at', 'a.version', 'u.name as updated_by_name']).where('a.child_id', '=', childId).executeTakeFirst();
}

export function readAboutMe(db: Db, actor: Actor, today: string, id: string) {
  return readChild(db, actor, today, id, 'about-me', (tx) => loadAboutMe(tx, id));
}

/** Saves "about me"; refuses to overwrite someone else's newer words. */
export function saveAboutMe(db: Db, actor: Actor, today: string, id: string, v: AboutMe): Promise<void> {
  return changeChild(db, actor, today, id, 'edit-about-me', async (tx, child) => {
    const current = await loadAboutMe(tx, id);
    if (current && v.version === undefined) {
      throw new UserInputError([{ field: 'version', message: 'Send the version of “about me” you read, so nobody’s words are overwritten unseen' }]);
    }
    if (current && current.version !== v.version) {
      throw new UserInputError([{ field: 'whatMatters', message: `${current.updated_by_name ?? 'Someone'} changed this page while you were writing. Your words have not been lost: copy them, reload the page, and add them again.` }]);
    }
    const values = { what_matters: v.whatMatters, like_and_admire: v.likeAndAdmire, how_to_support: v.howToSupport, history: v.history, updated_by: actor.id, updated_at: new Date() };
    await tx
      .insertInto('about_me')
      .values({ child_id: id, la_code: child.la_code, ...values })
      .onConflict((oc) => oc.column('child_id').doUpdateSet({ ...values, version: sql`about_me.version + 1` }))
      .execute();
    await timeline(tx, child, actor, today, 'about-me', 'About me updated', `By ${actor.name}`);
    return { result: undefined, entity: 'about-me' };
  });
}

export function listFamily(exec: Executor, childId: string) {
  return exec.selectFrom('family_member').selectAll().where('child_id', '=', childId).orderBy('ended_on', 'desc').orderBy('parental_responsibility', 'desc').orderBy('name').execute();
}

export function readFamily(db: Db, actor: Actor, today: string, id: string) {
  return readChild(db, actor, today, id, 'family', (tx) => listFamily(tx, id));
}

export function addFamilyMember(db: Db, actor: Actor, today: string, id: string, v: { name: string; relationship: string; parentalResponsibility: boolean; email: string | null; phone: string | null; address: string | null }) {
  return changeChild(db, actor, today, id, 'edit-family', async (tx, child) => {
    const row = await tx
      .insertInto('family_member')
      .values({ child_id: id, la_code: child.la_code, name: v.name, relationship: v.relationship, parental_responsibility: v.parentalResponsibility, email: v.email, phone: v.phone, address: v.address })
      .returning('id')
      .executeTakeFirstOrThrow();
    await timeline(tx, child, actor, today, 'family', `${v.name} added as ${relationshipLabel(v.relationship).toLowerCase()}`);
    return { result: row.id, entity: 'family-member', entityId: row.id, kind: 'create' };
  });
}

export function listTeam(exec: Executor, childId: string) {
  return exec
    .selectFrom('team_member as t')
    .innerJoin('organisation as o', 'o.id', 't.organisation_id')
    .leftJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.role', 't.started_on', 't.ended_on', 't.user_id', 'o.id as organisation_id', 'o.name as organisation_name', 'o.kind as organisation_kind', 'o.urn', 'u.name as person_name', 'u.email as person_email'])
    .where('t.child_id', '=', childId)
    .orderBy(sql`t.ended_on IS NULL`, 'desc')
    .orderBy('t.started_on', 'desc')
    .execute();
}

export function readTeam(db: Db, actor: Actor, today: string, id: string) {
  return readChild(db, actor, today, id, 'team', (tx) => listTeam(tx, id));
}

export function addTeamMember(db: Db, actor: Actor, today: string, id: string, v: { organisationId: string; userId: string | null; role: string; startedOn: string; endedOn?: string | undefined }) {
  return changeChild(db, actor, today, id, 'edit-team', async (tx, child) => {
    const org = await tx.selectFrom('organisation').select(['id', 'name', 'kind']).where('id', '=', v.organisationId).executeTakeFirst();
    if (!org) throw new UserInputError([{ field: 'organisationId', message: 'Select an organisation from the list' }]);
    // The access policy gives a provider of local offer services no child's record (platform/access/policy.ts).
    if (org.kind === 'provider') throw new UserInputError([{ field: 'organisationId', message: `${org.name} provides local offer services and cannot join the team around a child` }]);
    if (v.userId) {
      const person = await tx.selectFrom('app_user').select('id').where('id', '=', v.userId).where('organisation_id', '=', v.organisationId).executeTakeFirst();
      if (!person) throw new UserInputError([{ field: 'userId', message: 'Select a person who works for that organisation' }]);
    }
    const row = await tx
      .insertInto('team_member')
      .values({ child_id: id, la_code: child.la_code, organisation_id: v.organisationId, user_id: v.userId, role: v.role, started_on: v.startedOn, ended_on: v.endedOn ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await timeline(tx, child, actor, v.startedOn, 'team', `${org.name} joined the team around the child`, v.role);
    return { result: row.id, entity: 'team-member', entityId: row.id, kind: 'create' };
  });
}

export function endTeamMember(db: Db, actor: Actor, today: string, id: string, memberId: string) {
  return changeChild(db, actor, today, id, 'edit-team', async (tx, child) => {
    if (!isUuid(memberId)) throw new NotFoundError('Team member');
    const row = await tx
      .updateTable('team_member')
      .set({ ended_on: today })
      .where('id', '=', memberId)
      .where('child_id', '=', id)
      .where('ended_on', 'is', null)
      .returning(['role'])
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Team member');
    await timeline(tx, child, actor, today, 'team', `${row.role} left the team around the child`);
    return { result: undefined, entity: 'team-member', entityId: memberId };
  });
}

export function listConsents(exec: Executor, childId: string) {
  return exec.selectFrom('consent as c').leftJoin('app_user as u', 'u.id', 'c.recorded_by').selectAll('c').select('u.name as recorded_by_name').where('c.child_id', '=', childId).orderBy('c.given_on', 'desc').execute();
}

export function readConsents(db: Db, actor: Actor, today: string, id: string) {
  return readChild(db, actor, today, id, 'consent', async (tx) => ({ consents: await listConsents(tx, id), family: await listFamily(tx, id) }));
}

export interface ConsentInput {
  givenByFamilyMemberId: string | null;
  givenByName: string;
  givenByRole: 'parent' | 'young-person';
  agencies: string[];
  givenOn: string;
  method: string;
  notes: string | null;
}

export function recordConsent(db: Db, actor: Actor, today: string, id: string, v: ConsentInput) {
  return changeChild(db, actor, today, id, 'record-consent', async (tx, child) => {
    let member: { parentalResponsibility: boolean; relationship: string } | null = null;
    if (v.givenByFamilyMemberId) {
      if (!isUuid(v.givenByFamilyMemberId)) throw new UserInputError([{ field: 'givenByFamilyMemberId', message: 'Select who gave consent' }]);
      const fm = await tx.selectFrom('family_member').select(['parental_responsibility', 'relationship', 'user_id']).where('id', '=', v.givenByFamilyMemberId).where('child_id', '=', id).executeTakeFirst();
      if (!fm) throw new UserInputError([{ field: 'givenByFamilyMemberId', message: 'Select who gave consent' }]);
      member = { parentalResponsibility: fm.parental_responsibility, relationship: fm.relationship };
    }
    // A family user records only their own consent.
    if (actor.kind === 'family') {
      const own = await tx.selectFrom('family_member').select(['id', 'relationship', 'parental_responsibility']).where('child_id', '=', id).where('user_id', '=', actor.id).executeTakeFirst();
      if (!own || (v.givenByFamilyMemberId && v.givenByFamilyMemberId !== own.id)) throw new UserInputError([{ field: 'givenByName', message: 'You can only record your own consent' }]);
      member = { parentalResponsibility: own.parental_responsibility, relationship: own.relationship };
      v = { ...v, givenByFamilyMemberId: own.id, givenByRole: own.relationship === 'self' ? 'young-person' : 'parent', method: 'online' };
    }
    const problem = consentGiverProblem(v.givenByRole, ageOn(child.date_of_birth, v.givenOn), member);
    if (problem) throw new UserInputError([{ field: v.givenByRole === 'young-person' ? 'givenByRole' : 'givenByFamilyMemberId', message: problem }]);
    const row = await tx
      .insertInto('consent')
      .values({ child_id: id, la_code: child.la_code, given_by_family_member_id: v.givenByFamilyMemberId, given_by_name: v.givenByName, given_by_role: v.givenByRole, agencies: v.agencies, given_on: v.givenOn, method: v.method, notes: v.notes, recorded_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await timeline(tx, child, actor, v.givenOn, 'consent', `Consent to share given by ${v.givenByName}`, `Covers: ${v.agencies.join(', ').replace('social-care', 'social care')}`);
    return { result: row.id, entity: 'consent', entityId: row.id, kind: 'create', detail: { agencies: v.agencies } };
  });
}

export function withdrawConsent(db: Db, actor: Actor, today: string, id: string, consentId: string, reason: string) {
  return changeChild(db, actor, today, id, 'withdraw-consent', async (tx, child) => {
    if (!isUuid(consentId)) throw new NotFoundError('Consent');
    const row = await tx
      .updateTable('consent')
      .set({ withdrawn_on: today, withdrawn_reason: reason })
      .where('id', '=', consentId)
      .where('child_id', '=', id)
      .where('withdrawn_on', 'is', null)
      .returning(['given_by_name'])
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Consent');
    await timeline(tx, child, actor, today, 'consent', `Consent to share withdrawn`, reason);
    return { result: undefined, entity: 'consent', entityId: consentId, detail: { withdrawn: true } };
  });
}

/**
 * A professional in the child's team whose agency has no consent may still need the record (for example,
 * to keep the child safe). They give a reason; access lasts overrideHours and the override is audited.
 */
export async function recordOverride(db: Db, actor: Actor, today: string, id: string, reason: string): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError('Child');
  await inTransaction(db, async (tx) => {
    const orgId = actor.organisation?.id;
    if (actor.kind === 'family' || !orgId || !reachesChildRecords(actor)) throw new NotFoundError('Child');
    const child = await tx
      .selectFrom('child')
      .select(['child.id', 'child.la_code'])
      .where('child.id', '=', id)
      .where((eb) => inTeamSql(eb, actor, today))
      .executeTakeFirst();
    if (!child) throw new NotFoundError('Child');
    const row = await tx
      .insertInto('access_override')
      .values({ child_id: id, la_code: child.la_code, user_id: actor.id, reason, expires_at: new Date(Date.now() + overrideHours * 3600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'override', entity: 'child', entityId: id, childId: id, laCode: child.la_code, route: 'team-with-override', detail: { reason, agency: agencyOf(actor.organisation?.kind ?? 'school') ?? 'none', hours: overrideHours, overrideId: row.id } });
    await timeline(tx, child, actor, today, 'consent', `${actor.name} viewed the record without consent`, `Reason given: ${reason}`);
  });
}

export function listDocuments(exec: Executor, childId: string) {
  return exec.selectFrom('document as d').leftJoin('app_user as u', 'u.id', 'd.uploaded_by').select(['d.id', 'd.title', 'd.doc_type', 'd.filename', 'd.content_type', 'd.size_bytes', 'd.uploaded_at', 'u.name as uploaded_by_name']).where('d.child_id', '=', childId).orderBy('d.uploaded_at', 'desc').execute();
}

export function readDocuments(db: Db, actor: Actor, today: string, id: string) {
  return readChild(db, actor, today, id, 'documents', (tx) => listDocuments(tx, id));
}

export function addDocument(db: Db, actor: Actor, today: string, id: string, v: { title: string; docType: string; filename: string; contentType: string; content: Buffer }) {
  return changeChild(db, actor, today, id, 'upload-document', async (tx, child) => {
    const sha256 = createHash('sha256').update(v.content).digest('hex');
    const row = await tx
      .insertInto('document')
      .values({ child_id: id, la_code: child.la_code, title: v.title, doc_type: v.docType, filename: v.filename, content_type: v.contentType, size_bytes: v.content.length, sha256, content: v.content, uploaded_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await timeline(tx, child, actor, today, 'document', `Document added: ${v.title}`, `By ${actor.name}`);
    return { result: row.id, entity: 'document', entityId: row.id, kind: 'create', detail: { filename: v.filename, size: v.content.length } };
  });
}

/** A document's content, with the download audited. */
export async function downloadDocument(db: Db, actor: Actor, today: string, id: string, docId: string) {
  if (!isUuid(docId)) throw new NotFoundError('Document');
  return inTransaction(db, async (tx) => {
    const child = await loadChild(tx, actor, today, id);
    const doc = await tx.selectFrom('document').select(['id', 'filename', 'content_type', 'content', 'title']).where('id', '=', docId).where('child_id', '=', id).executeTakeFirst();
    if (!doc) throw new NotFoundError('Document');
    await audit(tx, actor, { action: 'download', entity: 'document', entityId: doc.id, childId: id, laCode: child.la_code, route: child.route });
    return doc;
  });
}

export function readTimeline(db: Db, actor: Actor, today: string, id: string) {
  return readChild(db, actor, today, id, 'timeline', (tx) =>
    tx.selectFrom('timeline_event as t').leftJoin('app_user as u', 'u.id', 't.actor_id').select(['t.id', 't.occurred_on', 't.recorded_at', 't.kind', 't.title', 't.detail', 'u.name as actor_name']).where('t.child_id', '=', id).orderBy('t.occurred_on', 'desc').orderBy('t.recorded_at', 'desc').limit(500).execute(),
  );
}

export interface AuditView {
  at: Date;
  who: string;
  action: string;
  entity: string;
  via: string | null;
  ip: string | null;
}

/**
 * The audit trail. The SEND team sees every entry; a family sees who has looked at or changed their child's
 * record (not their own visits), which no other product shows them.
 */
export async function readAuditTrail(db: Db, actor: Actor, today: string, id: string, page: number): Promise<{ child: VisibleChild; entries: AuditView[]; total: number }> {
  const { child, data } = await readChild(db, actor, today, id, 'audit', async (tx, c) => {
    const route: AccessRoute = c.route;
    if (route !== 'send-team' && route !== 'family' && route !== 'young-person') throw new NotFoundError('Page');
    let q = tx.selectFrom('audit_event').where('child_id', '=', id);
    if (route !== 'send-team') q = q.where((eb) => eb.or([eb('actor_id', 'is', null), eb('actor_id', '<>', actor.id)])).where('action', 'in', ['read', 'download', 'create', 'update', 'override'])
      // A name seen in a professional's list or search results is not a look at the record.
      .where('entity', 'not in', ['child-list', 'child-search']);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.select(['at', 'actor_label as who', 'action', 'entity', 'via', 'ip']).orderBy('at', 'desc').orderBy('id', 'desc').limit(50).offset((page - 1) * 50).execute();
    return { entries: rows.map((r) => ({ ...r, ip: route === 'send-team' ? r.ip : null })), total: total.n };
  });
  return { child, ...data };
}
