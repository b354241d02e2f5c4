// Helpers shared by the child record's pages (routes.ts, edit-routes.ts): field errors for the error summary,
// the record's header and tabs, the identity form's values and items. No SQL and no routes here.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../platform/auth/plugin.ts';
import { agencies, agencyLabels, agencyOf, type Actor, type Agency } from '../platform/access/actor.ts';
import { mayDo, overrideHours, type AccessRoute, type ChildAction } from '../platform/access/policy.ts';
import { ForbiddenError, NotFoundError, toPageErrors, type FieldError, type PageErrors } from '../platform/web/validation.ts';
import type { OrganisationKind } from '../platform/db/schema.ts';
import { consentMethods, relationships } from './domain.ts';
import { type DuplicateMatch, type VisibleChild } from './store.ts';
import { displayNhs } from './presenters.ts';
import { commonLanguages, ethnicityCodes, ethnicityLabel, laName, laOptions, sexLabel } from './codes.ts';
import { ageOn, isYoungPerson } from './young-person.ts';

export const view = (name: string) => `children/views/${name}.njk`;

// ---------------------------------------------------------------------------------------------------------
// Small helpers shared by the handlers

/** The form's fields as sent, without the CSRF token and our button names, for hidden inputs. */
export function flatFields(input: unknown): { name: string; value: string }[] {
  if (!input || typeof input !== 'object') return [];
  return Object.entries(input as Record<string, unknown>)
    .filter(([k]) => !['_csrf', '_action', 'confirmNotDuplicate'].includes(k))
    .flatMap(([name, v]) => (Array.isArray(v) ? (v as unknown[]) : [v]).filter((x): x is string => typeof x === 'string').map((value) => ({ name, value })));
}

export const dateFields = new Set(['dateOfBirth', 'startedOn', 'endedOn', 'givenOn', 'dob']);

/** Error summary links go to the first input of a date (its day), as GOV.UK's pattern does. */
export function pageErrors(errors: FieldError[]): PageErrors {
  const pe = toPageErrors(errors);
  return { ...pe, list: pe.list.map((l) => (dateFields.has(l.href.slice(1)) ? { ...l, href: `${l.href}-day` } : l)) };
}

/** Renames fields the store names differently from the form, so each message sits by its input. */
export function renameFields(errors: FieldError[], names: Record<string, string>): FieldError[] {
  return errors.map((e) => ({ ...e, field: names[e.field] ?? e.field }));
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const truthy = (v: unknown): boolean => v === true || v === 'true' || v === 'on' || v === 'yes';
export const dateParts = (iso: string | null | undefined) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' } : { day: '', month: '', year: '' };
};
export const pageNumber = (v: unknown): number => {
  const r = z.coerce.number().int().min(1).max(10000).safeParse(v);
  return r.success ? r.data : 1;
};

/** Staff only: a family member asking for a staff page gets "not found", as for any page they cannot use. */
export function staffOnly(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (actor.kind === 'family') throw new NotFoundError();
  return actor;
}

/** GOV.UK pagination parameters, or null when everything fits on one page. */
export function pagination(page: number, total: number, perPage: number, href: (p: number) => string) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  let last = 0;
  for (const p of sorted) {
    if (p - last > 1) items.push({ ellipsis: true });
    items.push({ number: p, href: href(p), current: p === page });
    last = p;
  }
  return {
    items,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    landmarkLabel: 'Pages',
  };
}

export const childName = (c: { given_name: string; family_name: string }): string => `${c.given_name} ${c.family_name}`;

/** "health", "education"… for the agency whose consent covers an organisation's staff. */
export function agencyText(kind: OrganisationKind | undefined, otherwise: string): string {
  const agency = kind ? agencyOf(kind) : null;
  return agency ? agencyLabels[agency].toLowerCase() : otherwise;
}

export const organisationKindLabels: Record<OrganisationKind, string> = {
  provider: 'Service provider',
  'send-team': 'SEND team',
  'health-provider': 'Health',
  icb: 'Integrated care board',
  'social-care': 'Social care',
  school: 'School',
  setting: 'Early years or post-16 setting',
};

export const accessRouteLabels: Record<string, string> = {
  'send-team': 'SEND team',
  'team-with-consent': 'Team around the child, with consent',
  'team-with-override': 'Without consent, giving a reason',
  family: 'Family',
  'young-person': 'The young person',
  session: 'Signed in',
  'api-token': 'Another system, through the API',
  system: 'joinedup itself',
};

