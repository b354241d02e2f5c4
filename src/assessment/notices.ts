// Who must be told what, as an assessment moves (issue 3 §2.2 and §4). The rule is pure (`noticeRecipients`);
// `tell` finds the people, records each notice on the case and sends it through notifications, inside the
// change's transaction, so nobody is told of a change that did not happen. Messages carry the case reference,
// never the child's name or needs.
import { sql } from 'kysely';
import type { OrganisationKind } from '../platform/db/schema.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formatPlainDate } from '../platform/web/dates.ts';
import { notify, PersonalDetailInSubjectError } from '../notifications/notify.ts';

export type NoticeKind =
  | 'request-received'
  | 'decided-to-assess'
  | 'decided-not-to-assess'
  | 'advice-requested'
  | 'advice-received'
  | 'exception'
  | 'decided-not-to-issue'
  | 'draft-issued'
  | 'setting-consulted'
  | 'consultation-answered'
  | 'family-views'
  | 'draft-comments'
  | 'final-issued'
  | 'withdrawn';

/** The groups of people each event must reach. */
export type Audience = 'family' | 'icb' | 'social-care' | 'school' | 'caseworker' | 'adviser' | 'advisers' | 'organisation';

/**
 * reg 4(2): on receipt the LA tells the parent or young person, and notifies the ICB, social care and the head
 * teacher or SENCO; reg 5(2) and reg 10(3) say the same people hear the decisions; reg 13 serves the draft and the
 * final plan on the family and the final on the named setting and the ICB; CoP 9.43 tells the family when an
 * exception applies and why.
 */
export function noticeRecipients(kind: NoticeKind): Audience[] {
  switch (kind) {
    case 'request-received':
    case 'decided-to-assess':
    case 'decided-not-to-assess':
    case 'decided-not-to-issue':
      return ['family', 'icb', 'social-care', 'school'];
    case 'advice-requested':
      return ['adviser'];
    case 'draft-issued':
      return ['family', 'advisers'];
    case 'setting-consulted':
      return ['organisation'];
    case 'final-issued':
      return ['family', 'icb', 'organisation'];
    case 'exception':
    case 'withdrawn':
      return ['family', 'caseworker'];
    case 'advice-received':
    case 'consultation-answered':
    case 'family-views':
    case 'draft-comments':
      return ['caseworker'];
  }
}

export interface TellInput {
  assessmentId: string;
  child: { id: string; la_code: string; given_name: string; family_name: string };
  kind: NoticeKind;
  today: string;
  reference: string;
  caseworkerName: string | null;
  adviceRequestId?: string;
  dueOn?: string;
  toUserId?: string | null;
  toOrgId?: string | null;
  explanation?: string;
  adviceName?: string;
  wantsMeeting?: boolean;
}

