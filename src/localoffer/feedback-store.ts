// Comments in the database (lo_feedback): posted without an account, answered and moderated by the council, and
// the approved ones published on "you said, we did". The commenter's name and email are kept for the reply and
// never published; what is shown is the moderator's text (personal details removed by feedback.ts first).
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { audit } from '../platform/audit/audit.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Executor, type Tx } from '../platform/db/transaction.ts';
import { NotFoundError, UserInputError } from '../platform/web/validation.ts';
import { isUuid } from '../children/store.ts';
import { notify } from '../notifications/notify.ts';
import { defaultPublicResponse, feedbackReference, feedbackStatus, redactPersonalDetails, type CommentInput, type FeedbackStatus } from './feedback.ts';
import { managedArea } from './manage-store.ts';

/** The public form's actor: nobody signed in. */
const visitor = (from: { ip?: string | undefined; userAgent?: string | undefined }): Actor => ({
  id: '00000000-0000-0000-0000-000000000000', kind: 'family', name: 'Member of the public (have your say)', email: '', roles: [], organisation: null, via: 'system', ip: from.ip, userAgent: from.userAgent,
});

/** A listed service of the area, for "a comment about this service"; null when it is not one. */
export async function listedService(exec: Executor, laCode: string, serviceId: string | null): Promise<{ id: string; name: string } | null> {
  if (!serviceId || !isUuid(serviceId)) return null;
  const r = await exec.selectFrom('lo_service').select(['id', 'name']).where('id', '=', serviceId).where('la_code', '=', laCode).where('listed', '=', true).executeTakeFirst();
  return r ?? null;
}

/** The council staff told of a new comment: the area's local offer officers, or its SEND managers when it has none. */
async function officersOf(tx: Tx, laCode: string): Promise<string[]> {
  const staff = (role: string) =>
    tx.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id').select('u.id').where('o.kind', '=', 'send-team').where('o.la_code', '=', laCode).where('u.disabled_at', 'is', null).where(sql<boolean>`${role} = ANY(u.roles)`).execute();
  const officers = await staff('local-offer-officer');
  return (officers.length ? officers : await staff('send-manager')).map((u) => u.id);
}

/** Saves a comment with its reference; the officers are told (the notice carries the reference, never the words). */
export async function submitComment(db: Db, from: { ip?: string | undefined; userAgent?: string | undefined }, laCode: string, today: string, v: CommentInput): Promise<{ reference: string }> {
  return inTransaction(db, async (tx) => {
    const service = await listedService(tx, laCode, v.serviceId);
    const year = today.slice(0, 4);
    const prefix = `LO-${laCode}-${year}-`;
    await sql`SELECT pg_advisory_xact_lock(hashtext(${prefix}))`.execute(tx);
    const last = await tx.selectFrom('lo_feedback').select('reference').where('reference', 'like', `${prefix}%`).orderBy('reference', 'desc').limit(1).executeTakeFirst();
    const reference = feedbackReference(laCode, year, (last ? Number(last.reference.slice(prefix.length)) || 0 : 0) + 1);
    const row = await tx
      .insertInto('lo_feedback')
      .values({ la_code: laCode, reference, service_id: service?.id ?? null, about: service ? 'service' : 'local-offer', body: v.body, name: v.name, email: v.email })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, visitor(from), { action: 'create', entity: 'lo_feedback', entityId: row.id, laCode, detail: { reference } });
    await notify(tx, {
      recipients: await officersOf(tx, laCode), laCode, kind: 'local-offer-comment', subject: `New comment on the local offer (${reference})`,
      body: `A comment${service ? ` about “${service.name}”` : ' on the local offer'} has been received. Answer it, then approve what is published on “you said, we did”.`,
      link: `/local-offer/manage/feedback/${row.id}`,
    });
    return { reference };
  });
}

