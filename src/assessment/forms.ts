// What the assessment's forms accept, as zod schemas: pages and API give the same messages.
import { z } from 'zod';
import { plainDate } from '../children/domain.ts';
import { disciplines, requestSources } from './case.ts';
import { adviserOnlyReasons, laExceptionReasons } from './timescales.ts';

const text = (max: number, label: string, required = true) => {
  const s = z.string({ error: `Enter ${label.toLowerCase()}` }).trim().max(max, `${label} must be ${max} characters or fewer`);
  return required ? s.min(1, `Enter ${label.toLowerCase()}`) : s.optional().transform((v) => v ?? '');
};
const uuid = (message: string) => z.string({ error: message }).trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, message);
const optionalUuid = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return v;
    });

export const requestSourceItems = Object.entries(requestSources).map(([value, text]) => ({ value, text }));

export function startSchema(today: () => string) {
  return z.object({
    requestReceived: plainDate('The date the request was received', { notFuture: true, today }),
    requestSource: z.coerce
      .number({ error: 'Choose who made the request' })
      .int()
      .refine((n) => n >= 1 && n <= 5, 'Choose who made the request'),
    requestedBy: text(200, 'The name of the person or organisation who made the request'),
    summary: text(4000, 'Why the request was made', false),
    caseworkerId: optionalUuid('Choose a caseworker from the list'),
  });
}

export function decisionSchema(today: () => string) {
  return z.object({
    assess: z.enum(['yes', 'no'], { error: 'Choose whether the assessment will go ahead' }).transform((v) => v === 'yes'),
    on: plainDate('The date of the decision', { notFuture: true, today }),
    reasons: text(8000, 'The reasons for the decision'),
  });
}

export function noPlanSchema(today: () => string) {
  return z.object({ on: plainDate('The date of the decision', { notFuture: true, today }), reasons: text(8000, 'The reasons for the decision') });
}

export function adviceRequestSchema(today: () => string) {
  return z
    .object({
      discipline: z.enum(disciplines.filter((d) => d !== 'family' && d !== 'private-report') as [string, ...string[]], { error: 'Choose the kind of advice' }),
      requestedOfUser: optionalUuid('Choose a professional from the list'),
      requestedOfOrg: optionalUuid('Choose an organisation from the list'),
      requestedOn: plainDate('The date advice was requested', { notFuture: true, today }),
    })
    .refine((v) => v.requestedOfUser || v.requestedOfOrg, { path: ['requestedOfUser'], message: 'Choose who you are asking for advice: a person, or an organisation' });
}

/** Lines of a textarea as separate items: one need, outcome or piece of provision per line. */
const lines = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v, ctx) => {
      const all = (Array.isArray(v) ? v : [v ?? ''])
        .flatMap((s) => s.split(/\r?\n/))
        .map((s) => s.trim())
        .filter(Boolean);
      const long = all.find((s) => s.length > 2000);
      if (long) {
        ctx.addIssue({ code: 'custom', message: `Each ${label} must be 2000 characters or fewer` });
        return z.NEVER;
      }
      if (all.length > 50) {
        ctx.addIssue({ code: 'custom', message: `Enter 50 ${label}s or fewer` });
        return z.NEVER;
      }
      return all;
    });

export function adviceSchema(today: () => string) {
  return z
    .object({
      summary: text(8000, 'A summary of your advice'),
      needs: lines('need'),
      outcomes: lines('outcome'),
      provision: lines('piece of provision'),
      receivedOn: plainDate('The date of your advice', { notFuture: true, today }).optional().default(today()),
    })
    .refine((v) => v.needs.length + v.outcomes.length + v.provision.length > 0, { path: ['needs'], message: 'Enter at least one need, outcome sought or piece of recommended provision' });
}

export const exceptionReasonItems = [
  { value: 'personal-circumstances', text: 'Exceptional personal circumstances affecting the child, parent or young person', hint: 'regs 5(4)(c), 10(4)(c)' },
  { value: 'absence-from-area', text: 'The child, parent or young person is away from the area for 4 weeks or more', hint: 'regs 5(4)(d), 10(4)(d)' },
  { value: 'school-closure', text: 'The school or college is closed for 4 weeks or more (for example, the summer holiday)', hint: 'regs 5(4)(a), 10(4)(a)' },
  { value: 'early-years-closure', text: 'The early years setting is closed for 4 weeks or more', hint: 'regs 5(4)(b), 10(4)(b)' },
  { value: 'missed-appointment', text: 'The child missed an appointment with an adviser (that adviser’s 6 weeks only)', hint: 'reg 8(2)(c): not an exception to the council’s 20 weeks' },
] as const;

export function exceptionSchema() {
  return z
    .object({
      reason: z.enum([...laExceptionReasons, ...adviserOnlyReasons], { error: 'Choose the reason for the exception' }),
      adviser: z.string().trim().optional().transform((v) => v || null),
      from: plainDate('The first day of the exception'),
      to: plainDate('The last day of the exception'),
      explanation: text(2000, 'What happened, in words the family will read'),
    })
    .refine((v) => v.to >= v.from, { path: ['to'], message: 'The exception must end on or after the day it starts' })
    .refine((v) => v.reason !== 'missed-appointment' || v.adviser, { path: ['adviser'], message: 'Choose whose appointment was missed' });
}

export function dateOnlySchema(today: () => string, label: string) {
  return z.object({ on: plainDate(label, { notFuture: true, today }) });
}

export function consultationSchema(today: () => string) {
  return z
    .object({
      organisationId: uuid('Choose a school or setting from the list'),
      sentOn: plainDate('The date the consultation was sent', { notFuture: true, today }),
      dueOn: plainDate('The date to reply by'),
    })
    .refine((v) => v.dueOn >= v.sentOn, { path: ['dueOn'], message: 'The reply date must be on or after the day the consultation is sent' });
}

export const answerSchema = z.object({
  response: z.enum(['can-meet', 'cannot-meet'], { error: 'Choose whether you can meet the child’s needs' }),
  reasons: text(4000, 'Your reasons'),
});

export function finalSchema(today: () => string) {
  return z.object({ on: plainDate('The date the final plan was issued', { notFuture: true, today }), namedSettingId: optionalUuid('Choose a school or setting from the list') });
}

export function withdrawSchema(today: () => string) {
  return z.object({ on: plainDate('The date the case closed', { notFuture: true, today }), reason: text(2000, 'Why the case is closing') });
}

export const viewsSchema = z
  .object({
    views: text(8000, 'Your views', false),
    aspirations: text(8000, 'Hopes and aspirations', false),
    onBehalfOf: text(200, 'Who gave these views', false),
  })
  .refine((v) => v.views || v.aspirations, { path: ['views'], message: 'Tell us your views, or your hopes and aspirations' });

export const draftCommentsSchema = z.object({
  comments: text(8000, 'Your comments'),
  wantsMeeting: z.enum(['yes', 'no'], { error: 'Tell us whether you would like a meeting' }).transform((v) => v === 'yes'),
  preferredSetting: text(300, 'The school or setting you would like named', false),
  onBehalfOf: text(200, 'Who gave these comments', false),
});

export const assignSchema = z.object({ caseworkerId: uuid('Choose a caseworker from the list') });

export const familyReportSchema = z.object({
  documentId: uuid('Choose the report from your child’s documents'),
  author: text(200, 'Who wrote the report'),
  summary: text(4000, 'What the report says, in a sentence or two'),
});
