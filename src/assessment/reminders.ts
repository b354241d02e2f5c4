// Reminders and escalation for requests for advice (issue 3 §2.4): "Each request has a due date. A reminder goes
// out a week before, and an overdue request is escalated to the adviser's manager." The rule is pure
// (`reminderAction`); `runReminders` applies it to the database in small transactions, stamping reminded_at or
// escalated_at, recording each notice on the case and sending it through notifications, so a second run (or a
// second server) finds nothing left to send. Messages carry the case reference, never the child's name.
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Tx } from '../platform/db/transaction.ts';
import { addDays, daysBetween } from '../platform/plain-date.ts';
import { formatPlainDate } from '../platform/web/dates.ts';
import { notify } from '../notifications/notify.ts';
import { disciplineLabels, openStages, type Discipline } from './case.ts';
import type { Stage } from './journey.ts';

/** The reminder goes this many days before the due date (issue 3 §2.4: "a week before"). */
export const reminderDays = 7;

export type ReminderAction = 'remind' | 'escalate';
export type ReminderKind = 'advice-reminder' | 'advice-escalated';

export interface ReminderFacts {
  dueOn: string;
  receivedOn: string | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  stage: Stage;
  discipline: Discipline;
}

/**
 * What a request for advice needs today: a reminder when it is due within the week (due today included), an
 * escalation once the due date has passed, each once; nothing when the advice is in, the case is closed, or it
 * is the family's own contribution (not a reg 8 request). An overdue request that was never reminded (asked for
 * with a past date) is escalated, not reminded. An adviser's exception (reg 8(2)) does not stop the escalation:
 * the advice is still late, and the manager is who can help it come.
 */
export function reminderAction(r: ReminderFacts, today: string): ReminderAction | null {
  if (r.receivedOn || !openStages.includes(r.stage) || r.discipline === 'family' || r.discipline === 'private-report') return null;
  if (today > r.dueOn) return r.escalatedAt ? null : 'escalate';
  if (daysBetween(today, r.dueOn) <= reminderDays) return r.remindedAt ? null : 'remind';
  return null;
}

/** The requests that need a reminder and those that need escalating today. */
export function chooseReminders<T extends ReminderFacts>(rows: readonly T[], today: string): { remind: T[]; escalate: T[] } {
  const out = { remind: [] as T[], escalate: [] as T[] };
  for (const r of rows) {
    const a = reminderAction(r, today);
    if (a === 'remind') out.remind.push(r);
    else if (a === 'escalate') out.escalate.push(r);
  }
  return out;
}

export interface ReminderText {
  reference: string;
  discipline: Discipline;
  adviserName: string;
  requestedOn: string;
  dueOn: string;
}

/** The words of each message. The case reference and the adviser, never the child's name or needs. */
export function reminderText(kind: ReminderKind, t: ReminderText, today: string): { subject: string; body: string } {
  const label = disciplineLabels[t.discipline];
  const due = formatPlainDate(t.dueOn);
  if (kind === 'advice-reminder') {
    const days = daysBetween(today, t.dueOn);
    const when = days <= 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
    return {
      subject: `Reminder: advice due by ${due} (${t.reference})`,
      body: `Your ${label.toLowerCase()} for an EHC needs assessment is due by ${due}, ${when} (6 weeks from the request, SEND Regulations 2014 reg 8). Use the form: needs, outcomes sought and recommended provision. If you cannot give it in time, tell the caseworker why.`,
    };
  }
  const late = daysBetween(t.dueOn, today);
  return {
    subject: `Overdue advice for an EHC needs assessment (${t.reference})`,
    body: `${label} asked of ${t.adviserName} on ${formatPlainDate(t.requestedOn)} was due by ${due} and has not been given: it is ${late} day${late === 1 ? '' : 's'} overdue. Please help it come as soon as possible. The final EHC plan must be issued within 20 weeks of the request (reg 13).`,
  };
}

interface Candidate {
  id: string;
  assessment_id: string;
  la_code: string;
  discipline: string;
  requested_of_user: string | null;
  requested_of_org: string | null;
  requested_of_name: string;
  requested_on: string;
  due_on: string;
  received_on: string | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
  stage: string;
  reference: string;
  caseworker_id: string | null;
  child_id: string;
  given_name: string;
  family_name: string;
  org_kind: string | null;
}

