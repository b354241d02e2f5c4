// The inbox's SQL. A user sees only their own messages: every query is keyed by the acting user's id, and a
// message of someone else's answers 404 exactly like one that does not exist.
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import type { Executor } from '../platform/db/transaction.ts';
import { NotFoundError } from '../platform/web/validation.ts';
import { isUuid } from './domain.ts';

export interface InboxItem {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string;
  childId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface InboxPage {
  items: InboxItem[];
  /** Messages matching the filter. */
  total: number;
  /** Unread messages in the whole inbox. */
  unread: number;
}

const columns = ['id', 'kind', 'subject', 'body', 'link', 'child_id', 'created_at', 'read_at'] as const;
type Row = { id: string; kind: string; subject: string; body: string; link: string; child_id: string | null; created_at: Date; read_at: Date | null };
const toItem = (r: Row): InboxItem => ({ id: r.id, kind: r.kind, subject: r.subject, body: r.body, link: r.link, childId: r.child_id, createdAt: r.created_at, readAt: r.read_at });

/** The actor's messages, newest first, a page at a time; optionally only one kind, or only unread. */
export async function listInbox(db: Executor, actor: Actor, opts: { page: number; pageSize: number; kind?: string | undefined; unreadOnly?: boolean | undefined }): Promise<InboxPage> {
  const filtered = db
    .selectFrom('inbox_message')
    .where('user_id', '=', actor.id)
    .$if(!!opts.kind, (q) => q.where('kind', '=', opts.kind ?? ''))
    .$if(!!opts.unreadOnly, (q) => q.where('read_at', 'is', null));
  const match = sql.join([sql`true`, ...(opts.kind ? [sql`kind = ${opts.kind}`] : []), ...(opts.unreadOnly ? [sql`read_at is null`] : [])], sql` and `);
  const [rows, counts] = await Promise.all([
    filtered.select(columns).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.pageSize).offset((opts.page - 1) * opts.pageSize).execute(),
    db
      .selectFrom('inbox_message')
      .where('user_id', '=', actor.id)
      .select([sql<number>`count(*) filter (where ${match})`.as('total'), sql<number>`count(*) filter (where read_at is null)`.as('unread')])
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toItem), total: Number(counts.total), unread: Number(counts.unread) };
}

/** One of the actor's messages, marked read the first time it is opened; 404 for anyone else's. */
export async function openMessage(db: Executor, actor: Actor, id: string): Promise<InboxItem> {
  if (!isUuid(id)) throw new NotFoundError('Message');
  const row = await db
    .updateTable('inbox_message')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', actor.id)
    .returning(columns)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Message');
  return toItem(row);
}

/** Marks every unread message of the actor's as read; returns how many. */
export async function markAllRead(db: Executor, actor: Actor): Promise<number> {
  const r = await db.updateTable('inbox_message').set({ read_at: sql<Date>`now()` }).where('user_id', '=', actor.id).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** How many unread messages the user has (the number in the menu). */
export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const r = await db.selectFrom('inbox_message').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}
