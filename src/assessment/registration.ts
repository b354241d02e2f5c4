// The one-time link that lets a requester whose request was accepted set a password (public-request.ts invites).
// It is stored like an API token (api_token: hashed, revoked when used), under its own name, with its own prefix
// and a domain-separated hash, so it can never be used as a bearer token (which must start with `jdu_` and is
// hashed without the separator). It expires 14 days after it was issued.
import { createHash, randomBytes } from 'node:crypto';
import { systemActor } from '../platform/access/actor.ts';
import { audit } from '../platform/audit/audit.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Executor, type Tx } from '../platform/db/transaction.ts';
import { UserInputError } from '../platform/web/validation.ts';
import { hashPassword, passwordProblem } from '../platform/auth/passwords.ts';
import { findUserById, toActor } from '../people/store.ts';

const registrationTokenName = 'registration-link';
const registrationPrefix = 'reg_';
export const registrationDays = 14;
const registrationHash = (token: string): string => createHash('sha256').update(`registration:${token}`).digest('hex');

/** A new one-time link for the user; any earlier link of theirs stops working. */
export async function issueRegistrationToken(tx: Tx, userId: string): Promise<string> {
  await tx.updateTable('api_token').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('name', '=', registrationTokenName).where('revoked_at', 'is', null).execute();
  const token = registrationPrefix + randomBytes(32).toString('base64url');
  await tx.insertInto('api_token').values({ user_id: userId, name: registrationTokenName, token_hash: registrationHash(token) }).execute();
  return token;
}


export type RegistrationLink = { state: 'valid'; tokenId: string; user: { id: string; email: string; name: string } } | { state: 'used' | 'expired' | 'unknown' };

async function findLink(exec: Executor, token: string, lock: boolean): Promise<RegistrationLink> {
  if (!token.startsWith(registrationPrefix) || token.length > 100) return { state: 'unknown' };
  let q = exec
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.created_at', 't.revoked_at', 'u.id as user_id', 'u.email', 'u.name', 'u.kind', 'u.disabled_at'])
    .where('t.token_hash', '=', registrationHash(token))
    .where('t.name', '=', registrationTokenName);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || row.kind !== 'family' || row.disabled_at) return { state: 'unknown' };
  if (row.revoked_at) return { state: 'used' };
  if (row.created_at.getTime() < Date.now() - registrationDays * 86_400_000) return { state: 'expired' };
  return { state: 'valid', tokenId: row.id, user: { id: row.user_id, email: row.email, name: row.name } };
}

/** What a registration link is now: usable, used, expired, or unknown. */
export function checkRegistrationLink(db: Db, token: string): Promise<RegistrationLink> {
  return findLink(db, token, false);
}

/** Sets the password once: the link is spent in the same transaction. */
export async function completeRegistration(db: Db, token: string, password: string, from: { ip?: string | undefined; userAgent?: string | undefined }): Promise<RegistrationLink> {
  const problem = passwordProblem(password);
  if (problem) throw new UserInputError([{ field: 'password', message: problem }]);
  const hash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const link = await findLink(tx, token, true);
    if (link.state !== 'valid') return link;
    const spent = await tx.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', link.tokenId).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return { state: 'used' };
    await tx.updateTable('app_user').set({ password_hash: hash, failed_sign_ins: 0, locked_until: null }).where('id', '=', link.user.id).execute();
    const u = await findUserById(tx, link.user.id);
    const actor = u ? { ...toActor(u, 'session'), ip: from.ip, userAgent: from.userAgent } : { ...systemActor, ip: from.ip, userAgent: from.userAgent };
    await audit(tx, actor, { action: 'update', entity: 'user-registration', entityId: link.user.id });
    return link;
  });
}
