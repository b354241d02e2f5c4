// The demo area's EHC needs assessments (issue 3 §5): about a third of the home area's children have one, at
// every stage, some late, some with exceptions. Each case is simulated forward from its request with realistic
// delays (decisions in 3–9 weeks, advice in 3–11, a draft 1–4 weeks after the last advice, the final 2–5 weeks
// after the draft), then cut at the area's asOf date, so what has not happened yet is not recorded and the
// stage follows from the dates. The rows are what the app's own steps (assessment/store.ts) would have written:
// advice requests to real demo staff and organisations with structured advice when received, exceptions, the
// family's views and comments, consultations, notices, reminders and escalations, and the child's timeline.
// Pure and deterministic: its own seeded generator, so the rest of the area is unchanged by it.
import type { Role } from '../platform/access/actor.ts';
import type { OrganisationKind } from '../platform/db/schema.ts';
import { addDays, daysBetween } from '../platform/plain-date.ts';
import { disciplineLabels, openStages, yearGroup, type Discipline } from '../assessment/case.ts';
import type { Stage } from '../assessment/journey.ts';
import { adviceDays, commentsDays, type ExceptionReason } from '../assessment/timescales.ts';
import { prng, uuid } from './random.ts';
import { adviceBank, aspirationsBank, assessReasons, commentsBank, consultationReasons, exceptionText, noPlanReasons, notAssessReasons, summaries, viewsBank, withdrawnReasons } from './assessments-content.ts';

export interface DemoOrg {
  id: string;
  la_code: string;
  kind: OrganisationKind;
  name: string;
}
export interface DemoUser {
  id: string;
  name: string;
  organisation_id: string | null;
  roles: Role[];
}

export interface AssessmentRows {
  assessment: {
    id: string; reference: string; child_id: string; la_code: string; request_received: string; request_source: number; requested_by: string; request_summary: string;
    stage: Stage; caseworker_id: string | null; decided_on: string | null; decision_reasons: string | null; decided_by: string | null; no_plan_on: string | null;
    draft_issued_on: string | null; final_issued_on: string | null; named_setting_id: string | null; withdrawn_on: string | null; withdrawn_reason: string | null;
    updated_at: Date; version: number;
  }[];
  advice_request: {
    id: string; assessment_id: string; la_code: string; adviser: string; discipline: Discipline; requested_of_user: string | null; requested_of_org: string | null;
    requested_of_name: string; requested_on: string; due_on: string; received_on: string | null; summary: string | null; given_by: string | null;
    reminded_at: Date | null; escalated_at: Date | null;
  }[];
  advice_item: { advice_request_id: string; la_code: string; kind: 'need' | 'outcome' | 'provision'; position: number; text: string }[];
  assessment_exception: { assessment_id: string; la_code: string; reason: ExceptionReason; adviser: string | null; from_date: string; to_date: string; explanation: string; recorded_by: string | null; recorded_at: Date }[];
  family_contribution: {
    assessment_id: string; la_code: string; kind: 'views' | 'draft-comments'; views: string | null; aspirations: string | null; comments: string | null;
    wants_meeting: boolean | null; preferred_setting: string | null; given_by: string | null; given_by_name: string; given_on: string;
  }[];
  setting_consultation: { assessment_id: string; la_code: string; organisation_id: string; sent_on: string; due_on: string; response: 'can-meet' | 'cannot-meet' | null; response_reasons: string | null; responded_on: string | null; responded_by: string | null }[];
  assessment_notice: { assessment_id: string; la_code: string; kind: string; recipient: string; recipient_role: string; sent_at: Date }[];
}

export interface AssessmentInputs {
  asOf: string;
  seed: number;
  laCode: string;
  children: { id: string; la_code: string; given_name: string; family_name: string; date_of_birth: string; primary_need: string }[];
  family_member: { id: string; child_id: string; user_id: string | null; name: string; relationship: string; parental_responsibility: boolean }[];
  team_member: { child_id: string; la_code: string; organisation_id: string; user_id: string | null; role: string; started_on: string; ended_on: string | null }[];
  timeline_event: { child_id: string; la_code: string; occurred_on: string; kind: string; title: string; detail: string | null }[];
  organisations: DemoOrg[];
  users: DemoUser[];
  /** The demo caseworker (caseworker@…), given about 120 open cases in a large area. */
  demoCaseworker: DemoUser;
  caseworkers: DemoUser[];
  manager: DemoUser;
  /** Educational psychologists; the first is the demo account (ep@…). */
  eps: DemoUser[];
  trust: DemoOrg;
  hospital: DemoOrg;
  health: DemoUser[];
  icb: DemoOrg;
  social: DemoOrg;
  socialWorkers: DemoUser[];
  college: DemoOrg;
  specialSchool: DemoOrg;
  /** The demo family's children, whose cases are fixed so the family and adviser accounts show each kind. */
  specials: Map<string, 'parent-a' | 'parent-b' | 'young-person'>;
}

