// The evidence's rows (issue 5 §6), for one area and period: searches grouped by their words and whether they found
// anything (lo_search_log, which the public pages write with nothing about who searched), views of each service
// (lo_service_view), the last check of each listed service, and comments received with the day each was answered.
// evidence.ts makes the figures from them.
import { sql } from 'kysely';
import type { Actor } from '../platform/access/actor.ts';
import { maySeeLocalOfferEvidence } from '../platform/access/policy.ts';
import type { Db } from '../platform/db/connect.ts';
import { NotFoundError } from '../platform/web/validation.ts';
import { freshnessFigures, responsivenessFigures, searchFigures, viewFigures } from './evidence.ts';

/** The area of someone who may see its evidence (area leaders, SEND managers, local offer officers), or 404. */
export function evidenceArea(actor: Actor): string {
  if (!maySeeLocalOfferEvidence(actor) || !actor.organisation) throw new NotFoundError('Page');
  return actor.organisation.laCode;
}

export async function localOfferEvidence(db: Db, laCode: string, period: { from: string; to: string }, today: string) {
  const londonDay = (col: string) => sql<string>`(${sql.ref(col)} AT TIME ZONE 'Europe/London')::date`;
  const [searches, views, listed, comments] = await Promise.all([
    db
      .selectFrom('lo_search_log')
      .select([sql<string>`lower(trim(terms))`.as('terms'), sql<boolean>`results = 0`.as('empty'), sql<number>`count(*)`.as('n')])
      .where('la_code', '=', laCode)
      .where(londonDay('searched_at'), '>=', period.from)
      .where(londonDay('searched_at'), '<=', period.to)
      .groupBy([sql`lower(trim(terms))`, sql`results = 0`])
      .execute(),
    db
      .selectFrom('lo_service_view as v')
      .innerJoin('lo_service as s', 's.id', 'v.service_id')
      .select(['v.service_id', 's.name', sql<number>`sum(v.views)`.as('views')])
      .where('v.la_code', '=', laCode)
      .where('v.day', '>=', period.from)
      .where('v.day', '<=', period.to)
      .groupBy(['v.service_id', 's.name'])
      .execute(),
    db.selectFrom('lo_service').select('last_reviewed_on').where('la_code', '=', laCode).where('listed', '=', true).execute(),
    db
      .selectFrom('lo_feedback')
      .select([londonDay('received_at').as('received_on'), sql<string | null>`(responded_at AT TIME ZONE 'Europe/London')::date`.as('answered_on')])
      .where('la_code', '=', laCode)
      .where(londonDay('received_at'), '>=', period.from)
      .where(londonDay('received_at'), '<=', period.to)
      .execute(),
  ]);
  return {
    laCode,
    period,
    use: {
      ...searchFigures(searches.map((s) => ({ terms: s.terms, empty: s.empty, n: Number(s.n) }))),
      ...viewFigures(views.map((v) => ({ serviceId: v.service_id, name: v.name, views: Number(v.views) }))),
    },
    freshness: freshnessFigures(listed.map((l) => l.last_reviewed_on), today),
    responsiveness: responsivenessFigures(comments.map((c) => ({ receivedOn: c.received_on, answeredOn: c.answered_on })), today),
  };
}

export type LocalOfferEvidence = Awaited<ReturnType<typeof localOfferEvidence>>;
