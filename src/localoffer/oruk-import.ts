// Importing an Open Referral UK feed (issue 5 §5): a council moving from another directory brings its data, and an
// area shows its neighbours' services. The source is an ORUK API (its base URL, or its /services) or a file of
// ORUK documents. Every page of /services is fetched (asking for `full` items, and fetching /services/{id} for any
// item that comes without its related data), mapped by oruk.ts fromOrukService, and written as listings:
// - idempotent by (source, external id): a second run updates a listing rather than adding it again, and a
//   listing whose source document has not changed since the last run is left alone (so a local correction stays);
// - a listing the data rules allow is published at once; one that lacks what they need (a postcode, a category…)
//   is kept as a draft waiting for the council's review, with the reasons in its version note and the report,
//   never dropped;
// - services that have gone from the feed are made inactive, but only after a run that read the whole feed;
// - a neighbour's services are marked outside the area, and the feed's label is shown as their source.
// Reading happens before anything is written: a feed that cannot be read writes nothing.
import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Tx } from '../platform/db/transaction.ts';
import { audit } from '../platform/audit/audit.ts';
import { UserInputError } from '../platform/web/validation.ts';
import { createListing, createOrganisation, publishVersion, setServiceStatus, submitVersion } from './store.ts';
import { nextReviewBy } from './domain.ts';
import { fromOrukService, servicesInDocument, type ImportedService } from './oruk-in.ts';

export type Outcome = 'published' | 'updated' | 'unchanged' | 'needs-review' | 'withdrawn' | 'failed';

export interface ReportItem {
  externalId: string;
  name: string;
  outcome: Outcome;
  serviceId?: string;
  problems: { field: string; message: string }[];
  notes: string[];
  /** The mapped document's hash, so the next run can tell what changed. */
  hash?: string;
}

export interface ImportReport {
  runId: string;
  source: string;
  label: string;
  neighbour: boolean;
  counts: Record<Outcome, number>;
  items: ReportItem[];
}

export type FeedInput = { url: string } | { file: string; content: string };

export interface ImportOptions {
  laCode: string;
  actor: Actor;
  today: string;
  neighbour: boolean;
  /** Shown to the public as the source of a neighbour's services; the URL's host or the file's name if not given. */
  label?: string | undefined;
  /** Refuse addresses on this machine's own networks (the council page); the command line may read anything. */
  publicOnly?: boolean;
  fetch?: typeof fetch;
  /** Services per page asked for (the feed may give fewer). */
  perPage?: number;
}

const maxBytes = 25 * 1024 * 1024;
const maxPages = 2000;
const timeoutMs = 30_000;

export class FeedError extends Error {}