interface Person {
  id: string;
  name: string;
  role: string;
}

const activeStaff = (tx: Tx) =>
  tx.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id').select(['u.id', 'u.name', 'o.name as org']).where('u.kind', '=', 'staff').where('u.disabled_at', 'is', null);
const hasRoleSql = (role: string) => sql<boolean>`${role} = ANY(u.roles)`;

/** The reminder goes to the adviser asked, or, when an organisation was asked, to its staff. */
async function adviserPeople(tx: Tx, c: Candidate): Promise<Person[]> {
  if (c.requested_of_user) {
    const u = await activeStaff(tx).where('u.id', '=', c.requested_of_user).executeTakeFirst();
    if (u) return [{ id: u.id, name: u.name, role: 'adviser' }];
  }
  if (!c.requested_of_org) return [];
  return (await activeStaff(tx).where('u.organisation_id', '=', c.requested_of_org).orderBy('u.name').execute()).map((u) => ({ id: u.id, name: u.name, role: 'adviser' }));
}

/**
 * "The adviser's manager". Nothing in the data says who manages whom, so the escalation goes up the line that
 * answers for the advice: for a health provider or the ICB, the designated clinical officers of the adviser's
 * own organisation, or, when it has none (a trust usually does not), those of the area's ICB (the DCO answers for
 * health's part in the assessment, SEND Code of Practice 3.45); for social care, the social care managers of the
 * adviser's service; for anyone else (a school, the educational psychology service, or social care with no manager
 * on the system) the SEND managers of the case's area, who run the assessment. The case's
 * caseworker is always told as well.
 */
async function managerPeople(tx: Tx, c: Candidate): Promise<Person[]> {
  let up: Person[];
  if (c.org_kind === 'health-provider' || c.org_kind === 'icb') {
    const dcos = (q: ReturnType<typeof activeStaff>) => q.where(hasRoleSql('designated-clinical-officer')).orderBy('u.name').execute();
    let rows = c.requested_of_org ? await dcos(activeStaff(tx).where('u.organisation_id', '=', c.requested_of_org)) : [];
    if (!rows.length) rows = await dcos(activeStaff(tx).where('o.kind', '=', 'icb').where('o.la_code', '=', c.la_code));
    up = rows.map((u) => ({ id: u.id, name: `${u.name}, ${u.org}`, role: 'designated clinical officer' }));
  } else {
    // Social care advice goes first to the social care managers of the adviser's own service.
    const scm = c.org_kind === 'social-care' && c.requested_of_org ? await activeStaff(tx).where('u.organisation_id', '=', c.requested_of_org).where(hasRoleSql('social-care-manager')).orderBy('u.name').execute() : [];
    if (scm.length) up = scm.map((u) => ({ id: u.id, name: `${u.name}, ${u.org}`, role: 'social care manager' }));
    else {
      const rows = await activeStaff(tx).where('o.kind', '=', 'send-team').where('o.la_code', '=', c.la_code).where(hasRoleSql('send-manager')).orderBy('u.name').execute();
      up = rows.map((u) => ({ id: u.id, name: u.name, role: 'SEND manager' }));
    }
  }
  const cw = c.caseworker_id ? await activeStaff(tx).where('u.id', '=', c.caseworker_id).executeTakeFirst() : undefined;
  const people = cw ? [...up, { id: cw.id, name: cw.name, role: 'caseworker' }] : up;
  return people.filter((p, i) => people.findIndex((q) => q.id === p.id) === i);
}

export interface ReminderRun {
  reminded: number;
  escalated: number;
}

/**
 * Sends today's reminders and escalations. Each batch is one transaction: the rows are locked and checked again
 * (another server may have just sent them), stamped, and their notices recorded and sent, so nothing is stamped
 * without its message and nothing is sent twice.
 */
