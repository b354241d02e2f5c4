// GET /plans/:id/pdf[?v=N]: the plan as a tagged PDF (issue 4 §7), to the same people as the page and through
// the same door: readPlan applies the access policy (404 for those who may not see the plan, and for a version
// still being written to anyone but the SEND team), writes the audit row and records that the version was opened.
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { londonToday } from '../platform/web/dates.ts';
import { readPlan } from './store.ts';
import { planPdfFilename, renderPlanPdf } from './pdf.ts';

const planPdfRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { db } = services;
  const today = services.today ?? (() => londonToday());

  app.get('/plans/:id/pdf', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const n = Number((req.query as { v?: string }).v);
    const v = await readPlan(db, actor, today(), (req.params as { id: string }).id, Number.isInteger(n) && n > 0 ? n : null);
    const pdf = await renderPlanPdf({
      childName: `${v.child.given_name} ${v.child.family_name}`,
      reference: v.plan.reference,
      version: v.version,
      content: v.version.content,
      signoffs: v.signoffs,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${planPdfFilename(v.plan.reference, v.version.number)}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
};

export default planPdfRoutes;
