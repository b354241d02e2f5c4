// Integration tests boot the real app against a real, migrated database (STYLE.md, medplum):
// PGlite in memory, and PostgreSQL when TEST_DATABASE_URL is set (scripts/test.sh starts one).
// Each call gets a fresh, empty database.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.ts';
import { connect, type Connection } from '../../src/platform/db/connect.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { buildServer } from '../../src/server.ts';

export type Engine = 'pglite' | 'postgres';

/** The engines this run tests: PGlite always, PostgreSQL when the test script started one. */
export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh migrated database on the given engine. */
export async function freshDatabase(engine: Engine): Promise<Connection> {
  if (engine === 'pglite') {
    const conn = await connect({ dataDir: '', memory: true });
    await migrateToLatest(conn.db);
    return conn;
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const conn = await connect({ databaseUrl: url.href, dataDir: '' });
  await migrateToLatest(conn.db);
  return {
    ...conn,
    async close() {
      await conn.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  conn: Connection;
  config: Config;
  close(): Promise<void>;
}

export const testToday = '2026-11-20';

/** The real app on a fresh database, with a fixed "today" so dates in tests do not drift. */
export async function startTestApp(engine: Engine, overrides: Partial<Config> = {}, env: Record<string, string> = {}): Promise<TestApp> {
  const conn = await freshDatabase(engine);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO: 'false', ...env }, overrides);
  const app = await buildServer({ config, db: conn.db, today: () => testToday });
  await app.ready();
  return {
    app,
    conn,
    config,
    async close() {
      await app.close();
      await conn.close();
    },
  };
}