/** The words of each message: what changed and what is due. No name, no diagnosis. */
export function noticeText(t: Pick<TellInput, 'kind' | 'reference' | 'dueOn' | 'explanation' | 'adviceName' | 'wantsMeeting' | 'caseworkerName'>, audience: Audience): { subject: string; body: string } {
  const due = t.dueOn ? formatPlainDate(t.dueOn) : '';
  const family = audience === 'family';
  const contact = t.caseworkerName ? ` Your caseworker is ${t.caseworkerName}.` : '';
  const ref = t.reference;
  switch (t.kind) {
    case 'request-received':
      return family
        ? { subject: `We have received a request for an EHC needs assessment (${ref})`, body: `We are considering whether to carry out an education, health and care needs assessment. You have the right to give your views, and we will tell you our decision within 6 weeks.${contact}` }
        : { subject: `EHC needs assessment requested: ${ref}`, body: `The council is considering an EHC needs assessment for a child you work with. You may be asked for advice.` };
    case 'decided-to-assess':
      return { subject: `Decision: an EHC needs assessment will go ahead (${ref})`, body: family ? `We will carry out the assessment and ask professionals for their advice. You can give your views and aspirations online.${contact}` : `The council will carry out an EHC needs assessment. Requests for advice will follow where needed.` };
    case 'decided-not-to-assess':
      return { subject: `Decision on the request for an EHC needs assessment (${ref})`, body: family ? `We have decided not to carry out an assessment. The letter explains why, your right to appeal, and the time limits. Mediation and free independent advice are available.${contact}` : `The council has decided not to carry out an EHC needs assessment.` };
    case 'advice-requested':
      return { subject: `Advice requested for an EHC needs assessment (${ref})`, body: `Please give your advice by ${due} (6 weeks, SEND Regulations 2014 reg 8). Use the form: needs, outcomes sought and recommended provision.` };
    case 'advice-received':
      return { subject: `Advice received (${ref})`, body: `${t.adviceName ?? 'Advice'} has been given and is on the case.` };
    case 'exception':
      return { subject: `A change to the assessment timescale (${ref})`, body: family ? `An exception to the usual time limits applies: ${t.explanation ?? ''} We will still complete every other step as soon as we can.${contact}` : `An exception was recorded on the case: ${t.explanation ?? ''}` };
    case 'decided-not-to-issue':
      return { subject: `Decision after the EHC needs assessment (${ref})`, body: family ? `We have decided not to issue an EHC plan. The letter explains why, your right to appeal, and the time limits.${contact}` : `The council has decided not to issue an EHC plan after the assessment.` };
    case 'draft-issued':
      return family
        ? { subject: `Your draft EHC plan is ready (${ref})`, body: `Please read the draft plan. You have until ${due} to comment, ask for a meeting, and tell us which school or setting you would like named.${contact}` }
        : { subject: `Draft EHC plan issued (${ref})`, body: `The draft plan is ready. You can see how your advice was used, and comment by ${due}.` };
    case 'setting-consulted':
      return { subject: `Consultation about a place (${ref})`, body: `The council proposes to name your setting in an EHC plan. Please answer whether you can meet the needs by ${due}.` };
    case 'consultation-answered':
      return { subject: `A setting answered the consultation (${ref})`, body: `The answer is on the case.` };
    case 'family-views':
      return { subject: `The family gave their views (${ref})`, body: `Their views and aspirations are on the case, for section A.` };
    case 'draft-comments':
      return { subject: `The family commented on the draft plan (${ref})`, body: t.wantsMeeting ? 'They have asked for a meeting.' : 'Their comments are on the case.' };
    case 'final-issued':
      return { subject: `Final EHC plan issued (${ref})`, body: family ? `The final EHC plan has been issued. The letter explains your right to appeal, and the time limits.${contact}` : `The final EHC plan has been issued.` };
    case 'withdrawn':
      return { subject: `EHC needs assessment closed (${ref})`, body: `The assessment has been closed.${contact}` };
  }
}

interface Person {
  id: string | null;
  name: string;
  role: string;
}

