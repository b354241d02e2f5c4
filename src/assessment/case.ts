// One assessment case as plain facts, and what follows from them: the engine's input, the next deadline, the
// status tag a caseworker sees, the advice the law says to seek, and the week-20 forecast. Pure functions; the
// store turns rows into CaseFacts and the pages show the results (issue 3 §2–3).
import { addDays, daysBetween } from '../platform/plain-date.ts';
import { formatPlainDate as say } from '../platform/web/dates.ts';
import type { Stage } from './journey.ts';
import { adviceDays, commentsDays, computeTimescales, laExceptionReasons, type CaseEvent, type CaseHistory, type ExceptionReason, type Step, type StepStatus, type Timescales } from './timescales.ts';

/** Who gives advice (reg 6(1)); `family` and `private-report` are the family's own contributions. */
export const disciplines = ['educational-psychology', 'health', 'social-care', 'education', 'preparing-for-adulthood', 'family-requested', 'family', 'private-report'] as const;
export type Discipline = (typeof disciplines)[number];

export const disciplineLabels: Record<Discipline, string> = {
  'educational-psychology': 'Educational psychology advice',
  health: 'Health advice',
  'social-care': 'Social care advice',
  education: 'Education advice (school or setting)',
  'preparing-for-adulthood': 'Preparing for adulthood advice',
  'family-requested': 'Advice the family asked for',
  family: 'The family’s views',
  'private-report': 'A report the family commissioned',
};

/** SEN2 RequestSource (sen2.md §3.5). */
export const requestSources = { 1: 'Young person or parent', 2: 'School or other education setting', 3: 'Health care professional', 4: 'Social care professional', 5: 'Other' } as const;
export type RequestSource = keyof typeof requestSources;

export interface AdviceFacts {
  adviser: string;
  discipline: Discipline;
  name: string;
  requestedOn: string;
  dueOn: string;
  receivedOn: string | null;
}

export interface ExceptionFacts {
  reason: ExceptionReason;
  adviser: string | null;
  from: string;
  to: string;
}

export interface CaseFacts {
  requestReceived: string;
  stage: Stage;
  decidedOn: string | null;
  noPlanOn: string | null;
  draftIssuedOn: string | null;
  finalIssuedOn: string | null;
  withdrawnOn: string | null;
  advice: AdviceFacts[];
  exceptions: ExceptionFacts[];
}

export const openStages: readonly Stage[] = ['requested', 'assessing', 'draft-issued'];

/** The engine's input for this case on asOf. Events after asOf are left out (they have not happened yet). */
export function caseHistory(f: CaseFacts, asOf: string): CaseHistory {
  const events: CaseEvent[] = [];
  const add = (type: Exclude<CaseEvent['type'], 'exception'>, on: string | null, adviser?: string) => {
    if (on && on <= asOf) events.push({ type, on, ...(adviser ? { adviser } : {}) });
  };
  if (f.decidedOn) add(f.stage === 'not-assessing' ? 'decision-not-to-assess' : 'decision-to-assess', f.decidedOn);
  for (const a of f.advice) {
    if (a.discipline === 'family' || a.discipline === 'private-report') continue; // the family's own, not a reg 8 request
    add('advice-requested', a.requestedOn, a.adviser);
    add('advice-received', a.receivedOn, a.adviser);
  }
  add('decision-not-to-issue', f.noPlanOn);
  add('draft-issued', f.draftIssuedOn);
  add('final-issued', f.finalIssuedOn);
  add('withdrawn', f.withdrawnOn);
  for (const e of f.exceptions) events.push({ type: 'exception', reason: e.reason, from: e.from, to: e.to, ...(e.adviser ? { adviser: e.adviser } : {}) });
  return { requestReceived: f.requestReceived, asOf: asOf < f.requestReceived ? f.requestReceived : asOf, events };
}

export function caseTimescales(f: CaseFacts, asOf: string): Timescales {
  return computeTimescales(caseHistory(f, asOf));
}

