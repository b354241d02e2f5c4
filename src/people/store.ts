// People and organisations: users, their organisation and roles, sign-in state, API tokens.
import { sql } from 'kysely';
import type { Actor, Role } from '../platform/access/actor.ts';
import { isRole } from '../platform/access/actor.ts';
import type { Db } from '../platform/db/connect.ts';
import type { Executor } from '../platform/db/transaction.ts';
import type { OrganisationKind, UserKind } from '../platform/db/schema.ts';

export interface UserRow {
  id: string;
  kind: UserKind;
  email: string;
  name: string;
  password_hash: string | null;
  roles: string[];
  disabled_at: Date | null;
  failed_sign_ins: number;
  locked_until: Date | null;
  organisation_id: string | null;
  org_kind: OrganisationKind | null;
  org_name: string | null;
  org_la_code: string | null;
}

function userQuery(db: Executor) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id', 'u.kind', 'u.email', 'u.name', 'u.password_hash', 'u.roles', 'u.disabled_at', 'u.failed_sign_ins', 'u.locked_until',
      'u.organisation_id', 'o.kind as org_kind', 'o.name as org_name', 'o.la_code as org_la_code',
    ]);
}

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return userQuery(db).where(sql`lower(u.email)`, '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return userQuery(db).where('u.id', '=', id).executeTakeFirst();
}

export function findUserByOidcSubject(db: Executor, subject: string): Promise<UserRow | undefined> {
  return userQuery(db).where('u.oidc_subject', '=', subject).executeTakeFirst();
}

/** The acting user, as every store function receives it. */
export function toActor(u: UserRow, via: Actor['via']): Actor {
  return {
    id: u.id,
    kind: u.kind,
    name: u.name,
    email: u.email,
    roles: u.roles.filter((r): r is Role => isRole(r)),
    organisation:
      u.organisation_id && u.org_kind && u.org_name && u.org_la_code
        ? { id: u.organisation_id, kind: u.org_kind, name: u.org_name, laCode: u.org_la_code }
        : null,
    via,
  };
}

/** Counts a failed sign-in; locks the account for lockMinutes after maxFailures in a row. */
export async function recordFailedSignIn(db: Db, userId: string, maxFailures: number, lockMinutes: number): Promise<{ locked: boolean }> {
  const row = await db
    .updateTable('app_user')
    .set((eb) => ({
      failed_sign_ins: eb('failed_sign_ins', '+', 1),
      locked_until: sql<Date | null>`CASE WHEN failed_sign_ins + 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE locked_until END`,
    }))
    .where('id', '=', userId)
    .returning(['failed_sign_ins', 'locked_until'])
    .executeTakeFirst();
  return { locked: !!row?.locked_until && row.locked_until.getTime() > Date.now() };
}

export async function recordSuccessfulSignIn(db: Executor, userId: string): Promise<void> {
  await db.updateTable('app_user').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function findActorByTokenHash(db: Db, tokenHash: string): Promise<Actor | undefined> {
  const tok = await db
    .selectFrom('api_token')
    .select(['id', 'user_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!tok) return undefined;
  const u = await findUserById(db, tok.user_id);
  if (!u || u.disabled_at) return undefined;
  return toActor(u, 'api-token');
}
