// How a case and its steps read on a page: labels, GOV.UK tag colours, the caseworker's task list.
import { formatPlainDate } from '../platform/web/dates.ts';
import { addDays, daysBetween } from '../platform/plain-date.ts';
import { disciplineLabels, requestSources, stepLabel, type RequestSource, type StepStatus, type Tag } from './case.ts';
import { closedStages, stageLabels } from './journey.ts';
import type { CaseView } from './store.ts';
import type { CaseloadItem } from './caseload-store.ts';

export const stepStatusTag = (status: StepStatus, due: string, asOf: string): Tag => {
  switch (status) {
    case 'met':
      return { text: 'Met', colour: 'green' };
    case 'late':
      return { text: 'Late', colour: 'red' };
    case 'late-exception':
      return { text: 'Late: exception', colour: 'purple' };
    case 'pending': {
      const days = daysBetween(asOf, due);
      return days <= 7 ? { text: days === 0 ? 'Due today' : `Due in ${days} day${days === 1 ? '' : 's'}`, colour: 'orange' } : { text: 'Not yet due', colour: 'blue' };
    }
    case 'overdue':
      return { text: `Overdue by ${daysBetween(due, asOf)} day${daysBetween(due, asOf) === 1 ? '' : 's'}`, colour: 'red' };
    case 'overdue-exception':
      return { text: 'Overdue: exception', colour: 'purple' };
    case 'open':
      return { text: 'Open for comments', colour: 'yellow' };
    case 'closed':
      return { text: 'Closed', colour: 'grey' };
    case 'not-applicable':
      return { text: 'Not needed', colour: 'grey' };
  }
};

export interface TaskItem {
  title: string;
  href: string | null;
  hint?: string;
  status: { text: string; colour?: Tag['colour'] };
}

