// The timescales engine's two public doors: `npx joinedup timescales FILE.json` and POST /api/v1/timescales.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from '../support/app.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const example = {
  requestReceived: '2025-01-06', asOf: '2025-06-01',
  events: [
    { type: 'decision-to-assess', on: '2025-02-10' },
    { type: 'advice-requested', on: '2025-02-11', adviser: 'health' },
    { type: 'advice-received', on: '2025-03-20', adviser: 'health' },
    { type: 'draft-issued', on: '2025-05-01' },
    { type: 'final-issued', on: '2025-05-20' },
    { type: 'exception', reason: 'personal-circumstances', from: '2025-03-01', to: '2025-04-15' },
  ],
};
const expected = {
  steps: [
    { step: 'decision', due: '2025-02-17', done: '2025-02-10', status: 'met' },
    { step: 'advice:health', due: '2025-03-25', done: '2025-03-20', status: 'met' },
    { step: 'comments', due: '2025-05-15', done: null, status: 'closed' },
    { step: 'final', due: '2025-05-26', done: '2025-05-20', status: 'met' },
  ],
  exceptionApplies: true,
};

describe('npx joinedup timescales', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jd-ts-'));
  const file = (name: string, body: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, body);
    return p;
  };
  const cli = (arg: string) => run(process.execPath, [path.join(root, 'bin/joinedup.js'), 'timescales', arg], { cwd: root }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('prints the JSON for a valid history and exits 0', async () => {
    const r = await cli(file('ok.json', JSON.stringify(example)));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), expected);
  });

  const bad: [string, string, RegExp][] = [
    ['malformed date', JSON.stringify({ ...example, requestReceived: '2025-1-6' }), /requestReceived: .*YYYY-MM-DD/],
    ['unknown event type', JSON.stringify({ ...example, events: [{ type: 'plan-issued', on: '2025-02-01' }] }), /events\.0\.type: Unknown event type "plan-issued"/],
    ['events out of order', JSON.stringify({ ...example, events: [{ type: 'decision-to-assess', on: '2025-02-10' }, { type: 'final-issued', on: '2025-03-01' }] }), /needs a draft plan first/],
    ['not JSON at all', '{ requestReceived: ', /is not valid JSON/],
  ];
  for (const [why, body, message] of bad) {
    test(`${why}: exits 2 with a clear message and no stack trace`, async () => {
      const r = await cli(file(`${why.replace(/\W/g, '-')}.json`, body));
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\s+at .*\(.*:\d+:\d+\)/);
    });
  }

  test('a missing file exits 2', async () => {
    const r = await cli(path.join(dir, 'missing.json'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file/);
  });
});

describe('POST /api/v1/timescales', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('pglite');
  });
  after(() => t.close());

  test('answers without sign-in', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/timescales', payload: example });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json(), expected);
  });

  test('bad input answers 400 with a message per field', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/timescales', payload: { requestReceived: '2025-02-30', asOf: '2025-06-01', events: [{ type: 'nope' }] } });
    assert.equal(r.statusCode, 400);
    const body = r.json<{ errors: { field: string; message: string }[] }>();
    assert.deepEqual(body.errors.map((e) => e.field), ['requestReceived', 'events.0.type']);
  });

  test('malformed JSON answers 400, not 500', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/timescales', headers: { 'content-type': 'application/json' }, payload: '{"requestReceived":' });
    assert.equal(r.statusCode, 400);
    assert.doesNotMatch(r.body, /\s+at /);
  });

  test('is rate-limited', async () => {
    let last = 0;
    for (let i = 0; i < 125 && last !== 429; i++) last = (await t.app.inject({ method: 'POST', url: '/api/v1/timescales', payload: example, remoteAddress: '10.9.9.9' })).statusCode;
    assert.equal(last, 429);
  });

  test('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ openapi: string; paths: Record<string, unknown> }>();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/timescales']);
    assert.ok(doc.paths['/api/v1/children/{id}']);
  });
});
