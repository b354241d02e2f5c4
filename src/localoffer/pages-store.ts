// The statutory information pages in the database (lo_page, lo_page_version): each area's current text, and every
// saved version kept. A page the council has not edited yet reads as its default text (pages.ts), as version 0;
// the first save makes version 1. Saving is audited in the same transaction.
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { audit } from '../platform/audit/audit.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Executor, type Tx } from '../platform/db/transaction.ts';
import { NotFoundError, UserInputError } from '../platform/web/validation.ts';
import { defaultPages, isStatutoryPage, pageTitle, statutoryPages, type StatutoryPage } from './pages.ts';
import { managedArea } from './manage-store.ts';

export interface InfoPage {
  slug: StatutoryPage;
  title: string;
  body: string;
  /** 0: the default text, never saved. */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

function slugOf(slug: string): StatutoryPage {
  if (!isStatutoryPage(slug)) throw new NotFoundError('Page');
  return slug;
}

/** Every statutory page of the area, in their fixed order. */
export async function listPages(exec: Executor, laCode: string): Promise<InfoPage[]> {
  const rows = await exec.selectFrom('lo_page as p').leftJoin('app_user as u', 'u.id', 'p.updated_by').select(['p.slug', 'p.title', 'p.body', 'p.version', 'p.updated_at', 'u.name']).where('p.la_code', '=', laCode).execute();
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  return statutoryPages.map(([slug]) => {
    const r = bySlug.get(slug);
    return r ? { slug, title: r.title, body: r.body, version: r.version, updatedAt: r.updated_at, updatedBy: r.name } : { slug, title: pageTitle(slug), body: defaultPages[slug], version: 0, updatedAt: null, updatedBy: null };
  });
}

export async function loadPage(exec: Executor, laCode: string, slug: string): Promise<InfoPage> {
  const s = slugOf(slug);
  const page = (await listPages(exec, laCode)).find((p) => p.slug === s);
  if (!page) throw new NotFoundError('Page');
  return page;
}

export interface PageVersion {
  version: number;
  title: string;
  body: string;
  savedAt: Date;
  savedBy: string | null;
}

/** Every saved version of a page, newest first. */
export async function listPageVersions(db: Db, actor: Actor, slug: string): Promise<PageVersion[]> {
  const la = managedArea(actor);
  const s = slugOf(slug);
  const rows = await db
    .selectFrom('lo_page_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.saved_by')
    .select(['v.version', 'v.title', 'v.body', 'v.saved_at', 'u.name'])
    .where('v.la_code', '=', la)
    .where('v.slug', '=', s)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.version, title: r.title, body: r.body, savedAt: r.saved_at, savedBy: r.name }));
}

/**
 * Saves a new version of a page; refused when someone else saved since the editor opened it (`basedOn`), so a
 * save never silently overwrites another officer's.
 */
export async function savePage(db: Db, actor: Actor, slug: string, v: { title: string; body: string; basedOn: number }): Promise<number> {
  const la = managedArea(actor);
  return inTransaction(db, (tx) => writePage(tx, actor, la, slug, v));
}

/** The save itself, in the caller's transaction (the demo seeds pages through it as the system). */
export async function writePage(tx: Tx, actor: Actor, la: string, slug: string, v: { title: string; body: string; basedOn: number }): Promise<number> {
  const s = slugOf(slug);
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`lo_page:${la}:${s}`}))`.execute(tx);
  const current = await tx.selectFrom('lo_page').select('version').where('la_code', '=', la).where('slug', '=', s).executeTakeFirst();
  const now = current?.version ?? 0;
  if (now !== v.basedOn) throw new UserInputError([{ field: 'body', message: `Someone else saved this page (version ${now}) since you opened it. Copy your text, reload the page and make your change again.` }]);
  const version = now + 1;
  const by = actor.via === 'system' ? null : actor.id;
  if (current) await tx.updateTable('lo_page').set({ title: v.title, body: v.body, version, updated_by: by, updated_at: new Date() }).where('la_code', '=', la).where('slug', '=', s).execute();
  else await tx.insertInto('lo_page').values({ la_code: la, slug: s, title: v.title, body: v.body, version, updated_by: by }).execute();
  await tx.insertInto('lo_page_version').values({ la_code: la, slug: s, version, title: v.title, body: v.body, saved_by: by }).execute();
  await audit(tx, actor, { action: 'update', entity: 'lo_page', entityId: `${la}/${s}`, laCode: la, detail: { version } });
  return version;
}
