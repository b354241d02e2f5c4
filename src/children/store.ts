// The child record's SQL. Every function takes the acting user and applies the access policy in SQL
// (platform/access/policy.ts), and every read or change writes its audit row in the same transaction.
import { sql, type Selectable } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { accessRouteSql, inTeamSql, mayCreateChild, mayDo, reachesChildRecords, visibleChild, type AccessRoute, type ChildAction } from '../platform/access/policy.ts';
import { audit, auditReads, auditRow } from '../platform/audit/audit.ts';
import { commitReadWithoutWaiting } from '../platform/db/commit.ts';
import type { Db } from '../platform/db/connect.ts';
import type { ChildTable } from '../platform/db/schema.ts';
import { StatementCache } from '../platform/db/statement-cache.ts';
import { inTransaction, type Executor, type Tx } from '../platform/db/transaction.ts';
import { ForbiddenError, NotFoundError, UserInputError } from '../platform/web/validation.ts';
import type { ChildIdentity } from './domain.ts';
import { findPossibleDuplicates } from './names.ts';

export type ChildRow = Selectable<ChildTable>;
export interface VisibleChild extends ChildRow {
  route: AccessRoute;
}

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => uuidRe.test(s);

export const pageSize = 25;

/** Loads one child the actor may see, or throws NotFound (never Forbidden: existence must not leak). */
export async function loadChild(exec: Executor, actor: Actor, today: string, id: string): Promise<VisibleChild> {
  if (!isUuid(id)) throw new NotFoundError('Child');
  const row = await exec
    .selectFrom('child')
    .selectAll('child')
    .select((eb) => accessRouteSql(actor, today)(eb).as('route'))
    .where('child.id', '=', id)
    .where(visibleChild(actor, today))
    .executeTakeFirst();
  if (!row?.route) throw new NotFoundError('Child');
  return row as VisibleChild;
}

/**
 * Loads one child the actor may see and writes the audit row of that disclosure, in ONE statement: the
 * access check, the read and the audit insert (a data-modifying CTE) commit or fail together, and the
 * hottest route of the service costs one round trip instead of four (bench/README.md, before and after).
 * The statement is built once per actor and part (platform/db/statement-cache.ts): the child's id, today and the
 * request's address and browser are its only per-request values, and they travel as parameters.
 */
export async function loadChildAudited(exec: Executor, actor: Actor, today: string, id: string, part: string): Promise<VisibleChild> {
  if (!isUuid(id)) throw new NotFoundError('Child');
  const found = (await exec.executeQuery<VisibleChild>(childReadStatement(exec, actor, today, id, part))).rows[0];
  if (!found?.route) throw new NotFoundError('Child');
  return found;
}

type ChildReadShape = { actor: Actor; part: string };
type ChildReadSlots = { id: string; today: string; ip: string | null; userAgent: string | null };

/** The child read as Kysely builds it: the policy's route, the read, and the audit insert of the disclosure. */
export function buildChildRead(exec: Executor, s: ChildReadShape, v: ChildReadSlots) {
  const row = auditRow(s.actor, { action: 'read', entity: s.part });
  return (
    exec
      // The route is computed once, here; a child it leaves NULL is invisible (the same rule as visibleChild).
      .with('c', (q) => q.selectFrom('child').selectAll('child').select((eb) => accessRouteSql(s.actor, v.today)(eb).as('route')).where('child.id', '=', v.id))
      .with('a', (q) =>
        q
          .insertInto('audit_event')
          .columns(['actor_id', 'actor_label', 'action', 'entity', 'entity_id', 'child_id', 'la_code', 'via', 'ip', 'user_agent'])
          .expression((eb) =>
            eb
              .selectFrom('c')
              .select([
                sql<string | null>`${row.actor_id}::uuid`.as('actor_id'),
                sql<string>`${row.actor_label}`.as('actor_label'),
                sql<string>`${row.action}`.as('action'),
                sql<string>`${row.entity}`.as('entity'),
                sql<string>`c.id::text`.as('entity_id'),
                'c.id as child_id',
                'c.la_code',
                'c.route as via',
                sql<string | null>`${v.ip}`.as('ip'),
                sql<string | null>`${v.userAgent}`.as('user_agent'),
              ])
              .where('c.route', 'is not', null)
              .where(commitReadWithoutWaiting), // the read commits without waiting for the disk (platform/db/commit.ts)
          ),
      )
      .selectFrom('c')
      .selectAll('c')
      .where('c.route', 'is not', null)
  );
}

const childReads = new StatementCache<Executor, ChildReadShape, ChildReadSlots>(buildChildRead);

