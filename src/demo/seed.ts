// Seeds the demonstration area into an empty database, in one transaction.
import { hashPassword } from '../platform/auth/passwords.ts';
import type { Db } from '../platform/db/connect.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { demoPassword } from './accounts.ts';
import { generateArea, type GenerateOptions } from './generate.ts';

export async function isSeeded(db: Db): Promise<boolean> {
  const row = await db.selectFrom('local_area').select('la_code').where('la_code', '=', '990').executeTakeFirst();
  return Boolean(row);
}

async function insertBatches<T extends Record<string, unknown>>(tx: Tx, table: Parameters<Tx['insertInto']>[0], rows: T[], size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // The generator's row types match the tables; Kysely cannot see that through a table-name parameter.
    await tx.insertInto(table).values(rows.slice(i, i + size) as never).execute(); // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion
  }
}

/** Generates and inserts the area; returns the number of rows per table. */
export async function seedDemoArea(db: Db, opts: GenerateOptions): Promise<Record<string, number>> {
  const area = generateArea(opts);
  // One hash for every demo account: argon2id takes ~50 ms each by design.
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction().execute(async (tx) => {
    await insertBatches(tx, 'local_area', area.local_area);
    await insertBatches(tx, 'organisation', area.organisation);
    await insertBatches(tx, 'app_user', area.app_user.map((u) => ({ ...u, password_hash: passwordHash })));
    await insertBatches(tx, 'child', area.child.map(({ primary_need: _need, ...c }) => ({ ...c, updated_at: new Date() })));
    await insertBatches(tx, 'family_member', area.family_member);
    await insertBatches(tx, 'team_member', area.team_member);
    await insertBatches(tx, 'consent', area.consent);
    await insertBatches(tx, 'about_me', area.about_me.map((a) => ({ ...a, updated_at: new Date() })));
    await insertBatches(tx, 'timeline_event', area.timeline_event);
  });
  return Object.fromEntries(Object.entries(area).map(([k, v]) => [k, (v as unknown[]).length]));
}
