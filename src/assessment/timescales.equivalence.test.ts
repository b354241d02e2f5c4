// The checker and the computation were rewritten for speed (issue 3 §5: 150,000 histories in under 2 s). This
// file keeps the engine as it was before (commit f1a4793), checker, computation and date arithmetic, as a
// reference only, and checks over generated valid and invalid inputs that the engine accepts and rejects exactly
// what the reference did, with the same messages in the same order, and computes the same steps and statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  adviceDays, adviserOnlyReasons, checkCaseHistory, commentsDays, computeTimescales, decisionDays, eventTypes, finalDays, laExceptionReasons, minimumExceptionDays, noPlanDays,
  type CaseEvent, type CaseHistory, type Checked, type DatedEvent, type EventType, type ExceptionEvent, type ExceptionReason, type InputProblem, type Step, type StepStatus, type Timescales,
} from './timescales.ts';
import { addDays, daysBetween, isPlainDate } from '../platform/plain-date.ts';
import { syntheticHistories } from '../../bench/timescales.ts';

// ---- The reference: src/platform/plain-date.ts and src/assessment/timescales.ts at f1a4793, unchanged but for names.

const re = /^(\d{4})-(\d{2})-(\d{2})$/;
function refIsPlainDate(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 10 || !re.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}
function dayNumber(iso: string): number {
  let y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function refAddDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** Days from a to b (b − a); 0 for the same day. */
function refDaysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

const durationLimited = new Set<ExceptionReason>(['school-closure', 'early-years-closure', 'absence-from-area']);
const adviserKey = /^[a-z0-9][a-z0-9-]{0,59}$/;

/** Checks untrusted input and says, field by field, what is wrong; never throws. */
function refCheckCaseHistory(input: unknown): Checked {
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
    if (!refIsPlainDate(v)) {
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
  return refDaysBetween(e.from, e.to) + 1;
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
function refComputeTimescales(c: CaseHistory): Timescales {
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

  const decisionDue = refAddDays(req, decisionDays);
  const decisionDone = on('decision-to-assess') ?? notAssess;
  steps.push({ step: 'decision', due: decisionDue, done: decisionDone, status: status(decisionDue, decisionDone, asOf, laExceptionApplies(exceptions, req, decisionDue), withdrawn) });

  const received = dated.filter((e) => e.type === 'advice-received');
  for (const r of dated.filter((e) => e.type === 'advice-requested')) {
    const adviser = r.adviser ?? '';
    const due = refAddDays(r.on, adviceDays);
    const idx = received.findIndex((x) => x.adviser === adviser && x.on >= r.on);
    const done = idx >= 0 ? (received.splice(idx, 1)[0]?.on ?? null) : null;
    steps.push({ step: `advice:${adviser}`, due, done, status: status(due, done, asOf, adviserExceptionApplies(exceptions, adviser, r.on, due), withdrawn) });
  }

  if (notIssue) {
    const due = refAddDays(req, noPlanDays);
    steps.push({ step: 'no-plan-decision', due, done: notIssue, status: status(due, notIssue, asOf, laExceptionApplies(exceptions, req, due), withdrawn) });
  }

  if (draft) {
    const due = refAddDays(draft, commentsDays);
    const s: StepStatus = withdrawn && withdrawn <= due && !final ? 'not-applicable' : asOf <= due ? 'open' : 'closed';
    steps.push({ step: 'comments', due, done: null, status: s });
  }

  const finalDue = refAddDays(req, finalDays);
  const week20 = laExceptionApplies(exceptions, req, finalDue);
  const finalStatus = notAssess || notIssue ? 'not-applicable' : status(finalDue, final, asOf, week20, withdrawn);
  steps.push({ step: 'final', due: finalDue, done: final, status: finalStatus });

  return { steps, exceptionApplies: week20 };
}

// ---- Generated inputs: coherent case stories (mostly valid, sometimes broken on purpose) and random event lists
// (mostly invalid), drawn from a window of dates small enough that events collide, tie and fall out of order.

const firstDay = '2024-11-01';
const dateIn = (d: number) => refAddDays(firstDay, d);
const badDates: unknown[] = ['', null, undefined, '2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-6', '06/01/2025', '2025-06-01T00:00', ' 2025-06-01', '2025-06-1 ', '２０２５-01-01', '+025-01-01', '2025/01/01', 20250106, {}, []];
const badAdvisers: unknown[] = [undefined, '', 'Health', 'a'.repeat(60), 'a'.repeat(61), '-health', 'social care', 7, null];
const badTypes: unknown[] = ['decision', 'plan-issued', '', 'Exception', '__proto__', 'toString', undefined, null, 3, ['exception']];
const badReasons: unknown[] = ['waiting-list', '', 'constructor', undefined, null, 1];
const advisers = ['health', 'social-care', 'education', 'educational-psychology'];
const reasons: readonly string[] = [...laExceptionReasons, ...adviserOnlyReasons];

type Raw = Record<string, unknown>;
const mutations = ['bad-date', 'bad-type', 'drop-field', 'bad-adviser', 'bad-reason', 'duplicate', 'extra-event', 'move-date', 'not-object', 'extra-field', 'events-not-list', 'drop-top'] as const;

const exceptionArb = fc.record({
  reason: fc.constantFrom(...reasons),
  from: fc.integer({ min: -10, max: 200 }),
  length: fc.constantFrom(1, 14, 26, 27, 28, 29, 45),
  adviser: fc.constantFrom(...advisers),
  withAdviser: fc.boolean(),
});

const storyArb = fc.record({
  request: fc.integer({ min: 0, max: 200 }),
  asOfAfter: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 300 }) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) }),
  decision: fc.integer({ min: 0, max: 60 }),
  notAssess: fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
  advice: fc.array(fc.record({ adviser: fc.constantFrom(...advisers), asked: fc.integer({ min: 0, max: 6 }), answered: fc.option(fc.integer({ min: 0, max: 80 }), { freq: 3 }) }), { maxLength: 6 }),
  outcome: fc.constantFrom('open', 'no-plan', 'withdrawn', 'draft', 'final', 'final', 'final'),
  draftAfter: fc.integer({ min: 0, max: 30 }),
  finalAfter: fc.integer({ min: 0, max: 40 }),
  exceptions: fc.array(exceptionArb, { maxLength: 3 }),
  keepFuture: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
  order: fc.constantFrom('date', 'given', 'shuffled'),
  shuffleSeed: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
  mutation: fc.option(fc.record({ kind: fc.constantFrom(...mutations), at: fc.nat(), pick: fc.nat(), day: fc.integer({ min: -30, max: 300 }) }), { freq: 2 }),
});

