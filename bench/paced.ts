// An open-loop load at a fixed offered rate, for "p95/p99 at that load". Requests arrive as a Poisson process
// (independent users: exponential gaps, seeded, so runs are repeatable) at `rate` a second, each sent at its
// planned time whatever the server is doing, over at most `connections` keep-alive connections. Latency is measured
// from the PLANNED send time, so a request that waits for a free connection, or behind a slow server, counts its
// wait (coordinated omission is measured, not corrected afterwards).
//
// Why not autocannon's overallRate: it gives each connection a quota per one-second window, all windows starting
// together, so a second's requests leave in one burst at its start (at 20 a second, 20 at once and then nothing);
// and it then "corrects" each latency with an expected interval of Math.ceil(1 / rate), which is in seconds but
// used as milliseconds, so every response of L ms is recorded as L samples (L, L-1, … 1). bench/README.md shows both.
//
// The load runs in a worker thread (as autocannon's does), off the server's event loop, and records latencies in
// an HdrHistogram (hdr-histogram-js, autocannon's own) in microseconds.
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface PacedOptions {
  url: string;
  headers?: Record<string, string>;
  /** Requests a second, offered whatever the server does. */
  rate: number;
  /** Seconds measured (after `warmupSeconds` at the same rate, not recorded). */
  duration: number;
  warmupSeconds?: number;
  /** At most this many requests in flight (keep-alive connections); a request planned while all are busy waits. */
  connections: number;
  seed?: number;
  /** A request still unanswered this long after its planned time counts as a timeout (ms). */
  timeoutMs?: number;
}

export interface PacedResult {
  /** Requests planned in the measured period. */
  planned: number;
  /** Answered with 2xx in the measured period, a second (of those planned in it). */
  requestsPerSecond: number;
  offeredRate: number;
  completed: number;
  /** Percentiles of 2xx latencies from the planned send time, ms (one decimal). */
  p50: number;
  p95: number;
  p97_5: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  /** Longest a planned request waited for a free connection, ms: > 0 means the connection limit was reached. */
  maxQueueMs: number;
  /** Every request answered, warm-up included (for CPU per request over the whole run). */
  answered: number;
}

const requireHere = createRequire(import.meta.url);

// Plain CommonJS for the worker (no TypeScript loader there).
const worker = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const hdr = require(workerData.hdr);
const o = workerData.opts;
// mulberry32, as src/demo/random.ts
function prng(seed) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const rand = prng(o.seed ?? 1);
const u = new URL(o.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
const warmMs = (o.warmupSeconds ?? 2) * 1000, runMs = o.duration * 1000, timeoutMs = o.timeoutMs ?? 30000;
const hist = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120e6, numberOfSignificantValueDigits: 3 });
let planned = 0, completed = 0, errors = 0, non2xx = 0, inFlight = 0, maxQueueMs = 0, finished = 0, scheduledAll = false;
const queue = []; // planned requests waiting for a free connection
const t0 = performance.now();
function send(plan) {
  inFlight++;
  const started = performance.now();
  if (plan.measured) maxQueueMs = Math.max(maxQueueMs, started - plan.at);
  let done = false;
  const end = (ok, status) => {
    if (done) return; done = true; inFlight--;
    const lat = performance.now() - plan.at;
    if (plan.measured) {
      if (!ok || lat > timeoutMs) errors++;
      else if (status < 200 || status > 299) non2xx++;
      else { completed++; hist.recordValue(Math.max(1, Math.round(lat * 1000))); }
    }
    finished++;
    next();
    maybeEnd();
  };
  const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'GET', agent, headers: o.headers ?? {} }, (res) => {
    res.on('data', () => undefined);
    res.on('end', () => end(true, res.statusCode ?? 0));
    res.on('error', () => end(false, 0));
  });
  req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
  req.on('error', () => end(false, 0));
  req.end();
}
function next() { while (inFlight < o.connections && queue.length) send(queue.shift()); }
// The schedule: Poisson arrivals, planned times relative to t0; the first warmMs are not measured.
let at = 0;
function tick() {
  const now = performance.now() - t0;
  while (at <= now && at < warmMs + runMs) {
    const measured = at >= warmMs;
    if (measured) planned++;
    queue.push({ at: t0 + at, measured });
    at += -Math.log(1 - rand()) * 1000 / o.rate;
  }
  next();
  if (at < warmMs + runMs) setTimeout(tick, Math.max(0, Math.min(at - (performance.now() - t0), 5)));
  else { scheduledAll = true; maybeEnd(); }
}
let sent = false;
function maybeEnd() {
  if (sent || !scheduledAll || inFlight > 0 || queue.length > 0) return;
  sent = true;
  agent.destroy();
  const q = (p) => (hist.totalCount ? Math.round(hist.getValueAtPercentile(p) / 100) / 10 : 0);
  parentPort.postMessage({ answered: finished, planned, completed, errors, non2xx, p50: q(50), p95: q(95), p97_5: q(97.5), p99: q(99), max: hist.totalCount ? Math.round(hist.maxValue / 100) / 10 : 0, maxQueueMs: Math.round(maxQueueMs * 10) / 10 });
}
tick();
`;

/** Runs the paced load in a worker thread and returns what it measured. */
export async function pacedLoad(opts: PacedOptions): Promise<PacedResult> {
  const hdrPath = requireHere.resolve('hdr-histogram-js', { paths: [path.dirname(requireHere.resolve('autocannon'))] });
  const m = await new Promise<Omit<PacedResult, 'requestsPerSecond' | 'offeredRate'> & { error?: string }>((resolve, reject) => {
    const w = new Worker(worker, { eval: true, workerData: { opts, hdr: hdrPath } });
    w.once('message', (msg: unknown) => {
      void w.terminate();
      resolve(msg as Omit<PacedResult, 'requestsPerSecond' | 'offeredRate'>);
    });
    w.once('error', reject);
  });
  return { ...m, offeredRate: opts.rate, requestsPerSecond: Math.round(m.completed / opts.duration) };
}
