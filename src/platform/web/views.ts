// Nunjucks with the GOV.UK and MoJ templates on its search path; each capability adds its own views/.
import path from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { formatDateTime, formatPlainDate } from './dates.ts';

const require = createRequire(import.meta.url);
export const root = path.resolve(import.meta.dirname, '../../..');
export const govukDir = path.dirname(require.resolve('govuk-frontend/package.json'));
export const mojDir = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'));

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
  return env;
}