type Story = typeof storyArb extends fc.Arbitrary<infer T> ? T : never;

function buildStory(s: Story): unknown {
  const req = s.request;
  const asOf = req + s.asOfAfter;
  const events: { e: Raw; day: number }[] = [];
  const add = (e: Raw, day: number) => events.push({ e: { ...e, on: dateIn(day) }, day });
  const decided = req + s.decision;
  if (s.notAssess) add({ type: 'decision-not-to-assess' }, decided);
  else {
    add({ type: 'decision-to-assess' }, decided);
    let last = decided;
    for (const a of s.advice) {
      const asked = decided + a.asked;
      add({ type: 'advice-requested', adviser: a.adviser }, asked);
      if (a.answered !== null) {
        add({ type: 'advice-received', adviser: a.adviser }, asked + a.answered);
        last = Math.max(last, asked + a.answered);
      }
    }
    const draft = last + s.draftAfter;
    if (s.outcome === 'no-plan') add({ type: 'decision-not-to-issue' }, last + s.draftAfter);
    if (s.outcome === 'draft' || s.outcome === 'final' || s.outcome === 'withdrawn') add({ type: 'draft-issued' }, draft);
    if (s.outcome === 'final') add({ type: 'final-issued' }, draft + s.finalAfter);
    if (s.outcome === 'withdrawn') add({ type: 'withdrawn' }, draft + s.finalAfter);
  }
  let list: Raw[] = events.filter((x) => s.keepFuture || x.day <= asOf).map((x) => x.e);
  for (const x of s.exceptions) {
    const from = req + x.from;
    list.push({ type: 'exception', reason: x.reason, from: dateIn(from), to: dateIn(from + x.length - 1), ...(x.reason === 'missed-appointment' || x.withAdviser ? { adviser: x.adviser } : {}) });
  }
  if (s.order === 'date') list.sort((a, b) => String(a.on ?? a.from).localeCompare(String(b.on ?? b.from)));
  if (s.order === 'shuffled') list = shuffle(list, s.shuffleSeed);
  const history: Raw = { requestReceived: dateIn(req), asOf: dateIn(asOf), events: list };
  if (s.mutation) mutate(history, list, s.mutation);
  return history;
}

