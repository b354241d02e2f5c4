// Public search of the local offer (issue 5 §7) over 20,000 synthetic services (src/demo/localoffer.ts, the demo's
// generator at scale), through the real app, anonymous, as a family's phone asks: a mix of plain words,
// misspellings, filters and distance from a postcode, each page also recording the search (lo_search_log).
// autocannon (in a worker thread, off the server's event loop) cycles through the mix on every connection; p95 is
// read from autocannon's own HdrHistogram of 2xx latencies. Two loads: "full" (every connection sends its next
// request as soon as the last is answered: latency there is mostly queueing), and "measured" (a fixed rate of half
// the full-load throughput just measured). Target: p95 < 20 ms at the measured load on PostgreSQL; PGlite beside it.
// Called from run.ts; alone: `npx tsx bench/localoffer.ts [--services 20000 --engine both --duration 10]`, which
// writes its part into bench/results/latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.ts';
import { connect, type Connection } from '../src/platform/db/connect.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { buildServer } from '../src/server.ts';
import { seedDemoArea } from '../src/demo/seed.ts';
import { startTempPostgres, type TempPostgres } from '../test/support/postgres.ts';
import { pacedLoad } from './paced.ts';

/** The mix: what families type and choose. Each is one GET of the results page. */
export const searchMix: { kind: 'words' | 'misspelt' | 'filters' | 'distance'; query: string }[] = [
  { kind: 'words', query: 'q=speech+therapy' },
  { kind: 'words', query: 'q=autism' },
  { kind: 'words', query: 'q=short+breaks' },
  { kind: 'words', query: 'q=swimming' },
  { kind: 'words', query: 'q=ADHD+support' },
  { kind: 'misspelt', query: 'q=speach+therapy' },
  { kind: 'misspelt', query: 'q=autistic' },
  { kind: 'misspelt', query: 'q=phisio' },
  { kind: 'misspelt', query: 'q=respit' },
  { kind: 'misspelt', query: 'q=occupasional+therapy' },
  { kind: 'filters', query: 'category=health&age=7' },
  { kind: 'filters', query: 'need=ASD&cost=free&category=short-breaks-leisure' },
  { kind: 'filters', query: 'area=outside&ageFrom=16&ageTo=25' },
  { kind: 'filters', query: 'q=club&cost=paid&sort=checked' },
  { kind: 'distance', query: 'postcode=JT1+1AA&miles=5' },
  { kind: 'distance', query: 'q=swimming&postcode=JT5+1AA&miles=10' },
  { kind: 'distance', query: 'category=advice-support&postcode=JT7+2AB&miles=2' },
  { kind: 'distance', query: 'q=autism&postcode=JT3+1AA&miles=20&page=2' },
];

export const targetP95Ms = 20;

/** What a phone's browser sends: the server then answers with gzip (platform/web/plugin.ts). */
export const browserHeaders = { 'accept-encoding': 'gzip, deflate, br, zstd' };

