// What a notification may say and how it becomes an email (issue 3 §4). Pure: no I/O.
// A message says what changed and what is due, and links to the case; it carries no more personal detail than
// needed: no diagnosis, and no name in the subject line, which mail clients show on lock screens and in lists.
import { z } from 'zod';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A well-formed uuid: anything else is skipped or answers 404 before it reaches the database. */
export function isUuid(s: string): boolean {
  return uuidPattern.test(s);
}

/** A path inside the app ("/assessments/…"), never another site ("//evil.example", "https://…", "/\\evil"). */
export function isAppPath(link: string): boolean {
  return /^\/([^/\\]|$)/.test(link) && !/[\s<>"]/.test(link);
}

/** The same limits as the CHECK constraints of migrations/0004_notifications.ts. */
export const messageSchema = z.object({
  recipients: z.array(z.string()),
  laCode: z.string().regex(/^[0-9]{3}$/, 'laCode must be a three-digit DfE LA code'),
  kind: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,49}$/, 'kind must be a short lower-case key such as advice-requested'),
  subject: z
    .string()
    .trim()
    .min(1, 'subject is empty')
    .max(150, 'subject must be 150 characters or fewer')
    .refine((s) => !/[\r\n]/.test(s), 'subject must be one line'),
  body: z.string().trim().min(1, 'body is empty').max(5000, 'body must be 5000 characters or fewer'),
  link: z.string().refine(isAppPath, 'link must be a path inside joinedup, such as /assessments/<id>'),
  childId: z.string().regex(uuidPattern, 'childId must be a uuid').nullish(),
  personalTerms: z.array(z.string()).optional(),
});
export type CheckedMessage = z.infer<typeof messageSchema>;

/** A message that must not be sent as it is: a programming error in the caller, so the change rolls back. */
export class InvalidMessageError extends Error {}

/** The subject names the person. The message says which term, by position only: logs hold no personal data. */
export class PersonalDetailInSubjectError extends InvalidMessageError {}

/** For comparing names: no case, no accents (Zoë = zoe), one kind of apostrophe, single spaces. */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02BC`´]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The positions (0-based) of the personal terms that appear in the subject as whole words, ignoring case and
 * accents. "Ann" is found in "Ann-Marie" and "ann's" but not in "Annual".
 */
export function personalTermsIn(subject: string, terms: readonly string[]): number[] {
  const text = fold(subject);
  const found: number[] = [];
  terms.forEach((term, i) => {
    const t = fold(term);
    if (!t) return;
    const pattern = escapeRegExp(t).replace(/ /g, '\\s+');
    if (new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'u').test(text)) found.push(i);
  });
  return found;
}

/** Throws PersonalDetailInSubjectError if the subject contains any of the terms (whole words, any case). */
export function assertImpersonalSubject(subject: string, terms: readonly string[]): void {
  const found = personalTermsIn(subject, terms);
  if (found.length) {
    throw new PersonalDetailInSubjectError(`A notification subject must not name the person: it contains personal term ${found.map((i) => i + 1).join(' and ')} of ${terms.length}`);
  }
}

/** Validates a message and applies the subject guard; throws InvalidMessageError with every problem. */
export function checkMessage(input: unknown): CheckedMessage {
  const r = messageSchema.safeParse(input);
  if (!r.success) throw new InvalidMessageError(`Notification not valid: ${r.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')}`);
  assertImpersonalSubject(r.data.subject, r.data.personalTerms ?? []);
  return r.data;
}

/** Roughly an email address: enough to skip placeholders; the SMTP server has the last word. */
export function looksLikeEmail(s: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s);
}

/** An app path as an absolute address under the public base URL (which may itself have a path). */
export function absoluteUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

export interface Email {
  subject: string;
  text: string;
}

/**
 * The email for an inbox message: the message, an absolute link to the case, and a footer saying why the
 * recipient got it. Plain text only. The child's id is never in it.
 */
export function composeEmail(m: { id: string; subject: string; body: string; link: string }, publicUrl: string): Email {
  const text = [
    m.body.trim(),
    '',
    `Open it in joinedup: ${absoluteUrl(publicUrl, m.link)}`,
    '',
    '-- ',
    'You are getting this email because you have a joinedup account and you are involved in this case. ' +
      `The same message is in your joinedup inbox: ${absoluteUrl(publicUrl, `/inbox/${m.id}`)}`,
    'Sign in to see the details. Replies to this email are not read.',
    '',
  ].join('\n');
  return { subject: m.subject, text };
}

const minute = 60_000;
/** Wait before the next attempt after `attempts` failures: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(minute * 2 ** Math.max(0, attempts - 1), 6 * 60 * minute);
}