/** The compiled child read for this actor, child and request (cached per actor and part). */
export function childReadStatement(exec: Executor, actor: Actor, today: string, id: string, part: string) {
  const row = auditRow(actor, { action: 'read', entity: part });
  // The request's address and browser are slots, not part of the shape (they change per request).
  const shape: ChildReadShape = { actor: { ...actor, ip: undefined, userAgent: undefined }, part };
  return childReads.compile(exec, shape, { id, today, ip: row.ip, userAgent: row.user_agent });
}

/** Reads the child alone, audited: one statement is its own transaction. */
export function readChildOnly(db: Db, actor: Actor, today: string, id: string, part: string): Promise<VisibleChild> {
  return loadChildAudited(db, actor, today, id, part);
}

/**
 * Reads a child's record (or one part of it) and audits the disclosure in the same transaction. `load` may only
 * read, or record that a reading happened (as readPlan's plan_reader row): this transaction commits
 * asynchronously, as the one-statement read does (commitReadWithoutWaiting). A change goes through changeChild.
 */
export function readChild<T>(db: Db, actor: Actor, today: string, id: string, part: string, load: (tx: Tx, child: VisibleChild) => Promise<T>): Promise<{ child: VisibleChild; data: T }> {
  return inTransaction(db, async (tx) => {
    const child = await loadChildAudited(tx, actor, today, id, part);
    return { child, data: await load(tx, child) };
  });
}

/** Changes a child's record after checking the actor may; the change and its audit row commit together. */
export function changeChild<T>(
  db: Db,
  actor: Actor,
  today: string,
  id: string,
  action: ChildAction,
  change: (tx: Tx, child: VisibleChild) => Promise<{ result: T; entity: string; entityId?: string; detail?: Record<string, unknown>; kind?: 'create' | 'update' | 'delete' }>,
): Promise<T> {
  return inTransaction(db, async (tx) => {
    const child = await loadChild(tx, actor, today, id);
    if (!mayDo(child.route, action)) throw new ForbiddenError('Your role cannot change this part of the record.');
    const out = await change(tx, child);
    await audit(tx, actor, { action: out.kind ?? 'update', entity: out.entity, entityId: out.entityId ?? child.id, childId: child.id, laCode: child.la_code, route: child.route, detail: out.detail ?? null });
    return out.result;
  });
}

export interface ChildListItem {
  id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  nhs_number: string | null;
  upn: string | null;
  la_code: string;
  looked_after: boolean;
  child_protection: boolean;
  route: AccessRoute | null;
  team_role: string | null;
}

/**
 * "My children": for staff, the children whose team they are in (in person, or through their school or
 * setting), including those that still need consent; for families, their own children. Audited as one
 * disclosure per child listed.
 */
