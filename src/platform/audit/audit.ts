// Append-only audit of every read and change of a child's data: who, when, what, and from where.
// Written with the same executor as the change, so a change and its audit row commit together
// (STYLE.md: outline's *WithCtx). The table refuses UPDATE and DELETE (migration 0001).
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../access/actor.ts';
import { commitReadWithoutWaiting } from '../db/commit.ts';
import type { Executor } from '../db/transaction.ts';

export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'override' | 'download' | 'search' | 'sign-in' | 'sign-in-failed' | 'sign-out' | 'lockout';

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  childId?: string | null;
  laCode?: string | null;
  /** How access was granted (policy route), when a child's data was disclosed. */
  route?: string | null;
  detail?: Record<string, unknown> | null;
}

function actorLabel(actor: Actor): string {
  const org = actor.organisation ? `, ${actor.organisation.name}` : '';
  return `${actor.name}${org}`;
}

/** Writes one audit row through the given executor (the transaction of the change it records). */
export function audit(exec: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  return auditMany(exec, actor, [entry]);
}

/** The row an entry becomes. Exported for statements that write their audit row themselves (store.ts's loadChild). */
export function auditRow(actor: Actor, entry: AuditEntry) {
  return {
    actor_id: actor.via === 'system' ? null : actor.id,
    actor_label: actorLabel(actor),
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    child_id: entry.childId ?? null,
    la_code: entry.laCode ?? null,
    via: entry.route ?? actor.via,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    ip: actor.ip ?? null,
    user_agent: actor.userAgent?.slice(0, 300) ?? null,
  };
}

/** Writes many audit rows in one statement (a list page discloses several children at once). */
export async function auditMany(exec: Executor, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (entries.length === 1) {
    await exec.insertInto('audit_event').values(auditRow(actor, entries[0] as AuditEntry)).execute();
    return;
  }
  await insertRows(exec, actor, entries, sql`true`);
}

/**
 * Writes the audit rows of what a transaction that changes nothing has read (a list page, a search), and lets that
 * transaction commit without waiting for the disk, as a child's read does (decision 0014, platform/db/commit.ts).
 * Call it last in a transaction that only reads: everything else the transaction wrote would commit the same way.
 */
export async function auditReads(exec: Executor, actor: Actor, entries: (AuditEntry & { action: 'read' | 'search' })[]): Promise<void> {
  if (entries.length === 0) return;
  await insertRows(exec, actor, entries, commitReadWithoutWaiting);
}

// One statement with one array per column (unnest), rather than eleven parameters per row, so it is the same
// statement for any length and is prepared once.
async function insertRows(exec: Executor, actor: Actor, entries: AuditEntry[], where: RawBuilder<boolean>): Promise<void> {
  const rows = entries.map((e) => auditRow(actor, e));
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql`INSERT INTO audit_event (actor_id, actor_label, action, entity, entity_id, child_id, la_code, via, detail, ip, user_agent)
    SELECT * FROM unnest(${col('actor_id')}::uuid[], ${col('actor_label')}::text[], ${col('action')}::text[], ${col('entity')}::text[],
      ${col('entity_id')}::text[], ${col('child_id')}::uuid[], ${col('la_code')}::text[], ${col('via')}::text[], ${col('detail')}::jsonb[],
      ${col('ip')}::text[], ${col('user_agent')}::text[]) WHERE ${where}`.execute(exec);
}
