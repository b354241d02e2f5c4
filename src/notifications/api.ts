// /api/v1/inbox: the caller's own messages, for apps and integrations. Reading the list does not mark them read.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { absoluteUrl } from './domain.ts';
import { listInbox, type InboxItem } from './store.ts';

/** The API's shape of a message (never the database row). */
export function presentMessage(m: InboxItem, publicUrl: string) {
  return {
    id: m.id,
    kind: m.kind,
    subject: m.subject,
    body: m.body,
    link: m.link,
    url: absoluteUrl(publicUrl, m.link),
    childId: m.childId,
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt?.toISOString() ?? null,
  };
}

const query = z.object({
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  kind: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,49}$/, 'Enter a kind such as advice-requested').optional(),
  unread: z.enum(['true', 'false']).optional(),
});

export async function inboxApi(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, config } = services;

  app.get('/api/v1/inbox', { schema: { tags: ['inbox'], summary: 'My messages, newest first (optionally one kind, or only unread)', querystring: query } }, async (req) => {
    const q = req.query;
    const { items, total, unread } = await listInbox(db, requireActor(req), { page: q.page, pageSize: q.pageSize, kind: q.kind, unreadOnly: q.unread === 'true' });
    return { total, unread, page: q.page, pageSize: q.pageSize, items: items.map((m) => presentMessage(m, config.publicUrl)) };
  });
}
