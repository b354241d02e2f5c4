// The access policy: who may see a child's record. This is the only gate (ARCHITECTURE.md).
// `decideChildAccess` states the rule over plain facts, for people and for the table test;
// `visibleChild` states the same rule in SQL, so every store query applies it and no route can forget.
// test/integration/access-policy.test.ts checks that both agree for every role × relationship × consent.
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import { agencyOf, hasRole, localOfferRoles, type Actor, type Agency, type Role } from './actor.ts';

/** Roles that work a SEND team's caseload and so see every child of the team's home area. */
export const sendTeamCaseRoles: readonly Role[] = ['caseworker', 'send-manager', 'educational-psychologist'];

/** An override lasts this long; then the professional must ask again. */
export const overrideHours = 24;

export type AccessRoute = 'send-team' | 'team-with-consent' | 'team-with-override' | 'family' | 'young-person';

export interface AccessFacts {
  childLaCode: string;
  /** false until the day after the last Friday in June of the school year the child turns 16. */
  pastCompulsorySchoolAge: boolean;
  /** The actor is in the child's team now, in person or through their organisation. */
  inTeam: boolean;
  /** Agencies covered by consent that is in force today. */
  consentAgencies: readonly Agency[];
  /** An unexpired override the actor recorded, with a reason. */
  override: boolean;
  /** The actor's own link as a family member, if any. */
  family: null | {
    relationship: string;
    parentalResponsibility: boolean;
    grantedByParent: boolean;
    grantedByYoungPerson: boolean;
  };
}

export type AccessDecision = { allowed: true; route: AccessRoute } | { allowed: false; canOverride: boolean };

/**
 * Whether this member of staff may reach any child's record at all. A provider of local offer services (a
 * voluntary, community or private organisation) never does, whatever the team or consent says; nor does anyone
 * whose roles are only the local offer's (a school's listing editor, the council's local offer officer), or who has
 * no role. Fails closed.
 */
export function reachesChildRecords(actor: Actor): boolean {
  const org = actor.organisation;
  if (!org || org.kind === 'provider' || agencyOf(org.kind) === null) return false;
  return actor.roles.some((r) => !localOfferRoles.includes(r));
}

/** The rule, over plain facts. */
export function decideChildAccess(actor: Actor, f: AccessFacts): AccessDecision {
  if (actor.kind === 'family') {
    const link = f.family;
    if (!link) return { allowed: false, canOverride: false };
    // CFA 2014 s.80 and CoP 8.13: at the end of compulsory school age rights pass from the parent to the
    // young person, who can choose to let their parents keep access.
    if (link.relationship === 'self') return f.pastCompulsorySchoolAge ? { allowed: true, route: 'young-person' } : { allowed: false, canOverride: false };
    const allowed = f.pastCompulsorySchoolAge ? link.grantedByYoungPerson : link.parentalResponsibility || link.grantedByParent;
    return allowed ? { allowed: true, route: 'family' } : { allowed: false, canOverride: false };
  }
  const org = actor.organisation;
  if (!org || !reachesChildRecords(actor)) return { allowed: false, canOverride: false };
  const agency = agencyOf(org.kind);
  if (org.kind === 'send-team' && org.laCode === f.childLaCode && actor.roles.some((r) => sendTeamCaseRoles.includes(r))) {
    return { allowed: true, route: 'send-team' };
  }
  if (!f.inTeam) return { allowed: false, canOverride: false };
  if (agency && f.consentAgencies.includes(agency)) return { allowed: true, route: 'team-with-consent' };
  if (f.override) return { allowed: true, route: 'team-with-override' };
  return { allowed: false, canOverride: true };
}

type ChildEb = ExpressionBuilder<Database, 'child'>;

/** SQL: the actor is in the child's team today, in person or through their organisation (survives a change of SENCO). */
export function inTeamSql(eb: ChildEb, actor: Actor, today: string): Expression<SqlBool> {
  const orgId = actor.organisation?.id ?? '00000000-0000-0000-0000-000000000000';
  return eb.exists(
    eb
      .selectFrom('team_member as tm')
      .select(sql`1`.as('one'))
      .whereRef('tm.child_id', '=', 'child.id')
      .where('tm.started_on', '<=', today)
      .where((w) => w.or([w('tm.ended_on', 'is', null), w('tm.ended_on', '>=', today)]))
      .where((w) => w.or([w('tm.user_id', '=', actor.id), w.and([w('tm.user_id', 'is', null), w('tm.organisation_id', '=', orgId)])])),
  );
}

/** SQL: consent in force today covers this agency. */
export function consentCoversSql(eb: ChildEb, agency: Agency, today: string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('consent as c')
      .select(sql`1`.as('one'))
      .whereRef('c.child_id', '=', 'child.id')
      .where('c.given_on', '<=', today)
      .where((w) => w.or([w('c.withdrawn_on', 'is', null), w('c.withdrawn_on', '>', today)]))
      .where(sql<SqlBool>`${agency} = ANY(c.agencies)`),
  );
}

function overrideSql(eb: ChildEb, actor: Actor): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('access_override as ao')
      .select(sql`1`.as('one'))
      .whereRef('ao.child_id', '=', 'child.id')
      .where('ao.user_id', '=', actor.id)
      .where('ao.expires_at', '>', sql<Date>`now()`),
  );
}