async function audiencePeople(tx: Tx, t: TellInput, audience: Audience): Promise<Person[]> {
  const staffIn = (kinds: OrganisationKind[], roles: string[] | null) =>
    tx
      .selectFrom('app_user as u')
      .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
      .select(['u.id', 'u.name', 'o.name as org'])
      .where('o.kind', 'in', kinds)
      .where('o.la_code', '=', t.child.la_code)
      .where('u.disabled_at', 'is', null)
      .$if(roles !== null, (q) => q.where(sql<boolean>`u.roles && ${sql.val(roles ?? [])}::text[]`));
  const inTeam = (kinds: OrganisationKind[], roles: string[]) =>
    tx
      .selectFrom('team_member as tm')
      .innerJoin('organisation as o', 'o.id', 'tm.organisation_id')
      .innerJoin('app_user as u', (j) => j.onRef('u.organisation_id', '=', 'tm.organisation_id'))
      .select(['u.id', 'u.name', 'o.name as org'])
      .distinct()
      .where('tm.child_id', '=', t.child.id)
      .where('tm.ended_on', 'is', null)
      .where('o.kind', 'in', kinds)
      .where('u.disabled_at', 'is', null)
      .where((eb) => eb.or([eb('tm.user_id', '=', eb.ref('u.id')), eb.and([eb('tm.user_id', 'is', null), sql<boolean>`u.roles && ${sql.val(roles)}::text[]`])]));
  switch (audience) {
    case 'family': {
      const rows = await tx
        .selectFrom('family_member as fm')
        .leftJoin('app_user as u', 'u.id', 'fm.user_id')
        .select(['u.id', 'fm.name', 'fm.relationship', 'fm.parental_responsibility'])
        .where('fm.child_id', '=', t.child.id)
        .where('fm.ended_on', 'is', null)
        .where((eb) => eb.or([eb('fm.parental_responsibility', '=', true), eb('fm.relationship', '=', 'self')]))
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name, role: r.relationship === 'self' ? 'young person' : 'parent' }));
    }
    case 'icb':
      return (await staffIn(['icb'], ['designated-clinical-officer']).execute()).map((u) => ({ id: u.id, name: `${u.name}, ${u.org}`, role: 'ICB (designated clinical officer)' }));
    case 'social-care': {
      const team = await inTeam(['social-care'], ['social-worker']).execute();
      const rows = team.length ? team : await staffIn(['social-care'], ['social-worker']).limit(1).execute();
      return rows.map((u) => ({ id: u.id, name: `${u.name}, ${u.org}`, role: 'social care' }));
    }
    case 'school':
      return (await inTeam(['school', 'setting'], ['senco']).execute()).map((u) => ({ id: u.id, name: `${u.name}, ${u.org}`, role: 'head teacher or SENCO' }));
    case 'caseworker': {
      const a = await tx.selectFrom('assessment as a').innerJoin('app_user as u', 'u.id', 'a.caseworker_id').select(['u.id', 'u.name']).where('a.id', '=', t.assessmentId).executeTakeFirst();
      return a ? [{ id: a.id, name: a.name, role: 'caseworker' }] : [];
    }
    case 'adviser':
    case 'organisation': {
      if (t.toUserId) {
        const u = await tx.selectFrom('app_user').select(['id', 'name']).where('id', '=', t.toUserId).executeTakeFirst();
        return u ? [{ id: u.id, name: u.name, role: audience === 'adviser' ? 'adviser' : 'setting' }] : [];
      }
      if (!t.toOrgId) return [];
      const roles = audience === 'organisation' ? ['senco'] : null;
      const users = await tx.selectFrom('app_user').select(['id', 'name']).where('organisation_id', '=', t.toOrgId).where('disabled_at', 'is', null).$if(roles !== null, (q) => q.where(sql<boolean>`roles && ${sql.val(roles ?? [])}::text[]`)).execute();
      return users.map((u) => ({ id: u.id, name: u.name, role: audience === 'adviser' ? 'adviser' : 'setting' }));
    }
    case 'advisers': {
      const rows = await tx.selectFrom('advice_request').select(['requested_of_user', 'requested_of_name']).where('assessment_id', '=', t.assessmentId).where('requested_of_user', 'is not', null).execute();
      return rows.map((r) => ({ id: r.requested_of_user, name: r.requested_of_name, role: 'adviser' }));
    }
  }
}

/** Records and sends the notices an event calls for. */
export async function tell(tx: Tx, t: TellInput): Promise<void> {
  for (const audience of noticeRecipients(t.kind)) {
    const people = await audiencePeople(tx, t, audience);
    if (!people.length) continue;
    const text = noticeText(t, audience);
    await tx.insertInto('assessment_notice').values(people.map((p) => ({ assessment_id: t.assessmentId, la_code: t.child.la_code, kind: t.kind, recipient: p.name, recipient_role: p.role }))).execute();
    const ids = [...new Set(people.map((p) => p.id).filter((id): id is string => !!id))];
    if (!ids.length) continue;
    const link = t.adviceRequestId && audience === 'adviser' ? `/advice/${t.adviceRequestId}` : `/assessments/${t.assessmentId}`;
    const message = { recipients: ids, laCode: t.child.la_code, kind: t.kind, subject: text.subject, body: text.body, link, childId: t.child.id, personalTerms: [t.child.given_name, t.child.family_name] };
    try {
      await notify(tx, message);
    } catch (err) {
      // A child whose name is also an everyday word ("Will", "Hope") must not stop the change: send the message
      // under the bare reference instead, which cannot contain a name.
      if (!(err instanceof PersonalDetailInSubjectError)) throw err;
      await notify(tx, { ...message, subject: `Update on ${t.reference}` });
    }
  }
}
