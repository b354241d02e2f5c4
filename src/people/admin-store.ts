// User and organisation management for an area's administrators. Every change is audited in its own transaction,
// and a change to someone's access (disable, roles, organisation, their organisation's type) ends their sessions
// so it applies at once.
import { sql } from 'kysely';
import { isRole, type Actor, type Role } from '../platform/access/actor.ts';
import { audit } from '../platform/audit/audit.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Executor } from '../platform/db/transaction.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { newToken } from '../platform/auth/tokens.ts';
import { endSessionsOf } from '../platform/auth/session-store.ts';
import { ForbiddenError, NotFoundError, UserInputError, type FieldError } from '../platform/web/validation.ts';
import { isUuid } from '../children/store.ts';
import { findOrganisation } from './directory.ts';
import { misplacedRoles, organisationKindLabels, type OrganisationInput } from './domain.ts';
import { roleLabels } from '../platform/access/actor.ts';

/** The admin's own area: they manage its organisations' staff, and family accounts. */
function adminArea(actor: Actor): string {
  if (!actor.roles.includes('admin') || !actor.organisation) throw new NotFoundError('Page');
  return actor.organisation.laCode;
}

export function requireAdmin(actor: Actor): void {
  adminArea(actor);
}

export async function listUsers(db: Db, actor: Actor, q: string) {
  const la = adminArea(actor);
  let query = db
    .selectFrom('app_user as u')
    .leftJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.name', 'u.email', 'u.kind', 'u.roles', 'u.disabled_at', 'u.locked_until', 'o.name as organisation'])
    .where((eb) => eb.or([eb('o.la_code', '=', la), eb('u.kind', '=', 'family')]));
  if (q) query = query.where((eb) => eb.or([eb(sql`lower(u.name)`, 'like', `%${q.toLowerCase()}%`), eb(sql`lower(u.email)`, 'like', `%${q.toLowerCase()}%`)]));
  return query.orderBy('o.name').orderBy('u.name').limit(200).execute();
}

async function checkOrganisation(db: Db, la: string, organisationId: string | null, roles: Role[]): Promise<void> {
  if (!organisationId) return;
  const org = isUuid(organisationId) ? await findOrganisation(db, organisationId) : undefined;
  if (!org || org.laCode !== la) throw new UserInputError([{ field: 'organisationId', message: 'Select an organisation in your area' }]);
  const wrong = misplacedRoles(roles, org.kind);
  if (wrong.length) throw new UserInputError([{ field: 'roles', message: `${wrong.map((r) => roleLabels[r]).join(', ')} cannot work at ${org.name}` }]);
}

export async function createUser(db: Db, actor: Actor, v: { kind: 'staff' | 'family' | 'service'; name: string; email: string; organisationId: string | null; roles: Role[]; password: string }): Promise<string> {
  const la = adminArea(actor);
  await checkOrganisation(db, la, v.kind !== 'family' ? v.organisationId : null, v.roles);
  const taken = await db.selectFrom('app_user').select('id').where(sql`lower(email)`, '=', v.email.toLowerCase()).executeTakeFirst();
  if (taken) throw new UserInputError([{ field: 'email', message: 'There is already an account with this email address' }]);
  const hash = await hashPassword(v.password);
  return inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('app_user')
      .values({ kind: v.kind, name: v.name, email: v.email, password_hash: hash, organisation_id: v.kind !== 'family' ? v.organisationId : null, roles: v.kind !== 'family' ? v.roles : [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'create', entity: 'user', entityId: row.id, detail: { kind: v.kind, roles: v.roles, organisationId: v.organisationId } });
    return row.id;
  });
}

async function loadManaged(db: Db, actor: Actor, id: string) {
  const la = adminArea(actor);
  if (!isUuid(id)) throw new NotFoundError('User');
  const u = await db
    .selectFrom('app_user as u')
    .leftJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.name', 'u.email', 'u.kind', 'u.roles', 'u.organisation_id', 'u.disabled_at', 'u.locked_until', 'u.failed_sign_ins', 'o.la_code'])
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!u || (u.kind !== 'family' && u.la_code !== la)) throw new NotFoundError('User');
  return u;
}

export const getManagedUser = loadManaged;

export async function updateUser(db: Db, actor: Actor, id: string, v: { name: string; organisationId: string | null; roles: Role[] }): Promise<void> {
  const u = await loadManaged(db, actor, id);
  const la = adminArea(actor);
  if (u.kind !== 'family') await checkOrganisation(db, la, v.organisationId, v.roles);
  if (u.kind !== 'family' && !v.organisationId) throw new UserInputError([{ field: 'organisationId', message: 'Select their organisation' }]);
  if (u.id === actor.id && !v.roles.includes('admin')) throw new UserInputError([{ field: 'roles', message: 'You cannot remove your own administrator role' }]);
  await inTransaction(db, async (tx) => {
    await tx.updateTable('app_user').set({ name: v.name, organisation_id: u.kind !== 'family' ? v.organisationId : null, roles: u.kind !== 'family' ? v.roles : [] }).where('id', '=', id).execute();
    await audit(tx, actor, { action: 'update', entity: 'user', entityId: id, detail: { roles: v.roles, organisationId: v.organisationId, previousOrganisationId: u.organisation_id } });
  });
  await endSessionsOf(db, id);
}