/** A step's name as a caseworker says it. */
export function stepLabel(step: string, advice: readonly AdviceFacts[] = []): string {
  if (step.startsWith('advice:')) {
    const a = advice.find((x) => x.adviser === step.slice(7));
    return a ? `${disciplineLabels[a.discipline]} from ${a.name}` : `Advice (${step.slice(7)})`;
  }
  return (
    {
      decision: 'Decide whether to assess',
      'no-plan-decision': 'Decision not to issue a plan',
      comments: 'Family’s comments on the draft plan',
      final: 'Issue the final plan',
    }[step] ?? step
  );
}

const waiting: readonly StepStatus[] = ['pending', 'overdue', 'overdue-exception', 'open'];

export interface NextDeadline {
  step: string;
  label: string;
  due: string;
  status: StepStatus;
}

/** The earliest deadline still to be met (an overdue one first, as it is the earliest). */
export function nextDeadline(ts: Timescales, advice: readonly AdviceFacts[] = []): NextDeadline | null {
  const open = ts.steps.filter((s) => waiting.includes(s.status)).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const s = open[0];
  return s ? { step: s.step, label: stepLabel(s.step, advice), due: s.due, status: s.status } : null;
}

export type TagColour = 'red' | 'orange' | 'yellow' | 'green' | 'blue' | 'light-blue' | 'grey' | 'purple';
export interface Tag {
  text: string;
  colour: TagColour;
}

export interface CaseStatus {
  timescales: Timescales;
  next: NextDeadline | null;
  tag: Tag;
  overdue: boolean;
  dueThisWeek: boolean;
  /** An LA exception applies to the 20-week step (SEN2 Week20), or any exception is recorded. */
  exception: boolean;
  open: boolean;
}

/** What a caseworker sees in a list: the stage, the next deadline, and a tag in GOV.UK colours. */
export function caseStatus(f: CaseFacts, asOf: string): CaseStatus {
  const ts = caseTimescales(f, asOf);
  const open = openStages.includes(f.stage);
  const next = open ? nextDeadline(ts, f.advice) : null;
  const overdue = open && ts.steps.some((s) => s.status === 'overdue' || s.status === 'overdue-exception');
  const dueThisWeek = !!next && next.due >= asOf && daysBetween(asOf, next.due) <= 7;
  const exception = ts.exceptionApplies || f.exceptions.length > 0;
  let tag: Tag;
  if (!open) {
    const final = ts.steps.find((s) => s.step === 'final');
    tag = f.stage === 'final-issued' ? (final?.status === 'met' ? { text: 'Issued on time', colour: 'green' } : { text: 'Issued late', colour: 'red' }) : { text: 'Closed', colour: 'grey' };
  } else if (ts.steps.some((s) => s.status === 'overdue')) tag = { text: 'Overdue', colour: 'red' };
  else if (overdue) tag = { text: 'Overdue: exception', colour: 'purple' };
  else if (dueThisWeek) tag = { text: 'Due this week', colour: 'orange' };
  else tag = { text: 'On track', colour: 'green' };
  return { timescales: ts, next, tag, overdue, dueThisWeek, exception, open };
}

/**
 * The National Curriculum year group on a date: Reception is 0, Year 1 is 1. A child joins Reception in the
 * September after their fourth birthday (school year 1 September to 31 August).
 */
export function yearGroup(dateOfBirth: string, asOf: string): number {
  const [by, bm] = dateOfBirth.split('-').map(Number) as [number, number];
  const [ay, am] = asOf.split('-').map(Number) as [number, number];
  const cohort = bm >= 9 ? by : by - 1;
  const schoolYear = am >= 9 ? ay : ay - 1;
  return schoolYear - cohort - 5;
}

/**
 * The advice reg 6(1) requires that has not been asked for: educational, medical (health), psychological and
 * social care advice always, and preparing-for-adulthood advice from Year 9 (reg 6(1)(g)). Social care advice is
 * listed even where the child is not known to social care, so a missing contribution shows openly (issue 3 §2.4).
 */
