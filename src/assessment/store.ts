// The assessment's SQL. Every function takes the acting user; a case is reached only through its child, so the
// child's access policy (platform/access/policy.ts) applies, and every read and change is audited in its own
// transaction (children/store.ts readChild / changeChild). Each transition is checked by journey.ts first.
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { hasRole } from '../platform/access/actor.ts';
import type { Db } from '../platform/db/connect.ts';
import type { Executor, Tx } from '../platform/db/transaction.ts';
import { addDays } from '../platform/plain-date.ts';
import { ForbiddenError, NotFoundError, UserInputError } from '../platform/web/validation.ts';
import { changeChild, isUuid, readChild, type VisibleChild } from '../children/store.ts';
import { caseStatus, disciplineLabels, forecastWeek20, missingAdvice, openStages, type AdviceFacts, type CaseFacts, type CaseStatus, type Discipline, type ExceptionFacts, type Forecast } from './case.ts';
import { transition, type Action, type Stage } from './journey.ts';
import { tell } from './notices.ts';

export interface AssessmentRow {
  id: string;
  reference: string;
  child_id: string;
  la_code: string;
  request_received: string;
  request_source: number;
  requested_by: string;
  request_summary: string;
  stage: Stage;
  caseworker_id: string | null;
  caseworker_name: string | null;
  decided_on: string | null;
  decision_reasons: string | null;
  no_plan_on: string | null;
  draft_issued_on: string | null;
  final_issued_on: string | null;
  named_setting_id: string | null;
  named_setting_name: string | null;
  withdrawn_on: string | null;
  withdrawn_reason: string | null;
  version: number;
}

export interface AdviceRequestRow {
  id: string;
  adviser: string;
  discipline: Discipline;
  requested_of_user: string | null;
  requested_of_org: string | null;
  requested_of_name: string;
  requested_on: string;
  due_on: string;
  received_on: string | null;
  summary: string | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
  document_id: string | null;
  items: { kind: 'need' | 'outcome' | 'provision'; text: string }[];
}

export interface CaseView {
  child: VisibleChild;
  assessment: AssessmentRow;
  advice: AdviceRequestRow[];
  exceptions: (ExceptionFacts & { id: string; explanation: string; recorded_at: Date })[];
  contributions: { id: string; kind: 'views' | 'draft-comments'; views: string | null; aspirations: string | null; comments: string | null; wants_meeting: boolean | null; preferred_setting: string | null; given_by_name: string; given_on: string }[];
  consultations: { id: string; organisation_id: string; name: string; sent_on: string; due_on: string; response: 'can-meet' | 'cannot-meet' | null; response_reasons: string | null; responded_on: string | null }[];
  notices: { kind: string; recipient: string; recipient_role: string; sent_at: Date }[];
  facts: CaseFacts;
  status: CaseStatus;
  forecast: Forecast | null;
  missing: Discipline[];
}

const selectAssessment = (exec: Executor) =>
  exec
    .selectFrom('assessment as a')
    .leftJoin('app_user as cw', 'cw.id', 'a.caseworker_id')
    .leftJoin('organisation as ns', 'ns.id', 'a.named_setting_id')
    .select([
      'a.id', 'a.reference', 'a.child_id', 'a.la_code', 'a.request_received', 'a.request_source', 'a.requested_by', 'a.request_summary', 'a.stage',
      'a.caseworker_id', 'cw.name as caseworker_name', 'a.decided_on', 'a.decision_reasons', 'a.no_plan_on', 'a.draft_issued_on', 'a.final_issued_on',
      'a.named_setting_id', 'ns.name as named_setting_name', 'a.withdrawn_on', 'a.withdrawn_reason', 'a.version',
    ]);

