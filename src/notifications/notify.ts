// The one way a capability tells people something (issue 3 §4): an inbox row for each recipient, and an email
// waiting in the outbox for each one with an address. Both are written with the caller's executor, inside the
// transaction of the change that caused them, so a message exists only if that change committed; the mailer
// (mailer.ts) sends the outbox afterwards.
import type { Executor, Tx } from '../platform/db/transaction.ts';
import { checkMessage, isUuid, looksLikeEmail, type CheckedMessage } from './domain.ts';

export interface Message {
  /** app_user ids (staff or family users); unknown or disabled users, and service accounts, are skipped. */
  recipients: string[];
  /** The local area of the case. */
  laCode: string;
  /** e.g. 'advice-requested', 'decision', 'exception', 'draft-issued': a free key, for filtering. */
  kind: string;
  /** Short (150 characters at most), one line; must not contain a name. */
  subject: string;
  /** Plain text: what changed and what is due (dates in GOV.UK style, '6 January 2025'). No diagnosis. */
  body: string;
  /** A path inside the app, e.g. '/assessments/<uuid>'; the email makes it absolute with PUBLIC_URL. */
  link: string;
  /** For audit and threading; never shown in email. */
  childId?: string | null;
  /** e.g. the child's given and family names: notify throws if the subject contains any of them (whole words, any case). */
  personalTerms?: string[];
}

export { InvalidMessageError, PersonalDetailInSubjectError } from './domain.ts';

/**
 * Records a message for each recipient, with the caller's executor. Throws InvalidMessageError (or
 * PersonalDetailInSubjectError) before writing anything if the message is not fit to send, which rolls back
 * the caller's transaction. Called with the database rather than a transaction, it opens its own.
 */
export async function notify(exec: Executor, message: Message): Promise<void> {
  const m = checkMessage(message);
  const ids = [...new Set(m.recipients.filter(isUuid).map((id) => id.toLowerCase()))];
  if (ids.length === 0) return;
  if (exec.isTransaction) return write(exec as Tx, m, ids);
  return exec.transaction().execute((tx) => write(tx, m, ids));
}

async function write(tx: Tx, m: CheckedMessage, ids: string[]): Promise<void> {
  const users = await tx
    .selectFrom('app_user')
    .select(['id', 'email'])
    .where('id', 'in', ids)
    .where('disabled_at', 'is', null)
    .where('kind', 'in', ['staff', 'family'])
    .orderBy('id')
    .execute();
  if (users.length === 0) return;
  const rows = await tx
    .insertInto('inbox_message')
    .values(users.map((u) => ({ user_id: u.id, la_code: m.laCode, kind: m.kind, subject: m.subject, body: m.body, link: m.link, child_id: m.childId ?? null })))
    .returning(['id', 'user_id'])
    .execute();
  const emailOf = new Map(users.map((u) => [u.id, u.email.trim()]));
  const outbox = rows.flatMap((r) => {
    const to = emailOf.get(r.user_id);
    return to && looksLikeEmail(to) ? [{ message_id: r.id, la_code: m.laCode, to_address: to }] : [];
  });
  if (outbox.length) await tx.insertInto('mail_outbox').values(outbox).execute();
}
