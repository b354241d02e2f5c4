// The GOV.UK Frontend and MoJ Frontend stylesheets and script, served from memory, compressed once, and named in
// the page by their content's hash (`/stylesheets/govuk-frontend.min.css?v=3f9c…`), so a browser keeps them for a
// year and fetches them again only when an upgrade changes them. Before this, every page a family opened on a phone
// downloaded the two stylesheets again, uncompressed: 230 KB a page, now 23 KB once (brotli) or 27 KB (gzip).
//
// Compression is done here, once, with Node's own zlib, not per request by @fastify/compress: gzip at its highest
// level (6 ms for the GOV.UK stylesheet) on the first request for a file, and brotli at quality 11 (about 200 ms)
// off the event loop in zlib's thread pool, served as soon as it is ready. These files hold no secret and no
// request's data, so compressing them cannot leak one (the BREACH reasoning in plugin.ts is about pages).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { govukDir, mojDir } from './paths.ts';

/** The vendor files, by the path the pages use. */
export const vendorAssets: Record<string, { file: string; type: string }> = {
  '/stylesheets/govuk-frontend.min.css': { file: path.join(govukDir, 'dist/govuk/govuk-frontend.min.css'), type: 'text/css; charset=utf-8' },
  '/stylesheets/moj-frontend.min.css': { file: path.join(mojDir, 'moj/moj-frontend.min.css'), type: 'text/css; charset=utf-8' },
  '/javascripts/govuk-frontend.min.js': { file: path.join(govukDir, 'dist/govuk/govuk-frontend.min.js'), type: 'text/javascript; charset=utf-8' },
};

interface Loaded {
  raw: Buffer;
  /** The first 16 hex digits of the content's SHA-256: the `v` of its URL and its ETag. */
  version: string;
  gzip?: Buffer;
  br?: Buffer;
}

const loaded = new Map<string, Loaded>();

function load(urlPath: string): Loaded {
  let a = loaded.get(urlPath);
  if (!a) {
    const spec = vendorAssets[urlPath];
    if (!spec) throw new Error(`not a vendor asset: ${urlPath}`);
    const raw = fs.readFileSync(spec.file);
    a = { raw, version: createHash('sha256').update(raw).digest('hex').slice(0, 16) };
    loaded.set(urlPath, a);
  }
  return a;
}

function compressed(a: Loaded, encoding: 'br' | 'gzip'): Buffer | undefined {
  if (encoding === 'gzip') return (a.gzip ??= zlib.gzipSync(a.raw, { level: 9 }));
  if (!a.br && !brotliStarted.has(a)) {
    brotliStarted.add(a);
    const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: a.raw.length };
    zlib.brotliCompress(a.raw, { params }, (err, out) => {
      if (!err) a.br = out;
    });
  }
  return a.br;
}
const brotliStarted = new WeakSet<Loaded>();

/** The URL a page links to: the path with its content's version. */
export function assetUrl(urlPath: string): string {
  return `${urlPath}?v=${load(urlPath).version}`;
}

/** The encodings the browser accepts, as `accept-encoding` lists them (a q of 0 refuses one). */
function accepts(req: FastifyRequest, encoding: string): boolean {
  const header = req.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== encoding) return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

function serve(urlPath: string, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const a = load(urlPath);
  const etag = `"${a.version}"`;
  const v = (req.query as { v?: unknown }).v;
  // The versioned URL never changes content, so it may be kept for a year; any other asks again each time (ETag).
  reply
    .header('cache-control', v === a.version ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('etag', etag)
    .header('vary', 'Accept-Encoding')
    .type(vendorAssets[urlPath]!.type);
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  const br = accepts(req, 'br') ? compressed(a, 'br') : undefined;
  if (br) return reply.header('content-encoding', 'br').send(br);
  if (accepts(req, 'gzip')) return reply.header('content-encoding', 'gzip').send(compressed(a, 'gzip'));
  return reply.send(a.raw);
}

export function vendorAssetRoutes(app: FastifyInstance): void {
  for (const urlPath of Object.keys(vendorAssets)) {
    app.get(urlPath, { schema: { hide: true } }, (req, reply) => serve(urlPath, req, reply));
  }
}
