// The EHC plan's SQL. A plan is reached only through its child (children/store.ts readChild / changeChild), so the
// child's access policy and audit cover it. Versions hold the content as JSON (model.ts); an issued version is
// immutable (migration 0005's triggers). Issuing the draft and the final plan are the assessment's steps, done in
// the same transaction (assessment/store.ts issueDraft / issueFinal with `also`).
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { hasRole } from '../platform/access/actor.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Executor, type Tx } from '../platform/db/transaction.ts';
import { audit } from '../platform/audit/audit.ts';
import { ForbiddenError, NotFoundError, UserInputError } from '../platform/web/validation.ts';
import { changeChild, isUuid, readChild, type VisibleChild } from '../children/store.ts';
import { issueDraft, issueFinal } from '../assessment/store.ts';
import { disciplineLabels, type Discipline } from '../assessment/case.ts';
import { emptyPlan, planContentSchema, threadGaps, type PlanContent, type SectionKey } from './model.ts';
import { notify } from '../notifications/notify.ts';
import { exportFormat, exportFormatVersion, planExportSchema, type PlanExport } from './exchange.ts';

export interface VersionRow {
  id: string;
  number: number;
  kind: 'draft' | 'final' | 'amendment';
  state: 'editing' | 'issued';
  content: PlanContent;
  issued_on: string | null;
  edit_version: number;
  created_at: Date;
}

export interface AdviceRecommendation {
  itemId: string;
  requestId: string;
  discipline: Discipline;
  source: string;
  receivedOn: string | null;
  kind: 'need' | 'outcome' | 'provision';
  text: string;
  trace: { decision: 'included' | 'not-included'; section: string | null; item_id: string | null; reason: string | null } | null;
}

export interface PlanView {
  child: VisibleChild;
  plan: { id: string; reference: string; child_id: string; la_code: string; assessment_id: string | null; status: string };
  versions: Omit<VersionRow, 'content'>[];
  version: VersionRow;
  editing: VersionRow | null;
  recommendations: AdviceRecommendation[];
  signoffs: { area: 'health' | 'social-care'; signed_by: string; role: string; comment: string | null; signed_at: Date }[];
  comments: { author: string; author_role: string; text: string; created_at: Date }[];
  readers: { name: string; organisation: string | null; first_opened_at: Date }[];
  notYetRead: { name: string; organisation: string | null }[];
}

/** Who may write the plan: the SEND team's caseworkers and managers, reaching the child as SEND team. */
export function mayEdit(actor: Actor, child: VisibleChild): boolean {
  return child.route === 'send-team' && hasRole(actor, 'caseworker', 'send-manager');
}

async function planRow(exec: Executor, planId: string) {
  if (!isUuid(planId)) throw new NotFoundError('Plan');
  const p = await exec.selectFrom('plan').select(['id', 'reference', 'child_id', 'la_code', 'assessment_id', 'status']).where('id', '=', planId).executeTakeFirst();
  if (!p) throw new NotFoundError('Plan');
  return p;
}

const versionColumns = ['id', 'number', 'kind', 'state', 'content', 'issued_on', 'edit_version', 'created_at'] as const;

async function recommendations(tx: Tx, assessmentId: string | null, versionId: string): Promise<AdviceRecommendation[]> {
  if (!assessmentId) return [];
  const rows = await tx
    .selectFrom('advice_item as i')
    .innerJoin('advice_request as r', 'r.id', 'i.advice_request_id')
    .leftJoin('advice_trace as t', (j) => j.onRef('t.advice_item_id', '=', 'i.id').on('t.plan_version_id', '=', versionId))
    .select(['i.id', 'r.id as request_id', 'r.discipline', 'r.requested_of_name', 'r.received_on', 'i.kind', 'i.text', 't.decision', 't.section', 't.item_id', 't.reason'])
    .where('r.assessment_id', '=', assessmentId)
    .where('r.received_on', 'is not', null)
    .orderBy('r.received_on')
    .orderBy('r.id')
    .orderBy('i.kind')
    .orderBy('i.position')
    .execute();
  return rows.map((r) => ({
    itemId: r.id, requestId: r.request_id, discipline: r.discipline as Discipline, source: `${disciplineLabels[r.discipline as Discipline]} from ${r.requested_of_name}`, receivedOn: r.received_on,
    kind: r.kind, text: r.text, trace: r.decision ? { decision: r.decision, section: r.section, item_id: r.item_id, reason: r.reason } : null,
  }));
}

