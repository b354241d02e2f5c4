// Writes docs/plan-export.schema.json from the zod schema in src/plans/exchange.ts (run after changing the format;
// src/plans/exchange.test.ts fails while the published file and the code disagree).
import fs from 'node:fs';
import path from 'node:path';
import { planExportJsonSchema } from '../src/plans/exchange.ts';

const file = path.resolve(import.meta.dirname, '../docs/plan-export.schema.json');
fs.writeFileSync(file, `${JSON.stringify(planExportJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
