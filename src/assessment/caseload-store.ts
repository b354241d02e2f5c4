// Caseloads: the caseworker's list, the team view and the forecast's input, and the requests waiting on an adviser.
// Each case's deadlines are worked out by the engine (case.ts); only children the actor may see are listed, and each
// listed child is audited as a read.
import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { accessRouteSql, visibleChild } from '../platform/access/policy.ts';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { auditReads, auditRow } from '../platform/audit/audit.ts';
import { commitReadWithoutWaiting } from '../platform/db/commit.ts';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { caseStatus, forecastWeek20, openStages, type CaseStatus, type Discipline, type ExceptionFacts, type Forecast } from './case.ts';
import type { Stage } from './journey.ts';
import { toFacts } from './store.ts';

/**
 * `a.stage` is an open stage, written with literals rather than parameters: the statements are prepared, and in
 * PostgreSQL's generic plan a parameter cannot prove the partial index `assessment_open` (WHERE stage IN (…)),
 * so a caseload read all assessments (a sequential scan, 6.5 ms on 20,000 children, against 0.2 ms by the index).
 */
const openStage = sql<SqlBool>`a.stage IN (${sql.join(openStages.map((s) => sql.lit(s)))})`;

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
 *
 * One statement, so one round trip and its own transaction: the cases through the access policy, the audit row of
 * each listed child (a data-modifying CTE: written exactly once, and only with the read it records), and each
 * case's advice requests and exceptions as JSON arrays. Before, the same took six round trips (BEGIN, the cases,
 * the advice, the exceptions, the audit rows, COMMIT), and on a busy database each one waits its turn.
 */
export async function listCases(db: Db, actor: Actor, today: string, scope: { caseworkerId?: string | null; includeClosed?: boolean }): Promise<CaseloadItem[]> {
  if (actor.kind !== 'staff' || actor.organisation?.kind !== 'send-team') return [];
  let cases = db
    .selectFrom('assessment as a')
    .innerJoin('child', 'child.id', 'a.child_id')
    .leftJoin('app_user as cw', 'cw.id', 'a.caseworker_id')
    .select(['a.id', 'a.reference', 'a.child_id', 'a.la_code', 'a.stage', 'a.caseworker_id', 'cw.name as caseworker_name', 'a.request_received', 'a.decided_on', 'a.no_plan_on', 'a.draft_issued_on', 'a.final_issued_on', 'a.withdrawn_on', 'child.given_name', 'child.family_name', 'child.date_of_birth'])
    .where(visibleChild(actor, today))
    .where('a.la_code', '=', actor.organisation.laCode);
  if (!scope.includeClosed) cases = cases.where(openStage);
  if (scope.caseworkerId !== undefined) cases = scope.caseworkerId === null ? cases.where('a.caseworker_id', 'is', null) : cases.where('a.caseworker_id', '=', scope.caseworkerId);
  // The same audit row as auditMany writes for each child listed (platform/audit/audit.ts).
  const row = auditRow(actor, { action: 'read', entity: 'assessment-list', route: 'send-team' });
  const rows = await db
    .with('cases', () => cases)
    .with('listed', (q) =>
      q
        .insertInto('audit_event')
        .columns(['actor_id', 'actor_label', 'action', 'entity', 'entity_id', 'child_id', 'la_code', 'via', 'ip', 'user_agent'])
        .expression((eb) =>
          eb
            .selectFrom('cases')
            .select([
              sql<string | null>`${row.actor_id}::uuid`.as('actor_id'),
              sql<string>`${row.actor_label}`.as('actor_label'),
              sql<string>`${row.action}`.as('action'),
              sql<string>`${row.entity}`.as('entity'),
              sql<string>`cases.id::text`.as('entity_id'),
              'cases.child_id',
              'cases.la_code',
              sql<string>`${row.via}`.as('via'),
              sql<string | null>`${row.ip}`.as('ip'),
              sql<string | null>`${row.user_agent}`.as('user_agent'),
            ])
            // A read: it commits without waiting for the disk (decision 0014).
            .where(commitReadWithoutWaiting),
        ),
    )
    .selectFrom('cases')
    .selectAll('cases')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('advice_request as r')
          .select(['r.adviser', 'r.discipline', 'r.requested_of_name', 'r.requested_on', 'r.due_on', 'r.received_on'])
          .whereRef('r.assessment_id', '=', 'cases.id')
          // As the case page orders them (store.ts), so both show the same next deadline when two fall on one day.
          .orderBy('r.requested_on')
          .orderBy('r.created_at'),
      ).as('advice'),
      jsonArrayFrom(
        eb
          .selectFrom('assessment_exception as e')
          .select(['e.reason', 'e.adviser', 'e.from_date', 'e.to_date'])
          .whereRef('e.assessment_id', '=', 'cases.id')
          .orderBy('e.from_date')
          .orderBy('e.reason'),
      ).as('exceptions'),
    ])
    .orderBy('cases.request_received')
    .execute();
  return rows.map((r): CaseloadItem => {
    const facts = toFacts(
      { ...r, stage: r.stage as Stage },
      r.advice.map((x) => ({ ...x, discipline: x.discipline as Discipline })),
      r.exceptions.map((x) => ({ reason: x.reason as ExceptionFacts['reason'], adviser: x.adviser, from: x.from_date, to: x.to_date })),
    );
    return {
      id: r.id, reference: r.reference, child_id: r.child_id, child_name: `${r.given_name} ${r.family_name}`, date_of_birth: r.date_of_birth, stage: r.stage as Stage,
      caseworker_id: r.caseworker_id, caseworker_name: r.caseworker_name, request_received: r.request_received,
      status: caseStatus(facts, today), forecast: forecastWeek20(facts, today, r.date_of_birth),
    };
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
    .where(sql<SqlBool>`NOT ${openStage}`);
  if (scope.caseworkerId !== undefined) q = scope.caseworkerId === null ? q.where('a.caseworker_id', 'is', null) : q.where('a.caseworker_id', '=', scope.caseworkerId);
  return Number((await q.executeTakeFirstOrThrow()).n);
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
      .where(openStage)
      // Only children the policy lets them see: a request they cannot yet open (no consent) is not listed by name.
      .where(visibleChild(actor, today))
      .orderBy('r.due_on')
      .limit(200)
      .execute();
    await auditReads(tx, actor, rows.map((r) => ({ action: 'read' as const, entity: 'advice-list', entityId: r.id, childId: r.child_id, laCode: r.la_code, route: r.route })));
    return rows.map((r) => ({ id: r.id, assessment_id: r.assessment_id, reference: r.reference, child_name: `${r.given_name} ${r.family_name}`, discipline: r.discipline as Discipline, due_on: r.due_on, received_on: r.received_on }));
  });
}

