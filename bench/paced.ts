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
  /** Paths (with query) to cycle through, one per request in turn, on the url's host; default: the url's own. */
  paths?: string[];
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
  /** Where the tail came from: the three 100 ms windows (by planned send time, ms from the start of the measured
   *  period) whose slowest 2xx answer was slowest, with how many were answered in each. */
  slowest: { atMs: number; requests: number; maxMs: number }[];
  /** The load's own delay: how late, at most, a request was planned after its time because the load's thread was
   *  held up (its timer fired late). Large values mean the machine held up the instrument too. */
  generatorLateMs: number;
}

const requireHere = createRequire(import.meta.url);

// Plain CommonJS for the worker (no TypeScript loader there). The requests go over raw keep-alive sockets, written as
// prepared bytes and read by a minimal HTTP/1.1 parser (status line, Content-Length or chunked), as autocannon does:
// node's http client costs several times more CPU per request, and on a 2-core machine shared with the server and
// PostgreSQL that cost became the bottleneck and showed as server latency (bench/README.md: "The load generator").
const worker = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const hdr = require(workerData.hdr);
const o = workerData.opts;
// mulberry32, as src/demo/random.ts
function prng(seed) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const rand = prng(o.seed ?? 1);
const u = new URL(o.url);
const headerLines = Object.entries(o.headers ?? {}).map(([k, v]) => k + ': ' + v + '\\r\\n').join('');
const requests = (o.paths && o.paths.length ? o.paths : [u.pathname + u.search]).map((p) => Buffer.from('GET ' + p + ' HTTP/1.1\\r\\nHost: ' + u.host + '\\r\\nConnection: keep-alive\\r\\n' + headerLines + '\\r\\n'));
let nextRequest = 0;
const warmMs = (o.warmupSeconds ?? 2) * 1000, runMs = o.duration * 1000, timeoutMs = o.timeoutMs ?? 30000;
const hist = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120e6, numberOfSignificantValueDigits: 3 });
let planned = 0, completed = 0, errors = 0, non2xx = 0, maxQueueMs = 0, finished = 0, scheduledAll = false;
const windows = new Map(); // 100 ms windows of the measured period, by planned time: { n, max }
let generatorLateMs = 0;
const queue = []; // planned requests waiting for a free connection
const idle = []; // connections with no request in flight
const all = new Set();
let opened = 0;
const t0 = performance.now();
const CRLFCRLF = Buffer.from('\\r\\n\\r\\n');
const LAST_CHUNK = Buffer.from('0\\r\\n\\r\\n');

function finish(conn, ok, status) {
  const plan = conn.plan;
  if (!plan) return;
  conn.plan = null;
  clearTimeout(conn.timer);
  const lat = performance.now() - plan.at;
  if (plan.measured) {
    if (!ok || lat > timeoutMs) errors++;
    else if (status < 200 || status > 299) non2xx++;
    else {
      completed++;
      hist.recordValue(Math.max(1, Math.round(lat * 1000)));
      const k = Math.floor((plan.at - t0 - warmMs) / 100);
      const w = windows.get(k) ?? { n: 0, max: 0 };
      w.n++;
      if (lat > w.max) w.max = lat;
      windows.set(k, w);
    }
  }
  finished++;
}

// Parses as many whole responses as the buffer holds (one is in flight at a time, so at most one).
function parse(conn) {
  for (;;) {
    if (conn.need === -1) {
      const h = conn.buf.indexOf(CRLFCRLF);
      if (h < 0) return;
      const head = conn.buf.toString('latin1', 0, h);
      conn.status = Number(head.slice(9, 12));
      const cl = /\\r\\ncontent-length:\\s*(\\d+)/i.exec(head);
      conn.chunked = !cl && /\\r\\ntransfer-encoding:\\s*chunked/i.test(head);
      conn.buf = conn.buf.subarray(h + 4);
      conn.need = cl ? Number(cl[1]) : 0;
    }
    if (conn.chunked) {
      const end = conn.buf.indexOf(LAST_CHUNK);
      if (end < 0) return;
      conn.buf = conn.buf.subarray(end + LAST_CHUNK.length);
    } else {
      if (conn.buf.length < conn.need) return;
      conn.buf = conn.buf.subarray(conn.need);
    }
    conn.need = -1;
    const status = conn.status;
    finish(conn, true, status);
    release(conn);
    return;
  }
}

function open() {
  opened++;
  const sock = net.connect({ host: u.hostname, port: Number(u.port) });
  sock.setNoDelay(true);
  const conn = { sock, buf: Buffer.alloc(0), need: -1, status: 0, chunked: false, plan: null, timer: null, dead: false };
  all.add(conn);
  sock.on('data', (d) => { conn.buf = conn.buf.length ? Buffer.concat([conn.buf, d]) : d; parse(conn); });
  const fail = () => {
    if (conn.dead) return;
    conn.dead = true; all.delete(conn);
    const i = idle.indexOf(conn); if (i >= 0) idle.splice(i, 1);
    if (conn.plan) finish(conn, false, 0);
    opened--;
    next();
    maybeEnd();
  };
  sock.on('error', fail);
  sock.on('close', fail);
  return conn;
}

function send(conn, plan) {
  if (plan.measured) maxQueueMs = Math.max(maxQueueMs, performance.now() - plan.at);
  conn.plan = plan;
  conn.timer = setTimeout(() => conn.sock.destroy(new Error('timeout')), timeoutMs);
  conn.sock.write(requests[nextRequest++ % requests.length]);
}

function release(conn) {
  idle.push(conn);
  next();
  maybeEnd();
}

function next() {
  while (queue.length) {
    let conn = idle.pop();
    if (!conn) {
      if (opened >= o.connections) return;
      conn = open();
    }
    send(conn, queue.shift());
  }
}

// The schedule: Poisson arrivals, planned times relative to t0; the first warmMs are not measured.
let at = 0;
function tick() {
  const now = performance.now() - t0;
  while (at <= now && at < warmMs + runMs) {
    const measured = at >= warmMs;
    if (measured) {
      planned++;
      if (now - at > generatorLateMs) generatorLateMs = now - at;
    }
    queue.push({ at: t0 + at, measured });
    at += -Math.log(1 - rand()) * 1000 / o.rate;
  }
  next();
  if (at < warmMs + runMs) setTimeout(tick, Math.max(0, Math.min(at - (performance.now() - t0), 5)));
  else { scheduledAll = true; maybeEnd(); }
}
let sent = false;
function maybeEnd() {
  if (sent || !scheduledAll || queue.length > 0) return;
  for (const c of all) if (c.plan) return;
  sent = true;
  for (const c of all) { c.dead = true; c.sock.destroy(); }
  const q = (p) => (hist.totalCount ? Math.round(hist.getValueAtPercentile(p) / 100) / 10 : 0);
  const r1 = (x) => Math.round(x * 10) / 10;
  const slowest = [...windows].sort((a, b) => b[1].max - a[1].max).slice(0, 3).map(([k, w]) => ({ atMs: k * 100, requests: w.n, maxMs: r1(w.max) }));
  parentPort.postMessage({ answered: finished, planned, completed, errors, non2xx, p50: q(50), p95: q(95), p97_5: q(97.5), p99: q(99), max: hist.totalCount ? Math.round(hist.maxValue / 100) / 10 : 0, maxQueueMs: r1(maxQueueMs), slowest, generatorLateMs: r1(generatorLateMs) });
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
