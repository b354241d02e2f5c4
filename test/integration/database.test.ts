// The database itself: migrations, the SQL twin of a TypeScript rule, append-only audit, and one SQL on both engines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import type { Connection } from '../../src/platform/db/connect.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { endOfCompulsorySchoolAge } from '../../src/children/young-person.ts';
import { trigramSimilarity } from '../../src/children/names.ts';
import { audit } from '../../src/platform/audit/audit.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { engines, freshDatabase } from '../support/app.ts';
import { buildChild } from '../support/factories.ts';

for (const engine of engines()) {
  describe(`database on ${engine}`, () => {
    let conn: Connection;
    before(async () => {
      conn = await freshDatabase(engine);
    });
    after(() => conn.close());

    test('a connection the server cuts off is replaced, and the process carries on', { skip: engine !== 'postgres' }, async () => {
      // Several idle connections in the pool, then the server ends every one of them (as a restart or failover does).
      await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.05)`.execute(conn.db)));
      const url = process.env.TEST_DATABASE_URL ?? '';
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const me = await sql<{ db: string }>`SELECT current_database() AS db`.execute(conn.db);
      const killed = await admin.query('SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) t', [me.rows[0]?.db]);
      await admin.end();
      assert.ok((killed.rows[0] as { n: number }).n >= 1, 'some idle connections were cut off');
      await new Promise((r) => setTimeout(r, 200));
      // The next queries get new connections; had the pool's error gone unhandled the process would have ended.
      const again = await sql<{ ok: number }>`SELECT 1 AS ok`.execute(conn.db);
      assert.equal(again.rows[0]?.ok, 1);
    });

    test('migrating again changes nothing', async () => {
      assert.deepEqual(await migrateToLatest(conn.db), []);
    });

    test('end_of_compulsory_school_age in SQL agrees with the TypeScript rule for every day of 30 years', async () => {
      const rows = await sql<{ dob: string; end: string }>`
        SELECT d::date::text AS dob, end_of_compulsory_school_age(d::date)::text AS "end"
        FROM generate_series('1995-01-01'::date, '2024-12-31'::date, '1 day') d`.execute(conn.db);
      assert.equal(rows.rows.length, 10958);
      const wrong = rows.rows.filter((r) => r.end !== endOfCompulsorySchoolAge(r.dob));
      assert.deepEqual(wrong.slice(0, 5), []);
    });

    test('trigram similarity in TypeScript matches pg_trgm', async () => {
      const pairs: [string, string][] = [['jon smith', 'john smith'], ['aisha khan', 'ayesha khan'], ['olivia brown', 'oliver green'], ['word', 'two words']];
      for (const [a, b] of pairs) {
        const r = await sql<{ s: number }>`SELECT similarity(${a}, ${b})::float8 AS s`.execute(conn.db);
        assert.ok(Math.abs((r.rows[0]?.s ?? -1) - trigramSimilarity(a, b)) < 1e-6, `${a} / ${b}`);
      }
    });

    test('the audit trail is append-only: update, delete and truncate are refused', async () => {
      const child = await buildChild(conn.db);
      await audit(conn.db, systemActor, { action: 'read', entity: 'child', childId: child.id, laCode: child.laCode });
      await assert.rejects(conn.db.updateTable('audit_event').set({ action: 'nothing' }).where('child_id', '=', child.id).execute(), /append-only/);
      await assert.rejects(conn.db.deleteFrom('audit_event').where('child_id', '=', child.id).execute(), /append-only/);
      await assert.rejects(sql`TRUNCATE audit_event`.execute(conn.db), /append-only/);
      const n = await conn.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('child_id', '=', child.id).executeTakeFirstOrThrow();
      assert.equal(n.n, 1);
    });

    test('a change and its audit row commit together, or neither does', async () => {
      const child = await buildChild(conn.db);
      await assert.rejects(
        conn.db.transaction().execute(async (tx) => {
          await tx.updateTable('child').set({ preferred_name: 'Changed' }).where('id', '=', child.id).execute();
          await audit(tx, systemActor, { action: 'update', entity: 'child', childId: child.id, laCode: child.laCode });
          throw new Error('fails after both writes');
        }),
        /fails after both writes/,
      );
      const row = await conn.db.selectFrom('child').select('preferred_name').where('id', '=', child.id).executeTakeFirstOrThrow();
      assert.equal(row.preferred_name, null);
      const audits = await conn.db.selectFrom('audit_event').select('id').where('child_id', '=', child.id).execute();
      assert.equal(audits.length, 0);
    });

    test('identifiers are checked by the database too', async () => {
      await assert.rejects(buildChild(conn.db, { nhsNumber: '12345' }));
      await assert.rejects(buildChild(conn.db, { upn: 'bad' }));
    });

    test('dates come back as plain dates, counts as numbers', async () => {
      const child = await buildChild(conn.db, { dateOfBirth: '2012-03-04' });
      const row = await conn.db.selectFrom('child').select(['date_of_birth']).select((eb) => eb.fn.countAll<number>().over().as('n')).where('id', '=', child.id).executeTakeFirstOrThrow();
      assert.equal(row.date_of_birth, '2012-03-04');
      assert.equal(typeof row.n, 'number');
    });
  });
}