/** Section K, built from the advice received (reg 6; statutory-rules.md §2.1): never typed by hand. */
export async function adviceList(exec: Executor, assessmentId: string | null): Promise<PlanContent['K']> {
  if (!assessmentId) return [];
  const rows = await exec.selectFrom('advice_request').select(['id', 'discipline', 'requested_of_name', 'received_on']).where('assessment_id', '=', assessmentId).where('received_on', 'is not', null).orderBy('received_on').execute();
  return rows.map((r) => ({ adviceRequestId: r.id, title: disciplineLabels[r.discipline as Discipline], author: r.requested_of_name, date: r.received_on }));
}

async function loadPlan(tx: Tx, actor: Actor, child: VisibleChild, planId: string, number: number | null): Promise<Omit<PlanView, 'child'>> {
  const plan = await planRow(tx, planId);
  const versions = (await tx.selectFrom('plan_version').select([...versionColumns]).where('plan_id', '=', planId).orderBy('number').execute()) as unknown as VersionRow[];
  const editing = versions.find((v) => v.state === 'editing') ?? null;
  const latestIssued = [...versions].reverse().find((v) => v.state === 'issued') ?? null;
  const version = (number !== null ? versions.find((v) => v.number === number) : (mayEdit(actor, child) ? editing : null) ?? latestIssued ?? editing) ?? null;
  if (!version) throw new NotFoundError('Plan');
  // Families and professionals read issued versions only; the SEND team also sees the one being written.
  if (version.state === 'editing' && !mayEdit(actor, child)) throw new NotFoundError('Plan');
  version.content = planContentSchema.parse(version.content);
  const signoffs = await tx.selectFrom('plan_signoff').select(['area', 'signed_by', 'role', 'comment', 'signed_at']).where('plan_version_id', '=', version.id).execute();
  const draftIds = versions.filter((v) => v.kind === 'draft').map((v) => v.id);
  const comments = draftIds.length ? await tx.selectFrom('plan_comment').select(['author', 'author_role', 'text', 'created_at']).where('plan_version_id', 'in', draftIds).orderBy('created_at').execute() : [];
  const readers = await tx
    .selectFrom('plan_reader as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .leftJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.name', 'o.name as organisation', 'r.first_opened_at'])
    .where('r.plan_version_id', '=', version.id)
    .orderBy('r.first_opened_at')
    .execute();
  const team = version.state === 'issued' ? await teamToTell(tx, plan.child_id) : [];
  const readIds = new Set((await tx.selectFrom('plan_reader').select('user_id').where('plan_version_id', '=', version.id).execute()).map((r) => r.user_id));
  return {
    plan, versions: versions.map(({ content: _c, ...v }) => v), version, editing,
    recommendations: await recommendations(tx, plan.assessment_id, editing?.id ?? version.id),
    signoffs: signoffs, comments, readers,
    notYetRead: team.filter((m) => !readIds.has(m.id)).map((m) => ({ name: m.name, organisation: m.organisation })),
  };
}

/**
 * Everyone who should know the plan: the family with parental responsibility (or the young person), and the team
 * around the child whose agency consent covers (the same rule as the access policy), including a school's staff.
 */
async function teamToTell(exec: Executor, childId: string): Promise<{ id: string; name: string; organisation: string | null }[]> {
  const r = await sql<{ id: string; name: string; organisation: string | null }>`
    SELECT DISTINCT u.id, u.name, o.name AS organisation
    FROM team_member tm
    JOIN organisation o ON o.id = tm.organisation_id
    JOIN app_user u ON u.organisation_id = tm.organisation_id AND (tm.user_id IS NULL OR tm.user_id = u.id)
    WHERE tm.child_id = ${childId} AND tm.ended_on IS NULL AND u.disabled_at IS NULL AND u.kind = 'staff'
      AND (o.kind = 'send-team' OR EXISTS (
        SELECT 1 FROM consent c WHERE c.child_id = tm.child_id AND c.withdrawn_on IS NULL
          AND (CASE o.kind WHEN 'health-provider' THEN 'health' WHEN 'icb' THEN 'health' WHEN 'social-care' THEN 'social-care' ELSE 'education' END) = ANY(c.agencies)))
    UNION
    SELECT u.id, u.name, NULL AS organisation FROM family_member fm JOIN app_user u ON u.id = fm.user_id
    WHERE fm.child_id = ${childId} AND fm.ended_on IS NULL AND (fm.parental_responsibility OR fm.relationship = 'self')`.execute(exec);
  return r.rows;
}