export interface FeedbackItem {
  id: string;
  reference: string;
  serviceId: string | null;
  serviceName: string | null;
  body: string;
  name: string | null;
  email: string | null;
  receivedAt: Date;
  response: string | null;
  action: string | null;
  respondedAt: Date | null;
  respondedBy: string | null;
  publicComment: string | null;
  publicResponse: string | null;
  moderation: 'pending' | 'approved' | 'not-published';
  moderationReason: string | null;
  moderatedAt: Date | null;
  moderatedBy: string | null;
  status: FeedbackStatus;
}

const columns = [
  'f.id', 'f.reference', 'f.service_id', 's.name as service_name', 'f.body', 'f.name', 'f.email', 'f.received_at', 'f.response', 'f.action', 'f.responded_at', 'r.name as responder',
  'f.public_comment', 'f.public_response', 'f.moderation', 'f.moderation_reason', 'f.moderated_at', 'm.name as moderator',
] as const;

const base = (exec: Executor) =>
  exec.selectFrom('lo_feedback as f').leftJoin('lo_service as s', 's.id', 'f.service_id').leftJoin('app_user as r', 'r.id', 'f.responded_by').leftJoin('app_user as m', 'm.id', 'f.moderated_by');

type Row = Awaited<ReturnType<ReturnType<typeof rowQuery>['executeTakeFirstOrThrow']>>;
const rowQuery = (exec: Executor) => base(exec).select(columns);

function item(r: Row): FeedbackItem {
  return {
    id: r.id, reference: r.reference, serviceId: r.service_id, serviceName: r.service_name, body: r.body, name: r.name, email: r.email, receivedAt: r.received_at,
    response: r.response, action: r.action, respondedAt: r.responded_at, respondedBy: r.responder, publicComment: r.public_comment, publicResponse: r.public_response,
    moderation: r.moderation, moderationReason: r.moderation_reason, moderatedAt: r.moderated_at, moderatedBy: r.moderator,
    status: feedbackStatus({ respondedAt: r.responded_at, moderation: r.moderation }),
  };
}

export type FeedbackFilter = 'to-answer' | 'to-moderate' | 'published' | 'not-published' | 'all';

/** The area's comments: those to answer oldest first; the rest newest first. */
export async function listFeedback(db: Db, actor: Actor, filter: FeedbackFilter): Promise<FeedbackItem[]> {
  const la = managedArea(actor);
  let q = rowQuery(db).where('f.la_code', '=', la);
  if (filter === 'to-answer') q = q.where('f.responded_at', 'is', null).where('f.moderation', '=', 'pending').orderBy('f.received_at');
  else if (filter === 'to-moderate') q = q.where('f.responded_at', 'is not', null).where('f.moderation', '=', 'pending').orderBy('f.responded_at');
  else if (filter === 'published' || filter === 'not-published') q = q.where('f.moderation', '=', filter === 'published' ? 'approved' : 'not-published').orderBy('f.received_at', 'desc');
  else q = q.orderBy('f.received_at', 'desc');
  return (await q.orderBy('f.id').limit(500).execute()).map(item);
}

export async function feedbackCounts(db: Db, actor: Actor): Promise<Record<FeedbackFilter, number>> {
  const la = managedArea(actor);
  const r = await db
    .selectFrom('lo_feedback')
    .select([
      sql<number>`count(*) FILTER (WHERE responded_at IS NULL AND moderation = 'pending')`.as('toAnswer'),
      sql<number>`count(*) FILTER (WHERE responded_at IS NOT NULL AND moderation = 'pending')`.as('toModerate'),
      sql<number>`count(*) FILTER (WHERE moderation = 'approved')`.as('published'),
      sql<number>`count(*) FILTER (WHERE moderation = 'not-published')`.as('notPublished'),
      sql<number>`count(*)`.as('all'),
    ])
    .where('la_code', '=', la)
    .executeTakeFirstOrThrow();
  return { 'to-answer': Number(r.toAnswer), 'to-moderate': Number(r.toModerate), published: Number(r.published), 'not-published': Number(r.notPublished), all: Number(r.all) };
}

export async function loadFeedback(db: Db, actor: Actor, id: string): Promise<FeedbackItem> {
  const la = managedArea(actor);
  if (!isUuid(id)) throw new NotFoundError('Comment');
  const r = await rowQuery(db).where('f.id', '=', id).where('f.la_code', '=', la).executeTakeFirst();
  if (!r) throw new NotFoundError('Comment');
  return item(r);
}

