// Postcode centroids for "distance from a postcode" (issue 5 §1), loaded from the ONS Postcode Directory (ONSPD,
// Office for National Statistics, Open Government Licence; no personal data) by `joinedup import-postcodes FILE.csv`.
//
// The file is read as a stream through csv-parse (decision 0013), so the whole directory (about 2.7 million rows,
// over 1 GB) never sits in memory, and written in batches of one `INSERT … SELECT FROM unnest(…)` statement each.
// The import is one transaction: a file that breaks half-way leaves the table as it was. Rows already there are
// updated in place, so running the same file twice changes nothing. Places of published listings whose postcode
// was not known before are located at the end, in the same transaction.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { normalisePostcode, postcodeKey } from './domain.ts';

/** The ONSPD columns the import reads, named as the ONS names them. `oslaua` (the local authority) is optional. */
export const requiredColumns = ['pcds', 'lat', 'long'] as const;

/** A file the import cannot read: the message says what is wrong, for the person running the command. */
export class PostcodeFileError extends Error {}

export interface Centroid {
  postcode: string;
  latitude: number;
  longitude: number;
  gssLa: string | null;
}

/**
 * One ONSPD row as a centroid; 'no-location' for a postcode the ONS gives no grid reference (it writes latitude
 * 99.999999 and longitude 0 for those), and 'invalid' for a row that is not a postcode with a position.
 */
export function centroidOf(row: Record<string, string | undefined>): Centroid | 'no-location' | 'invalid' {
  const pc = normalisePostcode(row.pcds ?? '');
  const lat = Number(row.lat);
  const lon = Number(row.long);
  if (!pc || row.lat === undefined || row.long === undefined || row.lat.trim() === '' || row.long.trim() === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) return 'invalid';
  if (lat > 99.9) return 'no-location';
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return 'invalid';
  const la = (row.oslaua ?? '').trim();
  return { postcode: postcodeKey(pc), latitude: lat, longitude: lon, gssLa: la === '' ? null : la };
}

export interface ImportReport {
  rows: number;
  imported: number;
  noLocation: number;
  invalid: number;
  /** Places of listings located by this import (their postcode had no centroid before). */
  placesLocated: number;
}

/** Reads an ONSPD CSV (a file name or a stream) into postcode_centroid; throws PostcodeFileError on a bad file. */
export async function importPostcodes(db: Db, source: string | Readable, opts: { batchSize?: number; onBatch?: (rowsSoFar: number) => void } = {}): Promise<ImportReport> {
  const batchSize = opts.batchSize ?? 5000;
  let input: Readable;
  if (typeof source === 'string') {
    if (!fs.existsSync(source)) throw new PostcodeFileError(`There is no file ${source}.`);
    if (!fs.statSync(source).isFile()) throw new PostcodeFileError(`${source} is not a file.`);
    input = fs.createReadStream(source);
  } else input = source;
  const name = typeof source === 'string' ? source : 'The file';

  const parser = parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      columns: (header: string[]) => {
        const cols = header.map((h) => h.trim().toLowerCase());
        const missing = requiredColumns.filter((c) => !cols.includes(c));
        if (missing.length) {
          throw new PostcodeFileError(
            `${name} is not an ONS Postcode Directory CSV: its first line has no column ${missing.join(', ')}. ` +
              `The import needs the columns ${requiredColumns.join(', ')} (and oslaua if present), named as in ONSPD.`,
          );
        }
        return cols;
      },
    });
  // The loop below sees the first error; any later one is the same failure, and must not go unhandled.
  parser.on('error', () => undefined);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);

  const report: ImportReport = { rows: 0, imported: 0, noLocation: 0, invalid: 0, placesLocated: 0 };
  try {
    await db.transaction().execute(async (tx) => {
      let batch: Centroid[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        // One row per postcode in a statement (ON CONFLICT cannot touch a row twice); the last one in the file wins.
        const unique = [...new Map(batch.map((c) => [c.postcode, c])).values()];
        await sql`INSERT INTO postcode_centroid (postcode, latitude, longitude, gss_la)
          SELECT * FROM unnest(${unique.map((c) => c.postcode)}::text[], ${unique.map((c) => c.latitude)}::float8[], ${unique.map((c) => c.longitude)}::float8[], ${unique.map((c) => c.gssLa)}::text[])
          ON CONFLICT (postcode) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude, gss_la = excluded.gss_la
          WHERE (postcode_centroid.latitude, postcode_centroid.longitude, postcode_centroid.gss_la) IS DISTINCT FROM (excluded.latitude, excluded.longitude, excluded.gss_la)`.execute(tx);
        report.imported += unique.length;
        batch = [];
        opts.onBatch?.(report.rows);
      };
      for await (const row of parser as AsyncIterable<Record<string, string>>) {
        report.rows++;
        const c = centroidOf(row);
        if (c === 'invalid') report.invalid++;
        else if (c === 'no-location') report.noLocation++;
        else {
          batch.push(c);
          if (batch.length >= batchSize) await flush();
        }
      }
      await flush();
      if (report.rows === 0) throw new PostcodeFileError(`${name} has a header but no postcodes.`);
      const located = await sql`UPDATE lo_location l SET latitude = pc.latitude, longitude = pc.longitude
        FROM postcode_centroid pc
        WHERE l.latitude IS NULL AND l.postcode IS NOT NULL AND pc.postcode = upper(replace(l.postcode, ' ', ''))`.execute(tx);
      report.placesLocated = Number(located.numAffectedRows ?? 0);
    });
  } catch (err) {
    if (err instanceof PostcodeFileError) throw err;
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new PostcodeFileError(`${name} is not a well-formed CSV file${line ? ` (line ${line})` : ''}: ${err.message}. Nothing was imported.`);
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'EACCES' || code === 'ENOENT') throw new PostcodeFileError(`${name} cannot be read (${code}). Nothing was imported.`);
    throw err;
  } finally {
    input.destroy();
  }
  return report;
}

/** `joinedup import-postcodes FILE.csv`: the exit code, with a report or the reason on stderr. */
export async function importPostcodesCommand(db: Db, args: string[], out: { log: (s: string) => void; error: (s: string) => void }): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    out.error('Usage: joinedup import-postcodes FILE.csv (the ONS Postcode Directory, ONSPD, as CSV)');
    return 2;
  }
  try {
    const t0 = performance.now();
    let shown = 0;
    const progress = (n: number) => {
      if (n - shown < 250_000) return;
      shown = n;
      out.log(`… ${n.toLocaleString('en-GB')} rows read`);
    };
    const r = await importPostcodes(db, file, { onBatch: progress });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    out.log(
      `Read ${r.rows.toLocaleString('en-GB')} rows in ${seconds} s: ${r.imported.toLocaleString('en-GB')} postcodes with a position imported or already up to date, ` +
        `${r.noLocation.toLocaleString('en-GB')} without a position skipped (ONSPD gives them none), ${r.invalid.toLocaleString('en-GB')} rows that are not a postcode with a position skipped. ` +
        `Places of listings located: ${r.placesLocated}.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof PostcodeFileError) {
      out.error(err.message);
      return 2;
    }
    throw err;
  }
}