/** Opens a plan (the current version, or a numbered one), audited, and records that this person has opened it. */
export async function readPlan(db: Db, actor: Actor, today: string, planId: string, number: number | null = null): Promise<PlanView> {
  const p = await planRow(db, planId);
  const { child, data } = await readChild(db, actor, today, p.child_id, 'plan', async (tx, c) => {
    const v = await loadPlan(tx, actor, c, planId, number);
    if (v.version.state === 'issued' && actor.via !== 'system') {
      await tx.insertInto('plan_reader').values({ plan_version_id: v.version.id, user_id: actor.id, la_code: c.la_code }).onConflict((oc) => oc.doNothing()).execute();
    }
    return v;
  });
  return { child, ...data };
}

export async function plansOfChild(exec: Executor, childId: string): Promise<{ id: string; reference: string; status: string }[]> {
  return exec.selectFrom('plan').select(['id', 'reference', 'status']).where('child_id', '=', childId).orderBy('created_at', 'desc').execute();
}

export async function planForAssessment(exec: Executor, assessmentId: string): Promise<string | null> {
  return (await exec.selectFrom('plan').select('id').where('assessment_id', '=', assessmentId).executeTakeFirst())?.id ?? null;
}

type PlanChange<T> = (tx: Tx, c: { child: VisibleChild; view: Omit<PlanView, 'child'> }) => Promise<{ result: T; entity: string; detail?: Record<string, unknown> }>;

async function changePlan<T>(db: Db, actor: Actor, today: string, planId: string, who: 'edit' | 'any', change: PlanChange<T>): Promise<T> {
  const p = await planRow(db, planId);
  return changeChild(db, actor, today, p.child_id, 'contribute-to-assessment', async (tx, child) => {
    if (who === 'edit' && !mayEdit(actor, child)) throw new ForbiddenError('Only the SEND team’s caseworkers and managers write the plan.');
    await tx.selectFrom('plan').select('id').where('id', '=', planId).forUpdate().execute();
    const view = await loadPlan(tx, actor, child, planId, null);
    const out = await change(tx, { child, view });
    return { result: out.result, entity: out.entity, entityId: planId, ...(out.detail ? { detail: out.detail } : {}) };
  });
}

