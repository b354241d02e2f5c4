// The plan quality checker's command-line door, run through the real bin as another tool would call it:
// `npx joinedup quality --section E "text"` prints {"findings":[…],"score":N} and exits 0; bad usage exits 2.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const cli = (...args: string[]) => run(process.execPath, [path.join(root, 'bin/joinedup.js'), 'quality', ...args], { cwd: root }).then(
  (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
  (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
);
type Output = { findings: { code: string; message: string }[]; score: number };

describe('npx joinedup quality', () => {
  const ok: [string, string, string, (o: Output) => void][] = [
    ['a good outcome', 'E', 'By July 2027, Amira will be able to travel to school by bus on her own.', (o) => assert.deepEqual(o, { findings: [], score: 100 })],
    ['the Halton outcome', 'E', 'Child Y will no longer need the services of the physiotherapist', (o) => {
      assert.ok(o.findings.some((f) => f.code === 'outcome.service-centred'));
      assert.equal(o.score, 0);
    }],
    ['a good provision item', 'F', '3 times a week for 20 minutes by a speech and language therapist', (o) => assert.deepEqual(o, { findings: [], score: 100 })],
    ['a vague provision item', 'F', 'Regular opportunities to work in a small group', (o) => {
      assert.ok(o.findings.length >= 1);
      assert.equal(o.findings[0]?.code, 'provision.vague-term');
      assert.ok(o.score < 100);
    }],
    ['another section gets the wording checks', 'B', 'Sam has ADHD and needs a sensory diet.', (o) => assert.deepEqual(o.findings.map((f) => f.code), ['wording.abbreviation', 'wording.jargon'])],
  ];
  for (const [name, section, text, check] of ok) {
    test(`${name}: prints the findings and a score as one line of JSON and exits 0`, async () => {
      const r = await cli('--section', section, text);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^\{"findings":\[.*\],"score":\d+\}\n$/);
      const out = JSON.parse(r.stdout) as Output;
      assert.deepEqual(Object.keys(out), ['findings', 'score']);
      for (const f of out.findings) assert.deepEqual(Object.keys(f), ['code', 'message']);
      check(out);
    });
  }

  const usage: [string, string[], RegExp][] = [
    ['no text', ['--section', 'E'], /Give the text of one item/],
    ['blank text', ['--section', 'F', '   '], /Give the text of one item/],
    ['unknown section', ['--section', 'Z', 'Some text'], /Unknown section: "Z"/],
    ['no section', ['Some text'], /Say which section/],
  ];
  for (const [why, args, message] of usage) {
    test(`${why}: exits 2 with a clear message on stderr`, async () => {
      const r = await cli(...args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage: joinedup quality --section SECTION TEXT/);
      assert.doesNotMatch(r.stderr, /\s+at .*\(.*:\d+:\d+\)/);
    });
  }
});
