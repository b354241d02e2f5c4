// Nunjucks with the GOV.UK and MoJ templates on its search path; each capability adds its own views/.
import path from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { LRUCache } from 'lru-cache';
import { formatDateTime, formatPlainDate } from './dates.ts';
import { assetUrl } from './assets.ts';
import { govukDir, mojDir, root } from './paths.ts';

const require = createRequire(import.meta.url);

/** The folders every capability keeps its templates in. */
export const viewDirs = [
  path.join(root, 'src/platform/web/views'),
  path.join(root, 'src'),
  path.join(govukDir, 'dist'),
  mojDir,
];

export function createViewEnv(opts: { production: boolean }): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewDirs, { noCache: !opts.production }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  // MoJ components (timeline) use its date filters.
  const mojFilters = require('@ministryofjustice/frontend/moj/filters/all.js') as () => Record<string, (...a: unknown[]) => unknown>;
  for (const [name, fn] of Object.entries(mojFilters())) env.addFilter(name, fn);
  env.addFilter('plainDate', (v: string | null | undefined) => formatPlainDate(v));
  env.addFilter('dateTime', (v: Date | string | null | undefined) => formatDateTime(v));
  env.addGlobal('serviceName', 'joinedup');
  env.addGlobal('assetUrl', assetUrl);
  env.addGlobal('fragment', fragmentRenderer(env, opts.production ? keptFragments : 0));
  return env;
}

/** How many distinct fragments a production server keeps the HTML of (the least recently used going first). */
export const keptFragments = 500;

/**
 * `fragment(name, values)` in a template: renders the partial `name` from `values` alone (no other variable of the
 * page reaches it), so its HTML is a function of `values` and is kept, keyed by them. For a costly part that
 * repeats (the local offer's search form: some twenty GOV.UK macros, more than half of the results page's render
 * time, the same for every family asking the same search). `keep` 0 renders every time (development, where
 * templates change under a running server).
 */
export function fragmentRenderer(env: nunjucks.Environment, keep: number): (name: string, values: Record<string, unknown>) => nunjucks.runtime.SafeString {
  const html = keep > 0 ? new LRUCache<string, string>({ max: keep }) : null;
  return (name, values) => {
    const key = `${name}\n${JSON.stringify(values)}`;
    let out = html?.get(key);
    if (out === undefined) {
      out = env.render(name, values);
      html?.set(key, out);
    }
    return new nunjucks.runtime.SafeString(out);
  };
}