/** Starts the plan for an assessment: version 1, a draft being written, with section A from the family's views. */
export async function startPlan(db: Db, actor: Actor, today: string, assessmentId: string): Promise<string> {
  if (!isUuid(assessmentId)) throw new NotFoundError('Assessment');
  const a = await db.selectFrom('assessment').select(['child_id', 'stage', 'reference']).where('id', '=', assessmentId).executeTakeFirst();
  if (!a) throw new NotFoundError('Assessment');
  return changeChild(db, actor, today, a.child_id, 'contribute-to-assessment', async (tx, child) => {
    if (!mayEdit(actor, child)) throw new ForbiddenError('Only the SEND team’s caseworkers and managers write the plan.');
    const existing = await planForAssessment(tx, assessmentId);
    if (existing) return { result: existing, entity: 'plan', entityId: existing };
    if (a.stage !== 'assessing') throw new UserInputError([{ field: 'plan', message: 'The plan is written once the decision to assess has been made, before the draft is issued.' }]);
    const views = await tx.selectFrom('family_contribution').select(['views', 'aspirations']).where('assessment_id', '=', assessmentId).where('kind', '=', 'views').orderBy('created_at', 'desc').executeTakeFirst();
    const content = emptyPlan();
    content.A = { views: views?.views ?? '', interests: '', aspirations: views?.aspirations ?? '' };
    content.K = await adviceList(tx, assessmentId);
    const reference = a.reference.replace(/^EHC-/, 'PLAN-');
    const plan = await tx.insertInto('plan').values({ reference, child_id: child.id, la_code: child.la_code, assessment_id: assessmentId }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('plan_version').values({ plan_id: plan.id, la_code: child.la_code, number: 1, kind: 'draft', content: JSON.stringify(content), created_by: actor.id }).execute();
    return { result: plan.id, entity: 'plan', entityId: plan.id, kind: 'create' as const };
  });
}

/** Saves the content of the version being written; refuses to overwrite someone else's newer edit. */
export function saveContent(db: Db, actor: Actor, today: string, planId: string, content: unknown, editVersion: number, section: SectionKey | 'all'): Promise<void> {
  return changePlan(db, actor, today, planId, 'edit', async (tx, { view }) => {
    const editing = view.editing;
    if (!editing) throw new UserInputError([{ field: 'plan', message: 'No version is being written. Start an amendment to change an issued plan.' }]);
    if (editing.edit_version !== editVersion) throw new UserInputError([{ field: 'plan', message: 'Someone else saved this plan while you were editing. Your changes were not saved: copy them, reload, and add them again.' }]);
    const parsed = planContentSchema.safeParse(content);
    if (!parsed.success) throw new UserInputError(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
    const next = parsed.data;
    next.K = await adviceList(tx, view.plan.assessment_id);
    await tx.updateTable('plan_version').set({ content: JSON.stringify(next), edit_version: sql`edit_version + 1`, updated_at: new Date() }).where('id', '=', editing.id).execute();
    // Traces that point at an item no longer in the plan are reopened, so nothing is silently lost.
    const ids = new Set(Object.values(next).flatMap((v) => (Array.isArray(v) ? (v as { id?: string }[]).map((x) => x.id ?? '') : [])));
    const stale = view.recommendations.filter((r) => r.trace?.decision === 'included' && r.trace.item_id && !ids.has(r.trace.item_id)).map((r) => r.itemId);
    if (stale.length) await tx.deleteFrom('advice_trace').where('plan_version_id', '=', editing.id).where('advice_item_id', 'in', stale).execute();
    return { result: undefined, entity: 'plan-content', detail: { section, version: editing.number } };
  });
}

/** Records where one recommendation of the advice went: the plan item it became, or why it was left out. */
export function traceRecommendation(db: Db, actor: Actor, today: string, planId: string, v: { adviceItemId: string; decision: 'included' | 'not-included'; target: string | null; reason: string | null }): Promise<void> {
  return changePlan(db, actor, today, planId, 'edit', async (tx, { child, view }) => {
    const editing = view.editing;
    if (!editing) throw new UserInputError([{ field: 'decision', message: 'The advice is traced while a version is being written' }]);
    if (!view.recommendations.some((r) => r.itemId === v.adviceItemId)) throw new NotFoundError('Recommendation');
    let section: string | null = null;
    let itemId: string | null = null;
    if (v.decision === 'included') {
      const [s, i] = (v.target ?? '').split(':');
      const list = s ? (editing.content[s as SectionKey] as unknown) : null;
      if (!s || !i || !Array.isArray(list) || !(list as { id: string }[]).some((x) => x.id === i)) throw new UserInputError([{ field: 'target', message: 'Choose the item in the plan that this recommendation became' }]);
      section = s;
      itemId = i;
    } else if (!v.reason?.trim()) {
      throw new UserInputError([{ field: 'reason', message: 'Say why this recommendation is not in the plan: the adviser and the family will read it' }]);
    }
    await tx
      .insertInto('advice_trace')
      .values({ plan_version_id: editing.id, la_code: child.la_code, advice_item_id: v.adviceItemId, decision: v.decision, section, item_id: itemId, reason: v.decision === 'included' ? null : (v.reason?.trim() ?? null), decided_by: actor.id })
      .onConflict((oc) => oc.columns(['plan_version_id', 'advice_item_id']).doUpdateSet({ decision: v.decision, section, item_id: itemId, reason: v.decision === 'included' ? null : (v.reason?.trim() ?? null), decided_by: actor.id, decided_at: new Date() }))
      .execute();
    return { result: undefined, entity: 'advice-trace', detail: { adviceItemId: v.adviceItemId, decision: v.decision } };
  });
}

/** What stops a version being issued: untraced advice, and for the final plan the missing sign-offs. */
export function issueProblems(view: Omit<PlanView, 'child'>, kind: 'draft' | 'final'): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const v = view.editing;
  if (!v) return [{ field: 'plan', message: 'No version is being written' }];
  const untraced = view.recommendations.filter((r) => !r.trace).length;
  if (untraced) out.push({ field: 'advice', message: `${untraced} recommendation${untraced === 1 ? '' : 's'} in the advice ${untraced === 1 ? 'is' : 'are'} not yet placed in the plan or marked “not included” with a reason` });
  const c = v.content;
  if (!c.B.length) out.push({ field: 'B', message: 'Section B has no special educational needs' });
  if (!c.E.length) out.push({ field: 'E', message: 'Section E has no outcomes' });
  if (!c.F.length) out.push({ field: 'F', message: 'Section F has no special educational provision' });
  const gaps = threadGaps(c);
  if (gaps.length) out.push({ field: 'thread', message: `${gaps.length} gap${gaps.length === 1 ? '' : 's'} in the golden thread: ${gaps.slice(0, 3).map((g) => `section ${g.section}: ${g.message.toLowerCase()}`).join('; ')}` });
  if (kind === 'final') {
    const signed = new Set(view.signoffs.map((s) => s.area));
    // reg 12(2): the ICB agrees the health provision; a social care manager agrees the social care sections.
    if ((c.C.length || c.G.length) && !signed.has('health')) out.push({ field: 'health', message: 'Sections C and G need the agreement of the health commissioner, through the designated clinical officer (reg 12(2))' });
    if ((c.D.length || c.H1.length || c.H2.length) && !signed.has('social-care')) out.push({ field: 'social-care', message: 'Sections D and H need a social care manager’s agreement' });
    if (!c.I.name && !c.I.type) out.push({ field: 'I', message: 'Section I needs the named setting, or at least the type of setting' });
  }
  return out;
}

/** Issues the draft: the version becomes immutable and the assessment's draft step is recorded, in one transaction. */
export async function issueDraftPlan(db: Db, actor: Actor, today: string, planId: string): Promise<void> {
  const p = await planRow(db, planId);
  if (!p.assessment_id) throw new UserInputError([{ field: 'plan', message: 'This plan has no assessment' }]);
  await issueDraft(db, actor, today, p.assessment_id, { on: today }, async (tx, { child }) => {
    const view = await loadPlan(tx, actor, child, planId, null);
    const problems = issueProblems(view, 'draft');
    if (problems.length) throw new UserInputError(problems);
    const editing = view.editing as VersionRow;
    await tx.updateTable('plan_version').set({ state: 'issued', issued_on: today, issued_by: actor.id, content: JSON.stringify({ ...editing.content, K: await adviceList(tx, p.assessment_id) }) }).where('id', '=', editing.id).execute();
  });
}

/** After the draft: the final version starts as a copy of the draft, with its traces. */
export function startFinalVersion(db: Db, actor: Actor, today: string, planId: string): Promise<void> {
  return changePlan(db, actor, today, planId, 'edit', async (tx, { child, view }) => {
    if (view.editing) return { result: undefined, entity: 'plan-version' };
    const last = await tx.selectFrom('plan_version').select(['id', 'number', 'kind', 'content']).where('plan_id', '=', planId).orderBy('number', 'desc').executeTakeFirstOrThrow();
    const kind = view.versions.some((v) => v.kind === 'final' && v.state === 'issued') ? 'amendment' : 'final';
    const row = await tx.insertInto('plan_version').values({ plan_id: planId, la_code: child.la_code, number: last.number + 1, kind, content: JSON.stringify(last.content), created_by: actor.id }).returning('id').executeTakeFirstOrThrow();
    await tx
      .insertInto('advice_trace')
      .columns(['plan_version_id', 'la_code', 'advice_item_id', 'decision', 'section', 'item_id', 'reason', 'decided_by'])
      .expression((eb) => eb.selectFrom('advice_trace').select([sql<string>`${row.id}::uuid`.as('v'), 'la_code', 'advice_item_id', 'decision', 'section', 'item_id', 'reason', 'decided_by']).where('plan_version_id', '=', last.id))
      .execute();
    return { result: undefined, entity: 'plan-version', detail: { number: last.number + 1, kind } };
  });
}

/** reg 12(2): health (C, G) agreed by the ICB's designated clinical officer; social care (D, H) by a social care manager. */
export function signOff(db: Db, actor: Actor, today: string, planId: string, area: 'health' | 'social-care', comment: string): Promise<void> {
  return changePlan(db, actor, today, planId, 'any', async (tx, { child, view }) => {
    const ok = area === 'health'
      ? actor.organisation?.kind === 'icb' && hasRole(actor, 'designated-clinical-officer')
      : actor.organisation?.kind === 'social-care' && hasRole(actor, 'social-care-manager');
    if (!ok) throw new ForbiddenError(area === 'health' ? 'Health sections are agreed by the ICB’s designated clinical officer.' : 'Social care sections are agreed by a social care manager.');
    if (!view.editing) throw new UserInputError([{ field: 'area', message: 'There is no version waiting for agreement' }]);
    await tx
      .insertInto('plan_signoff')
      .values({ plan_version_id: view.editing.id, la_code: child.la_code, area, user_id: actor.id, signed_by: `${actor.name}${actor.organisation ? `, ${actor.organisation.name}` : ''}`, role: area === 'health' ? 'Designated clinical officer' : 'Social care manager', comment: comment || null })
      .onConflict((oc) => oc.columns(['plan_version_id', 'area']).doNothing())
      .execute();
    return { result: undefined, entity: 'plan-signoff', detail: { area, version: view.editing.number } };
  });
}

/** An adviser (or anyone in the team) comments on the issued draft within the comments window. */
export function commentOnDraft(db: Db, actor: Actor, today: string, planId: string, text: string): Promise<void> {
  return changePlan(db, actor, today, planId, 'any', async (tx, { child, view }) => {
    const draft = [...view.versions].reverse().find((v) => v.kind === 'draft' && v.state === 'issued');
    if (!draft || view.versions.some((v) => v.kind === 'final' && v.state === 'issued')) throw new UserInputError([{ field: 'text', message: 'Comments are on the draft plan, between its issue and the final plan' }]);
    if (actor.kind !== 'staff') throw new ForbiddenError('Families comment through the assessment’s “comments on the draft” page.');
    if (!text.trim()) throw new UserInputError([{ field: 'text', message: 'Enter your comments' }]);
    await tx.insertInto('plan_comment').values({ plan_version_id: draft.id, la_code: child.la_code, user_id: actor.id, author: `${actor.name}${actor.organisation ? `, ${actor.organisation.name}` : ''}`, author_role: actor.roles.join(', ') || 'staff', text: text.trim() }).execute();
    return { result: undefined, entity: 'plan-comment' };
  });
}

/** Issues the final plan with the assessment's final step; everyone who should know is told and can open it. */
export async function issueFinalPlan(db: Db, actor: Actor, today: string, planId: string, namedSettingId: string | null): Promise<void> {
  const p = await planRow(db, planId);
  if (!p.assessment_id) throw new UserInputError([{ field: 'plan', message: 'This plan has no assessment' }]);
  await issueFinal(db, actor, today, p.assessment_id, { on: today, namedSettingId }, async (tx, { child, parts }) => {
    const view = await loadPlan(tx, actor, child, planId, null);
    const problems = issueProblems(view, 'final');
    if (problems.length) throw new UserInputError(problems);
    const editing = view.editing as VersionRow;
    await tx.updateTable('plan_version').set({ state: 'issued', issued_on: today, issued_by: actor.id, content: JSON.stringify({ ...editing.content, K: await adviceList(tx, p.assessment_id) }) }).where('id', '=', editing.id).execute();
    const people = await teamToTell(tx, child.id);
    if (people.length) {
      await notify(tx, {
        recipients: people.map((x) => x.id), laCode: child.la_code, kind: 'plan-issued', childId: child.id, personalTerms: [child.given_name, child.family_name],
        subject: `An EHC plan has been issued (${p.reference})`,
        body: `The final EHC plan ${p.reference} has been issued for a child you work with. Please open it, so everyone involved knows what it says (${parts.assessment.reference}).`,
        link: `/plans/${planId}`,
      });
    }
  });
}

/** The plan as a document another system can read (exchange.ts), audited as a read of the child's record. */
export async function exportPlan(db: Db, actor: Actor, today: string, planId: string): Promise<PlanExport> {
  const p = await planRow(db, planId);
  const { child, data } = await readChild(db, actor, today, p.child_id, 'plan-export', async (tx, c) => {
    if (!mayEdit(actor, c)) throw new NotFoundError('Plan');
    return await tx.selectFrom('plan_version').select(['number', 'kind', 'state', 'issued_on', 'content']).where('plan_id', '=', planId).orderBy('number').execute();
  });
  return {
    format: exportFormat, formatVersion: exportFormatVersion, exportedAt: new Date().toISOString(), exportedBy: child.la_code,
    child: { givenName: child.given_name, familyName: child.family_name, preferredName: child.preferred_name, dateOfBirth: child.date_of_birth, nhsNumber: child.nhs_number, upn: child.upn, sex: child.sex as 'M' | 'F' | 'U' },
    plan: { reference: p.reference, status: p.status as 'active' | 'ceased', versions: data.map((v) => ({ number: v.number, kind: v.kind, state: v.state, issuedOn: v.issued_on, content: planContentSchema.parse(v.content) })) },
  };
}

/**
 * Brings in a plan exported by another area (a family that moved). The child is found by NHS number, then UPN, then
 * exact name and date of birth; otherwise a record is created in the importing area. Versions keep their numbers,
 * states, dates and content. A plan with the same reference already here is refused.
 */
export async function importPlan(db: Db, actor: Actor, today: string, doc: unknown): Promise<{ planId: string; childId: string; createdChild: boolean }> {
  const parsed = planExportSchema.safeParse(doc);
  if (!parsed.success) throw new UserInputError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'document', message: i.message })));
  const d = parsed.data;
  const la = actor.organisation?.kind === 'send-team' ? actor.organisation.laCode : null;
  if (!la || !hasRole(actor, 'caseworker', 'send-manager')) throw new ForbiddenError('Plans are brought in by the SEND team of the area the family has moved to.');
  return inTransaction(db, async (tx) => {
    if (await tx.selectFrom('plan').select('id').where('reference', '=', d.plan.reference).executeTakeFirst()) {
      throw new UserInputError([{ field: 'plan.reference', message: `A plan with reference ${d.plan.reference} is already here` }]);
    }
    const c = d.child;
    const match = await tx
      .selectFrom('child')
      .select(['id', 'la_code'])
      .where((eb) => eb.or([
        ...(c.nhsNumber ? [eb('nhs_number', '=', c.nhsNumber)] : []),
        ...(c.upn ? [eb('upn', '=', c.upn)] : []),
        eb.and([eb('date_of_birth', '=', c.dateOfBirth), eb(sql`lower(given_name)`, '=', c.givenName.toLowerCase()), eb(sql`lower(family_name)`, '=', c.familyName.toLowerCase())]),
      ]))
      .orderBy(sql`nhs_number IS NULL`)
      .executeTakeFirst();
    let childId = match?.id;
    const createdChild = !childId;
    if (!childId) {
      const row = await tx.insertInto('child').values({ la_code: la, given_name: c.givenName, family_name: c.familyName, preferred_name: c.preferredName, date_of_birth: c.dateOfBirth, nhs_number: c.nhsNumber, upn: c.upn, sex: c.sex, updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
      childId = row.id;
      await tx.insertInto('timeline_event').values({ child_id: childId, la_code: la, occurred_on: today, kind: 'record', title: 'Record created from a plan brought from another area', detail: `Plan ${d.plan.reference} from area ${d.exportedBy}`, actor_id: actor.id }).execute();
    } else if (match && match.la_code !== la) {
      throw new UserInputError([{ field: 'child', message: 'This child’s record belongs to another area. Ask that area to move the record to you first.' }]);
    }
    const plan = await tx.insertInto('plan').values({ reference: d.plan.reference, child_id: childId, la_code: la, status: d.plan.status }).returning('id').executeTakeFirstOrThrow();
    for (const v of [...d.plan.versions].sort((a, b) => a.number - b.number)) {
      await tx.insertInto('plan_version').values({ plan_id: plan.id, la_code: la, number: v.number, kind: v.kind, state: v.state, issued_on: v.issuedOn, content: JSON.stringify(v.content), created_by: actor.id }).execute();
    }
    await tx.insertInto('timeline_event').values({ child_id: childId, la_code: la, occurred_on: today, kind: 'plan', title: 'EHC plan brought from another area', detail: `${d.plan.reference}, ${d.plan.versions.length} version(s)`, actor_id: actor.id }).execute();
    await audit(tx, actor, { action: 'create', entity: 'plan-import', entityId: plan.id, childId, laCode: la, route: 'send-team', detail: { reference: d.plan.reference, from: d.exportedBy, createdChild } });
    return { planId: plan.id, childId, createdChild };
  });
}
