// The online request form for an EHC needs assessment (issue 3 §2.1): who may ask, what they are asked, and the
// checks on each answer, as pure rules and zod schemas (no database). Its store is public-request.ts.
import { z } from 'zod';
import { addDays } from '../platform/plain-date.ts';
import { passwordProblem } from '../platform/auth/passwords.ts';
import { plainDate } from '../children/domain.ts';
import { isUuid } from '../children/store.ts';


export const requesterRoles = ['parent', 'young-person', 'carer'] as const;
export type RequesterRole = (typeof requesterRoles)[number];

export const requesterRoleLabels: Record<RequesterRole, string> = { parent: 'parent', 'young-person': 'young person', carer: 'carer' };

/** How the requester is linked to the child when the request is accepted (family_member.relationship). */
export const familyRelationship: Record<RequesterRole, { relationship: string; parentalResponsibility: boolean }> = {
  parent: { relationship: 'parent', parentalResponsibility: true },
  'young-person': { relationship: 'self', parentalResponsibility: true },
  // A carer without parental responsibility sees the record only when a parent (or the young person) grants it.
  carer: { relationship: 'carer', parentalResponsibility: false },
};

/** The council must decide whether to assess within 6 weeks of receiving the request (reg 4(1)). */
export const decisionDueOn = (receivedOn: string): string => addDays(receivedOn, 42);

/** Whole years from a date of birth to a day. */
export function ageOn(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

const ukPostcode = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;
/** "sw1a1aa" → "SW1A 1AA"; null when it is not shaped like a UK postcode. */
export function normalisePostcode(s: string): string | null {
  const compact = s.replace(/\s+/g, '').toUpperCase();
  return ukPostcode.test(compact) ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : null;
}

/** Lenient: spaces, brackets, dots and dashes anywhere; +44, 0044 or 0 before 9 or 10 digits. */
export function isUkPhone(s: string): boolean {
  const compact = s.replace(/\(0\)/g, '').replace(/[\s().-]/g, '');
  return /^(?:\+44|0044|0)\d{9,10}$/.test(compact);
}

const text = (max: number, label: string, enter: string) =>
  z
    .string({ error: enter })
    .trim()
    .min(1, enter)
    .max(max, `${label} must be ${max} characters or fewer`);

const optional = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v || null);

export function publicRequestSchema(today: () => string, laCodes: readonly string[]) {
  return z
    .object({
      laCode: z.string({ error: 'Choose your local area' }).trim().refine((v) => laCodes.includes(v), 'Choose your local area'),
      relationship: z.enum(requesterRoles, { error: 'Choose who you are' }),
      requesterName: text(200, 'Your name', 'Enter your full name'),
      email: z
        .string({ error: 'Enter your email address' })
        .trim()
        .min(1, 'Enter your email address')
        .max(254, 'Your email address must be 254 characters or fewer')
        .refine((v) => z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.com'),
      phone: optional(40, 'Your phone number').refine((v) => v === null || isUkPhone(v), 'Enter a UK phone number, like 01632 960 001 or 07700 900 982'),
      childGivenName: text(100, 'First name', 'Enter the child or young person’s first name'),
      childFamilyName: text(100, 'Last name', 'Enter the child or young person’s last name'),
      dateOfBirth: plainDate('Date of birth').superRefine((dob, ctx) => {
        const t = today();
        if (dob >= t) ctx.addIssue({ code: 'custom', message: 'Date of birth must be in the past' });
        else if (ageOn(dob, t) > 25) ctx.addIssue({ code: 'custom', message: 'The child or young person must be 25 or under: EHC needs assessments are for ages 0 to 25' });
      }),
      postcode: optional(10, 'Postcode').transform((v, ctx) => {
        if (v === null) return null;
        const p = normalisePostcode(v);
        if (!p) {
          ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like AA1 1AA, or leave it blank' });
          return z.NEVER;
        }
        return p;
      }),
      settingName: optional(200, 'The school or setting'),
      reasons: text(8000, 'Why you are asking', 'Tell us why you are asking for an assessment'),
      declaration: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .refine((v) => v === 'yes' || (Array.isArray(v) && v.includes('yes')), 'Confirm that the information is right and that the parent or young person agrees to the request')
        .transform(() => true as const),
    })
    .superRefine((v, ctx) => {
      // Runs even when other fields have problems: check only what parsed.
      if (v.relationship === 'young-person' && typeof v.dateOfBirth === 'string' && v.dateOfBirth < today() && ageOn(v.dateOfBirth, today()) < 16) {
        ctx.addIssue({ code: 'custom', path: ['relationship'], message: 'A young person can ask for themselves from the age of 16. If you are under 16, your parent or carer, or your school, can ask for you' });
      }
    });
}
export type PublicRequestInput = z.infer<ReturnType<typeof publicRequestSchema>>;

export const acceptSchema = z.object({
  choice: z.string({ error: 'Choose the child’s record, or create a new one' }).trim().refine((v) => v === 'new' || isUuid(v), 'Choose the child’s record, or create a new one'),
  seen: z.string().optional().default(''),
});

export const rejectSchema = z.object({ reason: text(2000, 'The reason', 'Enter the reason for rejecting the request') });

export const registerSchema = z
  .object({
    password: z.string({ error: 'Enter a password' }).min(1, 'Enter a password'),
    confirm: z.string({ error: 'Enter the password again' }).min(1, 'Enter the password again'),
  })
  .superRefine((v, ctx) => {
    if (typeof v.password !== 'string' || !v.password) return;
    const problem = passwordProblem(v.password);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
    else if (typeof v.confirm === 'string' && v.confirm && v.confirm !== v.password) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'The passwords do not match' });
  });
