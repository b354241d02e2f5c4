// Where the project and the design systems' packages are on disk (templates, assets).
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const root = path.resolve(import.meta.dirname, '../../..');
export const govukDir = path.dirname(require.resolve('govuk-frontend/package.json'));
export const mojDir = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'));