export function toFacts(a: Pick<AssessmentRow, 'request_received' | 'stage' | 'decided_on' | 'no_plan_on' | 'draft_issued_on' | 'final_issued_on' | 'withdrawn_on'>, advice: Pick<AdviceRequestRow, 'adviser' | 'discipline' | 'requested_of_name' | 'requested_on' | 'due_on' | 'received_on'>[], exceptions: ExceptionFacts[]): CaseFacts {
  return {
    requestReceived: a.request_received, stage: a.stage, decidedOn: a.decided_on, noPlanOn: a.no_plan_on, draftIssuedOn: a.draft_issued_on, finalIssuedOn: a.final_issued_on, withdrawnOn: a.withdrawn_on,
    advice: advice.map((r): AdviceFacts => ({ adviser: r.adviser, discipline: r.discipline, name: r.requested_of_name, requestedOn: r.requested_on, dueOn: r.due_on, receivedOn: r.received_on })),
    exceptions,
  };
}

async function childIdOf(exec: Executor, assessmentId: string): Promise<string> {
  if (!isUuid(assessmentId)) throw new NotFoundError('Assessment');
  const row = await exec.selectFrom('assessment').select('child_id').where('id', '=', assessmentId).executeTakeFirst();
  if (!row) throw new NotFoundError('Assessment');
  return row.child_id;
}

async function loadParts(tx: Tx, child: VisibleChild, assessmentId: string, today: string): Promise<Omit<CaseView, 'child'>> {
  const assessment = (await selectAssessment(tx).where('a.id', '=', assessmentId).executeTakeFirst()) as AssessmentRow | undefined;
  if (!assessment) throw new NotFoundError('Assessment');
  const requests = await tx.selectFrom('advice_request').selectAll().where('assessment_id', '=', assessmentId).orderBy('requested_on').orderBy('created_at').execute();
  const items = requests.length
    ? await tx.selectFrom('advice_item').select(['advice_request_id', 'kind', 'text']).where('advice_request_id', 'in', requests.map((r) => r.id)).orderBy('kind').orderBy('position').execute()
    : [];
  const advice: AdviceRequestRow[] = requests.map((r) => ({
    id: r.id, adviser: r.adviser, discipline: r.discipline as Discipline, requested_of_user: r.requested_of_user, requested_of_org: r.requested_of_org, requested_of_name: r.requested_of_name,
    requested_on: r.requested_on, due_on: r.due_on, received_on: r.received_on, summary: r.summary, reminded_at: r.reminded_at, escalated_at: r.escalated_at, document_id: r.document_id,
    items: items.filter((i) => i.advice_request_id === r.id).map((i) => ({ kind: i.kind, text: i.text })),
  }));
  const exceptions = (await tx.selectFrom('assessment_exception').select(['id', 'reason', 'adviser', 'from_date', 'to_date', 'explanation', 'recorded_at']).where('assessment_id', '=', assessmentId).orderBy('from_date').execute()).map((e) => ({
    id: e.id, reason: e.reason as ExceptionFacts['reason'], adviser: e.adviser, from: e.from_date, to: e.to_date, explanation: e.explanation, recorded_at: e.recorded_at,
  }));
  const contributions = await tx
    .selectFrom('family_contribution')
    .select(['id', 'kind', 'views', 'aspirations', 'comments', 'wants_meeting', 'preferred_setting', 'given_by_name', 'given_on'])
    .where('assessment_id', '=', assessmentId)
    .orderBy('created_at')
    .execute();
  const consultations = await tx
    .selectFrom('setting_consultation as sc')
    .innerJoin('organisation as o', 'o.id', 'sc.organisation_id')
    .select(['sc.id', 'sc.organisation_id', 'o.name', 'sc.sent_on', 'sc.due_on', 'sc.response', 'sc.response_reasons', 'sc.responded_on'])
    .where('sc.assessment_id', '=', assessmentId)
    .orderBy('sc.sent_on')
    .execute();
  const notices = await tx.selectFrom('assessment_notice').select(['kind', 'recipient', 'recipient_role', 'sent_at']).where('assessment_id', '=', assessmentId).orderBy('sent_at').execute();
  const facts = toFacts(assessment, advice, exceptions);
  return {
    assessment, advice, exceptions, contributions, consultations, notices, facts,
    status: caseStatus(facts, today),
    forecast: forecastWeek20(facts, today, child.date_of_birth),
    missing: assessment.stage === 'assessing' ? missingAdvice(facts, child.date_of_birth, today) : [],
  };
}

