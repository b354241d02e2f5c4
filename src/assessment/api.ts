// POST /api/v1/timescales: the statutory timescales engine as a public calculator. It holds no personal
// data, so it needs no sign-in; it is rate-limited.
import type { FastifyInstance } from 'fastify';
import { timescales } from './timescales.ts';

export async function assessmentApi(app: FastifyInstance): Promise<void> {
  app.post(
    '/api/v1/timescales',
    {
      config: { csrf: false, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['assessment'],
        summary: 'Statutory deadlines and statuses for an EHC needs assessment, from its dated events (no sign-in needed)',
        description: 'SEND Regulations 2014 regs 5, 8, 10 and 13. See docs/api.md for the event types and statuses.',
        security: [],
      },
    },
    async (req, reply) => {
      const r = timescales(req.body);
      if (!r.ok) return reply.code(400).send({ error: 'The case history is not valid', errors: r.errors });
      return r.value;
    },
  );
}
