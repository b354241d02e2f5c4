// kill -9 during writes: restart on the same data directory and no acknowledged change is lost, and each
// acknowledged change still has its audit row. Also: a second server on the same embedded data directory is
// refused (PGlite has no lock of its own; two processes corrupted an index in stack-measurements §1d).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connect } from '../../src/platform/db/connect.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { buildChild, buildOrganisation, buildStaff, cookieFrom, testPassword } from '../support/factories.ts';

const root = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function serve(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts'), 'serve'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DEMO: 'false', NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function waitUp(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function signIn(base: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${base}/sign-in`);
  let cookie = cookieFrom(page.headers.getSetCookie());
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/sign-in`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, email, password: testPassword }) });
  assert.equal(res.status, 303);
  cookie = cookieFrom(res.headers.getSetCookie()) || cookie;
  const home = await (await fetch(`${base}/`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? '' };
}

describe('durability of the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-crash-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('kill -9 during writes loses no acknowledged change, three times over', { timeout: 180_000 }, async () => {
    const setup = await connect({ dataDir });
    await migrateToLatest(setup.db);
    const team = await buildOrganisation(setup.db, { kind: 'send-team' });
    const cw = await buildStaff(setup.db, { organisationId: team.id, roles: ['caseworker'] });
    const child = await buildChild(setup.db);
    await setup.close();

    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const proc = serve(dataDir, port);
      await waitUp(base);
      const { cookie, csrf } = await signIn(base, cw.email);
      const killAt = Date.now() + 500 + Math.random() * 1500;
      let n = 0;
      while (Date.now() < killAt) {
        const res = await fetch(`${base}/api/v1/children/${child.id}/family`, {
          method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Member ${round}-${n++}`, relationship: 'carer' }),
        });
        if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
      }
      // Fire one more write and kill while it may be in flight.
      void fetch(`${base}/api/v1/children/${child.id}/family`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'In flight', relationship: 'carer' }) }).catch(() => undefined);
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
    }
    assert.ok(acknowledged.length > 10, `only ${acknowledged.length} writes were acknowledged`);

    const check = await connect({ dataDir });
    try {
      const rows = await check.db.selectFrom('family_member').select('id').where('id', 'in', acknowledged).execute();
      assert.equal(rows.length, acknowledged.length, 'every acknowledged family member is there');
      const audits = await check.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'create').where('entity', '=', 'family-member').where('entity_id', 'in', acknowledged).execute();
      assert.equal(audits.length, acknowledged.length, 'each with its audit row');
    } finally {
      await check.close();
    }
  });

  test('a second process on the same data directory is refused with a clear message', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const first = serve(dataDir, port);
    await waitUp(`http://127.0.0.1:${port}`);
    const second = serve(dataDir, await freePort());
    let stderr = '';
    second.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => second.once('exit', r));
    first.kill('SIGTERM');
    await new Promise((r) => first.once('exit', r));
    assert.notEqual(code, 0);
    assert.match(stderr, /data directory is in use by process/);
  });
});
