// Seeds the demonstration area into an empty database, in one transaction.
import { sql } from 'kysely';
import { hashPassword } from '../platform/auth/passwords.ts';
import type { Db } from '../platform/db/connect.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { demoPassword } from './accounts.ts';
import { generateArea, type GenerateOptions } from './generate.ts';
import { seedLocalOffer } from './localoffer.ts';
import { seedLocalOfferWorkflow } from './localoffer-workflow.ts';

export async function isSeeded(db: Db): Promise<boolean> {
  const row = await db.selectFrom('local_area').select('la_code').where('la_code', '=', '990').executeTakeFirst();
  return Boolean(row);
}

/**
 * Multi-row inserts in chunks, as `INSERT … SELECT FROM unnest($1::uuid[], $2::text[], …)`: one array parameter a
 * column, so a chunk of thousands of rows is one short statement that PostgreSQL parses and plans once, where a
 * VALUES list of the same rows has tens of thousands of parameters. Array columns travel as their literals.
 */
async function insertBatches<T extends Record<string, unknown>>(tx: Tx, table: Parameters<Tx['insertInto']>[0], rows: T[], size = 5000): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(first);
  const types = await sql<{ name: string; type: string }>`SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped`.execute(tx);
  const typeOf = new Map(types.rows.map((r) => [r.name, r.type]));
  const colTypes = cols.map((c) => {
    const t = typeOf.get(c);
    if (!t) throw new Error(`${table}.${c}: no such column`);
    return t;
  });
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const arrays = cols.map((c, k) => {
      const values = chunk.map((r) => r[c] ?? null);
      const array = colTypes[k]?.endsWith('[]');
      return sql`${sql.val(array ? values.map((v) => (Array.isArray(v) ? arrayLiteral(v as unknown[]) : v)) : values)}::${sql.raw(array ? 'text' : (colTypes[k] ?? 'text'))}[]`;
    });
    const select = cols.map((_, k) => sql`${sql.ref(`u.c${k}`)}::${sql.raw(colTypes[k] ?? 'text')}`);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) SELECT ${sql.join(select)} FROM unnest(${sql.join(arrays)}) AS u(${sql.join(cols.map((_, k) => sql.ref(`c${k}`)))})`.execute(tx);
  }
}

/** A PostgreSQL array literal of text values: {"a","b"}. */
function arrayLiteral(xs: unknown[]): string {
  return `{${xs.map((x) => (typeof x === 'string' ? `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : 'NULL')).join(',')}}`;
}

/** Generates and inserts the area (and its local offer: `services`, 300 unless given); returns the number of rows per table. */
export async function seedDemoArea(db: Db, opts: GenerateOptions & { services?: number }): Promise<Record<string, number>> {
  const area = generateArea(opts);
  // One hash for every demo account: argon2id takes ~50 ms each by design.
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction().execute(async (tx) => {
    // PostgreSQL's advice for populating a database (manual §14.4): drop the secondary indexes and the foreign keys
    // of the tables being filled, load, then build each index once and check each foreign key in one pass over
    // the table, instead of row by row. All in this transaction: nobody sees the tables without them, and a row
    // that breaks a key fails the seed as before. Primary keys, unique indexes and checks stay throughout.
    const tables = ['child', 'family_member', 'team_member', 'consent', 'about_me', 'timeline_event', 'assessment', 'advice_request', 'advice_item', 'assessment_exception', 'family_contribution', 'setting_consultation', 'assessment_notice'];
    const indexes = await sql<{ name: string; def: string }>`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN (${sql.join(tables)}) AND indexdef NOT LIKE 'CREATE UNIQUE%'`.execute(tx);
    const foreignKeys = await sql<{ table: string; name: string; def: string }>`SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN (${sql.join(tables)}) ORDER BY 1, 2`.execute(tx);
    for (const f of foreignKeys.rows) await sql`ALTER TABLE ${sql.table(f.table)} DROP CONSTRAINT ${sql.ref(f.name)}`.execute(tx);
    for (const i of indexes.rows) await sql`DROP INDEX ${sql.ref(i.name)}`.execute(tx);
    await insertBatches(tx, 'local_area', area.local_area);
    await insertBatches(tx, 'organisation', area.organisation);
    await insertBatches(tx, 'app_user', area.app_user.map((u) => ({ ...u, password_hash: passwordHash })));
    await insertBatches(tx, 'child', area.child.map(({ primary_need: _need, ...c }) => ({ ...c, updated_at: new Date() })));
    await insertBatches(tx, 'family_member', area.family_member);
    await insertBatches(tx, 'team_member', area.team_member);
    await insertBatches(tx, 'consent', area.consent);
    await insertBatches(tx, 'about_me', area.about_me.map((a) => ({ ...a, updated_at: new Date() })));
    await insertBatches(tx, 'timeline_event', area.timeline_event);
    await insertBatches(tx, 'assessment', area.assessment);
    await insertBatches(tx, 'advice_request', area.advice_request);
    await insertBatches(tx, 'advice_item', area.advice_item);
    await insertBatches(tx, 'assessment_exception', area.assessment_exception);
    await insertBatches(tx, 'family_contribution', area.family_contribution);
    await insertBatches(tx, 'setting_consultation', area.setting_consultation);
    await insertBatches(tx, 'assessment_notice', area.assessment_notice);
    for (const i of indexes.rows) await sql.raw(i.def).execute(tx);
    for (const f of foreignKeys.rows) await sql`ALTER TABLE ${sql.table(f.table)} ADD CONSTRAINT ${sql.ref(f.name)} ${sql.raw(f.def)}`.execute(tx);
  });
  const localOffer = await seedLocalOffer(db, { services: opts.services ?? 300, ...(opts.asOf ? { asOf: opts.asOf } : {}) });
  // The local offer's workflow (provider accounts, changes waiting and turned down, comments and answers), after the
  // directory's services (src/demo/localoffer.ts): it works on whatever listings exist.
  await seedLocalOfferWorkflow(db, opts.asOf ? { asOf: opts.asOf } : {});
  // The same advice (manual §14.4.9): ANALYZE after a bulk load, so the first queries are planned from statistics
  // of the tables as loaded rather than guesses, and autovacuum does not analyze them all while the area is in use.
  await sql`ANALYZE`.execute(db);
  return { ...Object.fromEntries(Object.entries(area).map(([k, v]) => [k, (v as unknown[]).length])), ...localOffer };
}
