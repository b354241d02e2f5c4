// One code path for both engines (design/stack-measurements.md §2): Kysely's PostgresDialect over a
// pg.Pool, which is either a real PostgreSQL server (DATABASE_URL) or embedded PGlite through its
// node-postgres adapter.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface Connection {
  db: Db;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// Dates (SQL `date`) stay plain ISO strings: statutory periods are calendar dates, never instants.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
// bigint counts come back as numbers: our counts are far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

/** Opens the database named by the configuration: PostgreSQL if a URL is given, else PGlite in dataDir. */
export async function connect(opts: { databaseUrl?: string | undefined; dataDir: string; memory?: boolean }): Promise<Connection> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    pool.on('connect', preparedStatements);
    // node-postgres emits 'error' on the pool when an idle connection is cut off (a server restart, a failover, an
    // administrator's terminate). Unhandled, that error ends the process; the pool already drops the connection
    // and opens another when next asked, so noting it is all there is to do.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL closed an idle connection: ${err.message}`, 'DatabaseWarning'));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await db.selectNoFrom((eb) => eb.val(1).as('ok')).execute();
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  return openPglite(opts.dataDir, opts.memory ?? false);
}

/**
 * Prepares each distinct data statement once per connection (as postgres.js does by default), so PostgreSQL
 * plans it once instead of on every call. The access-policy SQL took ~1 ms to plan and 0.07 ms to run
 * (EXPLAIN ANALYZE on the 20,000-child bench area), so planning was most of a child read's database time.
 * Statements are named by a hash of their text; parameters still travel separately. DDL is left alone
 * (migrations run unprepared), as are bulk statements with many parameters (one-off multi-row inserts),
 * and statements that begin with the SQL comment `planEachCall` (below): a prepared statement
 * is planned generically after five runs, blind to its values, and for a search whose selectivity depends on the
 * words (one matches 600 listings, another 11,000) the generic plan was up to 6 times slower (search-store.ts),
 * and each connection keeps at most `maxPrepared` statements.
 */
const maxPrepared = 500;
/** Put first in a statement that PostgreSQL should plan for its values every time (see above). */
export const planEachCall = '/* plan each call */';
const maxPreparedParams = 100;
// Statement names by text, shared by every connection: hashing a long statement on every call showed in the profile.
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `jdu_${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= 2 * maxPrepared) names.clear();
    names.set(text, name);
  }
  return name;
}
function preparedStatements(client: pg.PoolClient): void {
  const named = new Set<string>();
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length <= maxPreparedParams && args.length === 2 && /^\s*(select|insert|update|delete|with)\b/i.test(text)) {
      const name = statementName(text);
      if (named.has(name) || named.size < maxPrepared) {
        named.add(name);
        return original({ name, text, values });
      }
    }
    return original(...args);
  };
}

async function openPglite(dataDir: string, memory: boolean): Promise<Connection> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { pgcrypto } = await import('@electric-sql/pglite/contrib/pgcrypto');
  let release = (): void => undefined;
  let dir: string | undefined;
  if (!memory) {
    dir = path.resolve(dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
    // PGlite has no lock of its own: two processes on one directory corrupted an index
    // (stack-measurements §1d). Take an exclusive lock file first.
    release = takeLock(path.resolve(dataDir, 'joinedup.lock'));
  }
  const lite = await PGlite.create(dir ?? 'memory://', { extensions: { pg_trgm, pgcrypto } });
  const config = createPgConfig(lite) as pg.PoolConfig;
  // One connection only. A query on `db` inside a transaction would wait for ever, so time out instead.
  const pool = new pg.Pool({ ...config, max: 1, connectionTimeoutMillis: 10_000 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    async close() {
      await db.destroy();
      await lite.close();
      release();
    },
  };
}

function takeLock(file: string): () => void {
  const tryOpen = (): number => fs.openSync(file, 'wx');
  let fd: number;
  try {
    fd = tryOpen();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The data directory is in use by process ${pid}. Stop it first: the embedded database allows one process only.`, { cause: err });
    }
    fs.rmSync(file, { force: true }); // stale lock left by a crash
    fd = tryOpen();
  }
  fs.writeSync(fd, String(process.pid));
  fs.closeSync(fd);
  return () => fs.rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
