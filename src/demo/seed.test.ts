// The demo area seeds on both engines: every generated row goes in (foreign keys and checks hold), the indexes
// are all there afterwards, the demo caseworker's caseload lists their open cases, and the reminders are up to date.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { engines, freshDatabase } from '../../test/support/app.ts';
import type { Connection } from '../platform/db/connect.ts';
import { findUserById, toActor } from '../people/store.ts';
import { listCases } from '../assessment/caseload-store.ts';
import { runReminders } from '../assessment/reminders.ts';
import { openStages } from '../assessment/case.ts';
import { demoDomain } from './accounts.ts';
import { generateArea } from './generate.ts';
import { seedDemoArea } from './seed.ts';

const asOf = '2026-11-22';

for (const engine of engines()) {
  describe(`the demo area seeded on ${engine}`, () => {
    let conn: Connection;
    let counts: Record<string, number>;
    let schemaBefore: string[];
    // Every index and constraint, as its definition: the seed drops some for the load and must put them all back.
    const schema = async () => [
      ...(await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema()`.execute(conn.db)).rows.map((r) => r.def),
      ...(await sql<{ def: string }>`SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = current_schema()::regnamespace`.execute(conn.db)).rows.map((r) => r.def),
    ].sort();

    before(async () => {
      conn = await freshDatabase(engine);
      schemaBefore = await schema();
      counts = await seedDemoArea(conn.db, { children: 200 });
    });
    after(() => conn.close());

    test('every row is in, and every index and constraint is back', async () => {
      const area = generateArea({ children: 200 });
      for (const [table, n] of Object.entries(counts).filter(([t]) => t in area)) {
        assert.equal(n, (area[table as keyof typeof area] as unknown[]).length, table);
        const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(conn.db);
        assert.equal(row.rows[0]?.n, n, table);
      }
      assert.ok((counts.assessment ?? 0) > 50);
      const after = await schema();
      assert.ok(after.some((d) => d.includes('FOREIGN KEY (assessment_id) REFERENCES assessment(id)')));
      assert.deepEqual(after, schemaBefore);
      const roles = await conn.db.selectFrom('app_user').select('roles').where('email', '=', `ep@${demoDomain}`).executeTakeFirstOrThrow();
      assert.deepEqual(roles.roles, ['educational-psychologist'], 'array columns survive the bulk insert');
    });

    test('the demo caseworker’s caseload lists their open cases, with deadlines', async () => {
      const u = await conn.db.selectFrom('app_user').select('id').where('email', '=', `caseworker@${demoDomain}`).executeTakeFirstOrThrow();
      const user = await findUserById(conn.db, u.id);
      assert.ok(user);
      const actor = toActor(user, 'session');
      const items = await listCases(conn.db, actor, asOf, { caseworkerId: u.id });
      const open = await conn.db.selectFrom('assessment').select('id').where('caseworker_id', '=', u.id).where('stage', 'in', [...openStages]).execute();
      assert.equal(items.length, open.length);
      assert.ok(items.length >= 10);
      assert.ok(items.some((c) => c.status.next));
    });

    test('reminders are up to date on the day the area was made: nothing to send', async () => {
      assert.deepEqual(await runReminders(conn.db, asOf), { reminded: 0, escalated: 0 });
    });
  });
}