export async function setDisabled(db: Db, actor: Actor, id: string, disabled: boolean): Promise<void> {
  const u = await loadManaged(db, actor, id);
  if (u.id === actor.id) throw new ForbiddenError('You cannot disable your own account.');
  await inTransaction(db, async (tx) => {
    await tx.updateTable('app_user').set({ disabled_at: disabled ? new Date() : null }).where('id', '=', id).execute();
    await tx.updateTable('api_token').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).where(() => sql<boolean>`${disabled}`).execute();
    await audit(tx, actor, { action: 'update', entity: 'user', entityId: id, detail: { disabled } });
  });
  if (disabled) await endSessionsOf(db, id);
}

export async function unlock(db: Db, actor: Actor, id: string): Promise<void> {
  await loadManaged(db, actor, id);
  await inTransaction(db, async (tx) => {
    await tx.updateTable('app_user').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', id).execute();
    await audit(tx, actor, { action: 'update', entity: 'user', entityId: id, detail: { unlocked: true } });
  });
}

/** Issues an API token for a service account; the token is returned once and only its hash is kept. */
export async function issueToken(db: Db, actor: Actor, id: string, name: string): Promise<string> {
  const u = await loadManaged(db, actor, id);
  if (u.kind !== 'service') throw new UserInputError([{ field: 'tokenName', message: 'API tokens are for service accounts only' }]);
  const { token, hash } = newToken();
  await inTransaction(db, async (tx) => {
    const row = await tx.insertInto('api_token').values({ user_id: id, name: name || 'API token', token_hash: hash }).returning('id').executeTakeFirstOrThrow();
    await audit(tx, actor, { action: 'create', entity: 'api-token', entityId: row.id, detail: { userId: id } });
  });
  return token;
}

export async function listTokens(db: Db, actor: Actor, id: string) {
  await loadManaged(db, actor, id);
  return db.selectFrom('api_token').select(['id', 'name', 'created_at', 'revoked_at']).where('user_id', '=', id).orderBy('created_at', 'desc').execute();
}

export async function revokeToken(db: Db, actor: Actor, id: string, tokenId: string): Promise<void> {
  await loadManaged(db, actor, id);
  if (!isUuid(tokenId)) throw new NotFoundError('Token');
  await inTransaction(db, async (tx) => {
    const r = await tx.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', tokenId).where('user_id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new NotFoundError('Token');
    await audit(tx, actor, { action: 'update', entity: 'api-token', entityId: tokenId, detail: { revoked: true } });
  });
}

// Organisations: the area's SEND team, health providers and the ICB, social care, schools and settings. Their type
// decides which roles their staff may hold (domain.ts's roleHomes) and which consent covers them (access policy).

/** The area's organisations, by name, with how many accounts each has. */
export async function listAreaOrganisations(db: Db, actor: Actor) {
  const la = adminArea(actor);
  return db
    .selectFrom('organisation as o')
    .leftJoin('app_user as u', 'u.organisation_id', 'o.id')
    .select(['o.id', 'o.name', 'o.kind', 'o.urn', 'o.ukprn', (eb) => eb.fn.count<number>('u.id').as('users')])
    .where('o.la_code', '=', la)
    .groupBy(['o.id', 'o.name', 'o.kind', 'o.urn', 'o.ukprn'])
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
}

/** One organisation of the admin's area, with its accounts; 404 for any other. */
export async function getManagedOrganisation(db: Executor, actor: Actor, id: string) {
  const la = adminArea(actor);
  if (!isUuid(id)) throw new NotFoundError('Organisation');
  const o = await db.selectFrom('organisation').select(['id', 'name', 'kind', 'urn', 'ukprn', 'la_code']).where('id', '=', id).where('la_code', '=', la).executeTakeFirst();
  if (!o) throw new NotFoundError('Organisation');
  const users = await db.selectFrom('app_user').select(['id', 'name', 'kind', 'roles', 'disabled_at']).where('organisation_id', '=', id).orderBy('name').orderBy('id').execute();
  return { ...o, users };
}