export async function listMyChildren(db: Db, actor: Actor, today: string, page: number): Promise<{ items: ChildListItem[]; total: number }> {
  // A provider of local offer services, or anyone with only the local offer's roles, is shown no child, not even by name.
  if (actor.kind !== 'family' && !reachesChildRecords(actor)) return { items: [], total: 0 };
  return inTransaction(db, async (tx) => {
    const orgId = actor.organisation?.id ?? '00000000-0000-0000-0000-000000000000';
    let q = tx.selectFrom('child');
    if (actor.kind === 'family') {
      q = q.where(visibleChild(actor, today));
    } else {
      // In the team today, in person or through their organisation (the same test the policy uses).
      q = q.where((eb) => inTeamSql(eb, actor, today));
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = (await q
      .select(['child.id', 'child.given_name', 'child.family_name', 'child.preferred_name', 'child.date_of_birth', 'child.nhs_number', 'child.upn', 'child.la_code', 'child.looked_after', 'child.child_protection'])
      .select((eb) => accessRouteSql(actor, today)(eb).as('route'))
      .select((eb) =>
        eb
          .selectFrom('team_member as tm')
          .select('tm.role')
          .whereRef('tm.child_id', '=', 'child.id')
          .where((w) => w.or([w('tm.user_id', '=', actor.id), w.and([w('tm.user_id', 'is', null), w('tm.organisation_id', '=', orgId)])]))
          .orderBy('tm.started_on', 'desc')
          .limit(1)
          .as('team_role'),
      )
      .orderBy('child.family_name')
      .orderBy('child.given_name')
      .orderBy('child.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute()) as ChildListItem[];
    // Children still waiting for consent are listed by name only, so the professional knows to ask.
    const shown = items.map((c) => (c.route ? c : { ...c, nhs_number: null, upn: null, looked_after: false, child_protection: false }));
    await auditReads(
      tx,
      actor,
      shown.filter((c) => c.route).map((c) => ({ action: 'read' as const, entity: 'child-list', entityId: c.id, childId: c.id, laCode: c.la_code, route: c.route })),
    );
    return { items: shown, total: total.n };
  });
}

/**
 * The name of a child whose team includes the actor, whether or not consent covers them: what "my children"
 * already shows a professional who still needs consent, so the override page can say whose record it opens.
 */
export async function teamChildName(db: Db, actor: Actor, today: string, id: string): Promise<string> {
  if (!isUuid(id) || actor.kind !== 'staff' || !reachesChildRecords(actor)) throw new NotFoundError('Child');
  const row = await db.selectFrom('child').select(['given_name', 'family_name']).where('child.id', '=', id).where((eb) => inTeamSql(eb, actor, today)).executeTakeFirst();
  if (!row) throw new NotFoundError('Child');
  return `${row.given_name} ${row.family_name}`;
}

/** Interprets what was typed into "find a child": an NHS number, a UPN, or a name. */
export function classifySearch(q: string): { kind: 'nhs'; value: string } | { kind: 'upn'; value: string } | { kind: 'name'; value: string } | { kind: 'none' } {
  const compact = q.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{10}$/.test(compact)) return { kind: 'nhs', value: compact };
  if (/^[A-Z]\d{11}[0-9A-Z]$/.test(compact)) return { kind: 'upn', value: compact };
  const name = q.trim().toLowerCase().replace(/\s+/g, ' ');
  return name ? { kind: 'name', value: name } : { kind: 'none' };
}

/** Finds children by name (typo-tolerant), date of birth, NHS number or UPN, among those the actor may see. */
export async function searchChildren(db: Db, actor: Actor, today: string, input: { q: string; dob: string | null; page: number }): Promise<{ items: ChildListItem[]; total: number }> {
  const kind = classifySearch(input.q);
  if (kind.kind === 'none' && !input.dob) return { items: [], total: 0 };
  return inTransaction(db, async (tx) => {
    let q = tx.selectFrom('child').where(visibleChild(actor, today));
    if (kind.kind === 'nhs') q = q.where('child.nhs_number', '=', kind.value);
    if (kind.kind === 'upn') q = q.where('child.upn', '=', kind.value);
    if (kind.kind === 'name') {
      await sql`SET LOCAL pg_trgm.word_similarity_threshold = 0.45`.execute(tx);
      // pg_trgm: word_similarity tolerates typos and partial names ("Jon Smth" finds "John Smith").
      q = q.where((eb) => eb.or([sql<boolean>`${kind.value} <% child.full_name`, eb('child.full_name', 'like', `%${kind.value.replace(/[%_\\]/g, '')}%`)]));
    }
    if (input.dob) q = q.where('child.date_of_birth', '=', input.dob);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let ordered = q
      .select(['child.id', 'child.given_name', 'child.family_name', 'child.preferred_name', 'child.date_of_birth', 'child.nhs_number', 'child.upn', 'child.la_code', 'child.looked_after', 'child.child_protection'])
      .select((eb) => accessRouteSql(actor, today)(eb).as('route'))
      .select(sql<string | null>`NULL`.as('team_role'));
    if (kind.kind === 'name') ordered = ordered.orderBy(sql`word_similarity(${kind.value}, child.full_name)`, 'desc');
    const items = (await ordered.orderBy('child.family_name').orderBy('child.given_name').orderBy('child.id').limit(pageSize).offset((input.page - 1) * pageSize).execute()) as ChildListItem[];
    await auditReads(tx, actor, items.map((c) => ({ action: 'search' as const, entity: 'child-search', entityId: c.id, childId: c.id, laCode: c.la_code, route: c.route, detail: { matched: kind.kind } })));
    return { items, total: total.n };
  });
}

export interface DuplicateMatch {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  reasons: ('same-nhs-number' | 'same-upn' | 'same-dob-similar-name')[];
  /** false when the match is a record the actor may not open (for example in another area). */
  visible: boolean;
}

/** Records that may be the same child: same NHS number or UPN anywhere, or the same date of birth and a similar name. */
export async function possibleDuplicates(exec: Executor, actor: Actor, today: string, c: { givenName: string; familyName: string; dateOfBirth: string; nhsNumber: string | null; upn: string | null }, excludeId?: string): Promise<DuplicateMatch[]> {
  let q = exec
    .selectFrom('child')
    .select(['child.id', 'child.given_name', 'child.family_name', 'child.date_of_birth', 'child.nhs_number', 'child.upn'])
    .select((eb) => sql<boolean>`${visibleChild(actor, today)(eb)}`.as('visible'))
    .where((eb) =>
      eb.or([
        ...(c.nhsNumber ? [eb('child.nhs_number', '=', c.nhsNumber)] : []),
        ...(c.upn ? [eb('child.upn', '=', c.upn)] : []),
        eb('child.date_of_birth', '=', c.dateOfBirth),
      ]),
    );
  if (excludeId) q = q.where('child.id', '<>', excludeId);
  const rows = await q.limit(200).execute();
  const matches = findPossibleDuplicates(
    { givenName: c.givenName, familyName: c.familyName, dateOfBirth: c.dateOfBirth, nhsNumber: c.nhsNumber ?? undefined, upn: c.upn ?? undefined },
    rows.map((r) => ({ id: r.id, givenName: r.given_name, familyName: r.family_name, dateOfBirth: r.date_of_birth, nhsNumber: r.nhs_number ?? undefined, upn: r.upn ?? undefined })),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return matches.map((m) => {
    const r = byId.get(m.id ?? '');
    const visible = Boolean(r?.visible);
    return {
      id: visible ? (m.id ?? '') : '',
      // A record the actor cannot open is described without its details.
      givenName: visible ? (r?.given_name ?? '') : '',
      familyName: visible ? (r?.family_name ?? '') : '',
      dateOfBirth: visible ? (r?.date_of_birth ?? '') : '',
      reasons: m.reasons,
      visible,
    };
  });
}

function identityValues(v: ChildIdentity) {
  return {
    la_code: v.laCode,
    given_name: v.givenName,
    family_name: v.familyName,
    preferred_name: v.preferredName,
    date_of_birth: v.dateOfBirth,
    nhs_number: v.nhsNumber,
    upn: v.upn,
    sex: v.sex,
    ethnicity: v.ethnicity,
    first_language: v.firstLanguage,
    looked_after: v.lookedAfter,
    child_protection: v.childProtection,
  };
}

export type CreateResult = { created: true; id: string } | { created: false; duplicates: DuplicateMatch[] };

/** Creates a child record, unless it may already exist and the user has not confirmed it is new. */
export async function createChild(db: Db, actor: Actor, today: string, v: ChildIdentity): Promise<CreateResult> {
  if (!mayCreateChild(actor, v.laCode)) throw new ForbiddenError('Only the SEND team of the child’s home area can create a record.');
  return inTransaction(db, async (tx) => {
    const duplicates = await possibleDuplicates(tx, actor, today, v);
    const hard = duplicates.filter((d) => d.reasons.includes('same-nhs-number') || d.reasons.includes('same-upn'));
    if (hard.length > 0) return { created: false, duplicates: hard };
    if (duplicates.length > 0 && !v.confirmNotDuplicate) return { created: false, duplicates };
    const row = await tx.insertInto('child').values({ ...identityValues(v), updated_at: new Date() }).returning(['id', 'la_code']).executeTakeFirstOrThrow();
    await tx.insertInto('timeline_event').values({ child_id: row.id, la_code: row.la_code, occurred_on: today, kind: 'record', title: 'Record created', detail: `Created by ${actor.name}`, actor_id: actor.id }).execute();
    await audit(tx, actor, { action: 'create', entity: 'child', entityId: row.id, childId: row.id, laCode: row.la_code, route: 'send-team', detail: duplicates.length ? { confirmedNotDuplicateOf: duplicates.length } : null });
    return { created: true, id: row.id };
  });
}

/** Updates identity details; refuses if someone else saved first (optimistic lock on version). */
export async function updateChildIdentity(db: Db, actor: Actor, today: string, id: string, v: ChildIdentity, expectedVersion: number): Promise<void> {
  await changeChild(db, actor, today, id, 'edit-identity', async (tx, child) => {
    const clash = await possibleDuplicates(tx, actor, today, v, id);
    const hard = clash.filter((d) => d.reasons.includes('same-nhs-number') || d.reasons.includes('same-upn'));
    if (hard.length) {
      const field = hard[0]?.reasons.includes('same-nhs-number') ? 'nhsNumber' : 'upn';
      throw new UserInputError([{ field, message: `Another child’s record already has this ${field === 'nhsNumber' ? 'NHS number' : 'UPN'}. Check it, or search for that record.` }]);
    }
    if (v.laCode !== child.la_code && !mayCreateChild(actor, v.laCode)) {
      throw new UserInputError([{ field: 'laCode', message: 'You can only move a child to an area whose SEND team you belong to. Ask the other area’s SEND team to take the record.' }]);
    }
    const updated = await tx
      .updateTable('child')
      .set({ ...identityValues(v), version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new UserInputError([{ field: 'form', message: 'Someone else changed this record while you were editing it. Your changes have not been saved: reload the page to see their changes, then make yours again.' }]);
    }
    const changed = Object.entries(identityValues(v)).filter(([k, val]) => (child as unknown as Record<string, unknown>)[k] !== val).map(([k]) => k);
    return { result: undefined, entity: 'child', detail: { changed } };
  });
}