/** The most open cases the demo caseworker is given: the "caseworker's list of 120 cases". */
export const demoCaseworkerOpenCases = 120;
/** Closed cases the demo caseworker keeps, so their history shows issued plans, refusals and withdrawals. */
export const demoCaseworkerClosedCases = 10;

interface AdvicePlan {
  discipline: Discipline;
  adviser: string;
  requested: string;
  received: string;
}
interface ExceptionPlan {
  reason: ExceptionReason;
  adviser: string | null;
  from: string;
  to: string;
}
interface ConsultationPlan {
  org: DemoOrg;
  sent: string;
  responded: string;
  response: 'can-meet' | 'cannot-meet';
}
/** The whole course the case would take, before it is cut at asOf. */
interface CasePlan {
  child: AssessmentInputs['children'][number];
  req: string;
  source: number;
  decided: string;
  refused: boolean;
  advice: AdvicePlan[];
  noPlan: string | null;
  draft: string | null;
  final: string | null;
  withdrawn: string | null;
  exceptions: ExceptionPlan[];
  views: string | null;
  comments: { on: string; wantsMeeting: boolean } | null;
  consultations: ConsultationPlan[];
}
/** The case as it stands on asOf. */
interface CaseState extends CasePlan {
  id: string;
  stage: Stage;
  cutoff: string;
  caseworker: DemoUser;
}

/** Choices that would otherwise be random, for the demo family's cases and to make sure every kind occurs. */
interface Scenario {
  ageDays?: number;
  refused?: boolean;
  withdraw?: boolean;
  noPlan?: boolean;
  reason?: ExceptionReason | null;
  phase?: 'decision' | 'advice' | 'final';
  decisionDays?: number;
  adviceDays?: Partial<Record<string, number>>;
  draftAfter?: number;
  finalAfter?: number;
  replyAfter?: number;
  /** The demo family's cases: no surprises (no second adviser, every setting can meet needs, views and comments given). */
  settled?: boolean;
  child?: (ageYears: number) => boolean;
}