/** Refuses a name, URN or UKPRN another organisation in the area already has, naming it. */
async function checkUnique(tx: Executor, la: string, v: OrganisationInput, exceptId: string | null): Promise<void> {
  let q = tx
    .selectFrom('organisation')
    .select(['id', 'name', 'urn', 'ukprn'])
    .where('la_code', '=', la)
    .where((eb) => {
      const clash = [eb(sql`lower(name)`, '=', v.name.toLowerCase())];
      if (v.urn) clash.push(eb('urn', '=', v.urn));
      if (v.ukprn) clash.push(eb('ukprn', '=', v.ukprn));
      return eb.or(clash);
    });
  if (exceptId) q = q.where('id', '<>', exceptId);
  const others = await q.execute();
  const errors: FieldError[] = [];
  if (others.some((o) => o.name.toLowerCase() === v.name.toLowerCase())) errors.push({ field: 'name', message: `There is already an organisation called ${v.name} in your area. Add the town or another detail to tell them apart` });
  const urn = others.find((o) => v.urn && o.urn === v.urn);
  if (urn) errors.push({ field: 'urn', message: `URN ${v.urn} is already used by ${urn.name}` });
  const ukprn = others.find((o) => v.ukprn && o.ukprn === v.ukprn);
  if (ukprn) errors.push({ field: 'ukprn', message: `UKPRN ${v.ukprn} is already used by ${ukprn.name}` });
  if (errors.length) throw new UserInputError(errors);
}

/** A unique index (0006) caught what checkUnique could not see: another administrator saved first. */
function uniqueClash(err: unknown, v: OrganisationInput): UserInputError | undefined {
  const e = err as { code?: string; constraint?: string };
  if (e.code !== '23505') return undefined;
  if (e.constraint === 'organisation_area_urn') return new UserInputError([{ field: 'urn', message: `URN ${v.urn ?? ''} is already used by another organisation in your area` }]);
  if (e.constraint === 'organisation_area_ukprn') return new UserInputError([{ field: 'ukprn', message: `UKPRN ${v.ukprn ?? ''} is already used by another organisation in your area` }]);
  return new UserInputError([{ field: 'name', message: `There is already an organisation called ${v.name} in your area. Add the town or another detail to tell them apart` }]);
}

export async function createOrganisation(db: Db, actor: Actor, v: OrganisationInput): Promise<string> {
  const la = adminArea(actor);
  try {
    return await inTransaction(db, async (tx) => {
      await checkUnique(tx, la, v, null);
      const row = await tx.insertInto('organisation').values({ la_code: la, kind: v.kind, name: v.name, urn: v.urn, ukprn: v.ukprn }).returning('id').executeTakeFirstOrThrow();
      await audit(tx, actor, { action: 'create', entity: 'organisation', entityId: row.id, laCode: la, detail: { name: v.name, kind: v.kind, urn: v.urn, ukprn: v.ukprn } });
      return row.id;
    });
  } catch (err) {
    throw uniqueClash(err, v) ?? err;
  }
}

/**
 * Saves an organisation's name, type and references. A change of type that would leave any of its accounts with
 * a role that does not fit is refused, naming them; an accepted change of type ends its users' sessions, since the
 * type decides what they may see. Returns whether the type changed.
 */
export async function updateOrganisation(db: Db, actor: Actor, id: string, v: OrganisationInput): Promise<{ kindChanged: boolean }> {
  const la = adminArea(actor);
  let userIds: string[] = [];
  let kindChanged = false;
  try {
    await inTransaction(db, async (tx) => {
      // Hold the row while checking its users and neighbours, so two saves of it cannot interleave.
      if (isUuid(id)) await tx.selectFrom('organisation').select('id').where('id', '=', id).where('la_code', '=', la).forUpdate().execute();
      const before = await getManagedOrganisation(tx, actor, id);
      kindChanged = before.kind !== v.kind;
      if (kindChanged) {
        const misfits = before.users.flatMap((u) => {
          const wrong = misplacedRoles(u.roles.filter(isRole), v.kind);
          return wrong.length ? [`${u.name} (${wrong.map((r) => roleLabels[r]).join(', ')})`] : [];
        });
        if (misfits.length) {
          const shown = misfits.length > 10 ? [...misfits.slice(0, 10), `${misfits.length - 10} more`] : misfits;
          throw new UserInputError([{ field: 'kind', message: `The type cannot change to ${organisationKindLabels[v.kind]} while these users have roles that do not fit it. Change their roles or organisation first: ${shown.join('; ')}` }]);
        }
      }
      const changed = before.name !== v.name || kindChanged || before.urn !== v.urn || before.ukprn !== v.ukprn;
      if (!changed) return;
      await checkUnique(tx, la, v, id);
      await tx.updateTable('organisation').set({ name: v.name, kind: v.kind, urn: v.urn, ukprn: v.ukprn }).where('id', '=', id).execute();
      await audit(tx, actor, {
        action: 'update', entity: 'organisation', entityId: id, laCode: la,
        detail: { name: v.name, kind: v.kind, urn: v.urn, ukprn: v.ukprn, previous: { name: before.name, kind: before.kind, urn: before.urn, ukprn: before.ukprn } },
      });
      userIds = before.users.map((u) => u.id);
    });
  } catch (err) {
    throw uniqueClash(err, v) ?? err;
  }
  if (kindChanged) for (const userId of userIds) await endSessionsOf(db, userId);
  return { kindChanged };
}
