// npm run bench: a deterministic synthetic area (20,000 children by default, the size of Kent) loaded into
// each engine, then three routes measured with autocannon against the real app, signed in as a caseworker:
//   child-read  GET /api/v1/children/:id  the JSON read of a child record, with its access check and audit row
//   caseload    GET /                     the caseworker's list of children, as a page
//   ceiling     GET /api/v1/me            signed in, through the same plugins (session, CSRF, helmet), no database
//   assessment-caseload  GET /assessments?caseworker=<id>&show=all  the demo caseworker's open EHC needs
//               assessments as a page, each with its deadlines worked out by the engine (issue 3 §5)
// Writes bench/results/latest.json. Targets (issue 2): on PostgreSQL, child-read ≥ 40% of the ceiling's req/s
// with p99 < 50 ms at that load. PGlite runs in-process, so its figures are reported beside them.
// Issue 3: the caseworker's list of about 120 cases as a page, p95 under 100 ms under load (see caseloadLoads).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.ts';
import { connect, type Connection } from '../src/platform/db/connect.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { buildServer } from '../src/server.ts';
import { seedDemoArea } from '../src/demo/seed.ts';
import { demoDomain, demoPassword } from '../src/demo/accounts.ts';
import { startTempPostgres, type TempPostgres } from '../test/support/postgres.ts';
import { benchTimescales } from './timescales.ts';
import type { benchLocalOffer } from './localoffer.ts';
import { pacedLoad } from './paced.ts';

const { values: args } = parseArgs({
  options: {
    children: { type: 'string', default: process.env.BENCH_CHILDREN ?? '20000' },
    engine: { type: 'string', default: process.env.BENCH_ENGINE ?? 'both' },
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '50' },
  },
});
const children = Number(args.children);
const duration = Number(args.duration);
const connections = Number(args.connections);
const engines = args.engine === 'both' ? (['pglite', 'postgres'] as const) : ([args.engine] as ('pglite' | 'postgres')[]);

interface RouteResult {
  engine: string;
  route: string;
  path: string;
  requestsPerSecond: number;
  p50: number;
  /** Only where measured with measureP95 (autocannon reports p97.5 and p99 but no p95). */
  p95?: number;
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Set for a fixed-rate run: the requests per second offered. */
  offeredRate?: number;
  /** How the fixed rate was offered: 'paced' (bench/paced.ts, Poisson arrivals, latency from the planned send
   *  time) or 'bursts' (autocannon overallRate: each second's requests at once at its start). */
  offered?: 'paced' | 'bursts';
  /** Paced runs: requests planned in the measured period (the served rate is judged against it). */
  planned?: number;
  /** CPU time per request answered, µs: the server's main thread (the event loop that serves every request), and
   *  PostgreSQL (all its processes). Unlike rates and latencies, these hardly move when other work shares the
   *  cores, so they show what a change saved. Linux only (read from /proc); absent elsewhere or on PGlite. */
  serverCpuUs?: number;
  postgresCpuUs?: number;
  /** Paced runs: the three slowest 100 ms windows (by planned send time) and the load's own delay (bench/paced.ts). */
  slowest?: { atMs: number; requests: number; maxMs: number }[];
  generatorLateMs?: number;
}

/** CPU ms used so far by this process's main thread (not the load's worker threads), or null off Linux. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / clockTicks;
  } catch {
    return null;
  }
}
const clockTicks = 100; // USER_HZ on Linux

/** CPU ms used so far by a PostgreSQL server: the postmaster, its children, and the children it has reaped. */
function postgresCpuMs(): number | null {
  if (!postgresPid) return null;
  try {
    const stat = (pid: number) => {
      const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return s.slice(s.lastIndexOf(')') + 2).split(' ');
    };
    const pm = stat(postgresPid);
    let ticks = Number(pm[11]) + Number(pm[12]) + Number(pm[13]) + Number(pm[14]);
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const f = stat(Number(d));
        if (Number(f[1]) === postgresPid) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // the process ended meanwhile
      }
    }
    return (ticks * 1000) / clockTicks;
  } catch {
    return null;
  }
}
let postgresPid: number | null = null;

