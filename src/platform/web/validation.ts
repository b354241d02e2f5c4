// One validation result, two shapes (STYLE.md, hmpps form pattern): a GOV.UK error summary with
// per-field messages for pages, and `{ errors: [{ field, message }] }` with 400 for the API.
import type { z } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

export interface PageErrors {
  /** For govukErrorSummary: `{ text, href }`. */
  list: { text: string; href: string }[];
  /** For each input's errorMessage: `{ text }` by field name. */
  fields: Record<string, { text: string }>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Parses input with a zod schema; the first message for each field wins. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of r.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return { ok: false, errors };
}

export function toPageErrors(errors: FieldError[]): PageErrors {
  return {
    list: errors.map((e) => ({ text: e.message, href: `#${e.field.replace(/\./g, '-')}` })),
    fields: Object.fromEntries(errors.map((e) => [e.field, { text: e.message }])),
  };
}

/** An error the user can fix: becomes 400 with field messages (API) or the error summary (pages). */
export class UserInputError extends Error {
  constructor(public readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/** A record that does not exist or that the actor may not see: both answer 404, so existence does not leak. */
export class NotFoundError extends Error {
  constructor(what = 'Page') {
    super(`${what} not found`);
  }
}

/** The actor may see the record but not do this. */
export class ForbiddenError extends Error {}

/** No signed-in user: 401 for the API, a redirect to the sign-in page for pages. */
export class UnauthenticatedError extends Error {
  constructor() {
    super('Sign in to continue');
  }
}

/**
 * @fastify/formbody and the query-string parser give `dateOfBirth[day]=4` as the literal key "dateOfBirth[day]";
 * the domain schemas expect `{ dateOfBirth: { day: '4' } }`. One level of nesting is all our forms use.
 */
export function nestBrackets(input: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!input || typeof input !== 'object') return out;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const m = /^([^[\]]+)\[([^[\]]+)\]$/.exec(key);
    const [outer, inner] = m ? [m[1] ?? '', m[2] ?? ''] : [key, ''];
    if (unsafeKeys.has(outer) || unsafeKeys.has(inner)) continue;
    if (!m) {
      out[key] = value;
      continue;
    }
    const existing = out[outer];
    const target = existing && typeof existing === 'object' && !Array.isArray(existing) ? (existing as Record<string, unknown>) : {};
    target[inner] = value;
    out[outer] = target;
  }
  return out;
}
const unsafeKeys = new Set(['__proto__', 'constructor', 'prototype']);