export const auditParts: Record<string, string> = {
  child: 'identity details',
  summary: 'the summary',
  'about-me': 'about me',
  family: 'family details',
  'family-member': 'a family member',
  team: 'the team around the child',
  'team-member': 'a team member',
  consent: 'consent',
  documents: 'the list of documents',
  document: 'a document',
  timeline: 'the timeline',
  audit: 'who has viewed the record',
};

/** One audit entry in words a family reads: "Looked at about me", "Changed identity details". */
export function auditWhat(action: string, entity: string): string {
  const part = auditParts[entity] ?? entity;
  if (entity === 'child-list') return 'Saw the name in their list of children';
  if (entity === 'child-search') return 'Found the record in a search';
  switch (action) {
    case 'read':
      return `Looked at ${part}`;
    case 'create':
      return `Added ${part}`;
    case 'update':
      return `Changed ${part}`;
    case 'delete':
      return `Removed ${part}`;
    case 'download':
      return 'Downloaded a document';
    case 'override':
      return 'Opened the record without consent, giving a reason';
    case 'search':
      return 'Found the record in a search';
    default:
      return `${action}: ${part}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The record's header and tabs, shared by every tab page

export type Tab = 'summary' | 'about-me' | 'family' | 'team' | 'consent' | 'documents' | 'timeline' | 'audit';

export const tabLabels: Record<Tab, string> = {
  summary: 'Summary',
  'about-me': 'About me',
  family: 'Family',
  team: 'Team around the child',
  consent: 'Consent',
  documents: 'Documents',
  timeline: 'Timeline',
  audit: 'Audit',
};

export function tabLabel(tab: Tab, actor: Actor): string {
  return tab === 'audit' && actor.kind === 'family' ? 'Who has viewed this record' : tabLabels[tab];
}

/** What the header of every record page shows, and what the actor may do on it. */
export function recordView(child: VisibleChild, actor: Actor, today: string, active: Tab) {
  const route: AccessRoute = child.route;
  const can = (a: ChildAction) => mayDo(route, a);
  const youngPerson = isYoungPerson(child.date_of_birth, today);
  const flags: { text: string; classes: string }[] = [];
  if (child.looked_after) flags.push({ text: 'Looked after', classes: 'govuk-tag--purple' });
  if (child.child_protection) flags.push({ text: 'Child protection plan', classes: 'govuk-tag--red' });
  if (youngPerson) flags.push({ text: 'Young person – decisions are theirs', classes: 'govuk-tag--green' });
  const tabs = (Object.keys(tabLabels) as Tab[])
    .filter((t) => t !== 'audit' || can('view-audit'))
    .map((t) => ({ text: tabLabel(t, actor), href: t === 'summary' ? `/children/${child.id}` : `/children/${child.id}/${t}`, active: t === active }));
  return {
    id: child.id,
    name: childName(child),
    givenName: child.given_name,
    familyName: child.family_name,
    preferredName: child.preferred_name,
    dateOfBirth: child.date_of_birth,
    age: ageOn(child.date_of_birth, today),
    nhsNumber: displayNhs(child.nhs_number),
    upn: child.upn,
    area: laName(child.la_code),
    laCode: child.la_code,
    sex: sexLabel(child.sex),
    ethnicity: ethnicityLabel(child.ethnicity),
    firstLanguage: child.first_language,
    lookedAfter: child.looked_after,
    childProtection: child.child_protection,
    version: child.version,
    youngPerson,
    caption: youngPerson ? 'Young person’s record' : 'Child’s record',
    flags,
    route,
    byOverride: route === 'team-with-override',
    overrideHours,
    isFamily: actor.kind === 'family',
    tabs,
    activeTab: active,
    activeLabel: tabLabel(active, actor),
    can: {
      editIdentity: can('edit-identity'),
      editAboutMe: can('edit-about-me'),
      editFamily: can('edit-family'),
      editTeam: can('edit-team'),
      recordConsent: can('record-consent'),
      withdrawConsent: can('withdraw-consent'),
      uploadDocument: can('upload-document'),
      viewAudit: can('view-audit'),
    },
  };
}

export function requireMay(child: VisibleChild, action: ChildAction, message: string): void {
  if (!mayDo(child.route, action)) throw new ForbiddenError(message);
}

/** Consent in force on a date: given by then and not yet withdrawn. */
export function inForce(c: { given_on: string; withdrawn_on: string | null }, today: string): boolean {
  return c.given_on <= today && (!c.withdrawn_on || c.withdrawn_on > today);
}

export function agencyList(list: readonly string[]): string {
  const labels = list.map((a) => (agencies as readonly string[]).includes(a) ? agencyLabels[a as Agency] : a);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1) ?? ''}`;
}

export const excerpt = (s: string, n = 280): string => (s.length <= n ? s : `${s.slice(0, s.lastIndexOf(' ', n) > n / 2 ? s.lastIndexOf(' ', n) : n)}…`);

// ---------------------------------------------------------------------------------------------------------
// Option lists for forms, as GOV.UK macro items

export const laItems = (() => [{ value: '', text: 'Select an area' }, ...laOptions().map((o) => ({ value: o.code, text: o.name }))])();
export const ethnicityItems = [{ value: '', text: 'Not recorded' }, ...ethnicityCodes.map(([value, text]) => ({ value, text }))];
export const sexItems = [
  { value: 'M', text: 'Male' },
  { value: 'F', text: 'Female' },
  { value: 'U', text: 'Not known' },
];
export const relationshipItems = relationships.map(([value, text]) => ({ value, text }));
export const methodItems = consentMethods.map(([value, text]) => ({ value, text }));
export const agencyHints: Record<Agency, string> = {
  education: 'Schools, colleges and nurseries',
  health: 'NHS services, such as doctors, nurses and therapists',
  'social-care': 'Social workers and short breaks services',
};

/** The identity form's values: what was typed (after an error) or what is on the record (when changing). */
export function identityValues(src: Record<string, unknown>) {
  const dob = src.dateOfBirth && typeof src.dateOfBirth === 'object' ? (src.dateOfBirth as Record<string, unknown>) : {};
  return {
    givenName: str(src.givenName),
    familyName: str(src.familyName),
    preferredName: str(src.preferredName),
    dateOfBirth: { day: str(dob.day), month: str(dob.month), year: str(dob.year) },
    nhsNumber: str(src.nhsNumber),
    upn: str(src.upn),
    laCode: str(src.laCode),
    sex: str(src.sex),
    ethnicity: str(src.ethnicity),
    firstLanguage: str(src.firstLanguage),
    lookedAfter: truthy(src.lookedAfter),
    childProtection: truthy(src.childProtection),
    version: str(src.version),
  };
}
export type IdentityValues = ReturnType<typeof identityValues>;

export function childToIdentityValues(c: VisibleChild): IdentityValues {
  return {
    givenName: c.given_name,
    familyName: c.family_name,
    preferredName: c.preferred_name ?? '',
    dateOfBirth: dateParts(c.date_of_birth),
    nhsNumber: displayNhs(c.nhs_number),
    upn: c.upn ?? '',
    laCode: c.la_code,
    sex: c.sex,
    ethnicity: c.ethnicity ?? '',
    firstLanguage: c.first_language ?? '',
    lookedAfter: c.looked_after,
    childProtection: c.child_protection,
    version: String(c.version),
  };
}

export const duplicateReasonText: Record<DuplicateMatch['reasons'][number], string> = {
  'same-nhs-number': 'the same NHS number',
  'same-upn': 'the same UPN',
  'same-dob-similar-name': 'the same date of birth and a similar name',
};

// ---------------------------------------------------------------------------------------------------------

export type IdParams = { Params: { id: string } };

/** The identity form, to create a record or change its details. */
export function renderIdentityForm(reply: FastifyReply, ctx: { mode: 'new' | 'edit'; values: IdentityValues; errors?: FieldError[]; child?: VisibleChild; t: string }, status = 200) {
  const record = ctx.child ? recordView(ctx.child, reply.request.actor as Actor, ctx.t, 'summary') : undefined;
  return reply.page(view('identity-form'), {
    pageTitle: ctx.mode === 'new' ? 'Create a child record' : `Change ${record?.name ?? 'the child'}’s details`,
    backLink: { href: ctx.mode === 'new' ? '/' : `/children/${ctx.child?.id ?? ''}` },
    mode: ctx.mode,
    record,
    action: ctx.mode === 'new' ? '/children' : `/children/${ctx.child?.id ?? ''}/edit`,
    values: ctx.values,
    errors: ctx.errors?.length ? pageErrors(ctx.errors) : undefined,
    laItems,
    ethnicityItems,
    sexItems,
    languages: commonLanguages,
  }, status);
}
