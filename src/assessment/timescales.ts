// The statutory timescales engine for an EHC needs assessment: every deadline and its status, computed from
// the case's dated events. Pure, holds no personal data, and is a public contract: `npx joinedup timescales`
// and POST /api/v1/timescales (issue 3; statutory-rules.md §1 and §9). Weeks are calendar weeks counted from
// the trigger date; bank holidays and weekends give no extension (statutory-rules.md §0).
import { addDays, daysBetween, isPlainDate } from '../platform/plain-date.ts';

export const eventTypes = [
  'decision-to-assess',
  'decision-not-to-assess',
  'advice-requested',
  'advice-received',
  'decision-not-to-issue',
  'draft-issued',
  'final-issued',
  'withdrawn',
  'exception',
] as const;
export type EventType = (typeof eventTypes)[number];

/** LA exceptions: regs 5(4), 10(4) and 13(3) (a)–(d). */
export const laExceptionReasons = ['school-closure', 'early-years-closure', 'personal-circumstances', 'absence-from-area'] as const;
/** reg 8(2)(c): an adviser's exception only. */
export const adviserOnlyReasons = ['missed-appointment'] as const;
export type ExceptionReason = (typeof laExceptionReasons)[number] | (typeof adviserOnlyReasons)[number];

export interface DatedEvent {
  type: Exclude<EventType, 'exception'>;
  on: string;
  adviser?: string;
}
export interface ExceptionEvent {
  type: 'exception';
  reason: ExceptionReason;
  from: string;
  to: string;
  adviser?: string;
}
export type CaseEvent = DatedEvent | ExceptionEvent;

export interface CaseHistory {
  requestReceived: string;
  asOf: string;
  events: CaseEvent[];
}

export type StepStatus = 'met' | 'late' | 'late-exception' | 'pending' | 'overdue' | 'overdue-exception' | 'not-applicable' | 'open' | 'closed';

export interface Step {
  step: string;
  due: string;
  done: string | null;
  status: StepStatus;
}

export interface Timescales {
  steps: Step[];
  /** SEN2 `Week20`: does an LA exception apply to the 20-week step? */
  exceptionApplies: boolean;
}

export interface InputProblem {
  field: string;
  message: string;
}

export type Checked = { ok: true; value: CaseHistory } | { ok: false; errors: InputProblem[] };

// reg 5(1): 6 weeks; reg 8(1): 6 weeks; reg 10(1): 16 weeks; reg 13(2): 20 weeks.
export const decisionDays = 6 * 7;
export const adviceDays = 6 * 7;
export const noPlanDays = 16 * 7;
export const finalDays = 20 * 7;
/** reg 13(1)(a): at least 15 days beginning with the day the draft was served, so service day + 14. */
export const commentsDays = 14;
/** regs 5(4)(a),(b),(d) and 8(2)(b): closures and absences count only when they last 4 continuous weeks. */
export const minimumExceptionDays = 28;

const durationLimited = new Set<ExceptionReason>(['school-closure', 'early-years-closure', 'absence-from-area']);
const adviserKey = /^[a-z0-9][a-z0-9-]{0,59}$/;

