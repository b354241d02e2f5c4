// The child's shared record: what can be written into it, checked here once for pages and API alike.
// Pure: no I/O, no HTTP. Identifier rules are in identifiers.ts (statutory-rules.md §6).
import { z } from 'zod';
import { agencies } from '../platform/access/actor.ts';
import { checkNhsNumber, checkUpn } from './identifiers.ts';
import { isLaCode } from './codes.ts';

export const relationships = [
  ['mother', 'Mother'],
  ['father', 'Father'],
  ['parent', 'Parent'],
  ['step-parent', 'Step-parent'],
  ['grandparent', 'Grandparent'],
  ['foster-carer', 'Foster carer'],
  ['special-guardian', 'Special guardian'],
  ['carer', 'Carer'],
  ['sibling', 'Brother or sister'],
  ['self', 'The young person themself'],
  ['other', 'Other'],
] as const;
export type Relationship = (typeof relationships)[number][0];
export const relationshipLabel = (r: string): string => relationships.find(([k]) => k === r)?.[1] ?? r;

export const consentMethods = [
  ['written', 'In writing (signed form)'],
  ['online', 'Online, by the parent or young person'],
  ['email', 'By email'],
  ['verbal', 'Verbally, recorded by a professional'],
] as const;

export const documentTypes = [
  ['advice', 'Advice or report'],
  ['letter', 'Letter'],
  ['medical', 'Medical or health record'],
  ['school-report', 'School report'],
  ['plan', 'Plan or review'],
  ['photo', 'Photo or picture'],
  ['other', 'Other'],
] as const;

const trimmed = (max: number, label: string) => z.string().trim().max(max, `${label} must be ${max} characters or fewer`);
const optionalText = (max: number, label: string) =>
  trimmed(max, label)
    .optional()
    .transform((v) => (v ? v : null));

const checkbox = z
  .union([z.boolean(), z.literal('true'), z.literal('on'), z.literal('yes'), z.literal(''), z.literal('false')])
  .optional()
  .transform((v) => v === true || v === 'true' || v === 'on' || v === 'yes');

