// The local offer's evidence for leaders (issue 5 §6): a staff page for area leaders, SEND managers and local offer
// officers, and GET /api/v1/local-offer/evidence for the area dashboard that comes later (in the OpenAPI document).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { mayManageLocalOffer } from '../platform/access/policy.ts';
import { formatPlainDate, londonToday } from '../platform/web/dates.ts';
import { parseWith, toPageErrors, UserInputError } from '../platform/web/validation.ts';
import { periodSchema } from './evidence.ts';
import { evidenceArea, localOfferEvidence } from './evidence-store.ts';

const figure = z.object({ value: z.number().nullable(), counts: z.string() });
const evidenceResponse = z.object({
  laCode: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  use: z.object({
    searches: figure, searchesWithNoResults: figure, shareWithNoResults: figure,
    topNoResults: z.array(z.object({ terms: z.string(), searches: z.number() })),
    views: figure, servicesViewed: figure,
    topViewed: z.array(z.object({ serviceId: z.string(), name: z.string(), views: z.number() })),
  }),
  freshness: z.object({ listed: figure, reviewedInLast12Months: figure, shareReviewed: figure }),
  responsiveness: z.object({ comments: figure, answered: figure, medianDaysToAnswer: figure, waiting: figure, oldestWaitingDays: figure }),
});

export async function evidenceRoutes(root: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const today = services.today ?? (() => londonToday());
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/local-offer/evidence', {
    schema: {
      tags: ['local offer'],
      summary: 'The local offer’s evidence for the caller’s area: use, freshness and responsiveness, each figure with what it counts',
      description: 'For area leaders, SEND managers and local offer officers (others: 404). The period defaults to the 12 months up to today. Shares are from 0 to 1; null where there is nothing to divide.',
      querystring: z.object({ from: z.string().optional().describe('Start date, YYYY-MM-DD'), to: z.string().optional().describe('End date, YYYY-MM-DD; today at the latest') }),
      response: { 200: evidenceResponse },
    },
  }, async (req) => {
    const la = evidenceArea(requireActor(req));
    const period = parseWith(periodSchema(today()), req.query);
    if (!period.ok) throw new UserInputError(period.errors);
    return localOfferEvidence(db, la, period.value, today());
  });

  root.get('/local-offer/manage/evidence', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const la = evidenceArea(actor);
    const q = req.query as Record<string, unknown>;
    const input = { from: typeof q.from === 'string' && q.from ? q.from : undefined, to: typeof q.to === 'string' && q.to ? q.to : undefined };
    const period = parseWith(periodSchema(today()), input);
    // A bad period is shown with its message, and the figures of the default period (the last 12 months) below it.
    const chosen = period.ok ? period.value : periodSchema(today()).parse({});
    const e = await localOfferEvidence(db, la, chosen, today());
    return reply.page('localoffer/views/manage-evidence.njk', {
      pageTitle: 'Local offer evidence', activeNav: 'local-offer', e, values: { from: input.from ?? chosen.from, to: input.to ?? chosen.to },
      periodText: `${formatPlainDate(chosen.from)} to ${formatPlainDate(chosen.to)}`, showManageNav: mayManageLocalOffer(actor),
      errors: period.ok ? undefined : toPageErrors(period.errors),
    }, period.ok ? 200 : 400);
  });
}