function shuffle<T>(list: T[], seed: readonly number[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (seed[i % seed.length] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function mutate(history: Raw, list: Raw[], m: { kind: (typeof mutations)[number]; at: number; pick: number; day: number }): void {
  const i = list.length ? m.at % list.length : 0;
  const e = list[i];
  const pick = <T>(xs: readonly T[]) => xs[m.pick % xs.length] as T;
  switch (m.kind) {
    case 'bad-date': {
      const fields = e ? (e.type === 'exception' ? ['from', 'to'] : ['on']) : [];
      const field = pick(['requestReceived', 'asOf', ...fields]);
      if (field === 'requestReceived' || field === 'asOf') history[field] = pick(badDates);
      else if (e) e[field] = pick(badDates);
      break;
    }
    case 'bad-type':
      if (e) e.type = pick(badTypes);
      break;
    case 'drop-field':
      if (e) delete e[pick(['type', 'on', 'adviser', 'reason', 'from', 'to'])];
      break;
    case 'bad-adviser':
      if (e) e.adviser = pick(badAdvisers);
      break;
    case 'bad-reason':
      if (e) e.reason = pick(badReasons);
      break;
    case 'duplicate':
      if (e) list.splice(m.pick % (list.length + 1), 0, { ...e });
      break;
    case 'extra-event':
      list.splice(m.pick % (list.length + 1), 0, randomEvent(m.pick, m.day));
      break;
    case 'move-date':
      if (e) e[e.type === 'exception' ? pick(['from', 'to']) : 'on'] = dateIn(m.day);
      break;
    case 'not-object':
      list.splice(i, 0, pick<unknown>([null, 'decision-to-assess', 3, true]) as Raw);
      break;
    case 'extra-field':
      if (e) e[pick(['note', 'On', 'adviser', '__proto__x'])] = pick(['health', 1, null, 'x']);
      break;
    case 'events-not-list':
      history.events = pick([{}, 'none', 3, null]);
      break;
    case 'drop-top':
      delete history[pick(['requestReceived', 'asOf', 'events'])];
      break;
  }
}

const allTypes: readonly EventType[] = eventTypes;
function randomEvent(n: number, day: number): Raw {
  const type = allTypes[n % allTypes.length] as EventType;
  if (type === 'exception') return { type, reason: reasons[n % reasons.length], from: dateIn(day), to: dateIn(day + (n % 40)), ...(n % 3 ? { adviser: advisers[n % advisers.length] } : {}) };
  return { type, on: dateIn(day), ...(type.startsWith('advice') || n % 5 === 0 ? { adviser: advisers[(n >> 2) % advisers.length] } : {}) };
}

const randomListArb = fc.record({
  request: fc.integer({ min: 0, max: 120 }),
  asOf: fc.integer({ min: 0, max: 400 }),
  events: fc.array(
    fc.record({
      type: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...eventTypes) }, { weight: 1, arbitrary: fc.constantFrom(...badTypes) }),
      on: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 400 }).map(dateIn) }, { weight: 1, arbitrary: fc.constantFrom(...badDates) }),
      from: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 400 }).map(dateIn) }, { weight: 1, arbitrary: fc.constantFrom(...badDates) }),
      to: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 400 }).map(dateIn) }, { weight: 1, arbitrary: fc.constantFrom(...badDates) }),
      adviser: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...advisers) }, { weight: 1, arbitrary: fc.constantFrom(...badAdvisers) }),
      reason: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...reasons) }, { weight: 1, arbitrary: fc.constantFrom(...badReasons) }),
    }, { requiredKeys: ['type'] }),
    { maxLength: 12 },
  ),
  sparse: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
}).map((r) => ({ requestReceived: dateIn(r.request), asOf: dateIn(r.asOf), events: r.sparse ? holes(r.events) : r.events }));

/** The list with every third place left empty (a sparse array, which JSON cannot make but a caller might). */
function holes<T>(list: T[]): T[] {
  const out: T[] = [];
  list.forEach((x, i) => {
    out[i + Math.floor(i / 2)] = x;
  });
  return out;
}

// Any well-typed history, checked or not (duplicates, same-day ties, advice without an adviser): computeTimescales
// is also called directly, on histories built from the database (case.ts).
const typedHistoryArb = fc.record({
  request: fc.integer({ min: 0, max: 60 }),
  asOf: fc.integer({ min: 0, max: 300 }),
  events: fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.record({ type: fc.constantFrom(...eventTypes.filter((t): t is DatedEvent['type'] => t !== 'exception')), on: fc.integer({ min: 0, max: 250 }).map(dateIn), adviser: fc.constantFrom(...advisers, 'health') }, { requiredKeys: ['type', 'on'] }) },
      { weight: 1, arbitrary: fc.record({ type: fc.constant('exception' as const), reason: fc.constantFrom(...laExceptionReasons, ...adviserOnlyReasons), from: fc.integer({ min: 0, max: 250 }), length: fc.constantFrom(1, 27, 28, 40), adviser: fc.constantFrom(...advisers) }, { requiredKeys: ['type', 'reason', 'from', 'length'] }).map(({ length, from, ...e }) => ({ ...e, from: dateIn(from), to: dateIn(from + length - 1) })) },
    ),
    { maxLength: 14 },
  ),
}).map((r): CaseHistory => ({ requestReceived: dateIn(r.request), asOf: dateIn(r.asOf), events: r.events }));

// ---- The checks.

