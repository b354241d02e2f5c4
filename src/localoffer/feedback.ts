// Comments on the local offer, the council's answers, and what is published (issue 5 §4; CFA 2014 s.30(6): the
// council must publish the comments it receives about its local offer and its response, including any action it
// will take; SEND Regs 2014 reg 56: at least once a year). Personal details are removed before anything is shown,
// and a moderator approves what is. Pure.
import { z } from 'zod';

/** Comments from one address allowed in an hour. */
export const commentsPerHour = 10;

const optional = (max: number, message: string) => z.string().trim().max(max, message).optional().transform((v) => v || null);

export const commentSchema = z.object({
  body: z.string({ message: 'Enter your comment' }).trim().min(1, 'Enter your comment').max(5000, 'Your comment must be 5,000 characters or fewer'),
  name: optional(200, 'Your name must be 200 characters or fewer'),
  email: z
    .string()
    .trim()
    .max(320)
    .optional()
    .transform((v) => v || null)
    .pipe(z.email('Enter an email address in the correct format, like name@example.com').nullable()),
  serviceId: z.string().optional().transform((v) => v || null),
});
export type CommentInput = z.output<typeof commentSchema>;

export const answerSchema = z.object({
  response: z.string({ message: 'Enter your response' }).trim().min(1, 'Enter your response to the comment').max(5000, 'The response must be 5,000 characters or fewer'),
  action: z.string().trim().max(5000, 'What you did must be 5,000 characters or fewer').default(''),
});

export const moderationSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve'),
    publicComment: z.string().trim().min(1, 'Enter the comment as it will be published').max(5000, 'The published comment must be 5,000 characters or fewer'),
    publicResponse: z.string().trim().min(1, 'Enter the response as it will be published').max(10000, 'The published response must be 10,000 characters or fewer'),
  }),
  z.object({
    decision: z.literal('not-published'),
    reason: z.string({ message: 'Say why it is not published' }).trim().min(1, 'Say why it is not published, for the record').max(2000, 'The reason must be 2,000 characters or fewer'),
  }),
], { message: 'Select whether to publish the comment' });

/** "LO-990-2026-00001": per area and year, numbered in order. */
export function feedbackReference(laCode: string, year: string, n: number): string {
  return `LO-${laCode}-${year}-${String(n).padStart(5, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Removing personal details (issue 5 §4: "Personal details are removed before publication").

export const removed = { email: '[email address removed]', phone: '[phone number removed]', postcode: '[postcode removed]', name: '[name removed]' } as const;

const emailPattern = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// UK numbers: +44 or 0, then 9 or 10 more digits, with spaces, dots, hyphens or brackets between them.
const phonePattern = /(?<![\p{N}])(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s.\-()]{0,2}\d){8,9}(?![\p{N}])/gu;
// BS 7666 postcodes, with or without the space, any case.
const postcodePattern = /(?<![\p{L}\p{N}])[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}(?![\p{L}\p{N}])/giu;

/** Words too common to remove when someone gives them as part of their name. */
const notNames = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'the', 'and', 'of', 'a', 'an', 'mum', 'dad', 'parent', 'carer', 'anonymous', 'none', 'n/a']);

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[\u2018\u2019\u02BC`´]/g, "'").toLowerCase();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The parts of the name a commenter gave that could identify them: each word of two or more letters. */
export function nameParts(name: string | null | undefined): string[] {
  if (!name) return [];
  return [...new Set(fold(name).split(/[\s,]+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')).filter((w) => w.length >= 2 && !notNames.has(w)))];
}

/**
 * The text with personal details taken out: email addresses, UK phone numbers, postcodes, and every word of the name
 * the commenter gave (whole words, any case, ignoring accents: "Zoë" finds "zoe"; "Ann" not "Annual"). Runs of
 * replacements are kept as one. What it cannot know (a child's name written in the comment, say) the moderator
 * removes by editing before approving.
 */
export function redactPersonalDetails(text: string, who: { name?: string | null; email?: string | null } = {}): string {
  let out = text.replace(emailPattern, removed.email);
  if (who.email) out = out.replace(new RegExp(escapeRegExp(who.email), 'giu'), removed.email);
  out = out.replace(phonePattern, removed.phone).replace(postcodePattern, removed.postcode);
  const parts = new Set(nameParts(who.name));
  if (parts.size) {
    // Word by word, so "Ann" is found in "Ann-Marie" and "Ann's" but not in "Annual".
    out = out.replace(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu, (word) => {
      const bare = fold(word).replace(/'s$/, '');
      return parts.has(bare) ? removed.name : word;
    });
  }
  // "[name removed] [name removed]" → "[name removed]"
  for (const r of Object.values(removed)) out = out.replace(new RegExp(`${escapeRegExp(r)}(?:\\s+${escapeRegExp(r)})+`, 'g'), r);
  return out;
}

/** The response as the public reads it by default: what we said, then what we did or will do. */
export function defaultPublicResponse(response: string, action: string): string {
  return action.trim() ? `${response.trim()}\n\nWhat we did or will do: ${action.trim()}` : response.trim();
}

export type FeedbackStatus = 'to-answer' | 'to-moderate' | 'published' | 'not-published';

export const feedbackStatusText: Record<FeedbackStatus, { text: string; colour: string }> = {
  'to-answer': { text: 'To answer', colour: 'red' },
  'to-moderate': { text: 'Answered: to moderate', colour: 'yellow' },
  published: { text: 'Published', colour: 'green' },
  'not-published': { text: 'Not published', colour: 'grey' },
};

export function feedbackStatus(f: { respondedAt: Date | null; moderation: 'pending' | 'approved' | 'not-published' }): FeedbackStatus {
  if (f.moderation === 'approved') return 'published';
  if (f.moderation === 'not-published') return 'not-published';
  return f.respondedAt ? 'to-moderate' : 'to-answer';
}