/** The council's answer (it may be changed until the comment is published). */
export async function answerFeedback(db: Db, actor: Actor, id: string, v: { response: string; action: string }): Promise<void> {
  const f = await loadFeedback(db, actor, id);
  if (f.moderation === 'approved') throw new UserInputError([{ field: 'response', message: 'This comment is published. Withdraw it from publication before changing the answer.' }]);
  await inTransaction(db, async (tx) => {
    await tx.updateTable('lo_feedback').set({ response: v.response, action: v.action || null, responded_by: actor.id, responded_at: f.respondedAt ?? new Date() }).where('id', '=', id).execute();
    await audit(tx, actor, { action: 'update', entity: 'lo_feedback', entityId: id, laCode: managedArea(actor), detail: { answered: true } });
  });
}

/** What the moderator starts from: the texts with personal details taken out. */
export function moderationDraft(f: FeedbackItem): { publicComment: string; publicResponse: string } {
  const who = { name: f.name, email: f.email };
  return {
    publicComment: f.publicComment ?? redactPersonalDetails(f.body, who),
    publicResponse: f.publicResponse ?? redactPersonalDetails(defaultPublicResponse(f.response ?? '', f.action ?? ''), who),
  };
}

export type Moderation = { decision: 'approve'; publicComment: string; publicResponse: string } | { decision: 'not-published'; reason: string };

/**
 * Approves the texts the public see (the moderator's, checked once more for what the commenter gave), or records why
 * a comment is not published. Only an answered comment can be published; a published one can be withdrawn.
 */
export async function moderateFeedback(db: Db, actor: Actor, id: string, m: Moderation): Promise<void> {
  const f = await loadFeedback(db, actor, id);
  if (m.decision === 'approve' && !f.respondedAt) throw new UserInputError([{ field: 'decision', message: 'Answer the comment before publishing it' }]);
  const who = { name: f.name, email: f.email };
  await inTransaction(db, async (tx) => {
    const decided = { moderated_by: actor.id, moderated_at: new Date() };
    if (m.decision === 'approve') {
      await tx.updateTable('lo_feedback').set({ moderation: 'approved', public_comment: redactPersonalDetails(m.publicComment, who), public_response: redactPersonalDetails(m.publicResponse, who), moderation_reason: null, ...decided }).where('id', '=', id).execute();
    } else {
      await tx.updateTable('lo_feedback').set({ moderation: 'not-published', moderation_reason: m.reason, ...decided }).where('id', '=', id).execute();
    }
    await audit(tx, actor, { action: 'update', entity: 'lo_feedback', entityId: id, laCode: managedArea(actor), detail: { moderation: m.decision } });
  });
}

export interface PublishedComment {
  reference: string;
  serviceId: string | null;
  serviceName: string | null;
  comment: string;
  response: string;
  receivedAt: Date;
  answeredAt: Date;
}

/** "You said, we did": approved comments and responses, newest answer first. */
export async function listPublishedComments(exec: Executor, laCode: string, page: number, pageSize = 20): Promise<{ items: PublishedComment[]; total: number }> {
  const q = exec.selectFrom('lo_feedback as f').leftJoin('lo_service as s', (j) => j.onRef('s.id', '=', 'f.service_id').on('s.listed', '=', true)).where('f.la_code', '=', laCode).where('f.moderation', '=', 'approved');
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select(['f.reference', 's.id as service_id', 's.name as service_name', 'f.public_comment', 'f.public_response', 'f.received_at', 'f.responded_at'])
    .orderBy('f.responded_at', 'desc')
    .orderBy('f.reference', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total,
    items: rows.map((r) => ({ reference: r.reference, serviceId: r.service_id, serviceName: r.service_name, comment: r.public_comment ?? '', response: r.public_response ?? '', receivedAt: r.received_at, answeredAt: r.responded_at ?? r.received_at })),
  };
}