export function generateAssessments(inp: AssessmentInputs): AssessmentRows {
  const rand = prng((inp.seed ^ 0x5eed0003) >>> 0);
  const { asOf } = inp;
  const between = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const chance = (p: number) => rand() < p;
  const later = (a: string, b: string) => (a > b ? a : b);
  // Rows share one Date a day and hour (only ever read when inserted).
  const instants = new Map<number, Map<string, Date>>();
  const at = (d: string, hour = 9): Date => {
    let byDay = instants.get(hour);
    if (!byDay) instants.set(hour, (byDay = new Map<string, Date>()));
    let t = byDay.get(d);
    if (!t) byDay.set(d, (t = new Date(`${d}T${String(hour).padStart(2, '0')}:00:00Z`)));
    return t;
  };

  const orgById = new Map(inp.organisations.map((o) => [o.id, o]));
  const userById = new Map(inp.users.map((u) => [u.id, u]));
  const staffOf = new Map<string, DemoUser[]>();
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const xs = m.get(k);
    if (xs) xs.push(v);
    else m.set(k, [v]);
  };
  for (const u of inp.users) if (u.organisation_id) push(staffOf, u.organisation_id, u);
  const sencosOf = (orgId: string) => (staffOf.get(orgId) ?? []).filter((u) => u.roles.includes('senco'));
  const team = new Map<string, AssessmentInputs['team_member']>();
  for (const t of inp.team_member) push(team, t.child_id, t);
  const inTeam = (childId: string, orgId: string, userId: string | null) => (team.get(childId) ?? []).some((t) => !t.ended_on && t.organisation_id === orgId && t.user_id === userId);
  const familyOf = new Map<string, AssessmentInputs['family_member']>();
  for (const f of inp.family_member) push(familyOf, f.child_id, f);
  const settingOf = (childId: string): DemoOrg | undefined => {
    const row = (team.get(childId) ?? []).find((t) => t.user_id === null && ['school', 'setting'].includes(orgById.get(t.organisation_id)?.kind ?? ''));
    return row ? orgById.get(row.organisation_id) : undefined;
  };
  const teamUser = (childId: string, pred: (u: DemoUser, role: string) => boolean): DemoUser | undefined => {
    for (const t of team.get(childId) ?? []) {
      const u = t.user_id ? userById.get(t.user_id) : undefined;
      if (u && !t.ended_on && pred(u, t.role)) return u;
    }
    return undefined;
  };
  const dco = (staffOf.get(inp.icb.id) ?? []).filter((u) => u.roles.includes('designated-clinical-officer'));
  const managers = (staffOf.get(inp.manager.organisation_id ?? '') ?? []).filter((u) => u.roles.includes('send-manager'));

  // --- 1. Who has an assessment, and the course each case takes ------------------------------------------------
  const plans: CasePlan[] = [];
  const specialScenarios: Record<'parent-a' | 'parent-b' | 'young-person', Scenario> = {
    // Lily: assessing, health advice overdue (the family sees it; the health account is asked for it).
    'parent-a': { ageDays: 95, settled: true, adviceDays: { education: 30, 'educational-psychology': 38, 'social-care': 25, health: 400 } },
    // Jacob: a final plan issued on time last year.
    'parent-b': { ageDays: 420, settled: true, adviceDays: { education: 28, 'educational-psychology': 40, 'social-care': 30, health: 35 }, draftAfter: 14, finalAfter: 21 },
    // Kai: a draft plan out for comment, with preparing-for-adulthood advice.
    'young-person': { ageDays: 100, settled: true, adviceDays: { education: 30, 'educational-psychology': 36, 'social-care': 28, health: 33, 'preparing-for-adulthood': 38 }, draftAfter: 10, finalAfter: 30 },
  };
  // The first cases of the area take these, so even a small demo area has every stage and every exception.
  const sure: Scenario = { refused: false, withdraw: false, noPlan: false, reason: null };
  const coverage: Scenario[] = [
    { ...sure, withdraw: true, ageDays: 90 },
    { ...sure, noPlan: true, ageDays: 260 },
    { ...sure, reason: 'missed-appointment', ageDays: 110 },
    { ...sure, reason: 'personal-circumstances', phase: 'advice', ageDays: 100 },
    { ...sure, reason: 'school-closure', phase: 'advice', ageDays: 240, child: (y) => y >= 5 && y < 16 },
    { ...sure, reason: 'early-years-closure', phase: 'decision', ageDays: 200, child: (y) => y < 5 },
    { ...sure, reason: 'absence-from-area', phase: 'final', ageDays: 300 },
    { ...sure, ageDays: 120, adviceDays: { 'educational-psychology': 300 } },
    { ...sure, ageDays: 30, decisionDays: 60 },
    { ...sure, ageDays: 45, refused: true },
    { ...sure, ageDays: 115, decisionDays: 35, adviceDays: { education: 30, health: 30, 'educational-psychology': 30, 'social-care': 30, 'preparing-for-adulthood': 30 }, draftAfter: 40, finalAfter: 40, replyAfter: 20 },
  ];
  for (const child of inp.children) {
    if (child.la_code !== inp.laCode) continue;
    const special = inp.specials.get(child.id);
    const age = daysBetween(child.date_of_birth, asOf) / 365.25;
    if (special) {
      plans.push(plan(child, { ...sure, settled: true, decisionDays: 35, ...specialScenarios[special] }));
      continue;
    }
    // Requests are mostly for children of school age; a few for young adults in further education.
    if (!chance(age < 19 ? 0.37 : 0.12)) continue;
    const i = coverage.findIndex((c) => !c.child || c.child(age));
    const sc = i >= 0 ? coverage.splice(i, 1)[0] : undefined;
    plans.push(plan(child, sc ?? {}));
  }

  function plan(child: CasePlan['child'], sc: Scenario): CasePlan {
    // When the request came: a quarter in the last two months, most within the year, some up to two years ago.
    const r = rand();
    let ageDays = sc.ageDays ?? (r < 0.25 ? between(0, 60) : r < 0.6 ? between(61, 180) : r < 0.85 ? between(181, 365) : between(366, 730));
    ageDays = Math.min(ageDays, Math.max(0, daysBetween(addDays(child.date_of_birth, 2 * 365), asOf)));
    const req = addDays(asOf, -ageDays);
    const source = sc.settled ? 1 : pick([1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 4, 5]);
    const exceptions: ExceptionPlan[] = [];
    // About one case in six has an exception, in the phase it delays.
    const young = daysBetween(child.date_of_birth, req) < 5 * 365;
    const reason: ExceptionReason | null =
      sc.reason !== undefined ? sc.reason : chance(0.16) ? pick<ExceptionReason>(['school-closure', 'personal-circumstances', 'personal-circumstances', 'absence-from-area', 'missed-appointment', 'missed-appointment', young ? 'early-years-closure' : 'school-closure']) : null;
    const phase = reason === 'missed-appointment' ? 'advice' : reason ? (sc.phase ?? pick(['decision', 'advice', 'advice', 'final'] as const)) : null;
    const exceptionLength = (rs: ExceptionReason) => (rs === 'personal-circumstances' ? between(10, 35) : between(28, 49));
    const addException = (rs: ExceptionReason, from: string, adviser: string | null = null): number => {
      const len = rs === 'missed-appointment' ? 1 : exceptionLength(rs);
      exceptions.push({ reason: rs, adviser, from, to: addDays(from, len - 1) });
      return len;
    };

    const dr = rand();
    let decisionDelay = sc.decisionDays ?? (dr < 0.1 ? between(14, 27) : dr < 0.8 ? between(28, 41) : between(42, 63));
    if (reason && phase === 'decision') decisionDelay += addException(reason, addDays(req, between(7, 20)));
    const decided = addDays(req, decisionDelay);
    const refused = sc.refused ?? chance(0.24);

    const disciplinesAsked: Discipline[] = ['education', 'health', 'educational-psychology', 'social-care'];
    if (yearGroup(child.date_of_birth, decided) >= 9) disciplinesAsked.push('preparing-for-adulthood');
    // Educational psychology and health advice are the most often late (EP services are short of staff).
    const lateShare: Partial<Record<Discipline, number>> = { education: 0.12, health: 0.35, 'educational-psychology': 0.45, 'social-care': 0.25, 'preparing-for-adulthood': 0.15 };
    const advice: AdvicePlan[] = [];
    const missedFor = reason === 'missed-appointment' ? pick(['health', 'educational-psychology', 'educational-psychology', 'education']) : null;
    let adviceDelay = 0;
    if (reason && phase === 'advice' && reason !== 'missed-appointment') adviceDelay = addException(reason, addDays(decided, between(3, 20)));
    const askAdvice = (discipline: Discipline, adviser: string) => {
      const requested = addDays(decided, sc.settled ? 2 : between(0, 7));
      let dur = sc.adviceDays?.[adviser] ?? (chance(lateShare[discipline] ?? 0.2) ? between(43, 75) : between(18, 41)) + adviceDelay;
      if (adviser === missedFor) {
        addException('missed-appointment', addDays(requested, between(10, 25)), adviser);
        dur = between(50, 80);
      }
      advice.push({ discipline, adviser, requested, received: addDays(requested, dur) });
    };
    for (const d of disciplinesAsked) askAdvice(d, d);
    if (!sc.settled && chance(0.1)) askAdvice('health', 'health-2'); // a second health adviser, such as the hospital's paediatrician
    const lastIn = advice.reduce((m, a) => later(m, a.received), decided);

    let noPlan: string | null = null;
    let draft: string | null = null;
    let final: string | null = null;
    const consultations: ConsultationPlan[] = [];
    let comments: CasePlan['comments'] = null;
    if (sc.noPlan ?? chance(0.06)) noPlan = addDays(lastIn, between(5, 21));
    else {
      draft = addDays(lastIn, sc.draftAfter ?? between(5, 28));
      let finalOn = addDays(draft, sc.finalAfter ?? between(commentsDays + 1, 35));
      if (reason && phase === 'final') finalOn = addDays(finalOn, addException(reason, addDays(draft, between(1, 10))));
      const setting = settingOf(child.id);
      if (setting) {
        const sent = addDays(draft, between(0, 4));
        const response = sc.settled || chance(0.85) ? 'can-meet' : 'cannot-meet';
        consultations.push({ org: setting, sent, responded: addDays(sent, sc.replyAfter ?? between(4, 22)), response });
        if (response === 'cannot-meet' && setting.id !== inp.specialSchool.id) {
          const sent2 = addDays(sent, between(10, 20));
          consultations.push({ org: inp.specialSchool, sent: sent2, responded: addDays(sent2, between(4, 15)), response: 'can-meet' });
        }
      }
      const lastAnswer = consultations.reduce((m, c) => later(m, c.responded), draft);
      final = later(finalOn, addDays(lastAnswer, between(1, 6)));
      if (sc.settled || chance(0.45)) comments = { on: addDays(draft, between(2, commentsDays)), wantsMeeting: chance(0.3) };
    }
    const withdrawn = (sc.withdraw ?? chance(0.045)) ? addDays(req, between(10, Math.max(10, Math.min(170, ageDays)))) : null;
    const views = sc.settled || chance(0.6) ? addDays(decided, between(5, 35)) : null;
    return { child, req, source, decided, refused, advice: refused ? [] : advice, noPlan: refused ? null : noPlan, draft: refused ? null : draft, final: refused ? null : final, withdrawn, exceptions, views: refused ? null : views, comments: refused ? null : comments, consultations: refused ? [] : consultations };
  }

  // --- 2. Cut each case at asOf (or the day it was withdrawn) --------------------------------------------------
  const states: CaseState[] = plans.map((p, i) => {
    let withdrawn = p.withdrawn && p.withdrawn <= asOf ? p.withdrawn : null;
    if (withdrawn) {
      const w = withdrawn;
      const closedBy = (p.refused && p.decided <= w) || (p.final !== null && p.final <= w) || (p.noPlan !== null && p.noPlan <= w);
      if (closedBy) withdrawn = null;
    }
    const cutoff = withdrawn ?? asOf;
    const on = (d: string | null) => (d && d <= cutoff ? d : null);
    const decided = on(p.decided);
    const assessing = !!decided && !p.refused;
    const advice = assessing ? p.advice.filter((a) => a.requested <= cutoff).map((a) => ({ ...a, received: on(a.received) ?? '' })) : [];
    const draft = assessing ? on(p.draft) : null;
    const final = draft ? on(p.final) : null;
    const noPlan = assessing ? on(p.noPlan) : null;
    const stage: Stage = withdrawn ? 'withdrawn' : final ? 'final-issued' : noPlan ? 'no-plan' : draft ? 'draft-issued' : decided ? (p.refused ? 'not-assessing' : 'assessing') : 'requested';
    const advisers = new Set(advice.map((a) => a.adviser));
    // Exceptions are recorded while the case is open, so none after it closed.
    const closedOn = withdrawn ?? final ?? noPlan ?? (decided && p.refused ? decided : null) ?? cutoff;
    return {
      ...p, id: `case-${i}`, stage, cutoff,
      decided: decided ?? '', withdrawn, advice, draft, final, noPlan,
      exceptions: p.exceptions.filter((e) => e.from <= closedOn && (e.adviser === null || advisers.has(e.adviser))),
      views: on(p.views),
      comments: draft && p.comments && p.comments.on <= cutoff ? p.comments : null,
      consultations: draft ? p.consultations.filter((c) => c.sent <= cutoff) : [],
      caseworker: inp.caseworkers[0] ?? inp.demoCaseworker,
    };
  });

  // --- 3. Caseworkers: the child's own, then the demo caseworker's list brought to its size ------------------------
  const teamCaseworker = (childId: string) => teamUser(childId, (u, role) => role === 'Caseworker' && u.roles.includes('caseworker'));
  states.forEach((s, i) => (s.caseworker = teamCaseworker(s.child.id) ?? inp.caseworkers[i % inp.caseworkers.length] ?? inp.demoCaseworker));
  const others = inp.caseworkers.filter((c) => c.id !== inp.demoCaseworker.id);
  const isOpen = (s: CaseState) => openStages.includes(s.stage);
  for (const [open, cap, share] of [[true, demoCaseworkerOpenCases, 0.5], [false, demoCaseworkerClosedCases, 0.3]] as const) {
    const group = states.filter((s) => isOpen(s) === open);
    const target = Math.min(cap, Math.round(group.length * share));
    const mine = group.filter((s) => s.caseworker.id === inp.demoCaseworker.id);
    const theirs = group.filter((s) => s.caseworker.id !== inp.demoCaseworker.id);
    // The demo family's cases stay with the demo caseworker; others move to bring the list to its size.
    const movable = mine.filter((s) => !inp.specials.has(s.child.id));
    if (mine.length > target && others.length) movable.slice(Math.max(0, movable.length - (mine.length - target))).forEach((s, i) => (s.caseworker = others[i % others.length] ?? s.caseworker));
    const need = target - mine.length;
    if (need > 0) {
      const step = theirs.length / need;
      for (let k = 0; k < need; k++) {
        const s = theirs[Math.floor(k * step)];
        if (s) s.caseworker = inp.demoCaseworker;
      }
    }
  }

  // --- 4. The rows ----------------------------------------------------------------------------------------
  const out: AssessmentRows = { assessment: [], advice_request: [], advice_item: [], assessment_exception: [], family_contribution: [], setting_consultation: [], assessment_notice: [] };
  const timeline: AssessmentInputs['timeline_event'] = [];
  const newTeam: AssessmentInputs['team_member'] = [];
  // References run in order of receipt within each year, with no gaps, as the app numbers them.
  const byReceipt = [...states].sort((a, b) => (a.req < b.req ? -1 : a.req > b.req ? 1 : 0));
  const perYear = new Map<string, number>();
  const reference = new Map<CaseState, string>();
  for (const s of byReceipt) {
    const y = s.req.slice(0, 4);
    const n = (perYear.get(y) ?? 0) + 1;
    perYear.set(y, n);
    reference.set(s, `EHC-${inp.laCode}-${y}-${String(n).padStart(5, '0')}`);
  }
  const childrenWithCase = new Set(states.map((s) => s.child.id));

  for (const s of states) {
    const id = uuid(rand);
    const la = s.child.la_code;
    const ref = reference.get(s) ?? '';
    const closedOn = s.withdrawn ?? s.final ?? s.noPlan ?? (s.stage === 'not-assessing' ? s.decided : null);
    const openUntil = closedOn ?? asOf;
    const family = (familyOf.get(s.child.id) ?? []).filter((f) => f.parental_responsibility || f.relationship === 'self');
    const mother = family[0];
    const setting = settingOf(s.child.id);
    const socialWorker = teamUser(s.child.id, (u) => u.roles.includes('social-worker')) ?? inp.socialWorkers[0];
    let version = 1;
    type Person = { name: string; role: string };
    const staffName = (u: DemoUser) => `${u.name}, ${orgById.get(u.organisation_id ?? '')?.name ?? ''}`;
    const audience = {
      family: (): Person[] => family.map((f) => ({ name: f.name, role: f.relationship === 'self' ? 'young person' : 'parent' })),
      icb: (): Person[] => dco.map((u) => ({ name: staffName(u), role: 'ICB (designated clinical officer)' })),
      socialCare: (): Person[] => (socialWorker ? [{ name: staffName(socialWorker), role: 'social care' }] : []),
      school: (): Person[] => (setting ? sencosOf(setting.id).map((u) => ({ name: staffName(u), role: 'head teacher or SENCO' })) : []),
      caseworker: (): Person[] => [{ name: s.caseworker.name, role: 'caseworker' }],
      setting: (orgId: string): Person[] => sencosOf(orgId).map((u) => ({ name: u.name, role: 'setting' })),
    };
    const notice = (kind: string, on: string, people: Person[], hour = 10) => {
      for (const p of people) out.assessment_notice.push({ assessment_id: id, la_code: la, kind, recipient: p.name, recipient_role: p.role, sent_at: at(on, hour) });
    };
    const event = (on: string, title: string, detail: string | null = null) => timeline.push({ child_id: s.child.id, la_code: la, occurred_on: on, kind: 'assessment', title, detail });
    const statutory = () => [...audience.family(), ...audience.icb(), ...audience.socialCare(), ...audience.school()];

    // The request.
    const requestedBy = s.source === 1 ? `${mother?.name ?? 'The child’s parent'} (${mother?.relationship ?? 'parent'})` : s.source === 2 ? `SENCO, ${setting?.name ?? 'the school'}` : s.source === 3 ? 'Community paediatrician' : s.source === 4 ? 'Social worker' : 'Early help practitioner';
    event(s.req, 'Request for an EHC needs assessment received', `From ${requestedBy}. Reference ${ref}.`);
    notice('request-received', s.req, statutory());

    // The decision whether to assess.
    if (s.decided) {
      version++;
      event(s.decided, s.refused ? 'Decided not to carry out an EHC needs assessment' : 'Decided to carry out an EHC needs assessment', s.refused ? pick(notAssessReasons) : pick(assessReasons));
      notice(s.refused ? 'decided-not-to-assess' : 'decided-to-assess', s.decided, statutory());
    }

    // Advice, to real staff and organisations of the area.
    const adviserNames: Person[] = [];
    for (const a of s.advice) {
      version++;
      const pending = !a.received;
      const stillOpen = openStages.includes(s.stage);
      let user: DemoUser | undefined;
      let org: DemoOrg | undefined;
      switch (a.discipline) {
        case 'education':
          org = setting ?? inp.college;
          break;
        case 'health':
          if (a.adviser === 'health') user = teamUser(s.child.id, (u) => u.roles.includes('health-professional'));
          if (!user) org = a.adviser === 'health' ? inp.trust : inp.hospital;
          break;
        case 'educational-psychology': {
          // The demo EP account is prompt: nothing of theirs is overdue or due within a week of asOf.
          const recent = a.requested >= addDays(asOf, -(adviceDays - 8));
          const choices = pending && stillOpen && !recent ? inp.eps.slice(1) : inp.eps;
          user = teamUser(s.child.id, (u) => u.roles.includes('educational-psychologist') && choices.includes(u)) ?? pick(choices.length ? choices : inp.eps);
          break;
        }
        case 'social-care':
          user = teamUser(s.child.id, (u) => u.roles.includes('social-worker'));
          if (!user) org = inp.social;
          break;
        case 'preparing-for-adulthood':
        case 'family-requested':
        case 'family':
        case 'private-report':
          org = inp.college;
      }
      if (user) org = orgById.get(user.organisation_id ?? '');
      const orgId = org?.id ?? null;
      const name = user ? staffName(user) : (org?.name ?? 'Adviser');
      const due = addDays(a.requested, adviceDays);
      const requestId = uuid(rand);
      const givenBy = a.received ? (user ?? (orgId ? (staffOf.get(orgId) ?? []).find((u) => !u.roles.includes('designated-clinical-officer')) : undefined)) : undefined;
      // The reminder went a week before the due date, and the escalation the day after it, if the advice was not in.
      const remindOn = addDays(due, -7);
      const escalateOn = addDays(due, 1);
      const reminded = (pending || a.received > remindOn) && remindOn <= openUntil;
      const escalated = (pending || a.received > due) && escalateOn <= openUntil;
      out.advice_request.push({
        id: requestId, assessment_id: id, la_code: la, adviser: a.adviser, discipline: a.discipline, requested_of_user: user?.id ?? null, requested_of_org: orgId,
        requested_of_name: name, requested_on: a.requested, due_on: due, received_on: a.received || null, summary: a.received ? (adviceBank[a.discipline]?.summary ?? null) : null,
        given_by: givenBy?.id ?? null, reminded_at: reminded ? at(remindOn, 7) : null, escalated_at: escalated ? at(escalateOn, 7) : null,
      });
      if (orgId && !inTeam(s.child.id, orgId, user?.id ?? null)) {
        const row = { child_id: s.child.id, la_code: la, organisation_id: orgId, user_id: user?.id ?? null, role: `Adviser: ${disciplineLabels[a.discipline].toLowerCase()}`, started_on: a.requested, ended_on: null };
        newTeam.push(row);
        push(team, s.child.id, row);
      }
      const advisers: Person[] = user ? [{ name: user.name, role: 'adviser' }] : (staffOf.get(orgId ?? '') ?? []).map((u) => ({ name: u.name, role: 'adviser' }));
      if (user) adviserNames.push({ name, role: 'adviser' });
      event(a.requested, `${disciplineLabels[a.discipline]} requested`, `From ${name}, due ${due}`);
      notice('advice-requested', a.requested, advisers);
      if (reminded) notice('advice-reminder', remindOn, advisers, 7);
      if (escalated) {
        const health = org?.kind === 'health-provider' || org?.kind === 'icb';
        const up = health ? dco.map((u) => ({ name: staffName(u), role: 'designated clinical officer' })) : managers.map((u) => ({ name: u.name, role: 'SEND manager' }));
        notice('advice-escalated', escalateOn, [...up, ...audience.caseworker()], 7);
      }
      if (a.received) {
        version++;
        const bank = adviceBank[a.discipline];
        if (bank) {
          const items = [
            ...bank.needs.slice(0, between(1, bank.needs.length)).map((text, position) => ({ kind: 'need' as const, position, text })),
            ...bank.outcomes.slice(0, between(1, bank.outcomes.length)).map((text, position) => ({ kind: 'outcome' as const, position, text })),
            ...bank.provision.slice(0, between(1, bank.provision.length)).map((text, position) => ({ kind: 'provision' as const, position, text })),
          ];
          for (const it of items) out.advice_item.push({ advice_request_id: requestId, la_code: la, kind: it.kind, position: it.position, text: it.text });
        }
        event(a.received, `${disciplineLabels[a.discipline]} received`, `From ${name}`);
        notice('advice-received', a.received, audience.caseworker());
      }
    }

    for (const e of s.exceptions) {
      version++;
      const explanation = pick(exceptionText[e.reason]);
      const recordedOn = later(e.from, s.req) <= s.cutoff ? later(e.from, s.req) : s.cutoff;
      out.assessment_exception.push({ assessment_id: id, la_code: la, reason: e.reason, adviser: e.adviser, from_date: e.from, to_date: e.to, explanation, recorded_by: s.caseworker.id, recorded_at: at(recordedOn, 11) });
      event(recordedOn, 'Exception to the assessment timescales recorded', explanation);
      notice('exception', recordedOn, [...audience.family(), ...audience.caseworker()], 11);
    }

    if (s.views) {
      version++;
      const parent = family.find((f) => f.relationship !== 'self');
      out.family_contribution.push({ assessment_id: id, la_code: la, kind: 'views', views: pick(viewsBank), aspirations: pick(aspirationsBank), comments: null, wants_meeting: null, preferred_setting: null, given_by: parent?.user_id ?? null, given_by_name: parent?.name ?? 'The family (recorded by the caseworker)', given_on: s.views });
      event(s.views, 'The family gave their views and aspirations', `By ${parent?.name ?? 'the family'}`);
      notice('family-views', s.views, audience.caseworker());
    }

    if (s.noPlan) {
      version++;
      event(s.noPlan, 'Decided not to issue an EHC plan', pick(noPlanReasons));
      notice('decided-not-to-issue', s.noPlan, statutory());
    }

    if (s.draft) {
      version++;
      event(s.draft, 'Draft EHC plan issued', `Comments by ${addDays(s.draft, commentsDays)}`);
      notice('draft-issued', s.draft, [...audience.family(), ...adviserNames]);
      if (s.comments) {
        version++;
        const parent = family.find((f) => f.relationship !== 'self');
        out.family_contribution.push({ assessment_id: id, la_code: la, kind: 'draft-comments', views: null, aspirations: null, comments: pick(commentsBank), wants_meeting: s.comments.wantsMeeting, preferred_setting: chance(0.3) ? (setting?.name ?? null) : null, given_by: parent?.user_id ?? null, given_by_name: parent?.name ?? 'The family (recorded by the caseworker)', given_on: s.comments.on });
        event(s.comments.on, 'The family commented on the draft plan', `By ${parent?.name ?? 'the family'}`);
        notice('draft-comments', s.comments.on, audience.caseworker());
      }
      for (const c of s.consultations) {
        version++;
        const answered = c.responded <= s.cutoff;
        const answeredBy = sencosOf(c.org.id)[0];
        out.setting_consultation.push({ assessment_id: id, la_code: la, organisation_id: c.org.id, sent_on: c.sent, due_on: addDays(c.sent, 15), response: answered ? c.response : null, response_reasons: answered ? pick(consultationReasons[c.response]) : null, responded_on: answered ? c.responded : null, responded_by: answered ? (answeredBy?.id ?? null) : null });
        event(c.sent, `${c.org.name} consulted about a place`, `Reply due ${addDays(c.sent, 15)}`);
        notice('setting-consulted', c.sent, audience.setting(c.org.id));
        if (answered) {
          event(c.responded, `Setting answered the consultation: ${c.response === 'can-meet' ? 'can meet needs' : 'cannot meet needs'}`);
          notice('consultation-answered', c.responded, audience.caseworker());
        }
      }
    }
    const named = s.final ? ([...s.consultations].reverse().find((c) => c.response === 'can-meet' && c.responded <= s.cutoff)?.org ?? null) : null;
    if (s.final) {
      version++;
      event(s.final, 'Final EHC plan issued');
      notice('final-issued', s.final, [...audience.family(), ...audience.icb(), ...(named ? audience.setting(named.id) : [])]);
    }
    const withdrawnReason = s.withdrawn ? pick(withdrawnReasons) : null;
    if (s.withdrawn) {
      version++;
      event(s.withdrawn, 'Assessment closed: withdrawn', withdrawnReason);
      notice('withdrawn', s.withdrawn, [...audience.family(), ...audience.caseworker()]);
    }

    const summary = pick(summaries[s.child.primary_need] ?? summaries.OTH ?? ['']);
    const decisionReasons = s.noPlan ? pick(noPlanReasons) : s.decided ? (s.refused ? pick(notAssessReasons) : pick(assessReasons)) : null;
    const lastChange = [s.req, s.decided, s.draft, s.final, s.noPlan, s.withdrawn, ...s.advice.map((a) => a.received)].filter((d): d is string => !!d).reduce((m, d) => later(m, d));
    out.assessment.push({
      id, reference: ref, child_id: s.child.id, la_code: la, request_received: s.req, request_source: s.source, requested_by: requestedBy, request_summary: summary, stage: s.stage,
      caseworker_id: s.caseworker.id, decided_on: s.decided || null, decision_reasons: decisionReasons, decided_by: s.decided || s.noPlan ? inp.manager.id : null, no_plan_on: s.noPlan,
      draft_issued_on: s.draft, final_issued_on: s.final, named_setting_id: named?.id ?? null, withdrawn_on: s.withdrawn, withdrawn_reason: withdrawnReason, updated_at: at(lastChange, 16), version,
    });
  }

  // The child's timeline tells the case as it happened; the generic request and plan events it replaces go.
  const kept = inp.timeline_event.filter((t) => !(childrenWithCase.has(t.child_id) && ['request', 'advice', 'plan'].includes(t.kind)));
  inp.timeline_event.length = 0;
  for (const t of kept) inp.timeline_event.push(t);
  for (const t of timeline) inp.timeline_event.push(t);
  for (const t of newTeam) inp.team_member.push(t);
  return out;
}