/** Checks untrusted input and says, field by field, what is wrong; never throws. */
export function checkCaseHistory(input: unknown): Checked {
  const errors: InputProblem[] = [];
  const problem = (field: string, message: string) => errors.push({ field, message });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: 'Send a JSON object with requestReceived, asOf and events' }] };
  }
  const o = input as Record<string, unknown>;
  const date = (v: unknown, field: string, label: string): string | null => {
    if (v === undefined || v === null || v === '') {
      problem(field, `Enter ${label} as a date like 2025-01-06`);
      return null;
    }
    if (!isPlainDate(v)) {
      problem(field, `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date written YYYY-MM-DD, like 2025-01-06 (got ${JSON.stringify(v)})`);
      return null;
    }
    return v;
  };
  const requestReceived = date(o.requestReceived, 'requestReceived', 'the date the request was received');
  const asOf = date(o.asOf, 'asOf', 'the date to work out statuses on (asOf)');
  if (requestReceived && asOf && asOf < requestReceived) problem('asOf', `asOf (${asOf}) is before the request was received (${requestReceived})`);
  if (o.events !== undefined && !Array.isArray(o.events)) problem('events', 'events must be a list');
  const rawEvents = Array.isArray(o.events) ? (o.events as unknown[]) : [];
  const events: CaseEvent[] = [];
  rawEvents.forEach((raw, i) => {
    const f = `events.${i}`;
    if (typeof raw !== 'object' || raw === null) return problem(f, 'Each event must be an object with a type');
    const e = raw as Record<string, unknown>;
    if (typeof e.type !== 'string' || !(eventTypes as readonly string[]).includes(e.type)) {
      return problem(`${f}.type`, `Unknown event type ${JSON.stringify(e.type)}. Use one of: ${eventTypes.join(', ')}`);
    }
    const type = e.type as EventType;
    const needsAdviser = type === 'advice-requested' || type === 'advice-received' || (type === 'exception' && e.reason === 'missed-appointment');
    if (needsAdviser && (typeof e.adviser !== 'string' || !adviserKey.test(e.adviser))) {
      problem(`${f}.adviser`, `${type === 'exception' ? 'A missed-appointment exception' : `${type}`} needs an adviser, a key like health, educational-psychology or social-care`);
    }
    if (type === 'exception') {
      const reasons: readonly string[] = [...laExceptionReasons, ...adviserOnlyReasons];
      if (typeof e.reason !== 'string' || !reasons.includes(e.reason)) problem(`${f}.reason`, `Unknown exception reason ${JSON.stringify(e.reason)}. Use one of: ${reasons.join(', ')}`);
      const from = date(e.from, `${f}.from`, 'the first day of the exception (from)');
      const to = date(e.to, `${f}.to`, 'the last day of the exception (to)');
      if (from && to && to < from) problem(`${f}.to`, `The exception ends (${to}) before it starts (${from})`);
      if (from && to && typeof e.reason === 'string' && reasons.includes(e.reason)) {
        events.push({ type, reason: e.reason as ExceptionReason, from, to, ...(typeof e.adviser === 'string' ? { adviser: e.adviser } : {}) });
      }
      return;
    }
    const on = date(e.on, `${f}.on`, `the date of ${type}`);
    if (!on) return;
    if (requestReceived && on < requestReceived) problem(`${f}.on`, `${type} on ${on} is before the request was received (${requestReceived})`);
    if (asOf && on > asOf) problem(`${f}.on`, `${type} on ${on} is after asOf (${asOf}): events must have happened by the date statuses are worked out for`);
    events.push({ type, on, ...(typeof e.adviser === 'string' ? { adviser: e.adviser } : {}) });
  });
  if (errors.length === 0) errors.push(...orderProblems(events));
  if (errors.length || !requestReceived || !asOf) return { ok: false, errors };
  return { ok: true, value: { requestReceived, asOf, events } };
}

/** Impossible sequences, such as a final plan before a draft, with the rule that was broken. */
function orderProblems(events: CaseEvent[]): InputProblem[] {
  const out: InputProblem[] = [];
  const dated = events.map((e, i) => ({ e, i })).filter((x): x is { e: DatedEvent; i: number } => x.e.type !== 'exception');
  const first = (t: DatedEvent['type']) => dated.find((x) => x.e.type === t);
  const say = (i: number, message: string) => out.push({ field: `events.${i}`, message });
  for (const t of ['decision-to-assess', 'decision-not-to-assess', 'decision-not-to-issue', 'draft-issued', 'final-issued', 'withdrawn'] as const) {
    const all = dated.filter((x) => x.e.type === t);
    for (const extra of all.slice(1)) say(extra.i, `${t} appears more than once`);
  }
  const assess = first('decision-to-assess');
  const notAssess = first('decision-not-to-assess');
  const notIssue = first('decision-not-to-issue');
  const draft = first('draft-issued');
  const final = first('final-issued');
  const withdrawn = first('withdrawn');
  if (assess && notAssess) say(notAssess.i, 'A case cannot have both a decision to assess and a decision not to assess');
  const needsAssess = (x: { e: DatedEvent; i: number } | undefined, what: string) => {
    if (!x) return;
    if (!assess) say(x.i, `${what} needs a decision to assess first`);
    else if (x.e.on < assess.e.on) say(x.i, `${what} on ${x.e.on} is before the decision to assess (${assess.e.on})`);
  };
  for (const x of dated.filter((d) => d.e.type === 'advice-requested')) needsAssess(x, `Advice requested from ${x.e.adviser ?? 'an adviser'}`);
  needsAssess(notIssue, 'A decision not to issue a plan');
  needsAssess(draft, 'A draft plan');
  if (final && !draft) say(final.i, 'A final plan needs a draft plan first (reg 13: the family must see and comment on the draft)');
  if (final && draft && final.e.on < draft.e.on) say(final.i, `The final plan (${final.e.on}) is before the draft (${draft.e.on})`);
  if (notIssue && draft) say(notIssue.i, 'A case cannot have both a decision not to issue a plan and a draft plan');
  for (const x of dated.filter((d) => d.e.type === 'advice-received')) {
    const req = dated.find((d) => d.e.type === 'advice-requested' && d.e.adviser === x.e.adviser && d.e.on <= x.e.on);
    if (!req) say(x.i, `Advice received from ${x.e.adviser ?? 'an adviser'} on ${x.e.on} has no request for it on or before that date`);
  }
  if (withdrawn) {
    for (const x of dated) if (x !== withdrawn && x.e.on > withdrawn.e.on) say(x.i, `${x.e.type} on ${x.e.on} is after the case was withdrawn (${withdrawn.e.on})`);
  }
  if (notAssess) {
    for (const x of dated) if (['advice-requested', 'advice-received', 'decision-not-to-issue', 'draft-issued', 'final-issued'].includes(x.e.type)) say(x.i, `${x.e.type} cannot follow a decision not to assess`);
  }
  return out;
}