function pastSchoolAgeSql(today: string) {
  return sql<SqlBool>`(${today}::date > end_of_compulsory_school_age(child.date_of_birth))`;
}

/** SQL: the policy for one actor, as a condition on `child`. Every query for a child's data uses it. */
export function visibleChild(actor: Actor, today: string) {
  return (eb: ChildEb): Expression<SqlBool> => {
    if (actor.kind === 'family') {
      const past = pastSchoolAgeSql(today);
      return eb.exists(
        eb
          .selectFrom('family_member as fm')
          .select(sql`1`.as('one'))
          .whereRef('fm.child_id', '=', 'child.id')
          .where('fm.user_id', '=', actor.id)
          .where('fm.ended_on', 'is', null)
          .where(
            sql<SqlBool>`CASE
              WHEN fm.relationship = 'self' THEN ${past}
              WHEN ${past} THEN fm.access_granted_by_young_person
              ELSE (fm.parental_responsibility OR fm.access_granted_by_parent) END`,
          ),
      );
    }
    const org = actor.organisation;
    const agency = org ? agencyOf(org.kind) : null;
    if (!org || !agency || !reachesChildRecords(actor)) return sql<SqlBool>`false`;
    const parts: Expression<SqlBool>[] = [];
    if (org.kind === 'send-team' && actor.roles.some((r) => sendTeamCaseRoles.includes(r))) {
      parts.push(eb('child.la_code', '=', org.laCode));
    }
    parts.push(eb.and([inTeamSql(eb, actor, today), eb.or([consentCoversSql(eb, agency, today), overrideSql(eb, actor)])]));
    return eb.or(parts);
  };
}

/** SQL: how the actor reaches the child (for the audit row and the page), null when they cannot. */
export function accessRouteSql(actor: Actor, today: string) {
  return (eb: ChildEb) => {
    const org = actor.organisation;
    if (actor.kind === 'family') return sql<AccessRoute | null>`CASE WHEN ${visibleChild(actor, today)(eb)} THEN 'family' END`;
    const agency = org ? agencyOf(org.kind) : null;
    if (!org || !agency || !reachesChildRecords(actor)) return sql<AccessRoute | null>`NULL`;
    const sendTeam = org.kind === 'send-team' && actor.roles.some((r) => sendTeamCaseRoles.includes(r));
    return sql<AccessRoute | null>`CASE
      WHEN ${sendTeam ? eb('child.la_code', '=', org.laCode) : sql<SqlBool>`false`} THEN 'send-team'
      WHEN ${inTeamSql(eb, actor, today)} THEN CASE
        WHEN ${consentCoversSql(eb, agency, today)} THEN 'team-with-consent'
        WHEN ${overrideSql(eb, actor)} THEN 'team-with-override'
        END
      END`;
  };
}


export type ChildAction =
  | 'edit-identity'
  | 'edit-about-me'
  | 'edit-family'
  | 'edit-team'
  | 'record-consent'
  | 'withdraw-consent'
  | 'upload-document'
  | 'view-audit'
  /** Anything on an EHC needs assessment: the assessment store checks who may do what (assessment/store.ts). */
  | 'contribute-to-assessment';

/** What each way of reaching a record allows, beyond reading it. */
export function mayDo(route: AccessRoute, action: ChildAction): boolean {
  switch (route) {
    case 'send-team':
      return true;
    case 'team-with-consent':
    case 'team-with-override':
      return action === 'upload-document' || action === 'contribute-to-assessment';
    case 'family':
    case 'young-person':
      // The family writes "about me" once; they may give or withdraw consent and see who has looked.
      return ['edit-about-me', 'upload-document', 'record-consent', 'withdraw-consent', 'view-audit', 'contribute-to-assessment'].includes(action);
  }
}

/** Who may create a new child record: a SEND team caseworker or manager, in their own area. */
export function mayCreateChild(actor: Actor, laCode: string): boolean {
  return actor.organisation?.kind === 'send-team' && actor.organisation.laCode === laCode && actor.roles.some((r) => r === 'caseworker' || r === 'send-manager');
}

// ---------------------------------------------------------------------------------------------------------------
// The local offer (issue 5). The directory holds no child's data; these say who may do what in it.

/** A provider's (or a school's, a health provider's, social care's) staff who edit the listings their organisation owns. */
export function mayEditListings(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.organisation !== null && hasRole(actor, 'listing-editor');
}

/**
 * The council's local offer officer, or a SEND manager, in their own area's SEND team: reviews listings, decides on
 * stale ones, edits the information pages, answers and moderates comments.
 */
export function mayManageLocalOffer(actor: Actor, laCode?: string): boolean {
  const org = actor.organisation;
  return actor.kind === 'staff' && org?.kind === 'send-team' && (laCode === undefined || org.laCode === laCode) && hasRole(actor, 'local-offer-officer', 'send-manager');
}

/** The local offer's evidence (issue 5 §6): area leaders, SEND managers and local offer officers of the area. */
export function maySeeLocalOfferEvidence(actor: Actor, laCode?: string): boolean {
  const org = actor.organisation;
  return org?.kind === 'send-team' && (laCode === undefined || org.laCode === laCode) && hasRole(actor, 'area-leader', 'send-manager', 'local-offer-officer');
}