/** Addresses a council page may not make the server fetch: loopback, private, link-local, unspecified. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe8') || v6.startsWith('fe9') || v6.startsWith('fea') || v6.startsWith('feb');
}

async function checkHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new FeedError(`The address ${url.host} could not be found`);
  if (addresses.some(isPrivateAddress)) throw new FeedError(`The address ${url.host} is on a private network, so it cannot be imported from here`);
}

/** GET a JSON document, following up to 5 redirects (each checked when publicOnly), within size and time limits. */
async function getJson(u: string, opts: ImportOptions): Promise<unknown> {
  const doFetch = opts.fetch ?? fetch;
  let url = new URL(u);
  for (let hop = 0; hop <= 5; hop++) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new FeedError('Give a web address starting https:// or http://');
    if (opts.publicOnly) await checkHost(url);
    let res: Response;
    try {
      res = await doFetch(url, { headers: { accept: 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new FeedError(`${url.href} could not be reached: ${(e as Error).message}`);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      url = new URL(res.headers.get('location') ?? '', url);
      continue;
    }
    if (!res.ok) throw new FeedError(`${url.href} answered ${res.status} ${res.statusText}`.trim());
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > maxBytes) throw new FeedError(`${url.href} is larger than ${maxBytes / 1024 / 1024} MB`);
    const text = await res.text();
    if (text.length > maxBytes) throw new FeedError(`${url.href} is larger than ${maxBytes / 1024 / 1024} MB`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new FeedError(`${url.href} did not answer with JSON`);
    }
  }
  throw new FeedError(`${u} redirects too many times`);
}

const nested = ['service_at_locations', 'schedules', 'contacts', 'cost_options', 'attributes', 'languages', 'phones', 'funding', 'service_areas'];
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Every page of {base}/services, each item in full (from the page, or /services/{id} when the page lacks it). */
async function readApi(base: string, opts: ImportOptions): Promise<unknown[]> {
  const per = opts.perPage ?? 100;
  const out: unknown[] = [];
  for (let n = 1; n <= maxPages; n++) {
    const doc = await getJson(`${base}/services?page=${n}&per_page=${per}&full=true`, opts);
    if (!isObject(doc) || !Array.isArray(doc.contents)) throw new FeedError(`${base}/services page ${n} is not a page of services (it has no "contents")`);
    const items = doc.contents as unknown[];
    for (const item of items) {
      if (isObject(item) && typeof item.id === 'string' && !nested.some((k) => k in item)) {
        out.push(await getJson(`${base}/services/${encodeURIComponent(item.id)}`, opts));
      } else out.push(item);
    }
    const totalPages = typeof doc.total_pages === 'number' ? doc.total_pages : undefined;
    if (items.length === 0 || doc.last_page === true || (totalPages !== undefined && n >= totalPages)) return out;
  }
  throw new FeedError(`${base} has more than ${maxPages} pages of services`);
}

/** The services of a feed, and the source key and label it is known by. */
export async function readFeed(input: FeedInput, opts: ImportOptions): Promise<{ source: string; label: string; url: string | null; services: unknown[] }> {
  if ('file' in input) {
    let doc: unknown;
    try {
      doc = JSON.parse(input.content);
    } catch {
      throw new FeedError(`${input.file} is not JSON`);
    }
    const name = path.basename(input.file);
    return { source: `oruk:file:${name}`, label: opts.label?.trim() || name, url: null, services: servicesInDocument(doc) };
  }
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    throw new FeedError('Enter the feed’s web address, like https://example.gov.uk/openreferral');
  }
  url.hash = '';
  url.search = '';
  const trimmed = url.href.replace(/\/+$/, '');
  const label = opts.label?.trim() || url.host;
  if (/\/services$/.test(trimmed)) {
    const base = trimmed.replace(/\/services$/, '');
    return { source: `oruk:${base}`, label, url: base, services: await readApi(base, opts) };
  }
  const doc = await getJson(trimmed, opts);
  // The API's own description (`/`): read its services. Anything else is a document of services.
  if (isObject(doc) && (typeof doc.openapi_url === 'string' || (typeof doc.version === 'string' && !('contents' in doc) && !('status' in doc)))) {
    return { source: `oruk:${trimmed}`, label, url: trimmed, services: await readApi(trimmed, opts) };
  }
  return { source: `oruk:${trimmed}`, label, url: trimmed, services: servicesInDocument(doc) };
}

const hashOf = (m: ImportedService): string => createHash('sha256').update(JSON.stringify([m.content, m.status, m.organisation, m.assuredDate])).digest('hex');
const zero = (): Record<Outcome, number> => ({ published: 0, updated: 0, unchanged: 0, 'needs-review': 0, withdrawn: 0, failed: 0 });

function reviewNote(label: string, m: ImportedService): string {
  const head = `Imported from ${label}`;
  if (m.problems.length === 0) return head;
  return `${head}. Before it can be published: ${m.problems.map((p) => p.message).join('; ')}.`;
}

async function organisationFor(tx: Tx, opts: ImportOptions, source: string, m: ImportedService): Promise<string> {
  const o = m.organisation;
  const found = await tx.selectFrom('lo_organisation').select(['id', 'name', 'description', 'website', 'email']).where('la_code', '=', opts.laCode).where('source', '=', source).where('external_id', '=', o.externalId).executeTakeFirst();
  if (!found) return createOrganisation(tx, opts.actor, opts.laCode, { name: o.name, description: o.description, website: o.website, email: o.email, source, externalId: o.externalId });
  if (found.name !== o.name || found.description !== o.description || found.website !== o.website || found.email !== o.email) {
    await tx.updateTable('lo_organisation').set({ name: o.name, description: o.description, website: o.website, email: o.email, updated_at: new Date() }).where('id', '=', found.id).execute();
    await audit(tx, opts.actor, { action: 'update', entity: 'lo_organisation', entityId: found.id, laCode: opts.laCode, detail: { source } });
  }
  return found.id;
}

