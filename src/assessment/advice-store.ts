// Advice for an EHC needs assessment (regs 6 and 8): the caseworker asks a named professional or a service, who
// joins the team around the child, and the adviser gives it as structured items (needs, outcomes, provision),
// so nothing is lost in the post and every item can be carried into the plan. Each change goes through the
// case's own checks and audit (store.ts changeCase).
import type { Actor } from '../platform/access/actor.ts';
import { localOfferRoles, type Role } from '../platform/access/actor.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays } from '../platform/plain-date.ts';
import { ForbiddenError, NotFoundError, UserInputError } from '../platform/web/validation.ts';
import { isUuid } from '../children/store.ts';
import { disciplineLabels, type Discipline } from './case.ts';
import { adviceDays } from './timescales.ts';
import { tell } from './notices.ts';
import { changeCase, mayManage, notBefore, notFuture, readCase, timeline, type AdviceRequestRow, type CaseView } from './store.ts';

export interface AdviceRequestInput {
  discipline: Discipline;
  requestedOfUser: string | null;
  requestedOfOrg: string | null;
  requestedOn: string;
}

/** reg 6: ask a named professional for advice; it is due 6 weeks later (reg 8(1)). Adds them to the team. */
export function requestAdvice(db: Db, actor: Actor, today: string, id: string, v: AdviceRequestInput): Promise<string> {
  return changeCase(db, actor, today, id, 'request-advice', 'manage', async (tx, { child, parts }) => {
    notFuture('requestedOn', v.requestedOn, today, 'The date advice was requested');
    if (parts.assessment.decided_on) notBefore('requestedOn', v.requestedOn, parts.assessment.decided_on, 'The date advice was requested', 'the decision to assess');
    let orgId = v.requestedOfOrg;
    let name: string;
    const userId = v.requestedOfUser;
    if (userId) {
      const u = await tx.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id').select(['u.id', 'u.name', 'u.organisation_id', 'o.name as org', 'o.kind', 'u.roles']).where('u.id', '=', userId).where('u.kind', '=', 'staff').where('u.disabled_at', 'is', null).executeTakeFirst();
      if (!u) throw new UserInputError([{ field: 'requestedOfUser', message: 'Choose a professional from the list' }]);
      // The access policy gives providers of local offer services, and the local offer's roles, no child's record.
      if (u.kind === 'provider' || u.roles.every((r) => localOfferRoles.includes(r as Role))) throw new UserInputError([{ field: 'requestedOfUser', message: `${u.name} works on the local offer only and cannot be asked for advice` }]);
      orgId = u.organisation_id;
      name = `${u.name}, ${u.org}`;
    } else if (orgId) {
      const o = await tx.selectFrom('organisation').select(['id', 'name', 'kind']).where('id', '=', orgId).executeTakeFirst();
      if (!o) throw new UserInputError([{ field: 'requestedOfOrg', message: 'Choose an organisation from the list' }]);
      if (o.kind === 'provider') throw new UserInputError([{ field: 'requestedOfOrg', message: `${o.name} provides local offer services and cannot be asked for advice` }]);
      name = o.name;
    } else {
      throw new UserInputError([{ field: 'requestedOfUser', message: 'Choose who you are asking for advice' }]);
    }
    const same = parts.advice.filter((a) => a.discipline === v.discipline);
    if (same.some((a) => !a.received_on && (a.requested_of_user === userId || (!userId && a.requested_of_org === orgId)))) {
      throw new UserInputError([{ field: 'discipline', message: `${disciplineLabels[v.discipline]} has already been asked of ${name} and is not in yet` }]);
    }
    const adviser = same.length ? `${v.discipline}-${same.length + 1}` : v.discipline;
    const dueOn = addDays(v.requestedOn, adviceDays);
    const row = await tx
      .insertInto('advice_request')
      .values({ assessment_id: id, la_code: child.la_code, adviser, discipline: v.discipline, requested_of_user: userId, requested_of_org: orgId, requested_of_name: name, requested_on: v.requestedOn, due_on: dueOn })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The adviser joins the team around the child, so the access policy lets them read the record (with consent).
    if (orgId) {
      const already = await tx.selectFrom('team_member').select('id').where('child_id', '=', child.id).where('organisation_id', '=', orgId).where((eb) => (userId ? eb('user_id', '=', userId) : eb('user_id', 'is', null))).where('ended_on', 'is', null).executeTakeFirst();
      if (!already) await tx.insertInto('team_member').values({ child_id: child.id, la_code: child.la_code, organisation_id: orgId, user_id: userId, role: `Adviser: ${disciplineLabels[v.discipline].toLowerCase()}`, started_on: v.requestedOn }).execute();
    }
    await timeline(tx, child, actor, v.requestedOn, `${disciplineLabels[v.discipline]} requested`, `From ${name}, due ${dueOn}`);
    await tell(tx, { assessmentId: id, child, kind: 'advice-requested', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name, adviceRequestId: row.id, dueOn, toUserId: userId, toOrgId: userId ? null : orgId });
    return { result: row.id, entity: 'advice-request', detail: { discipline: v.discipline, dueOn } };
  });
}