/** Runs fn and returns CPU µs per request answered for the server's main thread and PostgreSQL. */
async function withCpu<T>(fn: () => Promise<T>, answered: (r: T) => number): Promise<T & { serverCpuUs?: number; postgresCpuUs?: number }> {
  const s0 = mainThreadCpuMs();
  const p0 = postgresCpuMs();
  const r = await fn();
  const s1 = mainThreadCpuMs();
  const p1 = postgresCpuMs();
  const n = answered(r);
  return {
    ...r,
    ...(s0 !== null && s1 !== null && n > 0 ? { serverCpuUs: Math.round(((s1 - s0) * 1000) / n) } : {}),
    ...(p0 !== null && p1 !== null && n > 0 ? { postgresCpuUs: Math.round(((p1 - p0) * 1000) / n) } : {}),
  };
}

function cookieOf(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function signIn(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const cookie = cookieOf(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: demoPassword }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return cookieOf(res) || cookie;
}

async function measure(engine: string, route: string, url: string, cookie: string, overallRate?: number): Promise<RouteResult> {
  // The load runs in a worker thread, so it does not share the server's event loop.
  const opts = { url, connections, headers: { cookie }, workers: 1, ...(overallRate ? { overallRate } : {}) };
  await autocannon({ ...opts, duration: 2 }); // warm-up
  const r = await withCpu(() => autocannon({ ...opts, duration }), (x) => x.requests.total);
  return {
    engine, route, path: new URL(url).pathname, ...(overallRate ? { offeredRate: overallRate, offered: 'bursts' as const } : {}),
    requestsPerSecond: Math.round(r.requests.average), p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99,
    errors: r.errors + r.timeouts, non2xx: r.non2xx, ...cpuOf(r),
  };
}

// autocannon's result has p97.5 and p99 but no p95, and with `workers` its latency histogram stays inside the
// worker. So this runs autocannon itself in a worker thread (the load still off the server's event loop) and
// reads p95 from the same HdrHistogram autocannon records (2xx responses only, as for its own percentiles).
const requireHere = createRequire(import.meta.url);
const p95Worker = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannon);
const { decodeHist } = require(workerData.histUtil);
const run = (o) => new Promise((resolve, reject) => autocannon(o, (err, r) => (err ? reject(err) : resolve(r))));
(async () => {
  const w = await run({ ...workerData.opts, duration: 2 }); // warm-up
  const r = await run(workerData.opts); // in a worker thread autocannon returns its raw result: the encoded histogram
  const h = decodeHist(r.latencies);
  const at = (p) => (h && h.totalCount ? h.getValueAtPercentile(p) : 0);
  parentPort.postMessage({ answered: w.totalCompletedRequests + r.totalCompletedRequests, completed: r.totalCompletedRequests, seconds: r.duration, p50: at(50), p95: at(95), p97_5: at(97.5), p99: at(99), errors: r.errors + r.timeouts, non2xx: r.non2xx });
})().catch((err) => parentPort.postMessage({ error: String(err && err.stack || err) }));
`;

async function measureP95(engine: string, route: string, url: string, cookie: string, overallRate?: number): Promise<RouteResult> {
  const opts = { url, connections, headers: { cookie }, duration, ...(overallRate ? { overallRate } : {}) };
  const workerData = { opts, autocannon: requireHere.resolve('autocannon'), histUtil: path.join(path.dirname(requireHere.resolve('autocannon')), 'lib/histUtil.js') };
  type Measured = { answered: number; completed: number; seconds: number; p50: number; p95: number; p97_5: number; p99: number; errors: number; non2xx: number; error?: string };
  const m = await withCpu(
    () =>
      new Promise<Measured>((resolve, reject) => {
        const w = new Worker(p95Worker, { eval: true, workerData });
        w.once('message', (msg: unknown) => {
          void w.terminate();
          resolve(msg as Measured);
        });
        w.once('error', reject);
      }),
    (x) => x.answered ?? 0,
  );
  if (m.error) throw new Error(`autocannon worker: ${m.error}`);
  return {
    engine, route, path: new URL(url).pathname, ...(overallRate ? { offeredRate: overallRate, offered: 'bursts' as const } : {}),
    requestsPerSecond: Math.round(m.completed / m.seconds), p50: m.p50, p95: m.p95, p97_5: m.p97_5, p99: m.p99, errors: m.errors, non2xx: m.non2xx, ...cpuOf(m),
  };
}

const cpuOf = (x: { serverCpuUs?: number; postgresCpuUs?: number }) => ({
  ...(x.serverCpuUs !== undefined ? { serverCpuUs: x.serverCpuUs } : {}),
  ...(x.postgresCpuUs !== undefined ? { postgresCpuUs: x.postgresCpuUs } : {}),
});

/** A fixed offered rate, paced (bench/paced.ts): the way "at that load" is measured for both targets. */
async function measurePaced(engine: string, route: string, url: string, cookie: string, rate: number): Promise<RouteResult> {
  const m = await withCpu(() => pacedLoad({ url, headers: { cookie }, rate, duration, warmupSeconds: 2, connections }), (x) => x.answered);
  return {
    engine, route, path: new URL(url).pathname, offeredRate: rate, offered: 'paced', planned: m.planned,
    requestsPerSecond: m.requestsPerSecond, p50: m.p50, p95: m.p95, p97_5: m.p97_5, p99: m.p99, errors: m.errors, non2xx: m.non2xx, ...cpuOf(m),
    slowest: m.slowest, generatorLateMs: m.generatorLateMs,
  };
}

/** A paced run kept up when it answered (with 2xx) at least 97% of the requests planned in it; a burst run, 97% of its rate. */
function keptUp(r: RouteResult): boolean {
  if (!r.offeredRate) return true;
  if (r.offered === 'paced') return (r.planned ?? 0) > 0 && r.requestsPerSecond * duration >= 0.97 * (r.planned ?? 0);
  return r.requestsPerSecond >= 0.97 * r.offeredRate;
}

/**
 * The caseload page's loads.
 * - "full" (assessment-caseload): the same 50 connections as the other routes, each sending its next request as
 *   soon as the last is answered: the page's capacity. Its latency is mostly queueing (Little's law: 50
 *   connections ÷ pages a second), so it is reported, not judged.
 * - "busy" (assessment-caseload@busy, THE VERDICT): 20 pages a second offered, paced (Poisson arrivals): every
 *   caseworker of a 20,000-child area (167) opening their list every 8 seconds, far above a real working day's rate.
 * - "heavy" (assessment-caseload@40): 40 pages a second offered, paced: twice that, to show the headroom.
 * - "bursts" (assessment-caseload@20-bursts): 20 a second through autocannon's overallRate, as measured before
 *   bench/paced.ts: all 20 requests of each second sent at once. Reported for comparison, not judged.
 */
const caseloadTargetMs = 100;
const caseloadBusyRate = 20;
const caseloadLoads: { route: string; rate?: number; how: 'full' | 'paced' | 'bursts'; verdict: boolean }[] = [
  { route: 'assessment-caseload', how: 'full', verdict: false },
  { route: 'assessment-caseload@busy', rate: caseloadBusyRate, how: 'paced', verdict: true },
  { route: 'assessment-caseload@40', rate: 2 * caseloadBusyRate, how: 'paced', verdict: false },
  { route: 'assessment-caseload@20-bursts', rate: caseloadBusyRate, how: 'bursts', verdict: false },
];

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<{ results: RouteResult[]; loadSeconds: number; caseloadRows: number }> {
  let pgServer: TempPostgres | undefined;
  let conn: Connection;
  let dataDir: string | undefined;
  if (engine === 'postgres') {
    const url = process.env.DATABASE_URL ?? (pgServer = await startTempPostgres()).url;
    postgresPid = pgServer ? Number(fs.readFileSync(path.join(pgServer.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null : null;
    conn = await connect({ databaseUrl: url, dataDir: '' });
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-bench-'));
    conn = await connect({ dataDir });
  }
  try {
    await migrateToLatest(conn.db);
    const t0 = performance.now();
    await seedDemoArea(conn.db, { children });
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`${engine}: loaded ${children} children in ${loadSeconds.toFixed(1)} s`);
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-123', DEMO: 'false', SECURE_COOKIES: 'false' });
    const app = await buildServer({ config, db: conn.db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    try {
      const cookie = await signIn(base, `caseworker@${demoDomain}`);
      const list = (await (await fetch(`${base}/api/v1/children`, { headers: { cookie } })).json()) as { items: { id: string }[]; total: number };
      const childId = list.items[0]?.id;
      if (!childId) throw new Error('the caseworker has no children');
      console.log(`${engine}: caseworker's caseload is ${list.total} children`);
      const ceiling = await measure(engine, 'ceiling', `${base}/api/v1/me`, cookie);
      const readUrl = `${base}/api/v1/children/${childId}`;
      // The demo caseworker's own open assessments, every one of them (no filter), as the page shows them.
      const me = await conn.db.selectFrom('app_user').select('id').where('email', '=', `caseworker@${demoDomain}`).executeTakeFirstOrThrow();
      const caseloadUrl = `${base}/assessments?${new URLSearchParams({ caseworker: me.id, show: 'all' }).toString()}`;
      const page = await fetch(caseloadUrl, { headers: { cookie } });
      if (page.status !== 200) throw new Error(`the assessment caseload answered ${page.status}`);
      const caseloadRows = (/<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(await page.text())?.[1] ?? '').split('<tr class="govuk-table__row">').length - 1;
      console.log(`${engine}: the caseworker's assessment caseload page shows ${caseloadRows} cases`);
      const fortyPercent = Math.round(ceiling.requestsPerSecond * 0.4);
      const results = [
        await measure(engine, 'child-read', readUrl, cookie),
        // "At that load": the child read offered 40% of the ceiling's rate, paced, to read its p99 there.
        await measurePaced(engine, 'child-read@40%', readUrl, cookie, fortyPercent),
        // The same through autocannon's overallRate (each second's requests in one burst), as measured before.
        await measure(engine, 'child-read@40%-bursts', readUrl, cookie, fortyPercent),
        await measure(engine, 'caseload', `${base}/`, cookie),
        ceiling,
      ];
      // Where the read's p99 crosses 50 ms when paced: extra offered fractions of the ceiling, when asked for
      // (BENCH_CHILD_READ_FRACTIONS=0.25,0.3,0.35). Reported only.
      for (const f of (process.env.BENCH_CHILD_READ_FRACTIONS ?? '').split(',').map(Number).filter((x) => x > 0 && x < 1)) {
        results.push(await measurePaced(engine, `child-read@${Math.round(f * 100)}%`, readUrl, cookie, Math.round(ceiling.requestsPerSecond * f)));
      }
      for (const l of caseloadLoads) {
        results.push(l.how === 'paced' && l.rate ? await measurePaced(engine, l.route, caseloadUrl, cookie, l.rate) : await measureP95(engine, l.route, caseloadUrl, cookie, l.rate));
      }
      return { results, loadSeconds, caseloadRows };
    } finally {
      await app.close();
    }
  } finally {
    await conn.close();
    await pgServer?.stop();
    postgresPid = null;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// First, with nothing else running: the timescales engine over 150,000 histories on this (one) thread.
const timescalesEngine = benchTimescales();
console.log(`timescales engine: ${timescalesEngine.cases} histories checked and computed in ${timescalesEngine.ms} ms on one core, ${timescalesEngine.invalid} invalid — target < 2 s: ${timescalesEngine.met ? 'MET' : 'NOT MET'}`);

const all: RouteResult[] = [];
const loads: Record<string, number> = {};
const caseloadRows: Record<string, number> = {};
for (const engine of engines) {
  const { results, loadSeconds, caseloadRows: rows } = await benchEngine(engine);
  all.push(...results);
  loads[engine] = Math.round(loadSeconds * 10) / 10;
  caseloadRows[engine] = rows;
}

console.log(`\n${children} children, ${connections} connections, ${duration} s per route, ${os.cpus().length} cores, Node ${process.version}\n`);
console.table(all.map((r) => ({ engine: r.engine, route: r.route, offered: r.offeredRate ? `${r.offeredRate} ${r.offered ?? ''}` : 'max', 'req/s': r.requestsPerSecond, 'p50 ms': r.p50, 'p95 ms': r.p95 ?? '', 'p99 ms': r.p99, 'server µs/req': r.serverCpuUs ?? '', 'pg µs/req': r.postgresCpuUs ?? '', errors: r.errors, 'non-2xx': r.non2xx })));
// The verdict, as issue 2 states it: the read, measured with autocannon at full load, reaches ≥ 40% of the
// ceiling's req/s with p99 under 50 ms at that load, and no errors. Beside it, the stricter check run since stop 9
// (reported, not the verdict since stop 11; bench/README.md "How at that load is read"): offered exactly 40% of the
// ceiling's rate as independent arrivals (paced), it keeps up (answers ≥ 97% of the requests planned) with p99 under
// 50 ms and no errors.
type PacedCheck = { offered: number; p99: number; keptUp: boolean; met: boolean; slowest: RouteResult['slowest']; generatorLateMs: number | undefined };
const verdicts: Record<string, { ratio: number; p99: number; met: boolean | null; paced: PacedCheck }> = {};
for (const engine of engines) {
  const read = all.find((r) => r.engine === engine && r.route === 'child-read');
  const at40 = all.find((r) => r.engine === engine && r.route === 'child-read@40%');
  const ceiling = all.find((r) => r.engine === engine && r.route === 'ceiling');
  if (!read || !ceiling || !at40) continue;
  const ratio = Math.round((read.requestsPerSecond / ceiling.requestsPerSecond) * 1000) / 10;
  const met = engine === 'postgres' ? ratio >= 40 && read.p99 < 50 && read.errors === 0 && read.non2xx === 0 : null;
  const kept = keptUp(at40);
  const paced: PacedCheck = { offered: at40.offeredRate ?? 0, p99: at40.p99, keptUp: kept, met: kept && at40.p99 < 50 && at40.errors === 0 && at40.non2xx === 0, slowest: at40.slowest, generatorLateMs: at40.generatorLateMs };
  verdicts[engine] = { ratio, p99: read.p99, met, paced };
  const worst = (paced.slowest ?? [])[0];
  console.log(
    `${engine}: child-read at full load is ${ratio}% of the ceiling with p99 ${read.p99} ms` +
      (engine === 'postgres' ? ` — target ≥ 40% with p99 < 50 ms at that load: ${met ? 'MET' : 'NOT MET'}` : ' (in-process engine: reported, no target)') +
      `\n${engine}: stricter check, offered exactly 40% of the ceiling (${paced.offered} req/s, paced): served ${at40.requestsPerSecond} req/s with p99 ${at40.p99} ms (p95 ${at40.p95}): ${paced.met ? 'under' : 'not under'} 50 ms` +
      (worst ? `; slowest 100 ms window ${worst.atMs} ms in, ${worst.maxMs} ms; the load's own delay at most ${paced.generatorLateMs} ms` : ''),
  );
}
// Issue 3 §5: the caseworker's list of about 120 cases as a page, p95 under 100 ms. Judged at 20 pages a second
// offered, paced (kept up, p95 < 100 ms, no errors); every other load is reported with the same test beside it.
type CaseloadLoad = { route: string; offered: number | 'max'; how: 'full' | 'paced' | 'bursts'; requestsPerSecond: number; p95: number; met: boolean; verdict: boolean };
const caseloadVerdicts: Record<string, { rows: number; targetMs: number; met: boolean | null; judgedAt: string; loads: CaseloadLoad[] }> = {};
for (const engine of engines) {
  const loadsMeasured = caseloadLoads.flatMap((l): CaseloadLoad[] => {
    const r = all.find((x) => x.engine === engine && x.route === l.route);
    if (!r || r.p95 === undefined) return [];
    // A run that answered nothing has no p95 (0 then means "no sample"), so it cannot meet the target.
    const answered = r.requestsPerSecond > 0;
    return [{ route: l.route, offered: r.offeredRate ?? ('max' as const), how: l.how, requestsPerSecond: r.requestsPerSecond, p95: r.p95, met: answered && keptUp(r) && r.p95 < caseloadTargetMs && r.errors === 0 && r.non2xx === 0, verdict: l.verdict }];
  });
  const judged = loadsMeasured.find((l) => l.verdict);
  caseloadVerdicts[engine] = { rows: caseloadRows[engine] ?? 0, targetMs: caseloadTargetMs, met: judged ? judged.met : null, judgedAt: `${caseloadBusyRate} pages/s offered, paced`, loads: loadsMeasured };
  for (const l of loadsMeasured) {
    const how = l.offered === 'max' ? `at full load (${connections} connections, capacity)` : `offered ${l.offered} pages/s (${l.how === 'paced' ? 'paced' : 'autocannon bursts'})`;
    console.log(`${engine}: assessment caseload (${caseloadRows[engine]} cases) ${how}: ${l.requestsPerSecond} pages/s, ${l.requestsPerSecond > 0 ? `p95 ${l.p95} ms` : 'no page answered in the run'} — p95 < ${caseloadTargetMs} ms: ${l.met ? 'yes' : 'no'}${l.verdict ? ` — THE TARGET: ${l.met ? 'MET' : 'NOT MET'}` : ''}`);
  }
}

/** bench/localoffer.ts in a child process (a heap of its own), its result read back from a file. */
function runLocalOfferApart(o: { engines: readonly string[]; services: number; duration: number; connections: number }): Awaited<ReturnType<typeof benchLocalOffer>> {
  const out = path.join(os.tmpdir(), `joinedup-bench-localoffer-${process.pid}.json`);
  const args = ['--import', 'tsx', path.join(import.meta.dirname, 'localoffer.ts'), '--engine', o.engines.length > 1 ? 'both' : (o.engines[0] ?? 'both'),
    '--services', String(o.services), '--duration', String(o.duration), '--connections', String(o.connections), '--out', out];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) throw new Error(`bench/localoffer.ts ended with ${r.status ?? r.signal}`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as Awaited<ReturnType<typeof benchLocalOffer>>;
  fs.rmSync(out, { force: true });
  return result;
}
// Issue 5 §7: public search of the local offer over 20,000 services, each engine on a database of its own, in a
// process of its own: a fresh heap, as a server answering searches has, not this one's, which still holds the
// 20,000-child area and the servers measured above (run here, its p95 at the measured load was 49 ms on
// PostgreSQL against 20-26 ms in a process of its own: bench/README.md).
const localOffer = runLocalOfferApart({ engines, services: Number(process.env.BENCH_SERVICES ?? 20000), duration, connections: Number(process.env.BENCH_LO_CONNECTIONS ?? 10) });
const out = {
  date: new Date().toISOString(),
  machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` },
  options: { children, duration, connections, engines },
  loadSeconds: loads,
  results: all,
  verdicts,
  caseloadVerdicts,
  timescalesEngine,
  localOffer,
};
fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log('\nWrote bench/results/latest.json');
// A broken route fails the run: any non-2xx answer, or an error at full load. A fixed-rate run offered more than
// the engine can answer (PGlite at 40% of the ceiling) times requests out: that is reported in its row and verdict.
const bad = all.filter((r) => r.non2xx > 0 || (r.errors > 0 && !r.offeredRate));
if (bad.length) {
  console.error(`Non-2xx answers, or errors at full load, on: ${bad.map((r) => `${r.engine} ${r.route}`).join(', ')}`);
  process.exit(1);
}
