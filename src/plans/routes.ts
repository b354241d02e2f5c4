// The plan's pages: read it (any version), write it section by section without JavaScript, trace every
// recommendation of the advice into it, agree the health and social care sections, comment on the draft, issue
// the draft and the final plan, compare versions, and see who has opened it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../server.ts';
import type { Actor } from '../platform/access/actor.ts';
import { hasRole } from '../platform/access/actor.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { londonToday } from '../platform/web/dates.ts';
import { nestBrackets, NotFoundError, toPageErrors, UserInputError, type FieldError } from '../platform/web/validation.ts';
import { needTypes } from '../children/codes.ts';
import { yearGroup } from '../assessment/case.ts';
import { describeItem, diffPlans, needSections, needsFor, pfaAreas, pfaLabels, planContentSchema, provisionSections, sectionKeys, sectionTitles, threadGaps, untaggedAdulthoodOutcomes, type PlanContent, type SectionKey } from './model.ts';
import { fieldOf, sectionFromForm } from './forms.ts';
import { checkSection, type Finding, type SectionCheck } from './quality.ts';
import { commentOnDraft, issueDraftPlan, issueFinalPlan, issueProblems, mayEdit, readPlan, saveContent, signOff, startFinalVersion, startPlan, traceRecommendation, type PlanView } from './store.ts';

const body = (req: FastifyRequest): Record<string, unknown> => nestBrackets(req.body);
const idOf = (req: FastifyRequest): string => (req.params as { id: string }).id;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const isSection = (s: string): s is SectionKey => (sectionKeys as string[]).includes(s);

/** The text of each item as the quality checks read it: provision with who, how often and how long. */
function itemText(section: SectionKey, item: unknown): string {
  if (section === 'E') {
    const o = item as PlanContent['E'][number];
    const tf = o.timeframe.trim();
    return tf ? `${o.outcome} ${/^(by|within|before|in)\b/i.test(tf) ? tf : `by ${tf}`}` : o.outcome;
  }
  if ((provisionSections as readonly string[]).includes(section)) {
    const p = item as PlanContent['F'][number];
    return [p.what, p.who && `delivered by ${p.who}`, p.frequency, p.duration && `for ${p.duration}`, p.groupSize && `in a group of ${p.groupSize}`].filter(Boolean).join(', ');
  }
  return (item as { text: string }).text;
}

/** Quality checks for the SEND team while the plan is written (issue 4 §3): a score per section, findings per item. */
function planQuality(c: PlanContent): { sections: Partial<Record<SectionKey, SectionCheck>>; items: Record<string, Finding[]> } {
  const sections: Partial<Record<SectionKey, SectionCheck>> = {};
  const items: Record<string, Finding[]> = {};
  sections.A = checkSection('A', [c.A.views, c.A.interests, c.A.aspirations].filter((x) => x.trim()));
  for (const s of ['B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2'] as const) {
    const list = c[s] as { id: string }[];
    const check = checkSection(s, list.map((item) => itemText(s, item)));
    sections[s] = check;
    list.forEach((item, i) => {
      const f = check.items[i]?.findings ?? [];
      if (f.length) items[item.id] = f;
    });
  }
  return { sections, items };
}

/** Every item of the plan a recommendation can become, for the trace form's list. */
function targets(c: PlanContent): { value: string; text: string }[] {
  return (['B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2'] as const).flatMap((s) =>
    (c[s] as { id: string }[]).map((item) => ({ value: `${s}:${item.id}`, text: `${s}: ${describeItem(s, item).slice(0, 120)}` })),
  );
}