export interface AdviceInput {
  summary: string;
  needs: string[];
  outcomes: string[];
  provision: string[];
  receivedOn: string;
}

/** Loads an advice request the actor was asked for (or the case's caseworker), with the case around it. */
export async function readAdviceRequest(db: Db, actor: Actor, today: string, requestId: string): Promise<{ view: CaseView; request: AdviceRequestRow; mayGive: boolean }> {
  if (!isUuid(requestId)) throw new NotFoundError('Advice request');
  const r = await db.selectFrom('advice_request').select(['assessment_id']).where('id', '=', requestId).executeTakeFirst();
  if (!r) throw new NotFoundError('Advice request');
  const view = await readCase(db, actor, today, r.assessment_id);
  const request = view.advice.find((a) => a.id === requestId);
  if (!request) throw new NotFoundError('Advice request');
  return { view, request, mayGive: mayGiveAdvice(actor, request) || mayManage(actor, view.child) };
}

function mayGiveAdvice(actor: Actor, r: Pick<AdviceRequestRow, 'requested_of_user' | 'requested_of_org'>): boolean {
  if (actor.kind !== 'staff') return false;
  if (r.requested_of_user) return r.requested_of_user === actor.id;
  return !!r.requested_of_org && r.requested_of_org === actor.organisation?.id;
}

/** reg 8: the adviser gives advice as structured items: needs, outcomes sought and recommended provision. */
export function giveAdvice(db: Db, actor: Actor, today: string, requestId: string, v: AdviceInput): Promise<void> {
  return (async () => {
    const { view, request } = await readAdviceRequest(db, actor, today, requestId);
    if (!mayGiveAdvice(actor, request) && !mayManage(actor, view.child)) throw new ForbiddenError('This request for advice was sent to someone else.');
    if (request.received_on) throw new UserInputError([{ field: 'summary', message: `This advice was already given on ${request.received_on}. Ask the caseworker if something needs to change.` }]);
    await changeCase(db, actor, today, view.assessment.id, 'receive-advice', 'any', async (tx, { child, parts }) => {
      notFuture('receivedOn', v.receivedOn, today, 'The date the advice was given');
      notBefore('receivedOn', v.receivedOn, request.requested_on, 'The date the advice was given', 'it was asked for');
      if (!v.needs.length && !v.outcomes.length && !v.provision.length) throw new UserInputError([{ field: 'needs', message: 'Enter at least one need, outcome or piece of provision' }]);
      await tx.updateTable('advice_request').set({ received_on: v.receivedOn, summary: v.summary, given_by: actor.id }).where('id', '=', requestId).execute();
      const rows = (['need', 'outcome', 'provision'] as const).flatMap((kind) => (kind === 'need' ? v.needs : kind === 'outcome' ? v.outcomes : v.provision).map((text, position) => ({ advice_request_id: requestId, la_code: child.la_code, kind, position, text })));
      if (rows.length) await tx.insertInto('advice_item').values(rows).execute();
      await timeline(tx, child, actor, v.receivedOn, `${disciplineLabels[request.discipline]} received`, `From ${request.requested_of_name}`);
      await tell(tx, { assessmentId: view.assessment.id, child, kind: 'advice-received', today, reference: parts.assessment.reference, caseworkerName: parts.assessment.caseworker_name, adviceName: disciplineLabels[request.discipline] });
      return { result: undefined, entity: 'advice', detail: { requestId, items: rows.length } };
    });
  })();
}