/** The caseworker's task list for the case: every step, what it needs now, and where to do it. */
export function caseTasks(v: CaseView, asOf: string, mayDecide: boolean, mayManage: boolean, planId: string | null = null): TaskItem[] {
  const a = v.assessment;
  const base = `/assessments/${a.id}`;
  const closed = closedStages.includes(a.stage);
  const done = (text = 'Completed'): TaskItem['status'] => ({ text });
  const todo = (text = 'To do', colour: Tag['colour'] = 'blue'): TaskItem['status'] => ({ text, colour });
  const cannot = (): TaskItem['status'] => ({ text: 'Cannot start yet', colour: 'grey' });
  const decisionStep = v.status.timescales.steps.find((s) => s.step === 'decision');
  const tasks: TaskItem[] = [];
  tasks.push({ title: 'Record the request and tell the people who must know', href: null, hint: `${v.notices.filter((n) => n.kind === 'request-received').length} notices sent (reg 4)`, status: done() });
  tasks.push({
    title: 'Decide whether to assess',
    href: a.stage === 'requested' && mayDecide ? `${base}/decision` : null,
    hint: a.decided_on ? `${a.stage === 'not-assessing' ? 'Decided not to assess' : 'Decided to assess'} on ${formatPlainDate(a.decided_on)}` : `By ${formatPlainDate(decisionStep?.due)}${mayDecide ? '' : ': recorded by a SEND manager for the panel'}`,
    status: a.decided_on ? done() : closed ? cannot() : todo(decisionStep?.status === 'overdue' ? 'Overdue' : 'To do', decisionStep?.status === 'overdue' ? 'red' : 'blue'),
  });
  const assessing = a.stage === 'assessing';
  const asked = v.advice.filter((x) => x.discipline !== 'family' && x.discipline !== 'private-report');
  tasks.push({
    title: 'Ask for advice',
    href: assessing && mayManage ? `${base}/advice/new` : null,
    hint: asked.length ? `${asked.length} requested${v.missing.length ? `; not yet asked: ${v.missing.map((d) => disciplineLabels[d].toLowerCase()).join(', ')}` : ''}` : 'Education, health, educational psychology and social care (reg 6)',
    status: a.stage === 'requested' ? cannot() : v.missing.length && assessing ? todo('In progress', 'light-blue') : asked.length ? done() : closed ? cannot() : todo(),
  });
  const outstanding = asked.filter((x) => !x.received_on);
  tasks.push({
    title: 'Receive the advice',
    href: null,
    hint: asked.length ? `${asked.length - outstanding.length} of ${asked.length} in` : undefined,
    status: !asked.length ? cannot() : outstanding.length ? todo(outstanding.some((x) => x.due_on < asOf) ? 'Overdue' : 'Waiting', outstanding.some((x) => x.due_on < asOf) ? 'red' : 'yellow') : done(),
  });
  const views = v.contributions.filter((c) => c.kind === 'views');
  tasks.push({
    title: 'The family’s views and aspirations (section A)',
    href: !closed && mayManage ? `${base}/views` : null,
    hint: views.length ? `Given by ${views.map((c) => c.given_by_name).join(', ')}` : 'Parents and young people can give them online',
    status: views.length ? done() : closed ? cannot() : todo(),
  });
  tasks.push({
    title: 'Issue the draft plan',
    href: assessing && mayManage && !outstanding.length ? (planId ? `/plans/${planId}` : `${base}/draft`) : null,
    hint: a.draft_issued_on ? `Issued on ${formatPlainDate(a.draft_issued_on)}` : outstanding.length ? `Waiting for ${outstanding.length} piece${outstanding.length === 1 ? '' : 's'} of advice` : undefined,
    status: a.draft_issued_on ? done() : assessing ? (outstanding.length ? cannot() : todo()) : cannot(),
  });
  const comments = v.contributions.filter((c) => c.kind === 'draft-comments');
  const windowEnds = a.draft_issued_on ? addDays(a.draft_issued_on, 14) : null;
  tasks.push({
    title: 'The family’s comments on the draft (15 days)',
    href: a.stage === 'draft-issued' && mayManage ? `${base}/draft-comments` : null,
    hint: windowEnds ? `${comments.length ? `Comments received${comments.some((c) => c.wants_meeting) ? '; a meeting was asked for' : ''}. ` : ''}Window ${asOf > windowEnds ? 'closed' : 'open until'} ${formatPlainDate(windowEnds)}` : undefined,
    status: !a.draft_issued_on ? cannot() : comments.length || (windowEnds && asOf > windowEnds) ? done() : todo('Waiting', 'yellow'),
  });
  tasks.push({
    title: 'Consult schools or settings',
    href: (assessing || a.stage === 'draft-issued') && mayManage ? `${base}/consultations/new` : null,
    hint: v.consultations.length ? v.consultations.map((c) => `${c.name}: ${c.response ? (c.response === 'can-meet' ? 'can meet needs' : 'cannot meet needs') : `reply due ${formatPlainDate(c.due_on)}`}`).join('; ') : undefined,
    status: v.consultations.length ? (v.consultations.every((c) => c.response) ? done() : todo('Waiting', 'yellow')) : closed || a.stage === 'requested' ? cannot() : todo('Optional', 'grey'),
  });
  tasks.push({
    title: 'Issue the final plan',
    href: a.stage === 'draft-issued' && mayManage ? (planId ? `/plans/${planId}` : `${base}/final`) : null,
    hint: a.final_issued_on ? `Issued on ${formatPlainDate(a.final_issued_on)}${a.named_setting_name ? `, naming ${a.named_setting_name}` : ''}` : `By ${formatPlainDate(addDays(a.request_received, 140))} (20 weeks)`,
    status: a.final_issued_on ? done() : a.stage === 'draft-issued' ? todo() : cannot(),
  });
  return tasks;
}

export function presentCaseloadItem(c: CaseloadItem) {
  return {
    id: c.id,
    reference: c.reference,
    childId: c.child_id,
    childName: c.child_name,
    stage: stageLabels[c.stage],
    caseworker: c.caseworker_name ?? 'Not assigned',
    received: c.request_received,
    /** The dates as the page shows them (GOV.UK style), formatted once here rather than by a filter per row. */
    receivedOn: formatPlainDate(c.request_received),
    nextDue: formatPlainDate(c.status.next?.due),
    next: c.status.next,
    tag: c.status.tag,
    exception: c.status.exception,
    atRisk: c.forecast?.atRisk ?? false,
    open: c.status.open,
    week: daysBetween(c.request_received, c.status.next?.due ?? c.request_received) / 7,
  };
}

export const requestSourceLabel = (n: number): string => requestSources[n as RequestSource] ?? 'Other';
export { stepLabel, stageLabels, disciplineLabels };