export async function runReminders(db: Db, today: string, opts: { now?: Date; batchSize?: number } = {}): Promise<ReminderRun> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 50;
  const weekAhead = addDays(today, reminderDays);
  const ids = (
    await db
      .selectFrom('advice_request as r')
      .innerJoin('assessment as a', 'a.id', 'r.assessment_id')
      .select('r.id')
      .where('r.received_on', 'is', null)
      .where('a.stage', 'in', [...openStages])
      .where('r.discipline', 'not in', ['family', 'private-report'])
      .where((eb) =>
        eb.or([
          eb.and([eb('r.escalated_at', 'is', null), eb('r.due_on', '<', today)]),
          eb.and([eb('r.reminded_at', 'is', null), eb('r.due_on', '>=', today), eb('r.due_on', '<=', weekAhead)]),
        ]),
      )
      .orderBy('r.due_on')
      .orderBy('r.id')
      .execute()
  ).map((r) => r.id);
  const run: ReminderRun = { reminded: 0, escalated: 0 };
  for (let i = 0; i < ids.length; i += batchSize) {
    const batch = ids.slice(i, i + batchSize);
    const done = await inTransaction(db, (tx) => sendBatch(tx, batch, today, now));
    run.reminded += done.reminded;
    run.escalated += done.escalated;
  }
  return run;
}

async function sendBatch(tx: Tx, ids: string[], today: string, now: Date): Promise<ReminderRun> {
  const rows: Candidate[] = await tx
    .selectFrom('advice_request as r')
    .innerJoin('assessment as a', 'a.id', 'r.assessment_id')
    .innerJoin('child as c', 'c.id', 'a.child_id')
    .leftJoin('organisation as o', 'o.id', 'r.requested_of_org')
    .select([
      'r.id', 'r.assessment_id', 'r.la_code', 'r.discipline', 'r.requested_of_user', 'r.requested_of_org', 'r.requested_of_name', 'r.requested_on', 'r.due_on', 'r.received_on',
      'r.reminded_at', 'r.escalated_at', 'a.stage', 'a.reference', 'a.caseworker_id', 'c.id as child_id', 'c.given_name', 'c.family_name', 'o.kind as org_kind',
    ])
    .where('r.id', 'in', ids)
    .orderBy('r.due_on')
    .orderBy('r.id')
    .forUpdate('r')
    .execute();
  const facts = rows.map((r) => ({ ...r, dueOn: r.due_on, receivedOn: r.received_on, remindedAt: r.reminded_at, escalatedAt: r.escalated_at, stage: r.stage as Stage, discipline: r.discipline as Discipline }));
  const { remind, escalate } = chooseReminders(facts, today);
  for (const [kind, list] of [['advice-reminder', remind], ['advice-escalated', escalate]] as const) {
    for (const c of list) {
      await tx.updateTable('advice_request').set(kind === 'advice-reminder' ? { reminded_at: now } : { escalated_at: now }).where('id', '=', c.id).execute();
      const people = kind === 'advice-reminder' ? await adviserPeople(tx, c) : await managerPeople(tx, c);
      if (!people.length) continue;
      await tx.insertInto('assessment_notice').values(people.map((p) => ({ assessment_id: c.assessment_id, la_code: c.la_code, kind, recipient: p.name, recipient_role: p.role, sent_at: now }))).execute();
      const text = reminderText(kind, { reference: c.reference, discipline: c.discipline, adviserName: c.requested_of_name, requestedOn: c.requested_on, dueOn: c.due_on }, today);
      // The adviser opens their form; the manager and the caseworker open the case.
      const toAdviser = people.filter((p) => p.role === 'adviser').map((p) => p.id);
      const toOthers = people.filter((p) => p.role !== 'adviser').map((p) => p.id);
      const message = { laCode: c.la_code, kind, subject: text.subject, body: text.body, childId: c.child_id, personalTerms: [c.given_name, c.family_name] };
      if (toAdviser.length) await notify(tx, { ...message, recipients: toAdviser, link: `/advice/${c.id}` });
      if (toOthers.length) await notify(tx, { ...message, recipients: toOthers, link: `/assessments/${c.assessment_id}` });
    }
  }
  return { reminded: remind.length, escalated: escalate.length };
}

/**
 * Runs the reminders now and then every `everyMs` (an hour by default), with today's date in England each time;
 * returns a function that stops it. The timer does not keep the process alive. A run already under way is not
 * started again.
 */
export function scheduleReminders(db: Db, today: () => string, opts: { everyMs?: number; onRun?: (r: ReminderRun) => void; onError?: (err: unknown) => void } = {}): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runReminders(db, today())
      .then((r) => opts.onRun?.(r), (err: unknown) => opts.onError?.(err))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, opts.everyMs ?? 60 * 60 * 1000);
  timer.unref();
  const first = setTimeout(tick, 0);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