let accepted = 0;
let rejected = 0;
const messages = new Set<string>();
function sameAsReference(input: unknown): void {
  const want = refCheckCaseHistory(input);
  const got = checkCaseHistory(input);
  assert.deepStrictEqual(got, want);
  if (want.ok && got.ok) {
    accepted++;
    assert.deepStrictEqual(computeTimescales(got.value), refComputeTimescales(want.value));
  } else {
    rejected++;
    if (!want.ok) for (const e of want.errors) messages.add(e.message);
  }
}

test('case stories, valid and broken: the same answer as the reference, field errors and messages in order, and the same steps', () => {
  accepted = rejected = 0;
  fc.assert(fc.property(storyArb, (s) => sameAsReference(buildStory(s))), { numRuns: 20_000 });
  // The generators are worth something only if both paths are taken often.
  assert.ok(accepted > 4_000 && rejected > 4_000, `accepted ${accepted}, rejected ${rejected}`);
});

test('random event lists (mostly out of order or malformed): the same answer as the reference', () => {
  accepted = rejected = 0;
  fc.assert(fc.property(randomListArb, sameAsReference), { numRuns: 20_000 });
  assert.ok(accepted > 500 && rejected > 10_000, `accepted ${accepted}, rejected ${rejected}`);
});

test('any well-typed history, checked or not: the same steps and statuses as the reference', () => {
  fc.assert(fc.property(typedHistoryArb, (h) => assert.deepStrictEqual(computeTimescales(h), refComputeTimescales(h))), { numRuns: 20_000 });
});

test('anything at all, and the benchmark histories: the same answer as the reference', () => {
  fc.assert(fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true, withObjectString: true }), sameAsReference), { numRuns: 5_000 });
  fc.assert(fc.property(fc.record({ requestReceived: fc.anything(), asOf: fc.anything(), events: fc.array(fc.anything({ withSparseArray: true })) }), sameAsReference), { numRuns: 5_000 });
  accepted = rejected = 0;
  for (const h of syntheticHistories(5_000, 7)) sameAsReference(h);
  assert.equal(accepted, 5_000);
});

test('dates: isPlainDate, addDays and daysBetween read by character code give what the regular expression and slices gave', () => {
  const digit = fc.constantFrom(...'0123456789');
  const nearDate = fc.array(fc.oneof({ weight: 20, arbitrary: digit }, { weight: 1, arbitrary: fc.constantFrom('-', '/', ' ', '+', 'e', '.', 'x', '٣', '\n') }), { minLength: 8, maxLength: 12 });
  const shaped = fc.tuple(fc.array(digit, { minLength: 4, maxLength: 4 }), fc.array(digit, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 2, maxLength: 2 })).map(([y, m, d]) => `${y.join('')}-${m.join('')}-${d.join('')}`);
  const strings = fc.oneof(shaped, nearDate.map((cs) => cs.join('')), fc.string(), fc.string({ unit: 'binary' }));
  fc.assert(fc.property(fc.oneof(strings, fc.anything()), (s) => isPlainDate(s) === refIsPlainDate(s)), { numRuns: 50_000 });
  // Every day and month number over four centuries, with its day arithmetic.
  for (let y = 1899; y <= 2301; y++) {
    for (let m = 0; m <= 13; m++) {
      for (let d = 0; d <= 32; d++) {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        assert.equal(isPlainDate(s), refIsPlainDate(s), s);
        if (refIsPlainDate(s)) assert.equal(addDays(s, 140), refAddDays(s, 140), s);
      }
    }
  }
  // Arithmetic on what is not a date comes out as it did (callers never pass such, but nothing depends on luck).
  fc.assert(fc.property(strings, fc.integer({ min: -1000, max: 1000 }), (s, n) => addDays(s, n) === refAddDays(s, n) && Object.is(daysBetween(s, '2025-01-06'), refDaysBetween(s, '2025-01-06'))), { numRuns: 20_000 });
});

test('the generated inputs drew every message the checker has', () => {
  const kinds = [
    /^Send a JSON object/, /^Enter .* as a date like/, /must be a real date written YYYY-MM-DD/, /^asOf \(.*\) is before the request was received/, /^events must be a list$/,
    /^Each event must be an object with a type$/, /^Unknown event type/, /needs an adviser/, /^Unknown exception reason/, /^The exception ends/,
    /^[a-z-]+ on .* is before the request was received/, /is after asOf/, /appears more than once$/, /both a decision to assess and a decision not to assess/,
    /needs a decision to assess first$/, /is before the decision to assess/, /^A final plan needs a draft plan first/, /^The final plan \(.*\) is before the draft/,
    /both a decision not to issue a plan and a draft plan/, /has no request for it/, /is after the case was withdrawn/, /cannot follow a decision not to assess$/,
  ];
  const seen = [...messages];
  for (const k of kinds) assert.ok(seen.some((m) => k.test(m)), `no generated input drew ${k}`);
});