export async function planRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const today = services.today ?? (() => londonToday());

  app.post('/assessments/:id/plan', { schema: { hide: true } }, async (req, reply) => {
    const planId = await startPlan(db, requireActor(req), today(), idOf(req));
    return reply.redirect(`/plans/${planId}`, 303);
  });

  const renderPlan = async (reply: FastifyReply, actor: Actor, v: PlanView, errors: FieldError[] = [], status = 200) => {
    const c = v.version.content;
    const gaps = threadGaps(c);
    const edit = mayEdit(actor, v.child) && v.version.state === 'editing';
    const year = yearGroup(v.child.date_of_birth, today());
    const latestDraft = [...v.versions].reverse().find((x) => x.kind === 'draft' && x.state === 'issued');
    const finalIssued = v.versions.some((x) => x.kind === 'final' && x.state === 'issued');
    const quality = mayEdit(actor, v.child) ? planQuality(c) : null;
    return reply.page('plans/views/plan.njk', {
      quality: quality?.sections ?? null, findingsFor: quality?.items ?? {},
      pageTitle: `EHC plan ${v.plan.reference}`, activeNav: mayEdit(actor, v.child) ? 'assessments' : 'home',
      backLink: v.plan.assessment_id ? { href: `/assessments/${v.plan.assessment_id}`, text: 'The assessment' } : { href: `/children/${v.child.id}` },
      v, c, edit, gaps, errors: toPageErrors(errors),
      childName: `${v.child.given_name} ${v.child.family_name}`,
      sectionTitles, needTypeLabel: Object.fromEntries(needTypes), pfaLabels,
      gapFor: Object.fromEntries(gaps.map((g) => [`${g.section}:${g.itemId}`, g.message])),
      needText: Object.fromEntries(needSections.flatMap((s) => c[s].map((n) => [n.id, `${s}: ${n.text}`]))),
      outcomeText: Object.fromEntries(c.E.map((o) => [o.id, o.outcome])),
      untagged: untaggedAdulthoodOutcomes(c, year),
      untraced: v.recommendations.filter((r) => !r.trace).length,
      problems: edit ? issueProblems(v, v.version.kind === 'draft' ? 'draft' : 'final') : [],
      manage: mayEdit(actor, v.child),
      canSignHealth: actor.organisation?.kind === 'icb' && hasRole(actor, 'designated-clinical-officer'),
      mySignoff: v.signoffs.find((x) => x.area === (actor.organisation?.kind === 'icb' ? 'health' : 'social-care')) ?? null,
      canSignSocial: actor.organisation?.kind === 'social-care' && hasRole(actor, 'social-care-manager'),
      mayComment: actor.kind === 'staff' && !!latestDraft && !finalIssued,
      mayStartFinal: mayEdit(actor, v.child) && !v.editing,
    }, status);
  };

  app.get('/plans/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const n = Number((req.query as { v?: string }).v);
    return renderPlan(reply, actor, await readPlan(db, actor, today(), idOf(req), Number.isInteger(n) && n > 0 ? n : null));
  });

  // A plain-language page for the child or young person: their views, what they are working towards, who helps.
  app.get('/plans/:id/my-plan', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const v = await readPlan(db, actor, today(), idOf(req));
    const c = v.version.content;
    const helpers = new Map<string, string[]>();
    for (const s of provisionSections) {
      for (const p of c[s]) {
        const who = p.who.trim() || 'People at school and at home';
        helpers.set(who, [...(helpers.get(who) ?? []), [p.what, p.frequency].filter(Boolean).join(', ')]);
      }
    }
    return reply.page('plans/views/my-plan.njk', {
      pageTitle: `My plan: ${v.child.preferred_name ?? v.child.given_name}`, backLink: { href: `/plans/${idOf(req)}` },
      name: v.child.preferred_name ?? v.child.given_name, c, v,
      helpers: [...helpers].map(([who, what]) => ({ who, what })),
    });
  });

  // --- Writing a section ------------------------------------------------------------------------------------
  const renderSection = async (reply: FastifyReply, actor: Actor, planId: string, section: SectionKey, posted: Record<string, unknown> | null, errors: FieldError[] = [], status = 200) => {
    const v = await readPlan(db, actor, today(), planId);
    if (!mayEdit(actor, v.child) || !v.editing) throw new NotFoundError('Plan');
    const c = v.editing.content;
    const items = Array.isArray(c[section]) ? (c[section] as unknown[]) : [];
    const blank = section === 'K' ? 0 : 2;
    const needOptions = (provisionSections as readonly string[]).includes(section)
      ? needsFor[section as (typeof provisionSections)[number]].flatMap((s) => c[s].map((n) => ({ value: n.id, text: `${s}: ${n.text.slice(0, 100)}` })))
      : [];
    return reply.page('plans/views/section.njk', {
      pageTitle: `Section ${section}: ${sectionTitles[section]}`, activeNav: 'assessments', backLink: { href: `/plans/${planId}#section-${section}` },
      v, section, c, items, rows: items.length + blank, posted, errors: toPageErrors(errors), editVersion: v.editing.edit_version,
      childName: `${v.child.given_name} ${v.child.family_name}`,
      isNeeds: (needSections as readonly string[]).includes(section), isProvision: (provisionSections as readonly string[]).includes(section),
      needTypeItems: [{ value: '', text: 'Choose the need type' }, ...needTypes.map(([value, text]) => ({ value, text }))],
      pfaItems: [{ value: '', text: 'Not tagged' }, ...pfaAreas.map((a) => ({ value: a, text: pfaLabels[a] }))],
      needOptions, outcomeOptions: c.E.map((o) => ({ value: o.id, text: o.outcome.slice(0, 100) })),
    }, status);
  };

  app.get('/plans/:id/edit/:section', { schema: { hide: true } }, async (req, reply) => {
    const { section } = req.params as { section: string };
    if (!isSection(section)) throw new NotFoundError();
    return renderSection(reply, requireActor(req), idOf(req), section, null);
  });

  app.post('/plans/:id/edit/:section', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { section } = req.params as { section: string };
    if (!isSection(section)) throw new NotFoundError();
    const b = body(req);
    const v = await readPlan(db, actor, today(), idOf(req));
    if (!mayEdit(actor, v.child) || !v.editing) throw new NotFoundError('Plan');
    const { value, rowOf } = sectionFromForm(section, b, v.editing.content);
    const next = { ...v.editing.content, [section]: value };
    const parsed = planContentSchema.safeParse(next);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: fieldOf(i.path.join('.'), section, rowOf), message: i.message }));
      return renderSection(reply, actor, idOf(req), section, b, errors, 400);
    }
    try {
      await saveContent(db, actor, today(), idOf(req), parsed.data, Number(str(b.editVersion)), section);
    } catch (err) {
      if (err instanceof UserInputError) return renderSection(reply, actor, idOf(req), section, b, err.errors, 400);
      throw err;
    }
    req.session.set('flash', `Section ${section} saved`);
    return reply.redirect(`/plans/${idOf(req)}#section-${section}`, 303);
  });

  // --- Tracing the advice -----------------------------------------------------------------------------------
  app.get('/plans/:id/trace', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const v = await readPlan(db, actor, today(), idOf(req));
    if (!mayEdit(actor, v.child) || !v.editing) throw new NotFoundError('Plan');
    return reply.page('plans/views/trace.njk', {
      pageTitle: 'Trace the advice into the plan', activeNav: 'assessments', backLink: { href: `/plans/${idOf(req)}` }, v,
      childName: `${v.child.given_name} ${v.child.family_name}`,
      targetItems: [{ value: '', text: 'Choose the plan item it became' }, ...targets(v.editing.content)],
      describe: Object.fromEntries(targets(v.editing.content).map((t) => [t.value, t.text])),
      untraced: v.recommendations.filter((r) => !r.trace).length,
    });
  });

  app.post('/plans/:id/trace/:itemId', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = body(req);
    const decision = str(b.decision);
    if (decision !== 'included' && decision !== 'not-included') throw new UserInputError([{ field: 'decision', message: 'Choose whether the recommendation is in the plan' }]);
    await traceRecommendation(db, actor, today(), idOf(req), { adviceItemId: (req.params as { itemId: string }).itemId, decision, target: str(b.target) || null, reason: str(b.reason) || null });
    return reply.redirect(`/plans/${idOf(req)}/trace`, 303);
  });

  // --- Issuing, agreeing, commenting ------------------------------------------------------------------------
  const act = (path: string, run: (actor: Actor, id: string, b: Record<string, unknown>) => Promise<unknown>, flash: string) =>
    app.post(`/plans/:id/${path}`, { schema: { hide: true } }, async (req, reply) => {
      const actor = requireActor(req);
      try {
        await run(actor, idOf(req), body(req));
      } catch (err) {
        if (err instanceof UserInputError) return renderPlan(reply, actor, await readPlan(db, actor, today(), idOf(req)), err.errors, 400);
        throw err;
      }
      req.session.set('flash', flash);
      return reply.redirect(`/plans/${idOf(req)}`, 303);
    });

  act('issue-draft', (a, id) => issueDraftPlan(db, a, today(), id), 'Draft plan issued. The family has 15 days to comment; the advisers have been invited to comment.');
  act('final-version', (a, id) => startFinalVersion(db, a, today(), id), 'A new version has been started from the last one.');
  act('issue-final', (a, id, b) => issueFinalPlan(db, a, today(), id, str(b.namedSettingId) || null), 'Final plan issued. Everyone involved has been told and can open it.');
  act('signoff', (a, id, b) => signOff(db, a, today(), id, str(b.area) === 'social-care' ? 'social-care' : 'health', str(b.comment)), 'Your agreement has been recorded.');
  act('comments', (a, id, b) => commentOnDraft(db, a, today(), id, str(b.text)), 'Thank you. Your comments are with the caseworker.');

  // --- Comparing versions -----------------------------------------------------------------------------------
  app.get('/plans/:id/compare', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const q = req.query as { from?: string; to?: string };
    const from = await readPlan(db, actor, today(), idOf(req), Number(q.from) || 1);
    const to = await readPlan(db, actor, today(), idOf(req), Number(q.to) || from.versions.at(-1)?.number || 1);
    const diff = diffPlans(from.version.content, to.version.content)
      .map((d) => ({ ...d, changes: d.changes.filter((c) => c.kind !== 'unchanged') }))
      .filter((d) => d.changes.length);
    return reply.page('plans/views/compare.njk', {
      pageTitle: `Compare versions ${from.version.number} and ${to.version.number}`, activeNav: 'home', backLink: { href: `/plans/${idOf(req)}` },
      v: to, from: from.version, to: to.version, diff, changedCount: diff.length,
      childName: `${to.child.given_name} ${to.child.family_name}`,
    });
  });
}
