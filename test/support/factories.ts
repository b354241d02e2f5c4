// Test data builders (STYLE.md): each creates only what is asked, with unique values, so tests read like
// stories: "the SENCO cannot see a child who left her school".
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/platform/db/connect.ts';
import type { OrganisationKind } from '../../src/platform/db/schema.ts';
import type { Actor, Role } from '../../src/platform/access/actor.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { findUserById, toActor } from '../../src/people/store.ts';

let n = 0;
const next = () => ++n;
export const testPassword = 'correct horse battery staple';
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(testPassword));

export async function buildArea(db: Db, laCode = '990', name = 'Testshire'): Promise<string> {
  await db.insertInto('local_area').values({ la_code: laCode, name }).onConflict((oc) => oc.doNothing()).execute();
  return laCode;
}

export async function buildOrganisation(db: Db, o: { kind: OrganisationKind; laCode?: string; name?: string; urn?: string }): Promise<{ id: string; laCode: string }> {
  const laCode = await buildArea(db, o.laCode ?? '990');
  const i = next();
  const row = await db
    .insertInto('organisation')
    .values({ la_code: laCode, kind: o.kind, name: o.name ?? `${o.kind} ${i}`, urn: o.urn ?? (o.kind === 'school' ? String(100000 + i) : null), ukprn: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, laCode };
}

export async function buildStaff(db: Db, s: { organisationId: string; roles: Role[]; name?: string; email?: string }): Promise<Actor & { email: string }> {
  const i = next();
  const row = await db
    .insertInto('app_user')
    .values({ kind: 'staff', email: s.email ?? `staff${i}-${randomUUID().slice(0, 8)}@test.example`, name: s.name ?? `Staff ${i}`, password_hash: await passwordHash(), organisation_id: s.organisationId, roles: s.roles })
    .returning('id')
    .executeTakeFirstOrThrow();
  const u = await findUserById(db, row.id);
  if (!u) throw new Error('user vanished');
  return { ...toActor(u, 'session'), email: u.email };
}

export async function buildFamilyUser(db: Db, f: { name?: string; email?: string } = {}): Promise<Actor & { email: string }> {
  const i = next();
  const row = await db
    .insertInto('app_user')
    .values({ kind: 'family', email: f.email ?? `family${i}-${randomUUID().slice(0, 8)}@test.example`, name: f.name ?? `Parent ${i}`, password_hash: await passwordHash(), organisation_id: null, roles: [] })
    .returning('id')
    .executeTakeFirstOrThrow();
  const u = await findUserById(db, row.id);
  if (!u) throw new Error('user vanished');
  return { ...toActor(u, 'session'), email: u.email };
}

export async function buildChild(db: Db, c: { laCode?: string; givenName?: string; familyName?: string; dateOfBirth?: string; nhsNumber?: string | null; upn?: string | null } = {}): Promise<{ id: string; laCode: string }> {
  const laCode = await buildArea(db, c.laCode ?? '990');
  const i = next();
  const row = await db
    .insertInto('child')
    .values({ la_code: laCode, given_name: c.givenName ?? `Child${i}`, family_name: c.familyName ?? `Family${i}`, preferred_name: null, date_of_birth: c.dateOfBirth ?? '2016-05-04', nhs_number: c.nhsNumber ?? null, upn: c.upn ?? null, ethnicity: null, first_language: null, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, laCode };
}

export async function addToTeam(db: Db, childId: string, t: { organisationId: string; userId?: string | null; role?: string; startedOn?: string; endedOn?: string | null }): Promise<string> {
  const child = await db.selectFrom('child').select('la_code').where('id', '=', childId).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('team_member')
    .values({ child_id: childId, la_code: child.la_code, organisation_id: t.organisationId, user_id: t.userId ?? null, role: t.role ?? 'Professional', started_on: t.startedOn ?? '2024-09-01', ended_on: t.endedOn ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function giveConsent(db: Db, childId: string, c: { agencies: string[]; givenOn?: string; withdrawnOn?: string | null; givenByRole?: 'parent' | 'young-person' }): Promise<string> {
  const child = await db.selectFrom('child').select('la_code').where('id', '=', childId).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('consent')
    .values({ child_id: childId, la_code: child.la_code, given_by_family_member_id: null, given_by_name: 'A parent', given_by_role: c.givenByRole ?? 'parent', agencies: c.agencies, given_on: c.givenOn ?? '2025-01-10', method: 'written', notes: null, withdrawn_on: c.withdrawnOn ?? null, withdrawn_reason: c.withdrawnOn ? 'Changed their mind' : null, recorded_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function linkFamily(db: Db, childId: string, userId: string | null, f: { relationship?: string; parentalResponsibility?: boolean; grantedByParent?: boolean; grantedByYoungPerson?: boolean; name?: string } = {}): Promise<string> {
  const child = await db.selectFrom('child').select('la_code').where('id', '=', childId).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('family_member')
    .values({
      child_id: childId, la_code: child.la_code, user_id: userId, name: f.name ?? 'A parent', relationship: f.relationship ?? 'mother',
      parental_responsibility: f.parentalResponsibility ?? true, access_granted_by_parent: f.grantedByParent ?? false, access_granted_by_young_person: f.grantedByYoungPerson ?? false,
      email: null, phone: null, address: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Signs in through the real form and returns a cookie header for later requests, plus the CSRF token. */
export async function signIn(app: FastifyInstance, email: string, password = testPassword): Promise<{ cookie: string; csrf: string }> {
  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  let cookie = cookieFrom(page.headers['set-cookie']);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const res = await app.inject({ method: 'POST', url: '/sign-in', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, email, password }).toString() });
  if (res.statusCode !== 303) throw new Error(`sign-in failed (${res.statusCode}): ${res.body.slice(0, 300)}`);
  cookie = cookieFrom(res.headers['set-cookie']) || cookie;
  let home = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
  // Staff who reach no child's record (a provider's listing editor) start elsewhere: follow the one redirect.
  if (home.statusCode === 303 && typeof home.headers.location === 'string') home = await app.inject({ method: 'GET', url: home.headers.location, headers: { cookie } });
  const csrf2 = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';
  return { cookie, csrf: csrf2 };
}

export function cookieFrom(h: string | string[] | undefined): string {
  const all = Array.isArray(h) ? h : h ? [h] : [];
  return all.map((c) => c.split(';')[0]).join('; ');
}