/** The source's own date of its last check (assured_date) becomes ours; an import is not a check. */
async function setChecked(tx: Tx, serviceId: string, assured: string | null, today: string): Promise<void> {
  const date = assured && assured <= today ? assured : null;
  await tx.updateTable('lo_service').set({ last_reviewed_on: date, review_by: date ? nextReviewBy(date) : today }).where('id', '=', serviceId).execute();
}

async function writeOne(tx: Tx, opts: ImportOptions, source: string, label: string, m: ImportedService, previousHash: string | undefined): Promise<ReportItem> {
  const hash = hashOf(m);
  const base = { externalId: m.externalId, name: m.content.name, problems: m.problems, notes: m.notes, hash };
  const existing = await tx.selectFrom('lo_service').select(['id', 'status']).where('la_code', '=', opts.laCode).where('source', '=', source).where('external_id', '=', m.externalId).executeTakeFirst();
  if (existing && previousHash === hash) return { ...base, serviceId: existing.id, outcome: 'unchanged' };
  const organisationId = await organisationFor(tx, opts, source, m);
  const ready = m.problems.length === 0;
  const note = reviewNote(label, m);
  let serviceId: string;
  let outcome: Outcome;
  if (!existing) {
    serviceId = (await createListing(tx, opts.actor, { laCode: opts.laCode, organisationId, content: m.content, today: opts.today, publish: ready, incomplete: !ready, note, source, externalId: m.externalId })).serviceId;
    outcome = ready ? 'published' : 'needs-review';
  } else {
    serviceId = existing.id;
    await tx.updateTable('lo_service').set({ organisation_id: organisationId }).where('id', '=', serviceId).execute();
    const n = await submitVersion(tx, opts.actor, serviceId, m.content, note, { incomplete: !ready });
    if (ready) await publishVersion(tx, opts.actor, serviceId, n, opts.today, note);
    outcome = ready ? 'updated' : 'needs-review';
  }
  if (ready) await setChecked(tx, serviceId, m.assuredDate, opts.today);
  if ((existing?.status ?? 'active') !== m.status) await setServiceStatus(tx, opts.actor, serviceId, m.status);
  return { ...base, serviceId, outcome };
}