/** One case, as its child's record part 'assessment': the same policy, audited as a read of the child. */
export async function readCase(db: Db, actor: Actor, today: string, assessmentId: string): Promise<CaseView> {
  const childId = await childIdOf(db, assessmentId);
  const { child, data } = await readChild(db, actor, today, childId, 'assessment', (tx, c) => loadParts(tx, c, assessmentId, today));
  return { child, ...data };
}

/** The child's assessments, newest first (for the child's record). */
export async function listChildAssessments(exec: Executor, childId: string): Promise<{ id: string; reference: string; stage: Stage; request_received: string; final_issued_on: string | null }[]> {
  return (await exec.selectFrom('assessment').select(['id', 'reference', 'stage', 'request_received', 'final_issued_on']).where('child_id', '=', childId).orderBy('request_received', 'desc').execute()) as never;
}

/** Only the SEND team's caseworkers and managers run a case (the child's route must be 'send-team'). */
export function mayManage(actor: Actor, child: VisibleChild): boolean {
  return child.route === 'send-team' && hasRole(actor, 'caseworker', 'send-manager');
}

type Change<T> = (tx: Tx, c: { child: VisibleChild; parts: Omit<CaseView, 'child'> }) => Promise<{ result: T; entity: string; detail?: Record<string, unknown> }>;

/**
 * Changes a case: loads it through the child's policy, checks the journey allows `action` (when given), applies the
 * change, bumps the version, and audits it, in one transaction.
 */
export async function changeCase<T>(db: Db, actor: Actor, today: string, assessmentId: string, action: Action | null, who: 'manage' | 'decide' | 'any', change: Change<T>, expectVersion?: number): Promise<T> {
  const childId = await childIdOf(db, assessmentId);
  return changeChild(db, actor, today, childId, 'contribute-to-assessment', async (tx, child) => {
    if (who !== 'any' && !mayManage(actor, child)) throw new ForbiddenError('Only the SEND team’s caseworkers and managers can do this.');
    if (who === 'decide' && !hasRole(actor, 'send-manager')) throw new ForbiddenError('The decision is recorded by a SEND manager, for the panel.');
    await tx.selectFrom('assessment').select('id').where('id', '=', assessmentId).forUpdate().execute();
    const parts = await loadParts(tx, child, assessmentId, today);
    if (expectVersion !== undefined && parts.assessment.version !== expectVersion) {
      throw new UserInputError([{ field: 'version', message: 'Someone else changed this case while you were working on it. Nothing was saved: reload the case and try again.' }]);
    }
    if (action) {
      const outstanding = parts.advice.filter((a) => !a.received_on && a.discipline !== 'family' && a.discipline !== 'private-report').length;
      const t = transition(parts.assessment.stage, action, { outstandingAdvice: outstanding });
      if (!t.ok) throw new UserInputError([{ field: 'action', message: t.reason }]);
      if (t.to !== parts.assessment.stage) await tx.updateTable('assessment').set({ stage: t.to }).where('id', '=', assessmentId).execute();
    }
    const out = await change(tx, { child, parts });
    await tx.updateTable('assessment').set({ version: sql`version + 1`, updated_at: new Date() }).where('id', '=', assessmentId).execute();
    return { result: out.result, entity: out.entity, entityId: assessmentId, ...(out.detail ? { detail: out.detail } : {}) };
  });
}

export async function timeline(tx: Tx, child: { id: string; la_code: string }, actor: Actor, on: string, title: string, detail: string | null = null): Promise<void> {
  await tx.insertInto('timeline_event').values({ child_id: child.id, la_code: child.la_code, occurred_on: on, kind: 'assessment', title, detail, actor_id: actor.via === 'system' ? null : actor.id }).execute();
}

export function notFuture(field: string, on: string, today: string, what: string): void {
  if (on > today) throw new UserInputError([{ field, message: `${what} cannot be in the future` }]);
}