/** A date from a GOV.UK date input (day, month, year) or an ISO string; gives YYYY-MM-DD. */
export function plainDate(label: string, opts: { notFuture?: boolean; today?: () => string } = {}) {
  return z
    .union([z.string(), z.object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })])
    .transform((v, ctx) => {
      let iso: string;
      if (typeof v === 'string') iso = v.trim();
      else {
        const [d, m, y] = [v.day?.trim() ?? '', v.month?.trim() ?? '', v.year?.trim() ?? ''];
        if (!d && !m && !y) iso = '';
        else if (!d || !m || !y) {
          ctx.addIssue({ code: 'custom', message: `${label} must include a ${[!d && 'day', !m && 'month', !y && 'year'].filter(Boolean).join(' and ')}` });
          return z.NEVER;
        } else iso = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
      }
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: `Enter ${label.toLowerCase()}` });
        return z.NEVER;
      }
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
      const date = m ? new Date(`${iso}T00:00:00Z`) : null;
      if (!m || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date` });
        return z.NEVER;
      }
      if (Number(m[1]) < 1900) {
        ctx.addIssue({ code: 'custom', message: `${label} must be after 1900` });
        return z.NEVER;
      }
      if (opts.notFuture && iso > (opts.today?.() ?? new Date().toISOString().slice(0, 10))) {
        ctx.addIssue({ code: 'custom', message: `${label} must be today or in the past` });
        return z.NEVER;
      }
      return iso;
    });
}

const nhsNumber = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v?.trim()) return null;
    const r = checkNhsNumber(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value;
  });

const upn = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v?.trim()) return null;
    const r = checkUpn(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value;
  });

/** The child's identity: the "tell it once" core every service reads. */
export function childIdentitySchema(today: () => string) {
  return z.object({
    givenName: trimmed(100, 'First name').min(1, 'Enter the child’s first name'),
    familyName: trimmed(100, 'Last name').min(1, 'Enter the child’s last name'),
    preferredName: optionalText(100, 'Preferred name'),
    dateOfBirth: plainDate('Date of birth', { notFuture: true, today }),
    nhsNumber,
    upn,
    laCode: z
      .string()
      .trim()
      .refine((v) => /^\d{3}$/.test(v) && isLaCode(v), 'Select the child’s home local area'),
    sex: z.enum(['M', 'F', 'U'], { message: 'Select the child’s sex' }).default('U'),
    ethnicity: optionalText(4, 'Ethnicity'),
    firstLanguage: optionalText(60, 'First language'),
    lookedAfter: checkbox,
    childProtection: checkbox,
    /** Set when the user has seen the possible matches and still wants a new record. */
    confirmNotDuplicate: checkbox,
  });
}
export type ChildIdentity = z.infer<ReturnType<typeof childIdentitySchema>>;

export const aboutMeSchema = z.object({
  whatMatters: trimmed(5000, 'What matters to me').default(''),
  likeAndAdmire: trimmed(5000, 'What people like and admire about me').default(''),
  howToSupport: trimmed(5000, 'How best to support me').default(''),
  history: trimmed(10000, 'My history so far').default(''),
  version: z.coerce.number().int().positive().optional(),
});
export type AboutMe = z.infer<typeof aboutMeSchema>;

export const familyMemberSchema = z.object({
  name: trimmed(200, 'Name').min(1, 'Enter the family member’s name'),
  relationship: z.enum(relationships.map(([k]) => k) as [Relationship, ...Relationship[]], { message: 'Select their relationship to the child' }),
  parentalResponsibility: checkbox,
  email: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.com'),
  phone: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^[+0-9 ()-]{7,}$/.test(v), 'Enter a telephone number, like 01632 960 001 or 07700 900 982'),
  address: optionalText(500, 'Address'),
});

export function teamMemberSchema(today: () => string) {
  return z
    .object({
      organisationId: z.uuid({ message: 'Select an organisation' }),
      userId: z
        .string()
        .optional()
        .transform((v) => v || null)
        .refine((v) => v === null || z.uuid().safeParse(v).success, 'Select a person from the list'),
      role: trimmed(100, 'Role').min(1, 'Enter their role with the child, for example SENCO or Speech and language therapist'),
      startedOn: plainDate('Start date', { notFuture: false, today }),
      endedOn: z
        .union([z.string(), z.object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })])
        .optional()
        .transform((v) => (typeof v === 'object' && !v.day && !v.month && !v.year) || !v ? undefined : v)
        .pipe(plainDate('End date').optional()),
    })
    .refine((v) => !v.endedOn || v.endedOn >= v.startedOn, { path: ['endedOn'], message: 'End date must be the same as or after the start date' });
}

export function consentSchema(today: () => string) {
  return z.object({
    givenByFamilyMemberId: z
      .string()
      .optional()
      .transform((v) => v || null),
    givenByName: trimmed(200, 'Name').min(1, 'Enter who gave consent'),
    givenByRole: z.enum(['parent', 'young-person'], { message: 'Select who gave consent' }),
    agencies: z
      .union([z.array(z.enum(agencies)), z.enum(agencies)], { message: 'Select which agencies consent covers' })
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .refine((v) => v.length > 0, 'Select which agencies consent covers'),
    givenOn: plainDate('Date consent was given', { notFuture: true, today }),
    method: z.enum(consentMethods.map(([k]) => k) as ['written', 'online', 'email', 'verbal'], { message: 'Select how consent was given' }),
    notes: optionalText(2000, 'Notes'),
  });
}

export const withdrawConsentSchema = z.object({
  reason: trimmed(2000, 'Reason').min(1, 'Enter why consent was withdrawn'),
});

export const overrideSchema = z.object({
  reason: trimmed(2000, 'Reason').min(10, 'Explain why you need to see this record without consent, in at least 10 characters'),
});

export const searchSchema = z.object({
  q: z.string().trim().max(200).optional().default(''),
  dob: z.string().trim().max(10).optional().default(''),
  page: z.coerce.number().int().min(1).max(10000).optional().default(1),
});

/** Why a new consent cannot be recorded, or null. A parent needs parental responsibility; a young person
 * consents for themselves from 16 (Mental Capacity Act 2005 applies from 16; CoP 8.9–8.15). */
export function consentGiverProblem(giverRole: 'parent' | 'young-person', ageOnDate: number, familyMember: { parentalResponsibility: boolean; relationship: string } | null): string | null {
  if (giverRole === 'young-person') {
    return ageOnDate >= 16 ? null : 'A young person can give their own consent from the age of 16. Record consent from a parent with parental responsibility.';
  }
  if (familyMember && !familyMember.parentalResponsibility) {
    return `${relationshipLabel(familyMember.relationship)} does not have parental responsibility, so cannot give consent. Choose a parent with parental responsibility.`;
  }
  return null;
}

/** Accepted uploads: the types families and professionals send, checked by content as well as name. */
export const acceptedDocumentTypes: Record<string, { label: string; magic: (b: Buffer) => boolean }> = {
  'application/pdf': { label: 'PDF', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/png': { label: 'PNG', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/jpeg': { label: 'JPG', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word (DOCX)', magic: (b) => b[0] === 0x50 && b[1] === 0x4b },
  'text/plain': { label: 'text', magic: (b) => !b.subarray(0, 4096).includes(0) },
};

/** Why an upload is refused, in words the user can act on; null when it is accepted. */
export function documentProblem(file: { filename: string; mimetype: string; size: number; head: Buffer }, maxBytes: number): string | null {
  const kinds = Object.values(acceptedDocumentTypes).map((k) => k.label).join(', ');
  if (file.size === 0) return 'The selected file is empty';
  if (file.size > maxBytes) return `The selected file must be smaller than ${Math.round(maxBytes / 1024 / 1024)}MB`;
  const type = acceptedDocumentTypes[file.mimetype];
  if (!type) return `The selected file must be a ${kinds}`;
  if (!type.magic(file.head)) return `The selected file is not a real ${type.label} file. It may be damaged, or saved as a different type`;
  return null;
}
