// "Have your say" and "you said, we did" (issue 5 §4): anyone comments on the local offer or on a listing without an
// account (CSRF through the anonymous session; 10 an hour from one address, with its own page when exceeded); the
// council answers and a moderator approves what is published, personal details removed; the public page lists the
// approved comments and responses, newest first, with the date answered (CFA 2014 s.30(6), SEND Regs 2014 reg 56).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../server.ts';
import type { Actor } from '../platform/access/actor.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { formatDateTime, formatPlainDate, londonToday } from '../platform/web/dates.ts';
import { parseWith, toPageErrors, UserInputError, type FieldError } from '../platform/web/validation.ts';
import { publicArea } from './area.ts';
import { managedArea } from './manage-store.ts';
import { answerSchema, commentSchema, commentsPerHour, feedbackStatusText, moderationSchema } from './feedback.ts';
import { answerFeedback, feedbackCounts, listedService, listFeedback, listPublishedComments, loadFeedback, moderateFeedback, moderationDraft, submitComment, type FeedbackFilter, type FeedbackItem } from './feedback-store.ts';

declare module 'fastify' {
  interface Session {
    /** The last comment sent from this browser, for the confirmation page. */
    commentSent?: { reference: string };
  }
}

const view = (name: string) => `localoffer/views/${name}.njk`;
const bodyOf = (req: FastifyRequest): Record<string, unknown> => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const londonDay = (d: Date) => formatPlainDate(londonToday(d));

function officer(req: FastifyRequest): Actor {
  const a = requireActor(req);
  managedArea(a);
  return a;
}

export async function feedbackRoutes(root: FastifyInstance, services: Services): Promise<void> {
  // In their own scope, whose error handler gives the rate limit's 429 its own page.
  await root.register(async (app) => {
    app.setErrorHandler(async (err: FastifyError, req, reply) => {
      if (err.statusCode !== 429) throw err;
      const area = await publicArea(services.db, services.config).catch(() => null);
      return reply.page(view('feedback-too-many'), { pageTitle: 'You have sent too many comments', area, loNav: 'have-your-say' }, 429);
    });
    await routes(app, services);
  });
}

