// A read's transaction (the child read and its audit row, in one statement or in readChild's transaction) commits
// without waiting for the disk; a change's transaction still waits (docs/decisions/0014-read-audit-commit.md).
// The setting must hold inside the read's own transaction only: a pooled connection's next transaction, which may
// be a change, commits synchronously again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { changeChild, listMyChildren, readChild, readChildOnly, searchChildren } from '../../src/children/store.ts';
import { listCases } from '../../src/assessment/caseload-store.ts';
import { auditMany, auditReads } from '../../src/platform/audit/audit.ts';
import type { Db } from '../../src/platform/db/connect.ts';
import { recordSearch } from '../../src/localoffer/search-store.ts';
import { parseSearch } from '../../src/localoffer/search.ts';
import { engines, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { addToTeam, buildArea, buildChild, buildOrganisation, buildStaff } from '../support/factories.ts';

const searchOf = (q: string) => parseSearch({ q }).search;

const setting = async (exec: Db | Parameters<Parameters<typeof readChild>[5]>[0]): Promise<string> =>
  (await sql<{ s: string }>`SELECT current_setting('synchronous_commit') AS s`.execute(exec)).rows[0]?.s ?? '';

for (const engine of engines()) {
  describe(`read audit commit on ${engine}`, () => {
    let t: TestApp;
    let actor: Awaited<ReturnType<typeof buildStaff>>;
    let childId: string;
    before(async () => {
      t = await startTestApp(engine);
      await buildArea(t.conn.db, '990', 'Testshire');
      const org = await buildOrganisation(t.conn.db, { kind: 'send-team', laCode: '990' });
      actor = await buildStaff(t.conn.db, { organisationId: org.id, roles: ['caseworker'] });
      childId = (await buildChild(t.conn.db, { laCode: '990', givenName: 'Rowan', familyName: 'Reader' })).id;
    });
    after(() => t.close());

    test('a read commits asynchronously, with its audit row in the same transaction', async () => {
      const db = t.conn.db;
      const before = await db.selectFrom('audit_event').select('id').where('child_id', '=', childId).where('entity', '=', 'summary').execute();
      const { data } = await readChild(db, actor, testToday, childId, 'summary', (tx) => setting(tx));
      assert.equal(data, 'off', 'inside the read, after its audit row, the transaction commits without waiting for the disk');
      const rows = await db.selectFrom('audit_event').select(['action', 'via']).where('child_id', '=', childId).where('entity', '=', 'summary').execute();
      assert.equal(rows.length, before.length + 1);
      assert.deepEqual(rows.at(-1), { action: 'read', via: 'send-team' });
    });

    test('the setting ends with the read: the same connection commits its next transaction synchronously', async () => {
      await t.conn.db.connection().execute(async (conn) => {
        assert.equal(await setting(conn), 'on', 'a connection starts synchronous');
        await readChildOnly(conn, actor, testToday, childId, 'child');
        assert.equal(await setting(conn), 'on', 'after the one-statement read');
        await readChild(conn, actor, testToday, childId, 'family', async () => null);
        assert.equal(await setting(conn), 'on', 'after a read transaction');
        const inChange = await changeChild(conn, actor, testToday, childId, 'edit-identity', async (tx) => ({ result: await setting(tx), entity: 'child' }));
        assert.equal(inChange, 'on', 'a change and its audit row wait for the disk');
      });
    });

    test("an area can make reads wait for the disk too: joinedup.read_commit = 'on'", async () => {
      await t.conn.db.connection().execute(async (conn) => {
        // As ALTER DATABASE … SET would for every new connection; here for this connection only.
        await sql`SET joinedup.read_commit = 'on'`.execute(conn);
        const { data } = await readChild(conn, actor, testToday, childId, 'summary', (tx) => setting(tx));
        assert.equal(data, 'on');
        await sql`SET joinedup.read_commit = 'nonsense'`.execute(conn);
        const { data: fallback } = await readChild(conn, actor, testToday, childId, 'summary', (tx) => setting(tx));
        assert.equal(fallback, 'off', 'a value synchronous_commit does not take means off, never an error on every read');
        await sql`RESET joinedup.read_commit`.execute(conn);
      });
    });

    test('a child the actor may not see writes no row and changes no setting', async () => {
      const other = await buildOrganisation(t.conn.db, { kind: 'school', laCode: '990' });
      const senco = await buildStaff(t.conn.db, { organisationId: other.id, roles: ['senco'] });
      await t.conn.db.connection().execute(async (conn) => {
        await assert.rejects(readChildOnly(conn, senco, testToday, childId, 'child'), /not found/i);
        assert.equal(await setting(conn), 'on');
      });
      const rows = await t.conn.db.selectFrom('audit_event').select('id').where('child_id', '=', childId).where('actor_id', '=', senco.id).execute();
      assert.equal(rows.length, 0);
    });

    test("the local offer's search log and view counts: written, and the setting ends with them", async () => {
      await t.conn.db.connection().execute(async (conn) => {
        const logged = await conn.selectFrom('lo_search_log').select('id').execute();
        await recordSearch(conn, '990', searchOf('speech therapy'), 7);
        assert.equal(await setting(conn), 'on');
        const rows = await conn.selectFrom('lo_search_log').select(['terms', 'results']).execute();
        assert.equal(rows.length, logged.length + 1);
        assert.deepEqual(rows.at(-1), { terms: 'speech therapy', results: 7 });
      });
    });

    test('list pages (my children, a search, the assessment caseload): their rows written, the setting ends with them', async () => {
      const db = t.conn.db;
      await addToTeam(db, childId, { organisationId: actor.organisation?.id ?? '', userId: actor.id, startedOn: '2026-01-01' });
      await db.insertInto('assessment').values({ reference: 'EHC-990-2026-00001', child_id: childId, la_code: '990', request_received: '2026-11-02', request_source: 1, requested_by: 'Mother', stage: 'requested', caseworker_id: actor.id }).execute();
      await db.connection().execute(async (conn) => {
        const rows = async (entity: string) => (await conn.selectFrom('audit_event').select('id').where('child_id', '=', childId).where('entity', '=', entity).execute()).length;
        const before = [await rows('child-list'), await rows('child-search'), await rows('assessment-list')];
        assert.equal((await listMyChildren(conn, actor, testToday, 1)).items.length, 1);
        assert.equal(await setting(conn), 'on');
        assert.equal((await searchChildren(conn, actor, testToday, { q: 'Rowan Reader', dob: null, page: 1 })).items.length, 1);
        assert.equal(await setting(conn), 'on');
        assert.equal((await listCases(conn, actor, testToday, { caseworkerId: actor.id })).length, 1);
        assert.equal(await setting(conn), 'on');
        assert.deepEqual([await rows('child-list'), await rows('child-search'), await rows('assessment-list')], before.map((n) => n + 1));
      });
    });

    // Inside the reader's transaction, at its end, the setting is off: each one-statement read run inside an explicit
    // transaction (rolled back), and auditReads, which the list pages call last in theirs. (A count of WAL flushes in
    // pg_stat_wal showed the effect when run alone, but it is the whole server's count, and the other test files
    // running at the same time flush too; decision 0014 has the figures.)
    test('each read leaves its transaction committing without waiting; a change does not', async () => {
      const db = t.conn.db;
      const inside = async (fn: (tx: Parameters<Parameters<typeof readChild>[5]>[0]) => Promise<unknown>) => {
        let seen = '';
        await assert.rejects(db.transaction().execute(async (tx) => {
          await fn(tx);
          seen = await setting(tx);
          throw new Error('rolled back');
        }), /rolled back/);
        return seen;
      };
      assert.equal(await inside((tx) => readChildOnly(tx, actor, testToday, childId, 'child')), 'off', 'the child read');
      assert.equal(await inside((tx) => listCases(tx, actor, testToday, { caseworkerId: actor.id })), 'off', 'the assessment caseload');
      assert.equal(await inside((tx) => recordSearch(tx, '990', searchOf('autism'), 3)), 'off', 'a search logged');
      assert.equal(await inside((tx) => auditReads(tx, actor, [{ action: 'read', entity: 'child-list', childId, laCode: '990', route: 'send-team' }])), 'off', 'a list page\'s rows');
      assert.equal(await inside((tx) => auditMany(tx, actor, [{ action: 'update', entity: 'child', childId }, { action: 'update', entity: 'child', childId }])), 'on', 'rows of a change');
    });
  });
}
