// The statutory information pages (issue 5 §2): public at /local-offer/information and /local-offer/information/:slug,
// and the council's simple page editor under /local-offer/manage/information (preview without JavaScript, every
// saved version kept and readable).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../server.ts';
import type { Actor } from '../platform/access/actor.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { formatDateTime } from '../platform/web/dates.ts';
import { NotFoundError, parseWith, toPageErrors, UserInputError, type FieldError } from '../platform/web/validation.ts';
import { publicArea } from './area.ts';
import { managedArea } from './manage-store.ts';
import { isStatutoryPage, pageSchema, pageSummaries, renderPage } from './pages.ts';
import { listPages, listPageVersions, loadPage, savePage, type InfoPage } from './pages-store.ts';

const view = (name: string) => `localoffer/views/${name}.njk`;
const slugOf = (req: FastifyRequest): string => (req.params as { slug: string }).slug;
const bodyOf = (req: FastifyRequest): Record<string, unknown> => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

function officer(req: FastifyRequest): Actor {
  const a = requireActor(req);
  managedArea(a);
  return a;
}

export async function pagesRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;
  const summary = (p: InfoPage) => ({ slug: p.slug, title: p.title, summary: pageSummaries[p.slug], href: `/local-offer/information/${p.slug}` });

  // --- Public -------------------------------------------------------------------------------------------------
  app.get('/local-offer/information', { schema: { hide: true } }, async (_req, reply) => {
    const area = await publicArea(db, config);
    const pages = await listPages(db, area.laCode);
    return reply.page(view('info-list'), { pageTitle: 'Information and advice', area, loNav: 'information', pages: pages.map(summary) });
  });

  app.get('/local-offer/information/:slug', { schema: { hide: true } }, async (req, reply) => {
    const area = await publicArea(db, config);
    const page = await loadPage(db, area.laCode, slugOf(req));
    const others = (await listPages(db, area.laCode)).filter((p) => p.slug !== page.slug).map(summary);
    return reply.page(view('info-page'), {
      pageTitle: page.title, area, loNav: 'information', page, html: renderPage(page.body), others,
      updated: page.updatedAt ? formatDateTime(page.updatedAt).replace(/ at .*$/, '') : null,
    });
  });

  // --- The council's editor -----------------------------------------------------------------------------------
  app.get('/local-offer/manage/information', { schema: { hide: true } }, async (req, reply) => {
    const la = managedArea(officer(req));
    const pages = await listPages(db, la);
    return reply.page(view('manage-info-list'), {
      pageTitle: 'Information pages', activeNav: 'local-offer',
      pages: pages.map((p) => ({ ...summary(p), version: p.version, updated: p.updatedAt ? formatDateTime(p.updatedAt) : null, updatedBy: p.updatedBy })),
    });
  });

  const renderEditor = async (reply: FastifyReply, actor: Actor, slug: string, values: { title: string; body: string; basedOn: number } | null, opts: { errors?: FieldError[]; preview?: boolean } = {}, status = 200) => {
    const la = managedArea(actor);
    const page = await loadPage(db, la, slug);
    const v = values ?? { title: page.title, body: page.body, basedOn: page.version };
    const versions = await listPageVersions(db, actor, slug);
    return reply.page(view('manage-info-edit'), {
      pageTitle: `Edit: ${page.title}`, activeNav: 'local-offer', backLink: { href: '/local-offer/manage/information', text: 'Information pages' },
      page, values: v, preview: opts.preview ? renderPage(v.body) : null, errors: opts.errors?.length ? toPageErrors(opts.errors) : undefined,
      versions: versions.map((x) => ({ ...x, saved: formatDateTime(x.savedAt) })),
    }, status);
  };

  app.get('/local-offer/manage/information/:slug', { schema: { hide: true } }, async (req, reply) => renderEditor(reply, officer(req), slugOf(req), null));

  app.post('/local-offer/manage/information/:slug', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const slug = slugOf(req);
    if (!isStatutoryPage(slug)) throw new NotFoundError('Page');
    const body = bodyOf(req);
    const basedOn = Number.parseInt(typeof body.basedOn === 'string' ? body.basedOn : '', 10);
    const values = { title: typeof body.title === 'string' ? body.title : '', body: typeof body.body === 'string' ? body.body : '', basedOn: Number.isInteger(basedOn) && basedOn >= 0 ? basedOn : 0 };
    const parsed = parseWith(pageSchema, values);
    if (!parsed.ok) return renderEditor(reply, actor, slug, values, { errors: parsed.errors }, 400);
    if (body.action === 'preview') return renderEditor(reply, actor, slug, values, { preview: true });
    try {
      const version = await savePage(db, actor, slug, { ...parsed.value, basedOn: values.basedOn });
      req.session.set('flash', `Saved as version ${version}. The public page shows it now.`);
    } catch (err) {
      if (err instanceof UserInputError) return renderEditor(reply, actor, slug, values, { errors: err.errors }, 400);
      throw err;
    }
    return reply.redirect(`/local-offer/manage/information/${slug}`, 303);
  });

  app.get('/local-offer/manage/information/:slug/versions/:version', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const slug = slugOf(req);
    const n = Number((req.params as { version: string }).version);
    const v = (await listPageVersions(db, actor, slug)).find((x) => x.version === n);
    if (!v) throw new NotFoundError('Version');
    return reply.page(view('manage-info-version'), {
      pageTitle: `${v.title}: version ${v.version}`, activeNav: 'local-offer', backLink: { href: `/local-offer/manage/information/${slug}`, text: 'Edit the page' },
      v: { ...v, saved: formatDateTime(v.savedAt) }, html: renderPage(v.body), slug,
    });
  });
}
