// The benchmark's paced load (bench/paced.ts): requests spread over each second (not sent in one burst), every
// planned request answered and counted, and latency measured from the planned send time, so a server that stalls
// shows the stall in the percentiles. No database: a plain local HTTP server answers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pacedLoad } from '../../bench/paced.ts';

let server: http.Server;
let url = '';
const arrivals: number[] = [];
let stallUntil = 0;
/** When set, the server stalls for 400 ms this long after the first request of a run reaches it. */
let stallAfterFirst = 0;

before(async () => {
  server = http.createServer((req, res) => {
    const now = performance.now();
    if (req.url === '/chunked') {
      // A body of unknown length, sent in parts (Transfer-Encoding: chunked), as a streamed page is.
      res.write('part one, ');
      setTimeout(() => res.end('part two'), 1);
      return;
    }
    if (req.url === '/missing') {
      res.statusCode = 404;
      res.end('not here');
      return;
    }
    arrivals.push(now);
    if (stallAfterFirst && arrivals.length === 1) setTimeout(() => (stallUntil = performance.now() + 400), stallAfterFirst);
    setTimeout(() => res.end('ok'), Math.max(2, stallUntil - now));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('requests are spread over each second and all counted', async () => {
  arrivals.length = 0;
  const r = await pacedLoad({ url, rate: 200, duration: 2, warmupSeconds: 0.5, connections: 20, seed: 7 });
  assert.ok(r.planned > 300 && r.planned < 500, `about 400 planned in 2 s at 200/s, got ${r.planned}`);
  assert.equal(r.completed, r.planned);
  assert.equal(r.errors + r.non2xx, 0);
  assert.equal(r.answered, arrivals.length, 'warm-up and measured requests all reached the server');
  const first = arrivals[0] ?? 0;
  const slices = new Array<number>(10).fill(0);
  for (const a of arrivals) slices[Math.floor(((a - first) % 1000) / 100)]! += 1;
  assert.ok(Math.max(...slices) < 0.25 * arrivals.length, `no tenth of a second takes a burst: ${slices.join(' ')}`);
  assert.ok(r.p50 < 50, `a 2 ms server answers in well under 50 ms at the median, got ${r.p50}`);
  assert.ok(r.generatorLateMs >= 0 && r.generatorLateMs < 1000, `the load's own delay is reported: ${r.generatorLateMs} ms`);
});

test('a stall shows in the latency, measured from the planned send time', async () => {
  // The first request is planned at the run's start; the stall begins 1,000 ms later, 500 ms into the measured
  // period (after 500 ms of warm-up).
  arrivals.length = 0;
  stallAfterFirst = 1000;
  const r = await pacedLoad({ url, rate: 100, duration: 2, warmupSeconds: 0.5, connections: 10, seed: 3 });
  stallAfterFirst = 0;
  stallUntil = 0;
  assert.equal(r.completed, r.planned);
  assert.ok(r.max >= 350, `the 400 ms stall is seen, max ${r.max} ms`);
  assert.ok(r.maxQueueMs > 0, 'requests planned during the stall waited for a free connection, and that wait counts');
  assert.ok(r.p99 >= 200, `p99 ${r.p99} ms includes the stall`);
  // The slowest window is where the stall began: the requests planned in its first 100 ms waited longest.
  const worst = r.slowest[0];
  assert.ok(worst && worst.maxMs >= 350, `the slowest window holds the stall: ${JSON.stringify(r.slowest)}`);
  assert.ok(worst.atMs >= 400 && worst.atMs <= 700, `and it is where the stall was, not elsewhere: ${JSON.stringify(r.slowest)}`);
  assert.ok(r.slowest.length === 3 && r.slowest.every((w, i) => i === 0 || w.maxMs <= r.slowest[i - 1]!.maxMs), 'three windows, slowest first');
});

test('chunked bodies are read to their end, and answers other than 2xx are counted apart', async () => {
  const chunked = await pacedLoad({ url: `${url}chunked`, rate: 100, duration: 1, warmupSeconds: 0.2, connections: 5, seed: 5 });
  assert.equal(chunked.completed, chunked.planned, 'every chunked answer was read whole, so each connection could carry the next request');
  assert.equal(chunked.errors, 0);
  const missing = await pacedLoad({ url: `${url}missing`, rate: 100, duration: 1, warmupSeconds: 0.2, connections: 5, seed: 6 });
  assert.equal(missing.completed, 0);
  assert.equal(missing.non2xx, missing.planned);
});
