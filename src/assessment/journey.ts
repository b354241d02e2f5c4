// The EHC needs assessment as a state machine: which step may follow which, and why not when it may not
// (issue 3 §2). Pure; the app refuses an impossible transition with the reason given here.
// Stages follow SEND Regs 2014 regs 3–13 and statutory-rules.md §1.

export const stages = ['requested', 'assessing', 'not-assessing', 'draft-issued', 'no-plan', 'final-issued', 'withdrawn'] as const;
export type Stage = (typeof stages)[number];

export const actions = ['decide-to-assess', 'decide-not-to-assess', 'request-advice', 'receive-advice', 'decide-not-to-issue', 'issue-draft', 'issue-final', 'withdraw'] as const;
export type Action = (typeof actions)[number];

export const stageLabels: Record<Stage, string> = {
  requested: 'Request received',
  assessing: 'Assessing',
  'not-assessing': 'Decided not to assess',
  'draft-issued': 'Draft plan issued',
  'no-plan': 'Decided not to issue a plan',
  'final-issued': 'Final plan issued',
  withdrawn: 'Withdrawn',
};

/** Stages from which nothing more can happen. */
export const closedStages: readonly Stage[] = ['not-assessing', 'no-plan', 'final-issued', 'withdrawn'];

export type Transition = { ok: true; to: Stage } | { ok: false; reason: string };

const closedReason: Record<string, string> = {
  'not-assessing': 'The decision was not to assess. The family can appeal, or a new request can be made.',
  'no-plan': 'The decision was not to issue a plan. The family can appeal, or a new request can be made.',
  'final-issued': 'The final plan has been issued. Changes now go through an annual review or an amendment.',
  withdrawn: 'The request was withdrawn. A new request can be made.',
};

/** Whether an action may happen at a stage, and the stage it leads to; otherwise the reason in plain words. */
export function transition(stage: Stage, action: Action, facts: { outstandingAdvice?: number } = {}): Transition {
  if (closedStages.includes(stage)) return { ok: false, reason: `This assessment is closed. ${closedReason[stage] ?? ''}`.trim() };
  switch (action) {
    case 'decide-to-assess':
    case 'decide-not-to-assess':
      // reg 5: one decision whether to assess, within 6 weeks of the request
      if (stage !== 'requested') return { ok: false, reason: 'The decision whether to assess has already been made.' };
      return { ok: true, to: action === 'decide-to-assess' ? 'assessing' : 'not-assessing' };
    case 'request-advice':
    case 'receive-advice':
      // reg 6: advice is sought after deciding to assess
      if (stage === 'requested') return { ok: false, reason: 'Advice is requested once the decision to assess has been made (reg 6).' };
      if (stage === 'draft-issued' && action === 'request-advice') return { ok: false, reason: 'The draft plan has been issued: advice should have been gathered before it.' };
      return { ok: true, to: stage };
    case 'decide-not-to-issue':
      // reg 10: after the assessment, before any draft
      if (stage === 'requested') return { ok: false, reason: 'Decide whether to assess first.' };
      if (stage === 'draft-issued') return { ok: false, reason: 'A draft plan has been issued. To stop now, record why and withdraw, or issue the final plan.' };
      return { ok: true, to: 'no-plan' };
    case 'issue-draft':
      if (stage === 'requested') return { ok: false, reason: 'Decide whether to assess first.' };
      if (stage === 'draft-issued') return { ok: false, reason: 'A draft plan has already been issued.' };
      if ((facts.outstandingAdvice ?? 0) > 0) {
        return { ok: false, reason: `${facts.outstandingAdvice} piece${facts.outstandingAdvice === 1 ? '' : 's'} of advice ${facts.outstandingAdvice === 1 ? 'is' : 'are'} still outstanding. The plan must be built on the advice gathered (reg 6; CoP 9.46).` };
      }
      return { ok: true, to: 'draft-issued' };
    case 'issue-final':
      // reg 13: the family first sees the draft and has 15 days to comment
      if (stage !== 'draft-issued') return { ok: false, reason: 'A final plan follows a draft plan that the family has had 15 days to comment on (reg 13).' };
      return { ok: true, to: 'final-issued' };
    case 'withdraw':
      return { ok: true, to: 'withdrawn' };
  }
}