function exceptionLength(e: ExceptionEvent): number {
  return daysBetween(e.from, e.to) + 1;
}

function counts(e: ExceptionEvent): boolean {
  return !durationLimited.has(e.reason) || exceptionLength(e) >= minimumExceptionDays;
}

const overlaps = (e: ExceptionEvent, start: string, end: string) => e.from <= end && e.to >= start;

/** An LA exception (regs 5(4), 10(4), 13(3)) that overlaps the period from start to due. */
function laExceptionApplies(exceptions: ExceptionEvent[], start: string, due: string): boolean {
  return exceptions.some((e) => (laExceptionReasons as readonly string[]).includes(e.reason) && counts(e) && overlaps(e, start, due));
}

/** reg 8(2): exceptional personal circumstances, absence of 4 weeks, or a missed appointment with this adviser. */
function adviserExceptionApplies(exceptions: ExceptionEvent[], adviser: string, start: string, due: string): boolean {
  return exceptions.some(
    (e) => overlaps(e, start, due) && counts(e) && (e.reason === 'personal-circumstances' || e.reason === 'absence-from-area' || (e.reason === 'missed-appointment' && e.adviser === adviser)),
  );
}

function status(due: string, done: string | null, asOf: string, exception: boolean, endedOn: string | null): StepStatus {
  if (done) return done <= due ? 'met' : exception ? 'late-exception' : 'late';
  if (endedOn) return 'not-applicable';
  if (asOf <= due) return 'pending';
  return exception ? 'overdue-exception' : 'overdue';
}

/** Every statutory step with its due date and status, from a checked case history. */
export function computeTimescales(c: CaseHistory): Timescales {
  const { requestReceived: req, asOf } = c;
  const exceptions = c.events.filter((e): e is ExceptionEvent => e.type === 'exception');
  const dated = c.events.filter((e): e is DatedEvent => e.type !== 'exception').sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const on = (t: DatedEvent['type']) => dated.find((e) => e.type === t)?.on ?? null;
  const withdrawn = on('withdrawn');
  const notAssess = on('decision-not-to-assess');
  const notIssue = on('decision-not-to-issue');
  const draft = on('draft-issued');
  const final = on('final-issued');
  const steps: Step[] = [];

  const decisionDue = addDays(req, decisionDays);
  const decisionDone = on('decision-to-assess') ?? notAssess;
  steps.push({ step: 'decision', due: decisionDue, done: decisionDone, status: status(decisionDue, decisionDone, asOf, laExceptionApplies(exceptions, req, decisionDue), withdrawn) });

  const received = dated.filter((e) => e.type === 'advice-received');
  for (const r of dated.filter((e) => e.type === 'advice-requested')) {
    const adviser = r.adviser ?? '';
    const due = addDays(r.on, adviceDays);
    const idx = received.findIndex((x) => x.adviser === adviser && x.on >= r.on);
    const done = idx >= 0 ? (received.splice(idx, 1)[0]?.on ?? null) : null;
    steps.push({ step: `advice:${adviser}`, due, done, status: status(due, done, asOf, adviserExceptionApplies(exceptions, adviser, r.on, due), withdrawn) });
  }

  if (notIssue) {
    const due = addDays(req, noPlanDays);
    steps.push({ step: 'no-plan-decision', due, done: notIssue, status: status(due, notIssue, asOf, laExceptionApplies(exceptions, req, due), withdrawn) });
  }

  if (draft) {
    const due = addDays(draft, commentsDays);
    const s: StepStatus = withdrawn && withdrawn <= due && !final ? 'not-applicable' : asOf <= due ? 'open' : 'closed';
    steps.push({ step: 'comments', due, done: null, status: s });
  }

  const finalDue = addDays(req, finalDays);
  const week20 = laExceptionApplies(exceptions, req, finalDue);
  const finalStatus = notAssess || notIssue ? 'not-applicable' : status(finalDue, final, asOf, week20, withdrawn);
  steps.push({ step: 'final', due: finalDue, done: final, status: finalStatus });

  return { steps, exceptionApplies: week20 };
}

/** Checks and computes in one call, for the CLI and the API. */
export function timescales(input: unknown): { ok: true; value: Timescales } | { ok: false; errors: InputProblem[] } {
  const checked = checkCaseHistory(input);
  return checked.ok ? { ok: true, value: computeTimescales(checked.value) } : checked;
}
