// The assessment's pages: the caseworker's caseload, the team manager's view and the week-20 forecast; the case
// with its task list; a form for every step; the adviser's form; the family's views and comments; the setting's
// answer. Every step goes through store.ts, which checks the journey and the access policy.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Services } from '../server.ts';
import type { Actor } from '../platform/access/actor.ts';
import { hasRole } from '../platform/access/actor.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { formatPlainDate, londonToday } from '../platform/web/dates.ts';
import { addDays } from '../platform/plain-date.ts';
import { nestBrackets, NotFoundError, parseWith, toPageErrors, UserInputError, type FieldError, type PageErrors } from '../platform/web/validation.ts';
import { listOrganisations } from '../people/directory.ts';
import { readChildOnly } from '../children/store.ts';
import { disciplineLabels, disciplines, type Discipline } from './case.ts';
import { stageLabels, stages, type Stage } from './journey.ts';
import {
  adviceRequestSchema, adviceSchema, answerSchema, assignSchema, consultationSchema, decisionSchema, draftCommentsSchema, exceptionReasonItems, exceptionSchema,
  familyReportSchema, finalSchema, noPlanSchema, requestSourceItems, startSchema, viewsSchema, withdrawSchema, dateOnlySchema,
} from './forms.ts';
import { caseTasks, presentCaseloadItem, requestSourceLabel, stepStatusTag } from './presenters.ts';
import {
  addFamilyContribution, addFamilyReport, answerConsultation, childDocuments, assignCaseworker, consultSetting, decideNotToIssue, issueDraft, issueFinal,
  readCase, recordDecision, recordException, startAssessment, withdraw, type CaseView,
} from './store.ts';
import { giveAdvice, readAdviceRequest, requestAdvice } from './advice-store.ts';
import { areaCaseworkers, countClosedCases, listCases } from './caseload-store.ts';
import { unreadCount } from '../notifications/store.ts';
import { stepLabel } from './case.ts';
import { decisionLetter } from './letters.ts';
import { isYoungPerson } from '../children/young-person.ts';
import { planForAssessment } from '../plans/store.ts';

const dateFields = new Set(['requestReceived', 'on', 'requestedOn', 'receivedOn', 'from', 'to', 'sentOn', 'dueOn']);
function pageErrors(errors: FieldError[]): PageErrors {
  const pe = toPageErrors(errors);
  return { ...pe, list: pe.list.map((l) => (dateFields.has(l.href.slice(1)) ? { ...l, href: `${l.href}-day` } : l)) };
}
const body = (req: FastifyRequest): Record<string, unknown> => nestBrackets(req.body);
const idOf = (req: FastifyRequest): string => (req.params as { id: string }).id;

function staff(req: FastifyRequest): Actor {
  const a = requireActor(req);
  if (a.kind !== 'staff') throw new NotFoundError();
  return a;
}
function sendTeam(req: FastifyRequest): Actor {
  const a = staff(req);
  if (a.organisation?.kind !== 'send-team' || !hasRole(a, 'caseworker', 'send-manager')) throw new NotFoundError();
  return a;
}

