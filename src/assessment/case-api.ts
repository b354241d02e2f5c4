// /api/v1 for assessments: the caseload and a case, with the engine's steps, for other council systems; and advice
// given through the API, so a health or social care system can send structured advice without re-keying it.
// The same store functions, policy and audit as the pages; 400 per field, 404 for what the caller may not see.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { londonToday } from '../platform/web/dates.ts';
import { parseWith, UserInputError } from '../platform/web/validation.ts';
import { stepLabel } from './case.ts';
import { stageLabels } from './journey.ts';
import { adviceSchema } from './forms.ts';
import { readCase, type CaseView } from './store.ts';
import { giveAdvice } from './advice-store.ts';
import { listCases } from './caseload-store.ts';

const tags = ['assessment'];
const idParams = z.object({ id: z.string() });

function presentCase(v: CaseView) {
  const a = v.assessment;
  return {
    id: a.id,
    reference: a.reference,
    childId: a.child_id,
    stage: a.stage,
    stageLabel: stageLabels[a.stage],
    requestReceived: a.request_received,
    requestSource: a.request_source,
    caseworker: a.caseworker_name,
    decidedOn: a.decided_on,
    draftIssuedOn: a.draft_issued_on,
    finalIssuedOn: a.final_issued_on,
    namedSetting: a.named_setting_name,
    steps: v.status.timescales.steps.map((s) => ({ ...s, label: stepLabel(s.step, v.facts.advice) })),
    week20ExceptionApplies: v.status.timescales.exceptionApplies,
    tag: v.status.tag.text,
    forecast: v.forecast,
    advice: v.advice.map((x) => ({
      id: x.id, discipline: x.discipline, from: x.requested_of_name, requestedOn: x.requested_on, dueOn: x.due_on, receivedOn: x.received_on, summary: x.summary,
      needs: x.items.filter((i) => i.kind === 'need').map((i) => i.text), outcomes: x.items.filter((i) => i.kind === 'outcome').map((i) => i.text), provision: x.items.filter((i) => i.kind === 'provision').map((i) => i.text),
    })),
    exceptions: v.exceptions.map((e) => ({ reason: e.reason, adviser: e.adviser, from: e.from, to: e.to, explanation: e.explanation })),
    missingAdvice: v.missing,
  };
}

export async function assessmentCaseApi(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const today = services.today ?? (() => londonToday());

  app.get('/api/v1/assessments', {
    schema: { tags, summary: 'Open EHC needs assessments in my area (SEND team), with the next deadline and the week-20 forecast', querystring: z.object({ caseworker: z.string().optional(), closed: z.enum(['true', 'false']).optional() }) },
  }, async (req) => {
    const actor = requireActor(req);
    const items = await listCases(db, actor, today(), { ...(req.query.caseworker ? { caseworkerId: req.query.caseworker === 'none' ? null : req.query.caseworker } : {}), includeClosed: req.query.closed === 'true' });
    return {
      total: items.length,
      items: items.map((c) => ({
        id: c.id, reference: c.reference, childId: c.child_id, stage: c.stage, caseworker: c.caseworker_name, requestReceived: c.request_received,
        next: c.status.next, tag: c.status.tag.text, overdue: c.status.overdue, exception: c.status.exception, atRisk: c.forecast?.atRisk ?? false, projectedFinal: c.forecast?.projectedFinal ?? null,
      })),
    };
  });

  app.get('/api/v1/assessments/:id', { schema: { tags, summary: 'One EHC needs assessment with its statutory steps, advice and exceptions', params: idParams } }, async (req) =>
    presentCase(await readCase(db, requireActor(req), today(), req.params.id)),
  );

  app.post('/api/v1/advice/:id', {
    schema: {
      tags, summary: 'Give the advice asked of you: a summary and structured needs, outcomes sought and recommended provision', params: idParams,
      body: z.record(z.string(), z.unknown()),
    },
  }, async (req, reply) => {
    const r = parseWith(adviceSchema(today), req.body);
    if (!r.ok) throw new UserInputError(r.errors);
    await giveAdvice(db, requireActor(req), today(), req.params.id, r.value);
    return reply.code(204).send();
  });
}