interface Load {
  /** full: capacity (closed loop); measured: half of it, paced (THE verdict, with searches kept); the same two
   *  with every search ranked afresh (LOCAL_OFFER_KEEP_SEARCHES=false): reported beside it. */
  load: 'full' | 'measured' | 'full-not-kept' | 'measured-not-kept';
  offered: number | 'max';
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LocalOfferEngineResult {
  engine: 'pglite' | 'postgres';
  services: number;
  loadSeconds: number;
  /** One request of each kind, alone: ms, median of 5, with searches kept (all but the first reuse the result). */
  alone: Record<string, number>;
  /** The same, every search ranked afresh. */
  aloneNotKept: Record<string, number>;
  loads: Load[];
  met: boolean | null;
}

const requireHere = createRequire(import.meta.url);
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannon);
const { decodeHist } = require(workerData.histUtil);
const run = (o) => new Promise((resolve, reject) => autocannon(o, (err, r) => (err ? reject(err) : resolve(r))));
(async () => {
  await run({ ...workerData.opts, duration: 2 });
  const r = await run(workerData.opts);
  const h = decodeHist(r.latencies);
  const at = (p) => (h && h.totalCount ? h.getValueAtPercentile(p) : 0);
  parentPort.postMessage({ completed: r.totalCompletedRequests, seconds: r.duration, p50: at(50), p95: at(95), p99: at(99), errors: r.errors + r.timeouts, non2xx: r.non2xx });
})().catch((err) => parentPort.postMessage({ error: String((err && err.stack) || err) }));
`;

/** The mix offered at a fixed rate, paced (bench/paced.ts: Poisson arrivals, latency from the planned send time). */
async function measurePaced(base: string, connections: number, duration: number, rate: number): Promise<Omit<Load, 'load'>> {
  const m = await pacedLoad({ url: `${base}/`, paths: searchMix.map((x) => `/local-offer/services?${x.query}`), headers: browserHeaders, rate, duration, warmupSeconds: 2, connections, seed: 11 });
  return { offered: rate, requestsPerSecond: m.requestsPerSecond, p50: m.p50, p95: m.p95, p99: m.p99, errors: m.errors, non2xx: m.non2xx };
}

async function measure(base: string, connections: number, duration: number, overallRate?: number): Promise<Omit<Load, 'load'>> {
  const opts = { url: base, connections, duration, headers: browserHeaders, requests: searchMix.map((m) => ({ method: 'GET', path: `/local-offer/services?${m.query}` })), ...(overallRate ? { overallRate } : {}) };
  const workerData = { opts, autocannon: requireHere.resolve('autocannon'), histUtil: path.join(path.dirname(requireHere.resolve('autocannon')), 'lib/histUtil.js') };
  type M = { completed: number; seconds: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; error?: string };
  const m = await new Promise<M>((resolve, reject) => {
    const w = new Worker(workerCode, { eval: true, workerData });
    w.once('message', (msg: unknown) => {
      void w.terminate();
      resolve(msg as M);
    });
    w.once('error', reject);
  });
  if (m.error) throw new Error(`autocannon worker: ${m.error}`);
  return { offered: overallRate ?? 'max', requestsPerSecond: Math.round(m.completed / m.seconds), p50: m.p50, p95: m.p95, p99: m.p99, errors: m.errors, non2xx: m.non2xx };
}

export async function benchLocalOfferEngine(engine: 'pglite' | 'postgres', opts: { services: number; duration: number; connections: number }): Promise<LocalOfferEngineResult> {
  let pgServer: TempPostgres | undefined;
  let conn: Connection;
  let dataDir: string | undefined;
  if (engine === 'postgres') {
    const url = process.env.DATABASE_URL ?? (pgServer = await startTempPostgres()).url;
    conn = await connect({ databaseUrl: url, dataDir: '' });
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-bench-lo-'));
    conn = await connect({ dataDir });
  }
  try {
    await migrateToLatest(conn.db);
    const t0 = performance.now();
    await seedDemoArea(conn.db, { children: 50, services: opts.services });
    const loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`${engine}: seeded ${opts.services} services in ${loadSeconds} s`);
    const settings = { NODE_ENV: 'production', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-123', DEMO: 'false', SECURE_COOKIES: 'false' } as const;
    // Two servers on the same database: searches kept (as installed), and every search ranked afresh.
    const start = async (keep: boolean) => {
      const app = await buildServer({ config: loadConfig({ ...settings, LOCAL_OFFER_KEEP_SEARCHES: String(keep) }), db: conn.db });
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
    };
    const kept = await start(true);
    const fresh = await start(false);
    try {
      const time = async (base: string) => {
        const out: Record<string, number> = {};
        for (const m of searchMix) {
          const times: number[] = [];
          for (let i = 0; i < 5; i++) {
            const s = performance.now();
            const r = await fetch(`${base}/local-offer/services?${m.query}`);
            await r.text();
            if (r.status !== 200) throw new Error(`${m.query} answered ${r.status}`);
            times.push(performance.now() - s);
          }
          out[m.query] = Math.round((times.sort((a, b) => a - b)[2] ?? 0) * 10) / 10;
        }
        return out;
      };
      const aloneNotKept = await time(fresh.base);
      const alone = await time(kept.base);
      const loadAt = async (base: string, names: ['full' | 'full-not-kept', 'measured' | 'measured-not-kept']) => {
        const full = await measure(base, opts.connections, opts.duration);
        const rate = Math.max(1, Math.round(full.requestsPerSecond / 2));
        const measured = await measurePaced(base, opts.connections, opts.duration, rate);
        return [{ load: names[0], ...full }, { load: names[1], ...measured }] as Load[];
      };
      const loads = [...(await loadAt(kept.base, ['full', 'measured'])), ...(await loadAt(fresh.base, ['full-not-kept', 'measured-not-kept']))];
      const measured = loads[1] as Load;
      const keptUp = measured.requestsPerSecond >= 0.97 * (measured.offered as number);
      const met = engine === 'postgres' ? keptUp && measured.p95 < targetP95Ms && measured.errors === 0 && measured.non2xx === 0 : null;
      return { engine, services: opts.services, loadSeconds, alone, aloneNotKept, loads, met };
    } finally {
      await kept.app.close();
      await fresh.app.close();
    }
  } finally {
    await conn.close();
    await pgServer?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs both engines (or the one asked for) and prints the verdict; the result goes into latest.json as `localOffer`. */
export async function benchLocalOffer(opts: { engines: readonly ('pglite' | 'postgres')[]; services: number; duration: number; connections: number }): Promise<{ targetP95Ms: number; mix: typeof searchMix; results: LocalOfferEngineResult[] }> {
  const results: LocalOfferEngineResult[] = [];
  for (const engine of opts.engines) {
    const r = await benchLocalOfferEngine(engine, opts);
    results.push(r);
    for (const l of r.loads) {
      const kept = l.load.endsWith('not-kept') ? ', every search ranked afresh' : ', searches kept';
      const how = (l.offered === 'max' ? `at full load (${opts.connections} connections)` : `offered ${l.offered} searches/s paced (half the full-load rate)`) + kept;
      const verdict = engine === 'postgres' && l.load === 'measured' ? ` — target p95 < ${targetP95Ms} ms: ${r.met ? 'MET' : 'NOT MET'}` : '';
      console.log(`${engine}: local offer search over ${r.services} services ${how}: ${l.requestsPerSecond} searches/s, p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, errors ${l.errors}, non-2xx ${l.non2xx}${verdict}`);
    }
  }
  return { targetP95Ms, mix: searchMix, results };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      services: { type: 'string', default: process.env.BENCH_SERVICES ?? '20000' },
      engine: { type: 'string', default: process.env.BENCH_ENGINE ?? 'both' },
      duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
      connections: { type: 'string', default: process.env.BENCH_LO_CONNECTIONS ?? '10' },
      // run.ts: write the result here, leaving latest.json to run.ts
      out: { type: 'string' },
    },
  });
  const engines = values.engine === 'both' ? (['pglite', 'postgres'] as const) : ([values.engine] as ('pglite' | 'postgres')[]);
  const localOffer = await benchLocalOffer({ engines, services: Number(values.services), duration: Number(values.duration), connections: Number(values.connections) });
  if (values.out) {
    fs.writeFileSync(values.out, JSON.stringify(localOffer));
    process.exit(0);
  }
  const file = path.join(import.meta.dirname, 'results', 'latest.json');
  const latest = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  latest.localOffer = { date: new Date().toISOString(), machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version }, ...localOffer };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(latest, null, 2)}\n`);
  console.log('Wrote localOffer into bench/results/latest.json');
}
