// /api/v1 for plans: export a plan as a document another system can read, and import one (a family that moved).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { londonToday } from '../platform/web/dates.ts';
import { exportPlan, importPlan } from './store.ts';

const tags = ['plans'];

export async function plansApi(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const today = services.today ?? (() => londonToday());

  app.get('/api/v1/plans/:id/export', {
    schema: { tags, summary: 'The plan with every version, as a document in the published format (docs/plan-export.md)', params: z.object({ id: z.string() }) },
  }, async (req, reply) => {
    const doc = await exportPlan(db, requireActor(req), today(), req.params.id);
    return reply.header('content-disposition', `attachment; filename="${doc.plan.reference.replace(/[^A-Za-z0-9-]/g, '_')}.json"`).send(doc);
  });

  app.post('/api/v1/plans/import', {
    schema: { tags, summary: 'Bring in a plan exported by another area (SEND team); 400 with a message per field if the document is not valid', body: z.unknown() },
  }, async (req, reply) => {
    const r = await importPlan(db, requireActor(req), today(), req.body);
    return reply.code(201).header('location', `/plans/${r.planId}`).send(r);
  });
}
