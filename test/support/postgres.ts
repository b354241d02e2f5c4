// A throwaway PostgreSQL server for tests and benchmarks: initdb in a temporary directory, started on a
// free port, removed at the end. Uses Debian's server binaries (apt package `postgresql`).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TempPostgres {
  url: string;
  /** The cluster's data directory (postmaster.pid in it names the server process). */
  dataDir: string;
  stop(): Promise<void>;
}

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin/initdb'))) : [];
  const v = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!v) throw new Error('PostgreSQL server binaries not found: install the Debian package `postgresql`');
  return path.join(base, v, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Starts a new PostgreSQL cluster. As root it runs as the `postgres` user, as the server requires. */
export async function startTempPostgres(): Promise<TempPostgres> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-pg-'));
  const isRoot = process.getuid?.() === 0;
  const asPg = (cmd: string, args: string[]): [string, string[]] => (isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  if (isRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const [c1, a1] = asPg(path.join(bin, 'initdb'), ['-D', data, '-U', 'joinedup', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  execFileSync(c1, a1, { stdio: 'ignore' });
  const port = await freePort();
  const [c2, a2] = asPg(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on', '-c', 'max_connections=100']);
  const proc = spawn(c2, a2, { stdio: 'ignore', detached: false });
  const url = `postgres://joinedup@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  const pg = (await import('pg')).default;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('CREATE DATABASE joinedup');
      await client.end();
      break;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not start: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url: `postgres://joinedup@127.0.0.1:${port}/joinedup`,
    dataDir: data,
    async stop() {
      // pg_ctl stops the server itself; a signal to runuser would not reach it.
      const [c3, a3] = asPg(path.join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'fast', '-w']);
      const exited = new Promise((r) => proc.once('exit', r));
      try {
        execFileSync(c3, a3, { stdio: 'ignore' });
      } catch {
        proc.kill('SIGKILL');
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
