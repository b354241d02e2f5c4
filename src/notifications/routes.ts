// The inbox pages: every signed-in user's messages, newest first; opening one marks it read. A message of
// someone else's answers 404, like one that does not exist. The menu's "Inbox (N)" count comes from here too.
// Handlers: validate → load (the store keys every query by the acting user) → render or redirect. No SQL here.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../server.ts';
import type { PageContext } from '../platform/web/plugin.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { pagination } from '../children/route-helpers.ts';
import { listInbox, markAllRead, openMessage, unreadCount } from './store.ts';

export const inboxPageSize = 20;

const pageNumber = (v: unknown): number => {
  const r = z.coerce.number().int().min(1).max(10000).safeParse(v);
  return r.success ? r.data : 1;
};

/** A plain-text body as paragraphs (blank lines) of lines, for the template to escape and join. */
export function paragraphs(body: string): string[][] {
  return body
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.split(/\r?\n/));
}

export async function inboxRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;

  // The layout's menu shows the unread count. Every page goes through reply.page, so wrap it for this request:
  // the count is read only when a page is rendered for a signed-in person (not for assets, API calls or redirects).
  app.addHook('onRequest', async (_req, reply) => {
    const render = reply.page.bind(reply);
    reply.page = async (template: string, ctx: PageContext, status?: number) => {
      const actor = reply.request.actor;
      let inboxUnread: number | null = null;
      if (actor && actor.kind !== 'service' && ctx.inboxUnread === undefined) {
        inboxUnread = await unreadCount(db, actor.id).catch((err: unknown) => {
          reply.request.log.warn({ err }, 'unread count not available');
          return null;
        });
      }
      return render(template, ctx.inboxUnread === undefined ? { ...ctx, inboxUnread } : ctx, status);
    };
  });

  app.get('/inbox', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const page = pageNumber((req.query as { page?: unknown }).page);
    const { items, total, unread } = await listInbox(db, actor, { page, pageSize: inboxPageSize });
    return reply.page('notifications/views/inbox.njk', {
      pageTitle: 'Inbox',
      activeNav: 'inbox',
      inboxUnread: unread,
      messages: items.map((m) => ({ id: m.id, subject: m.subject, createdAt: m.createdAt, unread: m.readAt === null })),
      total,
      unread,
      page,
      pagination: pagination(page, total, inboxPageSize, (p) => `/inbox?page=${p}`),
    });
  });

  app.get('/inbox/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const m = await openMessage(db, actor, (req.params as { id: string }).id);
    return reply.page('notifications/views/message.njk', {
      pageTitle: m.subject,
      activeNav: 'inbox',
      backLink: { href: '/inbox', text: 'Back to inbox' },
      message: { subject: m.subject, paragraphs: paragraphs(m.body), link: m.link, createdAt: m.createdAt },
    });
  });

  app.post('/inbox/read-all', { schema: { hide: true } }, async (req, reply) => {
    const n = await markAllRead(db, requireActor(req));
    req.session.set('flash', n === 1 ? '1 message marked as read' : `${n} messages marked as read`);
    return reply.redirect('/inbox', 303);
  });
}