async function routes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;
  const today = services.today ?? (() => londonToday());

  // --- Public -------------------------------------------------------------------------------------------------
  const renderForm = async (reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = [], status = 200) => {
    const area = await publicArea(db, config);
    const service = await listedService(db, area.laCode, str(values.serviceId) || str(values.service));
    return reply.page(view('feedback-form'), {
      pageTitle: service ? `Have your say about ${service.name}` : 'Have your say about the local offer', area, loNav: 'have-your-say',
      service, values, errors: errors.length ? toPageErrors(errors) : undefined,
    }, status);
  };

  app.get('/local-offer/have-your-say', { schema: { hide: true } }, async (req, reply) => renderForm(reply, { serviceId: str((req.query as { service?: unknown }).service) }));

  app.post('/local-offer/have-your-say', { schema: { hide: true }, config: { rateLimit: { max: commentsPerHour, timeWindow: '1 hour' } } }, async (req, reply) => {
    const body = bodyOf(req);
    const parsed = parseWith(commentSchema, body);
    if (!parsed.ok) return renderForm(reply, body, parsed.errors, 400);
    const area = await publicArea(db, config);
    const sent = await submitComment(db, { ip: req.ip, userAgent: req.headers['user-agent'] }, area.laCode, today(), parsed.value);
    req.session.set('commentSent', { reference: sent.reference });
    return reply.redirect('/local-offer/have-your-say/sent', 303);
  });

  app.get('/local-offer/have-your-say/sent', { schema: { hide: true } }, async (req, reply) => {
    const sent = req.session.get('commentSent');
    if (!sent) return reply.redirect('/local-offer/have-your-say', 303);
    return reply.page(view('feedback-sent'), { pageTitle: 'Thank you for your comment', area: await publicArea(db, config), loNav: 'have-your-say', reference: sent.reference });
  });

  app.get('/local-offer/you-said-we-did', { schema: { hide: true } }, async (req, reply) => {
    const area = await publicArea(db, config);
    const page = Math.max(1, Math.min(10000, Number.parseInt(str((req.query as { page?: unknown }).page), 10) || 1));
    const pageSize = 20;
    const { items, total } = await listPublishedComments(db, area.laCode, page, pageSize);
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const href = (p: number) => `/local-offer/you-said-we-did?page=${p}`;
    return reply.page(view('feedback-published'), {
      pageTitle: 'You said, we did', area, loNav: 'you-said-we-did', total,
      items: items.map((i) => ({ ...i, answered: londonDay(i.answeredAt), received: londonDay(i.receivedAt) })),
      pagination: pages > 1 ? { items: Array.from({ length: pages }, (_, i) => ({ number: i + 1, href: href(i + 1), current: i + 1 === page })), previous: page > 1 ? { href: href(page - 1) } : undefined, next: page < pages ? { href: href(page + 1) } : undefined } : null,
    });
  });

  // --- The council ----------------------------------------------------------------------------------------------
  const filters: [FeedbackFilter, string][] = [['to-answer', 'To answer'], ['to-moderate', 'To moderate'], ['published', 'Published'], ['not-published', 'Not published'], ['all', 'All']];

  app.get('/local-offer/manage/feedback', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const show = str((req.query as { show?: unknown }).show);
    const filter = (filters.find(([k]) => k === show)?.[0] ?? 'to-answer');
    const [items, counts] = await Promise.all([listFeedback(db, actor, filter), feedbackCounts(db, actor)]);
    return reply.page(view('manage-feedback'), {
      pageTitle: 'Comments', activeNav: 'local-offer', filter, filters: filters.map(([k, text]) => ({ k, text, n: counts[k], current: k === filter })),
      items: items.map((i) => ({ ...i, received: formatDateTime(i.receivedAt), statusText: feedbackStatusText[i.status] })),
    });
  });

  const renderItem = async (reply: FastifyReply, actor: Actor, id: string, values: Record<string, unknown> = {}, errors: FieldError[] = [], status = 200) => {
    const f: FeedbackItem = await loadFeedback(db, actor, id);
    const draft = moderationDraft(f);
    return reply.page(view('manage-feedback-item'), {
      pageTitle: `Comment ${f.reference}`, activeNav: 'local-offer', backLink: { href: '/local-offer/manage/feedback', text: 'Comments' },
      f: { ...f, received: formatDateTime(f.receivedAt), responded: f.respondedAt ? formatDateTime(f.respondedAt) : null, moderated: f.moderatedAt ? formatDateTime(f.moderatedAt) : null, statusText: feedbackStatusText[f.status] },
      values: { response: f.response ?? '', action: f.action ?? '', ...draft, ...values },
      replyLink: f.email ? `mailto:${encodeURIComponent(f.email)}?subject=${encodeURIComponent(`Your comment on the local offer (${f.reference})`)}` : null,
      errors: errors.length ? toPageErrors(errors) : undefined,
    }, status);
  };

  app.get('/local-offer/manage/feedback/:id', { schema: { hide: true } }, async (req, reply) => renderItem(reply, officer(req), (req.params as { id: string }).id));

  app.post('/local-offer/manage/feedback/:id/answer', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const { id } = req.params as { id: string };
    const body = bodyOf(req);
    const parsed = parseWith(answerSchema, body);
    try {
      if (!parsed.ok) throw new UserInputError(parsed.errors);
      await answerFeedback(db, actor, id, parsed.value);
    } catch (err) {
      if (err instanceof UserInputError) return renderItem(reply, actor, id, body, err.errors, 400);
      throw err;
    }
    req.session.set('flash', 'Answer saved. Now check the texts and publish it, or say why it is not published.');
    return reply.redirect(`/local-offer/manage/feedback/${id}#moderate`, 303);
  });

  app.post('/local-offer/manage/feedback/:id/moderate', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const { id } = req.params as { id: string };
    const body = bodyOf(req);
    const parsed = parseWith(moderationSchema, body);
    try {
      if (!parsed.ok) throw new UserInputError(parsed.errors);
      await moderateFeedback(db, actor, id, parsed.value);
    } catch (err) {
      if (err instanceof UserInputError) return renderItem(reply, actor, id, body, err.errors, 400);
      throw err;
    }
    req.session.set('flash', parsed.ok && parsed.value.decision === 'approve' ? 'Published on “you said, we did”.' : 'Recorded as not published.');
    return reply.redirect(`/local-offer/manage/feedback/${id}`, 303);
  });
}
