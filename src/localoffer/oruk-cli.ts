// `joinedup import-openreferral URL-or-FILE [--area 990] [--neighbour] [--label NAME]`: imports an Open Referral UK
// feed (oruk-import.ts) into an area's directory and prints what happened to each service.
import fs from 'node:fs/promises';
import type { Config } from '../config.ts';
import { connect } from '../platform/db/connect.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { systemActor } from '../platform/access/actor.ts';
import { londonToday } from '../platform/web/dates.ts';
import { publicArea } from './area.ts';
import { FeedError, importFeed, type FeedInput, type ImportReport } from './oruk-import.ts';

export const importUsage = `import-openreferral URL-or-FILE [--area 990] [--neighbour] [--label NAME]
               import an Open Referral UK feed (its base URL, its /services, or a JSON file) into an area's
               directory; --neighbour marks the services as outside the area, with NAME shown as their source`;

export function parseImportArgs(argv: string[]): { input: string; area?: string; neighbour: boolean; label?: string } | { error: string } {
  let input: string | undefined;
  let area: string | undefined;
  let label: string | undefined;
  let neighbour = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--neighbour') neighbour = true;
    else if (a === '--area' || a === '--label') {
      const v = argv[++i];
      if (!v) return { error: `${a} needs a value` };
      if (a === '--area') area = v;
      else label = v;
    } else if (a.startsWith('--')) return { error: `Unknown option ${a}` };
    else if (input) return { error: 'Give one URL or file' };
    else input = a;
  }
  if (!input) return { error: 'Give the feed’s URL or a JSON file' };
  if (area !== undefined && !/^\d{3}$/.test(area)) return { error: '--area must be a three-digit DfE LA code, like 990' };
  return { input, neighbour, ...(area ? { area } : {}), ...(label ? { label } : {}) };
}

export function reportText(r: ImportReport): string {
  const c = r.counts;
  const lines = [
    `Imported from ${r.label}${r.neighbour ? ' (a neighbour: outside the area)' : ''}: ${r.items.length} service(s).`,
    `Published ${c.published}, updated ${c.updated}, unchanged ${c.unchanged}, waiting for review ${c['needs-review']}, made inactive ${c.withdrawn}, failed ${c.failed}.`,
  ];
  for (const i of r.items.filter((x) => x.outcome === 'needs-review' || x.outcome === 'failed')) {
    lines.push(`- ${i.outcome === 'failed' ? 'FAILED' : 'Waiting for review'}: ${i.name} (${i.externalId}): ${i.problems.map((p) => p.message).join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function importOpenReferralCommand(argv: string[], config: Config): Promise<number> {
  const args = parseImportArgs(argv);
  if ('error' in args) {
    process.stderr.write(`${args.error}\n\nUsage: joinedup ${importUsage}\n`);
    return 2;
  }
  const conn = await connect(config);
  try {
    await migrateToLatest(conn.db);
    const laCode = args.area ?? (await publicArea(conn.db, config)).laCode;
    const area = await conn.db.selectFrom('local_area').select('la_code').where('la_code', '=', laCode).executeTakeFirst();
    if (!area) {
      process.stderr.write(`There is no area ${laCode} here\n`);
      return 2;
    }
    let input: FeedInput;
    if (/^https?:\/\//i.test(args.input)) input = { url: args.input };
    else {
      try {
        input = { file: args.input, content: await fs.readFile(args.input, 'utf8') };
      } catch (e) {
        process.stderr.write(`${args.input} could not be read: ${(e as Error).message}\n`);
        return 1;
      }
    }
    const report = await importFeed(conn.db, input, { laCode, actor: systemActor, today: londonToday(), neighbour: args.neighbour, label: args.label });
    process.stdout.write(reportText(report));
    return report.counts.failed > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof FeedError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await conn.close();
  }
}