export function notBefore(field: string, on: string, earliest: string, what: string, than: string): void {
  if (on < earliest) throw new UserInputError([{ field, message: `${what} cannot be before ${than}` }]);
}

async function nextReference(tx: Tx, laCode: string, prefix: string, table: 'assessment' | 'public_request'): Promise<string> {
  const year = new Date().getUTCFullYear();
  const like = `${prefix}-${laCode}-${year}-%`;
  const row = await tx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('reference', 'like', like).executeTakeFirstOrThrow();
  return `${prefix}-${laCode}-${year}-${String(row.n + 1).padStart(5, '0')}`;
}

export interface StartInput {
  requestReceived: string;
  requestSource: number;
  requestedBy: string;
  summary: string;
  caseworkerId: string | null;
  publicRequestId?: string | null;
}

/** Records a request for an assessment on a child's record and sends the reg 4 notices. */
export async function startAssessment(db: Db, actor: Actor, today: string, childId: string, v: StartInput): Promise<string> {
  return changeChild(db, actor, today, childId, 'contribute-to-assessment', async (tx, child) => {
    if (!mayManage(actor, child)) throw new ForbiddenError('Only the SEND team’s caseworkers and managers can record a request.');
    notFuture('requestReceived', v.requestReceived, today, 'The date the request was received');
    const open = await tx.selectFrom('assessment').select('reference').where('child_id', '=', childId).where('stage', 'in', [...openStages]).executeTakeFirst();
    if (open) throw new UserInputError([{ field: 'requestReceived', message: `This child already has an open assessment (${open.reference}). Record the new information on that case.` }]);
    const reference = await nextReference(tx, child.la_code, 'EHC', 'assessment');
    const row = await tx
      .insertInto('assessment')
      .values({
        reference, child_id: childId, la_code: child.la_code, request_received: v.requestReceived, request_source: v.requestSource, requested_by: v.requestedBy,
        request_summary: v.summary, caseworker_id: v.caseworkerId ?? (hasRole(actor, 'caseworker') ? actor.id : null), public_request_id: v.publicRequestId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await timeline(tx, child, actor, v.requestReceived, 'Request for an EHC needs assessment received', `From ${v.requestedBy}. Reference ${reference}.`);
    await tell(tx, { assessmentId: row.id, child, kind: 'request-received', today, reference, caseworkerName: actor.name });
    return { result: row.id, entity: 'assessment', entityId: row.id, kind: 'create' as const, detail: { reference } };
  });
}

/** reg 5: the decision whether to assess, with reasons, recorded for the panel by a SEND manager. */
export function recordDecision(db: Db, actor: Actor, today: string, id: string, v: { assess: boolean; on: string; reasons: string }, version?: number): Promise<void> {
  return changeCase(db, actor, today, id, v.assess ? 'decide-to-assess' : 'decide-not-to-assess', 'decide', async (tx, { child, parts }) => {
    notFuture('on', v.on, today, 'The decision date');
    notBefore('on', v.on, parts.assessment.request_received, 'The decision date', 'the request was received');
    await tx.updateTable('assessment').set({ decided_on: v.on, decision_reasons: v.reasons, decided_by: actor.id }).where('id', '=', id).execute();
    await timeline(tx, child, actor, v.on, v.assess ? 'Decided to carry out an EHC needs assessment' : 'Decided not to carry out an EHC needs assessment', v.reasons);
    await tell(tx, { assessmentId: id, child, kind: v.assess ? 'decided-to-assess' : 'decided-not-to-assess', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name });
    return { result: undefined, entity: 'assessment-decision', detail: { assess: v.assess, on: v.on } };
  }, version);
}

/** regs 5(4), 8(2), 10(4), 13(3): an exception, with reason and dates; the family is told it applies and why (CoP 9.43). */
export function recordException(db: Db, actor: Actor, today: string, id: string, v: { reason: ExceptionFacts['reason']; adviser: string | null; from: string; to: string; explanation: string }): Promise<void> {
  return changeCase(db, actor, today, id, null, 'manage', async (tx, { child, parts }) => {
    if (!openStages.includes(parts.assessment.stage)) throw new UserInputError([{ field: 'reason', message: 'This case is closed: exceptions are recorded on open cases' }]);
    if (v.to < v.from) throw new UserInputError([{ field: 'to', message: 'The exception must end on or after the day it starts' }]);
    if (v.reason === 'missed-appointment' && !parts.advice.some((a) => a.adviser === v.adviser)) throw new UserInputError([{ field: 'adviser', message: 'Choose the advice request whose appointment was missed' }]);
    await tx.insertInto('assessment_exception').values({ assessment_id: id, la_code: child.la_code, reason: v.reason, adviser: v.reason === 'missed-appointment' ? v.adviser : null, from_date: v.from, to_date: v.to, explanation: v.explanation, recorded_by: actor.id }).execute();
    await timeline(tx, child, actor, today, 'Exception to the assessment timescales recorded', v.explanation);
    await tell(tx, { assessmentId: id, child, kind: 'exception', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name, explanation: v.explanation });
    return { result: undefined, entity: 'assessment-exception', detail: { reason: v.reason, from: v.from, to: v.to } };
  });
}

/** reg 10: after the assessment, a decision not to issue a plan, with reasons. */
export function decideNotToIssue(db: Db, actor: Actor, today: string, id: string, v: { on: string; reasons: string }): Promise<void> {
  return changeCase(db, actor, today, id, 'decide-not-to-issue', 'decide', async (tx, { child, parts }) => {
    notFuture('on', v.on, today, 'The decision date');
    if (parts.assessment.decided_on) notBefore('on', v.on, parts.assessment.decided_on, 'The decision date', 'the decision to assess');
    await tx.updateTable('assessment').set({ no_plan_on: v.on, decision_reasons: v.reasons, decided_by: actor.id }).where('id', '=', id).execute();
    await timeline(tx, child, actor, v.on, 'Decided not to issue an EHC plan', v.reasons);
    await tell(tx, { assessmentId: id, child, kind: 'decided-not-to-issue', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name });
    return { result: undefined, entity: 'assessment-decision', detail: { issue: false, on: v.on } };
  });
}

/** reg 13(1): the draft plan is served; the family has 15 days to comment, ask for a meeting and name a setting. */
/** When the plan is written in joinedup, it is issued from the plan (so its advice is traced and agreed), not by date alone. */
async function refuseIfPlanWritten(tx: Tx, assessmentId: string, also: AlsoInTx | undefined, what: 'draft' | 'final'): Promise<void> {
  if (also) return;
  const plan = await tx.selectFrom('plan').select('id').where('assessment_id', '=', assessmentId).executeTakeFirst();
  if (plan) throw new UserInputError([{ field: 'on', message: `This case’s plan is written in joinedup: issue the ${what} from the plan, so every piece of advice is traced${what === 'final' ? ' and the health and social care sections are agreed' : ''}.` }]);
}

/** Work another capability does in the same transaction as an assessment step (the plan's version is issued with it). */
export type AlsoInTx = (tx: Tx, c: { child: VisibleChild; parts: Omit<CaseView, 'child'> }) => Promise<void>;

export function issueDraft(db: Db, actor: Actor, today: string, id: string, v: { on: string }, also?: AlsoInTx): Promise<void> {
  return changeCase(db, actor, today, id, 'issue-draft', 'manage', async (tx, { child, parts }) => {
    await refuseIfPlanWritten(tx, id, also, 'draft');
    await also?.(tx, { child, parts });
    notFuture('on', v.on, today, 'The date the draft was issued');
    if (parts.assessment.decided_on) notBefore('on', v.on, parts.assessment.decided_on, 'The draft', 'the decision to assess');
    const lastAdvice = parts.advice.reduce<string | null>((m, a) => (a.received_on && (!m || a.received_on > m) ? a.received_on : m), null);
    if (lastAdvice) notBefore('on', v.on, lastAdvice, 'The draft', `the last advice came in (${lastAdvice})`);
    await tx.updateTable('assessment').set({ draft_issued_on: v.on }).where('id', '=', id).execute();
    const commentsBy = addDays(v.on, 14);
    await timeline(tx, child, actor, v.on, 'Draft EHC plan issued', `Comments by ${commentsBy}`);
    await tell(tx, { assessmentId: id, child, kind: 'draft-issued', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name, dueOn: commentsBy });
    return { result: undefined, entity: 'assessment-draft', detail: { on: v.on } };
  });
}

/** s.39(2): consult a setting the LA proposes to name; it answers by a due date (15 days in practice). */
export function consultSetting(db: Db, actor: Actor, today: string, id: string, v: { organisationId: string; sentOn: string; dueOn: string }): Promise<void> {
  return changeCase(db, actor, today, id, null, 'manage', async (tx, { child, parts }) => {
    if (!['assessing', 'draft-issued'].includes(parts.assessment.stage)) throw new UserInputError([{ field: 'organisationId', message: 'Settings are consulted while the plan is being drafted' }]);
    const org = await tx.selectFrom('organisation').select(['id', 'name', 'kind']).where('id', '=', v.organisationId).executeTakeFirst();
    if (!org || !['school', 'setting'].includes(org.kind)) throw new UserInputError([{ field: 'organisationId', message: 'Choose a school or setting from the list' }]);
    if (parts.consultations.some((c) => c.organisation_id === org.id)) throw new UserInputError([{ field: 'organisationId', message: `${org.name} has already been consulted` }]);
    if (v.dueOn < v.sentOn) throw new UserInputError([{ field: 'dueOn', message: 'The reply date must be on or after the day the consultation is sent' }]);
    await tx.insertInto('setting_consultation').values({ assessment_id: id, la_code: child.la_code, organisation_id: org.id, sent_on: v.sentOn, due_on: v.dueOn }).execute();
    await timeline(tx, child, actor, v.sentOn, `${org.name} consulted about a place`, `Reply due ${v.dueOn}`);
    await tell(tx, { assessmentId: id, child, kind: 'setting-consulted', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name, dueOn: v.dueOn, toOrgId: org.id });
    return { result: undefined, entity: 'setting-consultation', detail: { organisationId: org.id } };
  });
}

/** The consulted setting answers whether it can meet the child's needs. */
export async function answerConsultation(db: Db, actor: Actor, today: string, consultationId: string, v: { response: 'can-meet' | 'cannot-meet'; reasons: string }): Promise<string> {
  if (!isUuid(consultationId)) throw new NotFoundError('Consultation');
  const c = await db.selectFrom('setting_consultation').select(['assessment_id', 'organisation_id', 'responded_on']).where('id', '=', consultationId).executeTakeFirst();
  if (!c) throw new NotFoundError('Consultation');
  if (actor.organisation?.id !== c.organisation_id && actor.kind === 'staff' && !hasRole(actor, 'caseworker', 'send-manager')) throw new NotFoundError('Consultation');
  if (c.responded_on) throw new UserInputError([{ field: 'response', message: `This consultation was answered on ${c.responded_on}` }]);
  await changeCase(db, actor, today, c.assessment_id, null, 'any', async (tx, { child, parts }) => {
    if (actor.organisation?.id !== c.organisation_id && !mayManage(actor, child)) throw new ForbiddenError('This consultation was sent to another setting.');
    await tx.updateTable('setting_consultation').set({ response: v.response, response_reasons: v.reasons, responded_on: today, responded_by: actor.id }).where('id', '=', consultationId).execute();
    await timeline(tx, child, actor, today, `Setting answered the consultation: ${v.response === 'can-meet' ? 'can meet needs' : 'cannot meet needs'}`, v.reasons);
    await tell(tx, { assessmentId: c.assessment_id, child, kind: 'consultation-answered', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name });
    return { result: undefined, entity: 'setting-consultation', detail: { response: v.response } };
  });
  return c.assessment_id;
}

/** reg 13(2): the final plan, after the family's 15 days (unless they have already commented). */
export function issueFinal(db: Db, actor: Actor, today: string, id: string, v: { on: string; namedSettingId: string | null }, also?: AlsoInTx): Promise<void> {
  return changeCase(db, actor, today, id, 'issue-final', 'manage', async (tx, { child, parts }) => {
    await refuseIfPlanWritten(tx, id, also, 'final');
    await also?.(tx, { child, parts });
    notFuture('on', v.on, today, 'The date the final plan was issued');
    const draft = parts.assessment.draft_issued_on ?? v.on;
    const windowEnds = addDays(draft, 14);
    const commented = parts.contributions.some((c) => c.kind === 'draft-comments' && c.given_on >= draft);
    if (v.on <= windowEnds && !commented) {
      throw new UserInputError([{ field: 'on', message: `The family has until ${windowEnds} to comment on the draft (reg 13(1)). Issue the final plan after that, or once they have sent their comments.` }]);
    }
    if (v.namedSettingId) {
      const o = await tx.selectFrom('organisation').select('kind').where('id', '=', v.namedSettingId).executeTakeFirst();
      if (!o || !['school', 'setting'].includes(o.kind)) throw new UserInputError([{ field: 'namedSettingId', message: 'Choose a school or setting from the list' }]);
    }
    await tx.updateTable('assessment').set({ final_issued_on: v.on, named_setting_id: v.namedSettingId }).where('id', '=', id).execute();
    await timeline(tx, child, actor, v.on, 'Final EHC plan issued');
    await tell(tx, { assessmentId: id, child, kind: 'final-issued', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name, toOrgId: v.namedSettingId });
    return { result: undefined, entity: 'assessment-final', detail: { on: v.on } };
  });
}

export function withdraw(db: Db, actor: Actor, today: string, id: string, v: { on: string; reason: string }): Promise<void> {
  return changeCase(db, actor, today, id, 'withdraw', 'manage', async (tx, { child, parts }) => {
    notFuture('on', v.on, today, 'The date');
    notBefore('on', v.on, parts.assessment.request_received, 'The date', 'the request was received');
    await tx.updateTable('assessment').set({ withdrawn_on: v.on, withdrawn_reason: v.reason }).where('id', '=', id).execute();
    await timeline(tx, child, actor, v.on, 'Assessment closed: withdrawn', v.reason);
    await tell(tx, { assessmentId: id, child, kind: 'withdrawn', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name });
    return { result: undefined, entity: 'assessment-withdrawn', detail: { on: v.on } };
  });
}

export function assignCaseworker(db: Db, actor: Actor, today: string, id: string, caseworkerId: string): Promise<void> {
  return changeCase(db, actor, today, id, null, 'manage', async (tx, { child }) => {
    const u = await tx.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id').select(['u.id', 'u.name']).where('u.id', '=', caseworkerId).where('o.kind', '=', 'send-team').where('o.la_code', '=', child.la_code).where(sql<boolean>`'caseworker' = ANY(u.roles)`).where('u.disabled_at', 'is', null).executeTakeFirst();
    if (!u) throw new UserInputError([{ field: 'caseworkerId', message: 'Choose a caseworker in this area’s SEND team' }]);
    await tx.updateTable('assessment').set({ caseworker_id: u.id }).where('id', '=', id).execute();
    return { result: undefined, entity: 'assessment-caseworker', detail: { caseworkerId } };
  });
}

/** The family's part: views and aspirations (section A), or comments on the draft with a meeting and a preferred setting. */
export function addFamilyContribution(db: Db, actor: Actor, today: string, id: string, v: { kind: 'views' | 'draft-comments'; views?: string; aspirations?: string; comments?: string; wantsMeeting?: boolean; preferredSetting?: string; onBehalfOf?: string }): Promise<void> {
  return changeCase(db, actor, today, id, null, 'any', async (tx, { child, parts }) => {
    const isFamily = child.route === 'family' || child.route === 'young-person';
    if (!isFamily && !mayManage(actor, child)) throw new ForbiddenError('The family gives their views here, or a caseworker records them.');
    if (!openStages.includes(parts.assessment.stage)) throw new UserInputError([{ field: 'views', message: 'This assessment is closed' }]);
    if (v.kind === 'draft-comments' && parts.assessment.stage !== 'draft-issued') throw new UserInputError([{ field: 'comments', message: 'Comments are on the draft plan, once it has been issued' }]);
    const name = isFamily ? actor.name : (v.onBehalfOf?.trim() || 'The family (recorded by the caseworker)');
    await tx.insertInto('family_contribution').values({
      assessment_id: id, la_code: child.la_code, kind: v.kind, views: v.views ?? null, aspirations: v.aspirations ?? null, comments: v.comments ?? null,
      wants_meeting: v.wantsMeeting ?? null, preferred_setting: v.preferredSetting?.trim() || null, given_by: actor.id, given_by_name: name, given_on: today,
    }).execute();
    await timeline(tx, child, actor, today, v.kind === 'views' ? 'The family gave their views and aspirations' : 'The family commented on the draft plan', `By ${name}`);
    await tell(tx, { assessmentId: id, child, kind: v.kind === 'views' ? 'family-views' : 'draft-comments', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name, wantsMeeting: v.wantsMeeting ?? false });
    return { result: undefined, entity: 'family-contribution', detail: { kind: v.kind } };
  });
}

/**
 * A report the family has (including one they paid for) goes into the advice list as advice in its own right
 * (issue 3 §2.6; reg 6(1)(a) and CoP 9.49: the LA must consider it). The report is one of the child's documents.
 */
export function addFamilyReport(db: Db, actor: Actor, today: string, id: string, v: { documentId: string; author: string; summary: string }): Promise<void> {
  return changeCase(db, actor, today, id, null, 'any', async (tx, { child, parts }) => {
    const isFamily = child.route === 'family' || child.route === 'young-person';
    if (!isFamily && !mayManage(actor, child)) throw new ForbiddenError('The family adds their reports here, or a caseworker does it for them.');
    if (!['requested', 'assessing'].includes(parts.assessment.stage)) throw new UserInputError([{ field: 'documentId', message: 'Reports are added as advice while the assessment is under way, before the draft plan' }]);
    const doc = await tx.selectFrom('document').select(['id', 'title']).where('id', '=', v.documentId).where('child_id', '=', child.id).executeTakeFirst();
    if (!doc) throw new UserInputError([{ field: 'documentId', message: 'Choose one of your child’s documents, or upload the report first' }]);
    if (parts.advice.some((a) => a.document_id === doc.id)) {
      throw new UserInputError([{ field: 'documentId', message: 'This report is already in the advice list' }]);
    }
    const n = parts.advice.filter((a) => a.discipline === 'private-report').length;
    await tx
      .insertInto('advice_request')
      .values({
        assessment_id: id, la_code: child.la_code, adviser: n ? `private-report-${n + 1}` : 'private-report', discipline: 'private-report', requested_of_name: `${v.author} (a report the family provided)`,
        requested_on: today, due_on: today, received_on: today, summary: v.summary, given_by: actor.id, document_id: doc.id,
      })
      .execute();
    await timeline(tx, child, actor, today, 'A report from the family was added to the advice', `${doc.title}, by ${v.author}`);
    await tell(tx, { assessmentId: id, child, kind: 'advice-received', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name, adviceName: 'A report the family provided' });
    return { result: undefined, entity: 'advice', detail: { documentId: doc.id, privateReport: true } };
  });
}

/** The child's documents, for choosing a report to add as advice. */
export async function childDocuments(exec: Executor, childId: string): Promise<{ id: string; title: string; uploaded_at: Date }[]> {
  return exec.selectFrom('document').select(['id', 'title', 'uploaded_at']).where('child_id', '=', childId).orderBy('uploaded_at', 'desc').limit(100).execute();
}

export { disciplineLabels };