export function missingAdvice(f: CaseFacts, dateOfBirth: string, asOf: string): Discipline[] {
  const asked = new Set(f.advice.map((a) => a.discipline));
  const required: Discipline[] = ['education', 'health', 'educational-psychology', 'social-care'];
  if (yearGroup(dateOfBirth, asOf) >= 9) required.push('preparing-for-adulthood');
  return required.filter((d) => !asked.has(d));
}

// The forecast's working assumptions (practice, not law: statutory-rules.md §1.2 says the draft comes "by ~week 16
// in practice"). Writing the draft takes about two weeks once the advice is in; the family then has 15 days
// (reg 13(1)(a)), and the final plan can follow the day after the window closes.
export const draftingDays = 14;
const finalAfterDraft = commentsDays + 1;

export interface Forecast {
  atRisk: boolean;
  finalDue: string;
  projectedFinal: string;
  reasons: string[];
}

/**
 * Will this open case miss 20 weeks on its present course? Projects the earliest final plan from what is still
 * outstanding: the decision, each piece of advice not yet in (expected on its due date, or now if overdue,
 * 6 weeks from now if not yet asked for), two weeks to draft, 15 days for comments. No peer has this (issue 3 §3).
 */
export function forecastWeek20(f: CaseFacts, asOf: string, dateOfBirth?: string): Forecast | null {
  if (!openStages.includes(f.stage)) return null;
  const finalDue = addDays(f.requestReceived, 140);
  const reasons: string[] = [];
  const later = (a: string, b: string) => (a > b ? a : b);
  let projectedFinal: string;
  if (f.stage === 'draft-issued' && f.draftIssuedOn) {
    projectedFinal = later(asOf, addDays(f.draftIssuedOn, finalAfterDraft));
  } else {
    let adviceIn: string;
    if (f.stage === 'requested') {
      adviceIn = addDays(asOf, adviceDays);
      reasons.push(`The decision whether to assess has not been made; advice then takes up to 6 weeks`);
    } else {
      const outstanding = f.advice.filter((a) => !a.receivedOn && a.discipline !== 'family' && a.discipline !== 'private-report');
      const expected = outstanding.map((a) => ({ a, on: later(a.dueOn, asOf) }));
      const missing = dateOfBirth ? missingAdvice(f, dateOfBirth, asOf) : [];
      adviceIn = expected.reduce((m, x) => later(m, x.on), asOf);
      if (missing.length) {
        adviceIn = later(adviceIn, addDays(asOf, adviceDays));
        reasons.push(`Not yet asked for: ${missing.map((d) => disciplineLabels[d].toLowerCase()).join(', ')}`);
      }
      for (const x of expected) {
        const weeksLeft = Math.floor(daysBetween(x.on, finalDue) / 7);
        const when = x.a.dueOn < asOf ? `overdue since ${say(x.a.dueOn)}` : `due ${say(x.a.dueOn)}`;
        reasons.push(`${disciplineLabels[x.a.discipline]} from ${x.a.name} is ${when}, ${weeksLeft < 0 ? 'after' : `${weeksLeft} week${weeksLeft === 1 ? '' : 's'} before`} the 20-week date`);
      }
    }
    const allIn = f.stage === 'assessing' && adviceIn === asOf && reasons.length === 0;
    const draft = allIn ? asOf : addDays(adviceIn, draftingDays);
    projectedFinal = addDays(draft, finalAfterDraft);
  }
  const atRisk = projectedFinal > finalDue;
  if (atRisk) reasons.push(`On present course the final plan comes on ${say(projectedFinal)} at the earliest, after the 20-week date, ${say(finalDue)}`);
  return { atRisk, finalDue, projectedFinal, reasons: atRisk ? reasons : [] };
}

/** Whether an LA exception reason counts toward SEN2 Week20 (for the form's help text). */
export const isLaException = (r: ExceptionReason): boolean => (laExceptionReasons as readonly string[]).includes(r);

export type { Step, StepStatus };