export async function assessmentRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const today = services.today ?? (() => londonToday());

  // --- Caseload, team view, forecast ------------------------------------------------------------------------
  app.get('/assessments', { schema: { hide: true } }, async (req, reply) => {
    const actor = sendTeam(req);
    const q = req.query as Record<string, string | undefined>;
    const isManager = hasRole(actor, 'send-manager');
    // The page's reads go out together where they do not depend on each other (each is its own round trip).
    const caseworkersRead = areaCaseworkers(db, actor);
    caseworkersRead.catch(() => undefined); // awaited below; this only stops an early failure counting as unhandled
    const unread = unreadCount(db, actor.id).catch((err: unknown) => {
      req.log.warn({ err }, 'unread count not available');
      return null;
    });
    // A caseworker sees their own cases by default; a manager sees everyone's, or one caseworker's.
    const who = q.caseworker ?? (isManager || !hasRole(actor, 'caseworker') ? 'all' : actor.id);
    // Another caseworker's list only if they are a caseworker of this area (else the actor's own).
    const known = who === 'all' || who === 'none' || who === actor.id;
    const caseworkers = known ? null : await caseworkersRead;
    const scope = who === 'all' ? {} : who === 'none' ? { caseworkerId: null } : { caseworkerId: known || caseworkers?.some((c) => c.id === who) ? who : actor.id };
    const filter = ['all', 'overdue', 'week', 'exception', 'at-risk', 'closed'].includes(q.show ?? '') ? (q.show as string) : 'all';
    // Closed cases are listed only when asked for; otherwise only counted.
    const [listed, counted] = await Promise.all([listCases(db, actor, today(), { ...scope, includeClosed: filter === 'closed' }), filter === 'closed' ? null : countClosedCases(db, actor, today(), scope)]);
    const everything = listed.map(presentCaseloadItem);
    const all = everything.filter((c) => c.open);
    const closedCount = counted ?? everything.length - all.length;
    const stage = stages.includes(q.stage as Stage) ? (q.stage as Stage) : '';
    let items = (filter === 'closed' ? everything.filter((c) => !c.open) : all).filter((c) => {
      if (stage && c.stage !== stageLabels[stage]) return false;
      if (filter === 'overdue') return c.tag.text.startsWith('Overdue');
      if (filter === 'week') return c.tag.text === 'Due this week';
      if (filter === 'exception') return c.exception;
      if (filter === 'at-risk') return c.atRisk;
      return true;
    });
    const sort = ['deadline', 'received', 'name', 'stage'].includes(q.sort ?? '') ? (q.sort as string) : 'deadline';
    const key = (c: (typeof items)[number]): string => (sort === 'name' ? c.childName : sort === 'stage' ? c.stage : sort === 'received' ? c.received : (c.next?.due ?? '9999'));
    items = [...items].sort((a, b) => key(a).localeCompare(key(b)) || a.reference.localeCompare(b.reference));
    const counts = {
      all: all.length,
      overdue: all.filter((c) => c.tag.text.startsWith('Overdue')).length,
      week: all.filter((c) => c.tag.text === 'Due this week').length,
      exception: all.filter((c) => c.exception).length,
      atRisk: all.filter((c) => c.atRisk).length,
      closed: closedCount,
    };
    const link = (over: Record<string, string>) => `/assessments?${new URLSearchParams({ caseworker: who, show: filter, stage, sort, ...over }).toString()}`;
    return reply.page('assessment/views/caseload.njk', {
      pageTitle: 'Assessments', activeNav: 'assessments', items, counts, filter, stage, sort, who, isManager, today: today(), inboxUnread: await unread,
      caseworkerItems: [{ value: 'all', text: 'Everyone' }, { value: 'none', text: 'Not assigned' }, ...(caseworkers ?? (await caseworkersRead)).map((c) => ({ value: c.id, text: c.id === actor.id ? `${c.name} (you)` : c.name }))],
      stageItems: [{ value: '', text: 'Any open stage' }, ...(['requested', 'assessing', 'draft-issued'] as const).map((s) => ({ value: s, text: stageLabels[s] }))],
      filterLinks: (['all', 'overdue', 'week', 'exception', 'at-risk', 'closed'] as const).map((f) => ({ value: f, href: link({ show: f }), current: f === filter })),
      sortLinks: (['name', 'stage', 'deadline', 'received'] as const).map((s) => ({ value: s, href: link({ sort: s }), current: s === sort })),
    });
  });

  app.get('/assessments/team', { schema: { hide: true } }, async (req, reply) => {
    const actor = sendTeam(req);
    const cases = (await listCases(db, actor, today(), {})).map(presentCaseloadItem);
    const openStages = ['requested', 'assessing', 'draft-issued'] as const;
    const byWorker = new Map<string, { name: string; id: string; stages: Record<string, number>; total: number; overdue: number; atRisk: number }>();
    for (const c of cases) {
      const k = c.caseworker;
      const row = byWorker.get(k) ?? { name: k, id: k, stages: {}, total: 0, overdue: 0, atRisk: 0 };
      row.stages[c.stage] = (row.stages[c.stage] ?? 0) + 1;
      row.total++;
      if (c.tag.text.startsWith('Overdue')) row.overdue++;
      if (c.atRisk) row.atRisk++;
      byWorker.set(k, row);
    }
    const caseworkers = await areaCaseworkers(db, actor);
    for (const c of caseworkers) if (!byWorker.has(c.name)) byWorker.set(c.name, { name: c.name, id: c.id, stages: {}, total: 0, overdue: 0, atRisk: 0 });
    const rows = [...byWorker.values()].map((r) => ({ ...r, id: caseworkers.find((c) => c.name === r.name)?.id ?? (r.name === 'Not assigned' ? 'none' : '') })).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
    return reply.page('assessment/views/team.njk', {
      pageTitle: 'Team caseloads', activeNav: 'assessments', rows, stageNames: openStages.map((s) => stageLabels[s]),
      totals: { total: cases.length, overdue: cases.filter((c) => c.tag.text.startsWith('Overdue')).length, atRisk: cases.filter((c) => c.atRisk).length, byStage: openStages.map((s) => cases.filter((c) => c.stage === stageLabels[s]).length) },
    });
  });

  app.get('/assessments/forecast', { schema: { hide: true } }, async (req, reply) => {
    const actor = sendTeam(req);
    const cases = (await listCases(db, actor, today(), {})).filter((c) => c.forecast?.atRisk);
    cases.sort((a, b) => (a.forecast?.finalDue ?? '').localeCompare(b.forecast?.finalDue ?? ''));
    return reply.page('assessment/views/forecast.njk', {
      pageTitle: 'Week-20 forecast', activeNav: 'assessments',
      items: cases.map((c) => ({ ...presentCaseloadItem(c), forecast: c.forecast })),
    });
  });

  // --- A new request on a child's record -------------------------------------------------------------------
  const renderStart = async (reply: FastifyReply, actor: Actor, childId: string, values: Record<string, unknown>, errors: FieldError[] = [], status = 200) => {
    const child = await readChildOnly(db, actor, today(), childId, 'assessment-new');
    return reply.page('assessment/views/start.njk', {
      pageTitle: 'Record a request for an EHC needs assessment', activeNav: 'assessments', backLink: { href: `/children/${childId}` },
      child: { id: child.id, name: `${child.given_name} ${child.family_name}` }, values: { ...values, requestReceived: dateValue(values.requestReceived) }, errors: pageErrors(errors),
      sourceItems: requestSourceItems, caseworkerItems: [{ value: '', text: 'Me, or assign later' }, ...(await areaCaseworkers(db, actor)).map((c) => ({ value: c.id, text: c.name }))],
    }, status);
  };
  app.get('/children/:id/assessments/new', { schema: { hide: true } }, async (req, reply) => renderStart(reply, sendTeam(req), idOf(req), { requestReceived: today() }));
  app.post('/children/:id/assessments', { schema: { hide: true } }, async (req, reply) => {
    const actor = sendTeam(req);
    const b = body(req);
    const parsed = parseWith(startSchema(today), b);
    if (!parsed.ok) return renderStart(reply, actor, idOf(req), b, parsed.errors, 400);
    try {
      const id = await startAssessment(db, actor, today(), idOf(req), parsed.value);
      req.session.set('flash', 'Request recorded. The family, the ICB, social care and the school have been told (reg 4).');
      return reply.redirect(`/assessments/${id}`, 303);
    } catch (err) {
      if (err instanceof UserInputError) return renderStart(reply, actor, idOf(req), b, err.errors, 400);
      throw err;
    }
  });

  // --- The case ---------------------------------------------------------------------------------------------
  app.get('/assessments/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const v = await readCase(db, actor, today(), idOf(req));
    const t = today();
    const manage = v.child.route === 'send-team' && hasRole(actor, 'caseworker', 'send-manager');
    const isFamily = v.child.route === 'family' || v.child.route === 'young-person';
    const planId = await planForAssessment(db, v.assessment.id);
    return reply.page('assessment/views/case.njk', {
      pageTitle: `EHC needs assessment ${v.assessment.reference}`, activeNav: manage ? 'assessments' : 'home', backLink: manage ? { href: '/assessments', text: 'All assessments' } : { href: '/' },
      v, manage, isFamily, today: t,
      childName: `${v.child.given_name} ${v.child.family_name}`,
      stage: stageLabels[v.assessment.stage],
      source: requestSourceLabel(v.assessment.request_source),
      tasks: manage ? caseTasks(v, t, hasRole(actor, 'send-manager'), manage, planId) : [],
      steps: v.status.timescales.steps.map((s) => ({ ...s, label: stepLabel(s.step, v.facts.advice), tag: stepStatusTag(s.status, s.due, t) })),
      advice: v.advice.map((a) => ({ ...a, label: disciplineLabels[a.discipline], overdue: !a.received_on && a.due_on < t, needs: a.items.filter((i) => i.kind === 'need'), outcomes: a.items.filter((i) => i.kind === 'outcome'), provision: a.items.filter((i) => i.kind === 'provision'), mine: a.requested_of_user === actor.id || (!a.requested_of_user && a.requested_of_org === actor.organisation?.id) })),
      missing: v.missing.map((d) => disciplineLabels[d]),
      socialCareGap: v.assessment.stage !== 'requested' && !v.advice.some((a) => a.discipline === 'social-care' && a.received_on),
      exceptionReasons: Object.fromEntries(exceptionReasonItems.map((e) => [e.value, e.text])),
      commentsOpen: v.assessment.stage === 'draft-issued',
      myConsultation: v.consultations.find((c) => c.organisation_id === actor.organisation?.id && !c.response) ?? null,
      planId,
    });
  });

  // The statutory decision letter (reg 5(3) / reg 10), for a refusal to assess or a decision not to issue a plan.
  app.get('/assessments/:id/letter', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const v = await readCase(db, actor, today(), idOf(req));
    const a = v.assessment;
    const kind = a.stage === 'not-assessing' ? 'not-to-assess' : a.stage === 'no-plan' ? 'not-to-issue' : null;
    const decidedOn = kind === 'not-to-assess' ? a.decided_on : a.no_plan_on;
    if (!kind || !decidedOn) throw new NotFoundError('Letter');
    const youngPerson = isYoungPerson(v.child.date_of_birth, decidedOn);
    const family = await db.selectFrom('family_member').select(['name', 'relationship']).where('child_id', '=', v.child.id).where('ended_on', 'is', null).where((eb) => eb.or([eb('parental_responsibility', '=', true), eb('relationship', '=', 'self')])).orderBy('created_at').execute();
    const recipient = youngPerson ? `${v.child.given_name} ${v.child.family_name}` : (family.find((f) => f.relationship !== 'self')?.name ?? 'Parent or carer');
    const area = await db.selectFrom('local_area').select('name').where('la_code', '=', v.child.la_code).executeTakeFirst();
    const cw = a.caseworker_id ? await db.selectFrom('app_user').select(['name', 'email']).where('id', '=', a.caseworker_id).executeTakeFirst() : undefined;
    const letter = decisionLetter({
      kind, decidedOn, childName: `${v.child.given_name} ${v.child.family_name}`, recipientName: recipient, toYoungPerson: youngPerson,
      reasons: a.decision_reasons ?? '', laName: area?.name ?? 'The council', reference: a.reference, caseworker: { name: cw?.name ?? 'The SEND team', email: cw?.email ?? null },
    });
    return reply.page('assessment/views/letter.njk', { pageTitle: letter.title, backLink: { href: `/assessments/${a.id}` }, letter, v });
  });

  /** A form for one step of a case: GET renders it, POST validates, calls the store, and returns to the case. */
  function caseForm<S extends z.ZodType>(opts: {
    path: string;
    template: string;
    title: string;
    who: (req: FastifyRequest) => Actor;
    schema: () => S;
    context?: (actor: Actor, v: CaseView) => Promise<Record<string, unknown>> | Record<string, unknown>;
    defaults?: (v: CaseView) => Record<string, unknown>;
    save: (actor: Actor, id: string, value: z.infer<S>, v: CaseView) => Promise<unknown>;
    flash: string | ((value: z.infer<S>) => string);
  }): void {
    const render = async (reply: FastifyReply, actor: Actor, id: string, values: Record<string, unknown> | null, errors: FieldError[] = [], status = 200) => {
      const v = await readCase(db, actor, today(), id);
      const vals = values ?? opts.defaults?.(v) ?? {};
      const shown = Object.fromEntries(Object.entries(vals).map(([k, x]) => [k, dateFields.has(k) ? dateValue(x) : x]));
      return reply.page(opts.template, {
        pageTitle: opts.title, activeNav: 'assessments', backLink: { href: `/assessments/${id}` }, v, childName: `${v.child.given_name} ${v.child.family_name}`,
        values: shown, errors: pageErrors(errors), today: today(), ...(await opts.context?.(actor, v)),
      }, status);
    };
    app.get(`/assessments/:id/${opts.path}`, { schema: { hide: true } }, async (req, reply) => render(reply, opts.who(req), idOf(req), null));
    app.post(`/assessments/:id/${opts.path}`, { schema: { hide: true } }, async (req, reply) => {
      const actor = opts.who(req);
      const b = body(req);
      const parsed = parseWith(opts.schema(), b);
      if (!parsed.ok) return render(reply, actor, idOf(req), b, parsed.errors, 400);
      try {
        const v = await readCase(db, actor, today(), idOf(req));
        await opts.save(actor, idOf(req), parsed.value, v);
        req.session.set('flash', typeof opts.flash === 'function' ? opts.flash(parsed.value) : opts.flash);
        return reply.redirect(`/assessments/${idOf(req)}`, 303);
      } catch (err) {
        if (err instanceof UserInputError) return render(reply, actor, idOf(req), b, err.errors, 400);
        throw err;
      }
    });
  }

  caseForm({
    path: 'decision', template: 'assessment/views/decision.njk', title: 'Decide whether to assess', who: sendTeam, schema: () => decisionSchema(today),
    defaults: () => ({ on: today() }),
    save: (a, id, v) => recordDecision(db, a, today(), id, v),
    flash: (v) => (v.assess ? 'Decision recorded: the assessment goes ahead. Now ask for advice.' : 'Decision recorded. The family has been told; the decision letter is ready to send.'),
  });

  caseForm({
    path: 'advice/new', template: 'assessment/views/advice-request.njk', title: 'Ask for advice', who: sendTeam, schema: () => adviceRequestSchema(today),
    defaults: (v) => ({ requestedOn: today(), discipline: v.missing[0] ?? '' }),
    context: async (actor) => {
      const orgs = (await listOrganisations(db)).filter((o) => o.kind !== 'provider' && (o.laCode === actor.organisation?.laCode || o.kind === 'school' || o.kind === 'setting'));
      const people = await db
        .selectFrom('app_user as u')
        .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
        .select(['u.id', 'u.name', 'u.roles', 'o.name as org'])
        .where('u.kind', '=', 'staff')
        .where('u.disabled_at', 'is', null)
        .where('o.la_code', '=', actor.organisation?.laCode ?? '')
        .where('o.kind', 'not in', ['send-team', 'provider'])
        .where((eb) => eb.not(eb('u.roles', '<@', sql<string[]>`${sql.val(['listing-editor', 'local-offer-officer'])}::text[]`)))
        .orderBy('o.name')
        .orderBy('u.name')
        .execute();
      const ep = await db.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id').select(['u.id', 'u.name', 'o.name as org']).where('o.la_code', '=', actor.organisation?.laCode ?? '').where('u.disabled_at', 'is', null).where((eb) => eb(eb.val('educational-psychologist'), '=', eb.fn.any('u.roles'))).execute();
      return {
        disciplineItems: disciplines.filter((d) => d !== 'family' && d !== 'private-report').map((d) => ({ value: d, text: disciplineLabels[d] })),
        personItems: [{ value: '', text: 'Choose a person' }, ...[...ep, ...people.filter((p) => !ep.some((e) => e.id === p.id))].map((p) => ({ value: p.id, text: `${p.name}, ${p.org}` }))],
        orgItems: [{ value: '', text: 'Or choose an organisation' }, ...orgs.filter((o) => o.kind !== 'send-team').map((o) => ({ value: o.id, text: o.name }))],
      };
    },
    save: (a, id, v) => requestAdvice(db, a, today(), id, { discipline: v.discipline as Discipline, requestedOfUser: v.requestedOfUser, requestedOfOrg: v.requestedOfOrg, requestedOn: v.requestedOn }),
    flash: 'Advice requested. The adviser has been told, and has 6 weeks.',
  });

  caseForm({
    path: 'exception/new', template: 'assessment/views/exception.njk', title: 'Record an exception to the time limits', who: sendTeam, schema: () => exceptionSchema(),
    context: (_a, v) => ({ reasonItems: exceptionReasonItems, adviserItems: [{ value: '', text: 'Choose the advice request' }, ...v.advice.map((a) => ({ value: a.adviser, text: `${disciplineLabels[a.discipline]}: ${a.requested_of_name}` }))] }),
    save: (a, id, v) => recordException(db, a, today(), id, v),
    flash: 'Exception recorded. The family has been told that it applies and why.',
  });

  caseForm({
    path: 'no-plan', template: 'assessment/views/no-plan.njk', title: 'Decide not to issue a plan', who: sendTeam, schema: () => noPlanSchema(today),
    defaults: () => ({ on: today() }),
    save: (a, id, v) => decideNotToIssue(db, a, today(), id, v),
    flash: 'Decision recorded. The family has been told; the decision letter is ready to send.',
  });

  caseForm({
    path: 'draft', template: 'assessment/views/draft.njk', title: 'Issue the draft plan', who: sendTeam, schema: () => dateOnlySchema(today, 'The date the draft was issued'),
    defaults: () => ({ on: today() }),
    save: (a, id, v) => issueDraft(db, a, today(), id, v),
    flash: 'Draft issued. The family has 15 days to comment, and the advisers have been invited to comment.',
  });

  caseForm({
    path: 'consultations/new', template: 'assessment/views/consultation.njk', title: 'Consult a school or setting', who: sendTeam, schema: () => consultationSchema(today),
    defaults: () => ({ sentOn: today(), dueOn: addDays(today(), 15) }),
    context: async (actor) => ({ orgItems: [{ value: '', text: 'Choose a school or setting' }, ...(await listOrganisations(db)).filter((o) => (o.kind === 'school' || o.kind === 'setting') && o.laCode === actor.organisation?.laCode).map((o) => ({ value: o.id, text: o.name }))] }),
    save: (a, id, v) => consultSetting(db, a, today(), id, v),
    flash: 'Consultation sent. The setting has been told when to reply by.',
  });

  caseForm({
    path: 'final', template: 'assessment/views/final.njk', title: 'Issue the final plan', who: sendTeam, schema: () => finalSchema(today),
    defaults: (v) => ({ on: today(), namedSettingId: v.consultations.find((c) => c.response === 'can-meet')?.organisation_id ?? '' }),
    context: async (actor) => ({ orgItems: [{ value: '', text: 'No setting named yet' }, ...(await listOrganisations(db)).filter((o) => (o.kind === 'school' || o.kind === 'setting') && o.laCode === actor.organisation?.laCode).map((o) => ({ value: o.id, text: o.name }))] }),
    save: (a, id, v) => issueFinal(db, a, today(), id, v),
    flash: 'Final plan issued. The family, the named setting and the ICB have been told.',
  });

  caseForm({
    path: 'withdraw', template: 'assessment/views/withdraw.njk', title: 'Close the assessment', who: sendTeam, schema: () => withdrawSchema(today),
    defaults: () => ({ on: today() }),
    save: (a, id, v) => withdraw(db, a, today(), id, v),
    flash: 'The assessment is closed.',
  });

  caseForm({
    path: 'assign', template: 'assessment/views/assign.njk', title: 'Assign a caseworker', who: sendTeam, schema: () => assignSchema,
    defaults: (v) => ({ caseworkerId: v.assessment.caseworker_id ?? '' }),
    context: async (actor) => ({ caseworkerItems: [{ value: '', text: 'Choose a caseworker' }, ...(await areaCaseworkers(db, actor)).map((c) => ({ value: c.id, text: c.name }))] }),
    save: (a, id, v) => assignCaseworker(db, a, today(), id, v.caseworkerId),
    flash: 'Caseworker assigned.',
  });

  // The family gives their views (section A) and comments on the draft; a caseworker can record them for them.
  caseForm({
    path: 'views', template: 'assessment/views/family-views.njk', title: 'Views, interests and aspirations', who: requireActor, schema: () => viewsSchema,
    context: (a, v) => ({ isFamily: v.child.route === 'family' || v.child.route === 'young-person', actorName: a.name }),
    save: (a, id, v) => addFamilyContribution(db, a, today(), id, { kind: 'views', views: v.views, aspirations: v.aspirations, onBehalfOf: v.onBehalfOf }),
    flash: 'Thank you. Your views are on the case and will be section A of the plan.',
  });

  caseForm({
    path: 'draft-comments', template: 'assessment/views/draft-comments.njk', title: 'Comments on the draft plan', who: requireActor, schema: () => draftCommentsSchema,
    context: (a, v) => ({ isFamily: v.child.route === 'family' || v.child.route === 'young-person', actorName: a.name, windowEnds: v.assessment.draft_issued_on ? addDays(v.assessment.draft_issued_on, 14) : null }),
    save: (a, id, v) => addFamilyContribution(db, a, today(), id, { kind: 'draft-comments', comments: v.comments, wantsMeeting: v.wantsMeeting, preferredSetting: v.preferredSetting, onBehalfOf: v.onBehalfOf }),
    flash: (v) => (v.wantsMeeting ? 'Thank you. Your comments are on the case, and your caseworker will arrange a meeting.' : 'Thank you. Your comments are on the case.'),
  });

  caseForm({
    path: 'reports/new', template: 'assessment/views/family-report.njk', title: 'Add a report as advice', who: requireActor, schema: () => familyReportSchema,
    context: async (_a, v) => ({
      isFamily: v.child.route === 'family' || v.child.route === 'young-person',
      documentItems: [{ value: '', text: 'Choose a document' }, ...(await childDocuments(db, v.child.id)).map((d) => ({ value: d.id, text: `${d.title} (added ${formatPlainDate(d.uploaded_at.toISOString().slice(0, 10))})` }))],
    }),
    save: (a, id, v) => addFamilyReport(db, a, today(), id, v),
    flash: 'The report is now in the advice list. The caseworker must take it into account.',
  });

  // --- The adviser's form ----------------------------------------------------------------------------------
  const renderAdvice = async (reply: FastifyReply, actor: Actor, id: string, values: Record<string, unknown> | null, errors: FieldError[] = [], status = 200) => {
    const { view, request, mayGive } = await readAdviceRequest(db, actor, today(), id);
    return reply.page('assessment/views/advice-give.njk', {
      pageTitle: disciplineLabels[request.discipline], activeNav: 'home', backLink: { href: '/' },
      v: view, request, mayGive, childName: `${view.child.given_name} ${view.child.family_name}`, label: disciplineLabels[request.discipline],
      values: values ?? { receivedOn: dateValue(today()) }, errors: pageErrors(errors), overdue: !request.received_on && request.due_on < today(),
      needs: request.items.filter((i) => i.kind === 'need'), outcomes: request.items.filter((i) => i.kind === 'outcome'), provision: request.items.filter((i) => i.kind === 'provision'),
    }, status);
  };
  app.get('/advice/:id', { schema: { hide: true } }, async (req, reply) => renderAdvice(reply, staff(req), idOf(req), null));
  app.post('/advice/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = staff(req);
    const b = body(req);
    const parsed = parseWith(adviceSchema(today), b);
    const shown = { ...b, receivedOn: b.receivedOn ?? dateValue(today()) };
    if (!parsed.ok) return renderAdvice(reply, actor, idOf(req), shown, parsed.errors, 400);
    try {
      await giveAdvice(db, actor, today(), idOf(req), parsed.value);
      req.session.set('flash', 'Thank you. Your advice has been sent to the caseworker.');
      return reply.redirect(`/advice/${idOf(req)}`, 303);
    } catch (err) {
      if (err instanceof UserInputError) return renderAdvice(reply, actor, idOf(req), shown, err.errors, 400);
      throw err;
    }
  });

  // --- The consulted setting answers -----------------------------------------------------------------------
  app.post('/consultations/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = staff(req);
    const parsed = parseWith(answerSchema, body(req));
    if (!parsed.ok) throw new UserInputError(parsed.errors);
    const assessmentId = await answerConsultation(db, actor, today(), idOf(req), parsed.value);
    req.session.set('flash', 'Thank you. Your answer has been sent to the caseworker.');
    return reply.redirect(`/assessments/${assessmentId}`, 303);
  });

}

function dateValue(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? { day: '', month: '', year: '' };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { day: '', month: '', year: '' };
}
