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
// Each known name maps to our own copy of it: the checked history holds these, not the strings it was sent, so the
// engine's many comparisons of types and reasons compare two interned strings (a pointer) rather than characters.
const knownTypes: ReadonlyMap<string, EventType> = new Map(eventTypes.map((t) => [t, t]));
const exceptionReasons: readonly ExceptionReason[] = [...laExceptionReasons, ...adviserOnlyReasons];
const knownReasons: ReadonlyMap<string, ExceptionReason> = new Map(exceptionReasons.map((r) => [r, r]));
const laReasons: ReadonlySet<string> = new Set(laExceptionReasons);

// What is wrong with a date field: nothing, nothing given, or not a real YYYY-MM-DD date. The checker works out
// the field's name and message only when there is a problem: it is run on every history the API is sent (issue 3
// §5: 150,000 in under 2 s), so on valid input it builds no strings and no closures: only the checked events it
// returns and an empty list of problems.
const dateOk = 0;
const dateMissing = 1;
const dateMalformed = 2;
function dateState(v: unknown): number {
  if (v === undefined || v === null || v === '') return dateMissing;
  return isPlainDate(v) ? dateOk : dateMalformed;
}
function dateProblem(state: number, v: unknown, field: string, label: string): InputProblem {
  return state === dateMissing
    ? { field, message: `Enter ${label} as a date like 2025-01-06` }
    : { field, message: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date written YYYY-MM-DD, like 2025-01-06 (got ${JSON.stringify(v)})` };
}

/** Checks untrusted input and says, field by field, what is wrong; never throws. */
export function checkCaseHistory(input: unknown): Checked {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: 'Send a JSON object with requestReceived, asOf and events' }] };
  }
  const errors: InputProblem[] = [];
  const o = input as Record<string, unknown>;
  const rawRequest = o.requestReceived;
  const requestState = dateState(rawRequest);
  if (requestState !== dateOk) errors.push(dateProblem(requestState, rawRequest, 'requestReceived', 'the date the request was received'));
  const requestReceived = requestState === dateOk ? (rawRequest as string) : null;
  const rawAsOf = o.asOf;
  const asOfState = dateState(rawAsOf);
  if (asOfState !== dateOk) errors.push(dateProblem(asOfState, rawAsOf, 'asOf', 'the date to work out statuses on (asOf)'));
  const asOf = asOfState === dateOk ? (rawAsOf as string) : null;
  if (requestReceived && asOf && asOf < requestReceived) errors.push({ field: 'asOf', message: `asOf (${asOf}) is before the request was received (${requestReceived})` });
  const list = o.events;
  if (list !== undefined && !Array.isArray(list)) errors.push({ field: 'events', message: 'events must be a list' });
  const rawEvents: readonly unknown[] = Array.isArray(list) ? list : [];
  const events: CaseEvent[] = [];
  for (let i = 0; i < rawEvents.length; i++) {
    if (!(i in rawEvents)) continue; // a hole in a sparse list is no event (as forEach skipped it)
    const raw = rawEvents[i];
    if (typeof raw !== 'object' || raw === null) {
      errors.push({ field: `events.${i}`, message: 'Each event must be an object with a type' });
      continue;
    }
    const e = raw as Record<string, unknown>;
    const rawType = e.type;
    const type = typeof rawType === 'string' ? knownTypes.get(rawType) : undefined;
    if (type === undefined) {
      errors.push({ field: `events.${i}.type`, message: `Unknown event type ${JSON.stringify(rawType)}. Use one of: ${eventTypes.join(', ')}` });
      continue;
    }
    const adviser = e.adviser;
    const reason = e.reason;
    const needsAdviser = type === 'advice-requested' || type === 'advice-received' || (type === 'exception' && reason === 'missed-appointment');
    if (needsAdviser && (typeof adviser !== 'string' || !adviserKey.test(adviser))) {
      errors.push({ field: `events.${i}.adviser`, message: `${type === 'exception' ? 'A missed-appointment exception' : type} needs an adviser, a key like health, educational-psychology or social-care` });
    }
    if (type === 'exception') {
      const knownReason = typeof reason === 'string' ? knownReasons.get(reason) : undefined;
      if (knownReason === undefined) errors.push({ field: `events.${i}.reason`, message: `Unknown exception reason ${JSON.stringify(reason)}. Use one of: ${exceptionReasons.join(', ')}` });
      const rawFrom = e.from;
      const fromState = dateState(rawFrom);
      if (fromState !== dateOk) errors.push(dateProblem(fromState, rawFrom, `events.${i}.from`, 'the first day of the exception (from)'));
      const rawTo = e.to;
      const toState = dateState(rawTo);
      if (toState !== dateOk) errors.push(dateProblem(toState, rawTo, `events.${i}.to`, 'the last day of the exception (to)'));
      if (fromState !== dateOk || toState !== dateOk) continue;
      const from = rawFrom as string;
      const to = rawTo as string;
      if (to < from) errors.push({ field: `events.${i}.to`, message: `The exception ends (${to}) before it starts (${from})` });
      if (knownReason !== undefined) {
        events.push(typeof adviser === 'string' ? { type, reason: knownReason, from, to, adviser } : { type, reason: knownReason, from, to });
      }
      continue;
    }
    const rawOn = e.on;
    const onState = dateState(rawOn);
    if (onState !== dateOk) {
      errors.push(dateProblem(onState, rawOn, `events.${i}.on`, `the date of ${type}`));
      continue;
    }
    const on = rawOn as string;
    if (requestReceived && on < requestReceived) errors.push({ field: `events.${i}.on`, message: `${type} on ${on} is before the request was received (${requestReceived})` });
    if (asOf && on > asOf) errors.push({ field: `events.${i}.on`, message: `${type} on ${on} is after asOf (${asOf}): events must have happened by the date statuses are worked out for` });
    events.push(typeof adviser === 'string' ? { type, on, adviser } : { type, on });
  }
  if (errors.length === 0) orderProblems(events, errors);
  if (errors.length || !requestReceived || !asOf) return { ok: false, errors };
  return { ok: true, value: { requestReceived, asOf, events } };
}

const onceOnly = ['decision-to-assess', 'decision-not-to-assess', 'decision-not-to-issue', 'draft-issued', 'final-issued', 'withdrawn'] as const;
const notAfterNotAssess: ReadonlySet<string> = new Set(['advice-requested', 'advice-received', 'decision-not-to-issue', 'draft-issued', 'final-issued']);

/**
 * Impossible sequences, such as a final plan before a draft, with the rule that was broken; added to out. Run only
 * on events that all passed the field checks, so an event's index here is its index in the input.
 */
function orderProblems(events: readonly CaseEvent[], out: InputProblem[]): void {
  const n = events.length;
  // The first of each once-only event, and whether any comes twice, in one pass.
  let assessAt = -1;
  let notAssessAt = -1;
  let notIssueAt = -1;
  let draftAt = -1;
  let finalAt = -1;
  let withdrawnAt = -1;
  let repeated = false;
  for (let i = 0; i < n; i++) {
    switch ((events[i] as CaseEvent).type) {
      case 'decision-to-assess':
        if (assessAt < 0) assessAt = i;
        else repeated = true;
        break;
      case 'decision-not-to-assess':
        if (notAssessAt < 0) notAssessAt = i;
        else repeated = true;
        break;
      case 'decision-not-to-issue':
        if (notIssueAt < 0) notIssueAt = i;
        else repeated = true;
        break;
      case 'draft-issued':
        if (draftAt < 0) draftAt = i;
        else repeated = true;
        break;
      case 'final-issued':
        if (finalAt < 0) finalAt = i;
        else repeated = true;
        break;
      case 'withdrawn':
        if (withdrawnAt < 0) withdrawnAt = i;
        else repeated = true;
        break;
      case 'advice-requested':
      case 'advice-received':
      case 'exception':
        break;
    }
  }
  if (repeated) {
    for (const t of onceOnly) {
      let seen = false;
      for (let i = 0; i < n; i++) {
        if ((events[i] as CaseEvent).type !== t) continue;
        if (seen) out.push({ field: `events.${i}`, message: `${t} appears more than once` });
        seen = true;
      }
    }
  }
  const assess = assessAt >= 0 ? (events[assessAt] as DatedEvent) : null;
  const draft = draftAt >= 0 ? (events[draftAt] as DatedEvent) : null;
  const final = finalAt >= 0 ? (events[finalAt] as DatedEvent) : null;
  if (assess && notAssessAt >= 0) out.push({ field: `events.${notAssessAt}`, message: 'A case cannot have both a decision to assess and a decision not to assess' });
  for (let i = 0; i < n; i++) {
    const e = events[i] as CaseEvent;
    if (e.type === 'advice-requested' && (!assess || e.on < assess.on)) needsAssess(e, i, assess, `Advice requested from ${e.adviser ?? 'an adviser'}`, out);
  }
  if (notIssueAt >= 0) needsAssess(events[notIssueAt] as DatedEvent, notIssueAt, assess, 'A decision not to issue a plan', out);
  if (draft) needsAssess(draft, draftAt, assess, 'A draft plan', out);
  if (final && !draft) out.push({ field: `events.${finalAt}`, message: 'A final plan needs a draft plan first (reg 13: the family must see and comment on the draft)' });
  if (final && draft && final.on < draft.on) out.push({ field: `events.${finalAt}`, message: `The final plan (${final.on}) is before the draft (${draft.on})` });
  if (notIssueAt >= 0 && draft) out.push({ field: `events.${notIssueAt}`, message: 'A case cannot have both a decision not to issue a plan and a draft plan' });
  for (let i = 0; i < n; i++) {
    const x = events[i] as CaseEvent;
    if (x.type !== 'advice-received') continue;
    let asked = false;
    for (let j = 0; j < n && !asked; j++) {
      const d = events[j] as CaseEvent;
      asked = d.type === 'advice-requested' && d.adviser === x.adviser && d.on <= x.on;
    }
    if (!asked) out.push({ field: `events.${i}`, message: `Advice received from ${x.adviser ?? 'an adviser'} on ${x.on} has no request for it on or before that date` });
  }
  if (withdrawnAt >= 0) {
    const withdrawnOn = (events[withdrawnAt] as DatedEvent).on;
    for (let i = 0; i < n; i++) {
      const x = events[i] as CaseEvent;
      if (i !== withdrawnAt && x.type !== 'exception' && x.on > withdrawnOn) out.push({ field: `events.${i}`, message: `${x.type} on ${x.on} is after the case was withdrawn (${withdrawnOn})` });
    }
  }
  if (notAssessAt >= 0) {
    for (let i = 0; i < n; i++) {
      const x = events[i] as CaseEvent;
      if (notAfterNotAssess.has(x.type)) out.push({ field: `events.${i}`, message: `${x.type} cannot follow a decision not to assess` });
    }
  }
}

/** A step that needs the decision to assess before it. */
function needsAssess(x: DatedEvent, i: number, assess: DatedEvent | null, what: string, out: InputProblem[]): void {
  if (!assess) out.push({ field: `events.${i}`, message: `${what} needs a decision to assess first` });
  else if (x.on < assess.on) out.push({ field: `events.${i}`, message: `${what} on ${x.on} is before the decision to assess (${assess.on})` });
}

function exceptionLength(e: ExceptionEvent): number {
  return daysBetween(e.from, e.to) + 1;
}

function counts(e: ExceptionEvent): boolean {
  return !durationLimited.has(e.reason) || exceptionLength(e) >= minimumExceptionDays;
}

const overlaps = (e: ExceptionEvent, start: string, end: string) => e.from <= end && e.to >= start;

/** An LA exception (regs 5(4), 10(4), 13(3)) that overlaps the period from start to due. */
function laExceptionApplies(events: readonly CaseEvent[], start: string, due: string): boolean {
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as CaseEvent;
    if (e.type === 'exception' && laReasons.has(e.reason) && overlaps(e, start, due) && counts(e)) return true;
  }
  return false;
}

/** reg 8(2): exceptional personal circumstances, absence of 4 weeks, or a missed appointment with this adviser. */
function adviserExceptionApplies(events: readonly CaseEvent[], adviser: string, start: string, due: string): boolean {
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as CaseEvent;
    if (e.type !== 'exception' || !overlaps(e, start, due)) continue;
    if ((e.reason === 'personal-circumstances' || e.reason === 'absence-from-area' || (e.reason === 'missed-appointment' && e.adviser === adviser)) && counts(e)) return true;
  }
  return false;
}

function status(due: string, done: string | null, asOf: string, exception: boolean, endedOn: string | null): StepStatus {
  if (done) return done <= due ? 'met' : exception ? 'late-exception' : 'late';
  if (endedOn) return 'not-applicable';
  if (asOf <= due) return 'pending';
  return exception ? 'overdue-exception' : 'overdue';
}

const earlier = (a: string | null, b: string): string => (a === null || b < a ? b : a);
/** Sorts a short list of events by date in place, stably (events on the same day keep their order). */
function sortByDate(list: (DatedEvent | null)[]): void {
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as DatedEvent;
    let j = i - 1;
    for (; j >= 0 && (list[j] as DatedEvent).on > x.on; j--) list[j + 1] = list[j] as DatedEvent;
    list[j + 1] = x;
  }
}

/** Every statutory step with its due date and status, from a checked case history. */
export function computeTimescales(c: CaseHistory): Timescales {
  const { requestReceived: req, asOf, events } = c;
  // Events may come in any order: each step takes the earliest event of its kind, and advice is matched to its
  // request in date order (a stable sort, so events on the same day keep the order they were given in).
  let assessed: string | null = null;
  let notAssess: string | null = null;
  let notIssue: string | null = null;
  let draft: string | null = null;
  let final: string | null = null;
  let withdrawn: string | null = null;
  let requested: DatedEvent[] | null = null;
  let received: (DatedEvent | null)[] | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as CaseEvent;
    switch (e.type) {
      case 'decision-to-assess':
        assessed = earlier(assessed, e.on);
        break;
      case 'decision-not-to-assess':
        notAssess = earlier(notAssess, e.on);
        break;
      case 'decision-not-to-issue':
        notIssue = earlier(notIssue, e.on);
        break;
      case 'draft-issued':
        draft = earlier(draft, e.on);
        break;
      case 'final-issued':
        final = earlier(final, e.on);
        break;
      case 'withdrawn':
        withdrawn = earlier(withdrawn, e.on);
        break;
      case 'advice-requested':
        (requested ??= []).push(e);
        break;
      case 'advice-received':
        (received ??= []).push(e);
        break;
      case 'exception':
        break;
    }
  }
  const steps: Step[] = [];

  // reg 5(1): decide whether to assess within 6 weeks of the request.
  const decisionDue = addDays(req, decisionDays);
  const decisionDone = assessed ?? notAssess;
  steps.push({ step: 'decision', due: decisionDue, done: decisionDone, status: status(decisionDue, decisionDone, asOf, laExceptionApplies(events, req, decisionDue), withdrawn) });

  // reg 8(1): advice within 6 weeks of each request. The matching is ours, not the law's: each request, in date
  // order, takes the earliest receipt from that adviser on or after its date that no earlier request took.
  if (requested) {
    sortByDate(requested);
    if (received) sortByDate(received);
    for (let i = 0; i < requested.length; i++) {
      const r = requested[i] as DatedEvent;
      const adviser = r.adviser ?? '';
      const due = addDays(r.on, adviceDays);
      let done: string | null = null;
      if (received) {
        for (let k = 0; k < received.length; k++) {
          const x = received[k];
          if (x && x.adviser === adviser && x.on >= r.on) {
            done = x.on;
            received[k] = null; // answered: it cannot answer a later request too
            break;
          }
        }
      }
      steps.push({ step: `advice:${adviser}`, due, done, status: status(due, done, asOf, adviserExceptionApplies(events, adviser, r.on, due), withdrawn) });
    }
  }

  // reg 10(1): a decision not to issue a plan within 16 weeks of the request.
  if (notIssue) {
    const due = addDays(req, noPlanDays);
    steps.push({ step: 'no-plan-decision', due, done: notIssue, status: status(due, notIssue, asOf, laExceptionApplies(events, req, due), withdrawn) });
  }

  // reg 13(1)(a): the family has at least 15 days to comment on the draft.
  if (draft) {
    const due = addDays(draft, commentsDays);
    const s: StepStatus = withdrawn && withdrawn <= due && !final ? 'not-applicable' : asOf <= due ? 'open' : 'closed';
    steps.push({ step: 'comments', due, done: null, status: s });
  }

  // reg 13(2): the final plan within 20 weeks of the request.
  const finalDue = addDays(req, finalDays);
  const week20 = laExceptionApplies(events, req, finalDue);
  const finalStatus = notAssess || notIssue ? 'not-applicable' : status(finalDue, final, asOf, week20, withdrawn);
  steps.push({ step: 'final', due: finalDue, done: final, status: finalStatus });

  return { steps, exceptionApplies: week20 };
}

/** Checks and computes in one call, for the CLI and the API. */
export function timescales(input: unknown): { ok: true; value: Timescales } | { ok: false; errors: InputProblem[] } {
  const checked = checkCaseHistory(input);
  return checked.ok ? { ok: true, value: computeTimescales(checked.value) } : checked;
}
