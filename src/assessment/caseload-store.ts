// Caseloads: the caseworker's list, the team view and the forecast's input, and the requests waiting on an adviser.
// Each case's deadlines are worked out by the engine (case.ts); only children the actor may see are listed, and each
// listed child is audited as a read.
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { accessRouteSql, visibleChild } from '../platform/access/policy.ts';
import { auditMany } from '../platform/audit/audit.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { caseStatus, forecastWeek20, openStages, type CaseStatus, type Discipline, type ExceptionFacts, type Forecast } from './case.ts';
import type { Stage } from './journey.ts';
import { toFacts } from './store.ts';

export interface CaseloadItem {
  id: string;
  reference: string;
  child_id: string;
  child_name: string;
  date_of_birth: string;
  stage: Stage;
  caseworker_id: string | null;
  caseworker_name: string | null;
  request_received: string;
  status: CaseStatus;
  forecast: Forecast | null;
}

/**
 * Open cases in the actor's area (a caseworker's own, or one caseworker's, or all for a manager), with each case's
 * deadlines worked out by the engine. Only children the actor may see; each listed child is audited.
 */
export async function listCases(db: Db, actor: Actor, today: string, scope: { caseworkerId?: string | null; includeClosed?: boolean }): Promise<CaseloadItem[]> {
  if (actor.kind !== 'staff' || actor.organisation?.kind !== 'send-team') return [];
  return inTransaction(db, async (tx) => {
    let q = tx
      .selectFrom('assessment as a')
      .innerJoin('child', 'child.id', 'a.child_id')
      .leftJoin('app_user as cw', 'cw.id', 'a.caseworker_id')
      .select(['a.id', 'a.reference', 'a.child_id', 'a.la_code', 'a.stage', 'a.caseworker_id', 'cw.name as caseworker_name', 'a.request_received', 'a.decided_on', 'a.no_plan_on', 'a.draft_issued_on', 'a.final_issued_on', 'a.withdrawn_on', 'child.given_name', 'child.family_name', 'child.date_of_birth'])
      .where(visibleChild(actor, today))
      .where('a.la_code', '=', actor.organisation?.laCode ?? '');
    if (!scope.includeClosed) q = q.where('a.stage', 'in', [...openStages]);
    if (scope.caseworkerId !== undefined) q = scope.caseworkerId === null ? q.where('a.caseworker_id', 'is', null) : q.where('a.caseworker_id', '=', scope.caseworkerId);
    const rows = await q.orderBy('a.request_received').execute();
    if (!rows.length) return [];
    // One array parameter, not one per case: the statement stays the same for any caseload (so it is prepared
    // once) and the index on assessment_id is used.
    const ids = sql`${rows.map((r) => r.id)}::uuid[]`;
    const advice = await tx.selectFrom('advice_request').select(['assessment_id', 'adviser', 'discipline', 'requested_of_name', 'requested_on', 'due_on', 'received_on']).where(sql<boolean>`assessment_id = ANY(${ids})`).execute();
    const exceptions = await tx.selectFrom('assessment_exception').select(['assessment_id', 'reason', 'adviser', 'from_date', 'to_date']).where(sql<boolean>`assessment_id = ANY(${ids})`).execute();
    const adviceOf = groupBy(advice, (x) => x.assessment_id);
    const exceptionsOf = groupBy(exceptions, (x) => x.assessment_id);
    const items = rows.map((r): CaseloadItem => {
      const facts = toFacts(
        { ...r, stage: r.stage as Stage },
        (adviceOf.get(r.id) ?? []).map((x) => ({ ...x, discipline: x.discipline as Discipline })),
        (exceptionsOf.get(r.id) ?? []).map((x) => ({ reason: x.reason as ExceptionFacts['reason'], adviser: x.adviser, from: x.from_date, to: x.to_date })),
      );
      return {
        id: r.id, reference: r.reference, child_id: r.child_id, child_name: `${r.given_name} ${r.family_name}`, date_of_birth: r.date_of_birth, stage: r.stage as Stage,
        caseworker_id: r.caseworker_id, caseworker_name: r.caseworker_name, request_received: r.request_received,
        status: caseStatus(facts, today), forecast: forecastWeek20(facts, today, r.date_of_birth),
      };
    });
    await auditMany(tx, actor, rows.map((r) => ({ action: 'read' as const, entity: 'assessment-list', entityId: r.id, childId: r.child_id, laCode: r.la_code, route: 'send-team' })));
    return items;
  });
}

/** How many closed cases the same list would show (the caseload offers them behind a filter, counted only). */
export async function countClosedCases(db: Db, actor: Actor, today: string, scope: { caseworkerId?: string | null }): Promise<number> {
  if (actor.kind !== 'staff' || actor.organisation?.kind !== 'send-team') return 0;
  let q = db
    .selectFrom('assessment as a')
    .innerJoin('child', 'child.id', 'a.child_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(visibleChild(actor, today))
    .where('a.la_code', '=', actor.organisation.laCode)
    .where('a.stage', 'not in', [...openStages]);
  if (scope.caseworkerId !== undefined) q = scope.caseworkerId === null ? q.where('a.caseworker_id', 'is', null) : q.where('a.caseworker_id', '=', scope.caseworkerId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Caseworkers of the actor's area, for assigning and for the manager's view. */
export async function areaCaseworkers(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!actor.organisation || actor.organisation.kind !== 'send-team') return [];
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.name'])
    .where('o.kind', '=', 'send-team')
    .where('o.la_code', '=', actor.organisation.laCode)
    .where(sql<boolean>`'caseworker' = ANY(u.roles)`)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.name')
    .execute();
}

/** Requests for advice waiting on this professional (or their organisation), for their home page. */
export async function myAdviceRequests(db: Db, actor: Actor, today: string): Promise<{ id: string; assessment_id: string; reference: string; child_name: string; discipline: Discipline; due_on: string; received_on: string | null }[]> {
  if (actor.kind !== 'staff' || !actor.organisation) return [];
  return inTransaction(db, async (tx) => {
    const rows = await tx
      .selectFrom('advice_request as r')
      .innerJoin('assessment as a', 'a.id', 'r.assessment_id')
      .innerJoin('child', 'child.id', 'a.child_id')
      .select(['r.id', 'r.assessment_id', 'a.reference', 'child.id as child_id', 'child.la_code', 'child.given_name', 'child.family_name', 'r.discipline', 'r.due_on', 'r.received_on'])
      .select((eb) => accessRouteSql(actor, today)(eb).as('route'))
      .where((eb) => eb.or([eb('r.requested_of_user', '=', actor.id), eb.and([eb('r.requested_of_user', 'is', null), eb('r.requested_of_org', '=', actor.organisation?.id ?? '')])]))
      .where('r.received_on', 'is', null)
      .where('a.stage', 'in', [...openStages])
      // Only children the policy lets them see: a request they cannot yet open (no consent) is not listed by name.
      .where(visibleChild(actor, today))
      .orderBy('r.due_on')
      .limit(200)
      .execute();
    await auditMany(tx, actor, rows.map((r) => ({ action: 'read' as const, entity: 'advice-list', entityId: r.id, childId: r.child_id, laCode: r.la_code, route: r.route })));
    return rows.map((r) => ({ id: r.id, assessment_id: r.assessment_id, reference: r.reference, child_name: `${r.given_name} ${r.family_name}`, discipline: r.discipline as Discipline, due_on: r.due_on, received_on: r.received_on }));
  });
}

