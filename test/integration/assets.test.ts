// The design systems' stylesheets and script (platform/web/assets.ts): linked from every page by their content's
// version, kept by the browser for a year at that URL, sent compressed (brotli, else gzip) to a browser that takes
// it, whole to one that does not, and answered 304 when the browser already has them. The files hold no database
// data: one engine is enough.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/app.ts';
import { vendorAssets } from '../../src/platform/web/assets.ts';

describe('the design systems’ stylesheets and script', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('pglite');
  });
  after(() => t.close());

  const css = '/stylesheets/govuk-frontend.min.css';
  const fileOf = (p: string) => fs.readFileSync(vendorAssets[p]!.file);
  const versionOf = (p: string) => createHash('sha256').update(fileOf(p)).digest('hex').slice(0, 16);

  test('every page links the stylesheets by their content’s version', async () => {
    const page = await t.app.inject({ url: '/sign-in' });
    assert.equal(page.statusCode, 200);
    for (const p of ['/stylesheets/govuk-frontend.min.css', '/stylesheets/moj-frontend.min.css']) {
      assert.ok(page.body.includes(`href="${p}?v=${versionOf(p)}"`), `${p} is linked with ?v=${versionOf(p)}`);
    }
  });

  test('the versioned URL is kept for a year; any other is asked again each time, with an ETag', async () => {
    const kept = await t.app.inject({ url: `${css}?v=${versionOf(css)}` });
    assert.equal(kept.statusCode, 200);
    assert.equal(kept.headers['cache-control'], 'public, max-age=31536000, immutable');
    for (const url of [css, `${css}?v=0000000000000000`]) {
      const r = await t.app.inject({ url });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
      assert.equal(r.headers.etag, `"${versionOf(css)}"`);
    }
    const again = await t.app.inject({ url: css, headers: { 'if-none-match': `"${versionOf(css)}"` } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const changed = await t.app.inject({ url: css, headers: { 'if-none-match': '"something-older"' } });
    assert.equal(changed.statusCode, 200);
  });

  test('sent as the browser accepts: gzip, brotli once it is ready, or whole; always the same bytes', async () => {
    for (const p of Object.keys(vendorAssets)) {
      const raw = fileOf(p);
      const plain = await t.app.inject({ url: p });
      assert.equal(plain.headers['content-encoding'], undefined, `${p} whole to a browser that asks for no encoding`);
      assert.ok(plain.rawPayload.equals(raw));
      assert.match(String(plain.headers['content-type']), p.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      assert.equal(plain.headers.vary, 'Accept-Encoding');

      const gz = await t.app.inject({ url: p, headers: { 'accept-encoding': 'gzip, deflate' } });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.ok(gunzipSync(gz.rawPayload).equals(raw), `${p}: gzip decompresses to the file`);
      assert.ok(gz.rawPayload.length < raw.length / 4, `${p}: ${raw.length} bytes sent as ${gz.rawPayload.length}`);

      // Brotli is made off the event loop on the first request that asks for it; until then, gzip.
      let br = await t.app.inject({ url: p, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      for (let i = 0; i < 100 && br.headers['content-encoding'] !== 'br'; i++) {
        assert.equal(br.headers['content-encoding'], 'gzip', 'gzip while brotli is being made');
        await new Promise((r) => setTimeout(r, 20));
        br = await t.app.inject({ url: p, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      }
      assert.equal(br.headers['content-encoding'], 'br');
      assert.ok(brotliDecompressSync(br.rawPayload).equals(raw), `${p}: brotli decompresses to the file`);
      assert.ok(br.rawPayload.length < gz.rawPayload.length, `${p}: brotli ${br.rawPayload.length} < gzip ${gz.rawPayload.length}`);

      const refused = await t.app.inject({ url: p, headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
      assert.equal(refused.headers['content-encoding'], undefined, `${p}: an encoding with q=0 is refused`);
      assert.ok(refused.rawPayload.equals(raw));
    }
  });
});