/** Reads a feed and writes its services into the area's directory; the report says what happened to each. */
export async function importFeed(db: Db, input: FeedInput, opts: ImportOptions): Promise<ImportReport> {
  const feed = await readFeed(input, opts);
  const { source, label } = feed;
  if (feed.services.length === 0) throw new FeedError('The feed has no services to import');
  await inTransaction(db, async (tx) => {
    await sql`INSERT INTO lo_feed (la_code, source, label, url, neighbour) VALUES (${opts.laCode}, ${source}, ${label}, ${feed.url}, ${opts.neighbour})
      ON CONFLICT (la_code, source) DO UPDATE SET label = excluded.label, url = excluded.url, neighbour = excluded.neighbour`.execute(tx);
  });
  const last = await db.selectFrom('lo_import_run').select('report').where('la_code', '=', opts.laCode).where('source', '=', source).where('outcome', '=', 'done').orderBy('started_at', 'desc').limit(1).executeTakeFirst();
  const previous = new Map(((last?.report ?? []) as ReportItem[]).map((r) => [r.externalId, r.hash]));

  const items: ReportItem[] = [];
  const seen = new Set<string>();
  for (const raw of feed.services) {
    const m = fromOrukService(raw, { neighbour: opts.neighbour });
    if ('error' in m) {
      if (isObject(raw) && typeof raw.id === 'string') seen.add(raw.id); // unreadable this time is not gone
      items.push({ externalId: isObject(raw) && typeof raw.id === 'string' ? raw.id : '?', name: isObject(raw) && typeof raw.name === 'string' ? raw.name : '?', outcome: 'failed', problems: [{ field: 'service', message: m.error }], notes: [] });
      continue;
    }
    if (seen.has(m.externalId)) {
      items.push({ externalId: m.externalId, name: m.content.name, outcome: 'failed', problems: [{ field: 'id', message: `The feed lists service ${m.externalId} more than once: the first was imported` }], notes: [] });
      continue;
    }
    seen.add(m.externalId);
    try {
      items.push(await inTransaction(db, (tx) => writeOne(tx, opts, source, label, m, previous.get(m.externalId))));
    } catch (e) {
      seen.add(m.externalId);
      const message = e instanceof UserInputError ? e.errors.map((x) => `${x.field}: ${x.message}`).join('; ') : (e as Error).message;
      items.push({ externalId: m.externalId, name: m.content.name, outcome: 'failed', problems: [{ field: 'service', message }], notes: [] });
    }
  }

  return inTransaction(db, async (tx) => {
    // Gone from the feed: no longer listed here (the listing and its versions are kept).
    const gone = await tx.selectFrom('lo_service').select(['id', 'name', 'external_id']).where('la_code', '=', opts.laCode).where('source', '=', source).where('status', '=', 'active').execute();
    for (const g of gone) {
      if (g.external_id === null || seen.has(g.external_id)) continue;
      await setServiceStatus(tx, opts.actor, g.id, 'inactive');
      items.push({ externalId: g.external_id, name: g.name, outcome: 'withdrawn', serviceId: g.id, problems: [], notes: ['No longer in the feed: made inactive'] });
    }
    const counts = zero();
    for (const i of items) counts[i.outcome] += 1;
    const run = await tx
      .insertInto('lo_import_run')
      .values({ la_code: opts.laCode, source, started_by: opts.actor.via === 'system' ? null : opts.actor.id, finished_at: new Date(), outcome: 'done', counts: JSON.stringify(counts), report: JSON.stringify(items) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.updateTable('lo_feed').set({ last_run_at: new Date() }).where('la_code', '=', opts.laCode).where('source', '=', source).execute();
    await audit(tx, opts.actor, { action: 'create', entity: 'lo_import_run', entityId: run.id, laCode: opts.laCode, detail: { source, counts } });
    return { runId: run.id, source, label, neighbour: opts.neighbour, counts, items };
  });
}

/** A run's report, for the council's page. */
export async function loadRun(db: Db, laCode: string, runId: string): Promise<(ImportReport & { startedAt: Date }) | null> {
  if (!/^[0-9a-f-]{36}$/i.test(runId)) return null;
  const r = await db
    .selectFrom('lo_import_run as r')
    .innerJoin('lo_feed as f', (j) => j.onRef('f.la_code', '=', 'r.la_code').onRef('f.source', '=', 'r.source'))
    .select(['r.id', 'r.source', 'r.counts', 'r.report', 'r.started_at', 'f.label', 'f.neighbour'])
    .where('r.id', '=', runId)
    .where('r.la_code', '=', laCode)
    .executeTakeFirst();
  if (!r) return null;
  return { runId: r.id, source: r.source, label: r.label, neighbour: r.neighbour, counts: { ...zero(), ...r.counts }, items: r.report as ReportItem[], startedAt: r.started_at };
}

/** The area's feeds with their last run, newest first. */
export async function listFeeds(db: Db, laCode: string): Promise<{ source: string; label: string; url: string | null; neighbour: boolean; lastRunAt: Date | null; lastRunId: string | null }[]> {
  const rows = await sql<{ source: string; label: string; url: string | null; neighbour: boolean; last_run_at: Date | null; run_id: string | null }>`
    SELECT f.source, f.label, f.url, f.neighbour, f.last_run_at,
      (SELECT r.id FROM lo_import_run r WHERE r.la_code = f.la_code AND r.source = f.source ORDER BY r.started_at DESC LIMIT 1) AS run_id
    FROM lo_feed f WHERE f.la_code = ${laCode} ORDER BY f.last_run_at DESC NULLS LAST, f.label`.execute(db);
  return rows.rows.map((r) => ({ source: r.source, label: r.label, url: r.url, neighbour: r.neighbour, lastRunAt: r.last_run_at, lastRunId: r.run_id }));
}
