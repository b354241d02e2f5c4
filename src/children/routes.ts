// Pages for the child's shared record ("tell it once"): home, find a child, create, the record's tabs and the
// forms that write into it. Handlers run in the fixed order validate → load (the store applies the access
// policy and audits) → change → render or redirect. No SQL here: every read and write goes through the store.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nestBrackets } from '../platform/web/validation.ts';
import { listChildAssessments } from '../assessment/store.ts';
import { myAdviceRequests } from '../assessment/caseload-store.ts';
import { disciplineLabels } from '../assessment/case.ts';
import { closedStages, stageLabels } from '../assessment/journey.ts';
import { z } from 'zod';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { agencies, agencyLabels, agencyOf, hasRole, type Actor, type Agency } from '../platform/access/actor.ts';
import { mayCreateChild, mayDo, overrideHours, type AccessRoute, type ChildAction } from '../platform/access/policy.ts';
import { londonToday } from '../platform/web/dates.ts';
import { ForbiddenError, NotFoundError, UserInputError, parseWith, toPageErrors, type FieldError, type PageErrors } from '../platform/web/validation.ts';
import type { OrganisationKind } from '../platform/db/schema.ts';
import { listOrganisations, listStaffOf, findOrganisation } from '../people/directory.ts';
import { landingPath } from '../people/domain.ts';
import {
  aboutMeSchema, childIdentitySchema, consentMethods, consentSchema, documentTypes, familyMemberSchema, overrideSchema, plainDate, relationshipLabel, relationships, searchSchema,
  teamMemberSchema, withdrawConsentSchema,
} from './domain.ts';
import { createChild, listMyChildren, pageSize, readChild, readChildOnly, searchChildren, teamChildName, updateChildIdentity, type ChildListItem, type DuplicateMatch, type VisibleChild } from './store.ts';
import {
  addFamilyMember, addTeamMember, endTeamMember, listConsents, listTeam, loadAboutMe, readAboutMe, readAuditTrail, readConsents, readDocuments, readFamily, readTeam, readTimeline,
  recordConsent, recordOverride, saveAboutMe, withdrawConsent,
} from './record-store.ts';
import { displayNhs } from './presenters.ts';
import { commonLanguages, ethnicityCodes, ethnicityLabel, laName, laOptions, sexLabel } from './codes.ts';
import { ageOn, isYoungPerson } from './young-person.ts';
import { documentRoutes, formatBytes } from './document-routes.ts';

const view = (name: string) => `children/views/${name}.njk`;

// ---------------------------------------------------------------------------------------------------------
// Small helpers shared by the handlers

export { nestBrackets };

/** The form's fields as sent, without the CSRF token and our button names, for hidden inputs. */
function flatFields(input: unknown): { name: string; value: string }[] {
  if (!input || typeof input !== 'object') return [];
  return Object.entries(input as Record<string, unknown>)
    .filter(([k]) => !['_csrf', '_action', 'confirmNotDuplicate'].includes(k))
    .flatMap(([name, v]) => (Array.isArray(v) ? (v as unknown[]) : [v]).filter((x): x is string => typeof x === 'string').map((value) => ({ name, value })));
}

const dateFields = new Set(['dateOfBirth', 'startedOn', 'endedOn', 'givenOn', 'dob']);

/** Error summary links go to the first input of a date (its day), as GOV.UK's pattern does. */
function pageErrors(errors: FieldError[]): PageErrors {
  const pe = toPageErrors(errors);
  return { ...pe, list: pe.list.map((l) => (dateFields.has(l.href.slice(1)) ? { ...l, href: `${l.href}-day` } : l)) };
}

/** Renames fields the store names differently from the form, so each message sits by its input. */
function renameFields(errors: FieldError[], names: Record<string, string>): FieldError[] {
  return errors.map((e) => ({ ...e, field: names[e.field] ?? e.field }));
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === 'on' || v === 'yes';
const dateParts = (iso: string | null | undefined) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' } : { day: '', month: '', year: '' };
};
const pageNumber = (v: unknown): number => {
  const r = z.coerce.number().int().min(1).max(10000).safeParse(v);
  return r.success ? r.data : 1;
};

/** Staff only: a family member asking for a staff page gets "not found", as for any page they cannot use. */
function staffOnly(req: FastifyRequest): Actor {
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
function agencyText(kind: OrganisationKind | undefined, otherwise: string): string {
  const agency = kind ? agencyOf(kind) : null;
  return agency ? agencyLabels[agency].toLowerCase() : otherwise;
}

const organisationKindLabels: Record<OrganisationKind, string> = {
  provider: 'Service provider',
  'send-team': 'SEND team',
  'health-provider': 'Health',
  icb: 'Integrated care board',
  'social-care': 'Social care',
  school: 'School',
  setting: 'Early years or post-16 setting',
};

const accessRouteLabels: Record<string, string> = {
  'send-team': 'SEND team',
  'team-with-consent': 'Team around the child, with consent',
  'team-with-override': 'Without consent, giving a reason',
  family: 'Family',
  'young-person': 'The young person',
  session: 'Signed in',
  'api-token': 'Another system, through the API',
  system: 'joinedup itself',
};

const auditParts: Record<string, string> = {
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

type Tab = 'summary' | 'about-me' | 'family' | 'team' | 'consent' | 'documents' | 'timeline' | 'audit';

const tabLabels: Record<Tab, string> = {
  summary: 'Summary',
  'about-me': 'About me',
  family: 'Family',
  team: 'Team around the child',
  consent: 'Consent',
  documents: 'Documents',
  timeline: 'Timeline',
  audit: 'Audit',
};

function tabLabel(tab: Tab, actor: Actor): string {
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

function requireMay(child: VisibleChild, action: ChildAction, message: string): void {
  if (!mayDo(child.route, action)) throw new ForbiddenError(message);
}

/** Consent in force on a date: given by then and not yet withdrawn. */
function inForce(c: { given_on: string; withdrawn_on: string | null }, today: string): boolean {
  return c.given_on <= today && (!c.withdrawn_on || c.withdrawn_on > today);
}

function agencyList(list: readonly string[]): string {
  const labels = list.map((a) => (agencies as readonly string[]).includes(a) ? agencyLabels[a as Agency] : a);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1) ?? ''}`;
}

const excerpt = (s: string, n = 280): string => (s.length <= n ? s : `${s.slice(0, s.lastIndexOf(' ', n) > n / 2 ? s.lastIndexOf(' ', n) : n)}…`);

// ---------------------------------------------------------------------------------------------------------
// Option lists for forms, as GOV.UK macro items

const laItems = (() => [{ value: '', text: 'Select an area' }, ...laOptions().map((o) => ({ value: o.code, text: o.name }))])();
const ethnicityItems = [{ value: '', text: 'Not recorded' }, ...ethnicityCodes.map(([value, text]) => ({ value, text }))];
const sexItems = [
  { value: 'M', text: 'Male' },
  { value: 'F', text: 'Female' },
  { value: 'U', text: 'Not known' },
];
const relationshipItems = relationships.map(([value, text]) => ({ value, text }));
const methodItems = consentMethods.map(([value, text]) => ({ value, text }));
const agencyHints: Record<Agency, string> = {
  education: 'Schools, colleges and nurseries',
  health: 'NHS services, such as doctors, nurses and therapists',
  'social-care': 'Social workers and short breaks services',
};

/** The identity form's values: what was typed (after an error) or what is on the record (when changing). */
function identityValues(src: Record<string, unknown>) {
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
type IdentityValues = ReturnType<typeof identityValues>;

function childToIdentityValues(c: VisibleChild): IdentityValues {
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

const duplicateReasonText: Record<DuplicateMatch['reasons'][number], string> = {
  'same-nhs-number': 'the same NHS number',
  'same-upn': 'the same UPN',
  'same-dob-similar-name': 'the same date of birth and a similar name',
};

// ---------------------------------------------------------------------------------------------------------

type IdParams = { Params: { id: string } };

export async function childrenRoutes(root: FastifyInstance, services: Services): Promise<void> {
  await root.register(async (app) => {
    // Pages are not part of the API's contract: keep them out of the OpenAPI document.
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) route.schema = { ...route.schema, hide: true };
    });
    await pageRoutes(app, services);
  });
}

async function pageRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const todayFn = services.today ?? (() => londonToday());
  const today = (): string => todayFn();

  // ---- Home -------------------------------------------------------------------------------------------

  app.get<{ Querystring: { page?: string } }>('/', async (req, reply) => {
    if (!req.actor) return reply.redirect('/sign-in', 303);
    const actor = req.actor;
    // A provider's listing editor, or the local offer officer, has no child's record to list.
    const landing = landingPath(actor);
    if (landing) return reply.redirect(landing, 303);
    const page = pageNumber(req.query.page);
    const { items, total } = await listMyChildren(db, actor, today(), page);
    const t = today();
    if (actor.kind === 'family') {
      // The children listed are the family's own (the policy chose them), so their assessments may be shown.
      const assessments = await Promise.all(items.map((c) => listChildAssessments(db, c.id)));
      return reply.page(view('home-family'), {
        pageTitle: 'My family',
        activeNav: 'home',
        children: items.map((c, i) => ({
          ...listRow(c, t),
          youngPerson: isYoungPerson(c.date_of_birth, t),
          assessments: (assessments[i] ?? []).map((a) => ({ id: a.id, reference: a.reference, stage: stageLabels[a.stage] })),
        })),
        pagination: pagination(page, total, pageSize, (p) => `/?page=${p}`),
      });
    }
    const org = actor.organisation;
    const inSendTeam = org?.kind === 'send-team' && hasRole(actor, 'caseworker', 'send-manager', 'educational-psychologist');
    const adviceRequests = await myAdviceRequests(db, actor, t);
    return reply.page(view('home-staff'), {
      adviceRequests: adviceRequests.map((r) => ({ ...r, label: disciplineLabels[r.discipline], overdue: r.due_on < t })),
      pageTitle: 'My children',
      activeNav: 'home',
      total,
      page,
      children: items.map((c) => listRow(c, t)),
      pagination: pagination(page, total, pageSize, (p) => `/?page=${p}`),
      mayCreate: org ? mayCreateChild(actor, org.laCode) : false,
      inSendTeam,
      agency: agencyText(org?.kind, ''),
      organisationName: org?.name ?? '',
      hasNoCaseload: hasRole(actor, 'area-leader', 'admin') && !hasRole(actor, 'caseworker', 'send-manager', 'educational-psychologist', 'health-professional', 'designated-clinical-officer', 'social-worker', 'social-care-manager', 'senco'),
      isAdmin: hasRole(actor, 'admin'),
    });
  });

  function listRow(c: ChildListItem, t: string) {
    return {
      id: c.id,
      name: childName(c),
      preferredName: c.preferred_name,
      dateOfBirth: c.date_of_birth,
      age: ageOn(c.date_of_birth, t),
      nhsNumber: displayNhs(c.nhs_number),
      upn: c.upn,
      area: laName(c.la_code),
      role: c.team_role,
      consentNeeded: c.route === null,
      flags: [...(c.looked_after ? ['Looked after'] : []), ...(c.child_protection ? ['Child protection plan'] : [])],
    };
  }

  // ---- Find a child -----------------------------------------------------------------------------------

  app.get('/children/search', async (req, reply) => {
    const actor = staffOnly(req);
    const query = nestBrackets(req.query);
    const q = str(query.q).trim().slice(0, 200);
    const page = pageNumber(query.page);
    let dob = '';
    let dobValues = { day: '', month: '', year: '' };
    const errors: FieldError[] = [];
    if (typeof query.dob === 'string') {
      dobValues = dateParts(query.dob.trim());
      if (query.dob.trim() && !dobValues.year) errors.push({ field: 'dob', message: 'Date of birth must be a real date, like 27 3 2015' });
      else dob = query.dob.trim();
    } else if (query.dob && typeof query.dob === 'object') {
      const parts = query.dob as Record<string, unknown>;
      dobValues = { day: str(parts.day), month: str(parts.month), year: str(parts.year) };
      if (dobValues.day.trim() || dobValues.month.trim() || dobValues.year.trim()) {
        const r = parseWith(z.object({ dob: plainDate('Date of birth', { notFuture: true, today: todayFn }) }), { dob: dobValues });
        if (r.ok) dob = r.value.dob;
        else errors.push(...r.errors);
      }
    }
    const input = searchSchema.safeParse({ q, dob, page });
    const searched = errors.length === 0 && input.success && (q !== '' || dob !== '');
    const result = searched ? await searchChildren(db, actor, today(), { q, dob: dob || null, page }) : { items: [], total: 0 };
    const t = today();
    const params = (p: number) => `/children/search?${new URLSearchParams({ q, ...(dob ? { dob } : {}), page: String(p) }).toString()}`;
    return reply.page(view('search'), {
      pageTitle: searched ? `Find a child: ${result.total} found` : 'Find a child',
      activeNav: 'search',
      errors: errors.length ? pageErrors(errors) : undefined,
      values: { q, dob: dobValues },
      searched,
      total: result.total,
      results: result.items.map((c) => listRow(c, t)),
      pagination: pagination(page, result.total, pageSize, params),
      mayCreate: actor.organisation ? mayCreateChild(actor, actor.organisation.laCode) : false,
    }, errors.length ? 400 : 200);
  });

  // ---- Create a child record --------------------------------------------------------------------------

  function renderIdentityForm(reply: FastifyReply, ctx: { mode: 'new' | 'edit'; values: IdentityValues; errors?: FieldError[]; child?: VisibleChild; t: string }, status = 200) {
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

  function mayCreateHere(actor: Actor): string {
    const org = actor.organisation;
    if (!org || !mayCreateChild(actor, org.laCode)) throw new ForbiddenError('Only caseworkers and managers in a local area’s SEND team can create a child record. Ask the SEND team of the child’s home area.');
    return org.laCode;
  }

  app.get('/children/new', async (req, reply) => {
    const actor = staffOnly(req);
    const laCode = mayCreateHere(actor);
    return renderIdentityForm(reply, { mode: 'new', values: { ...identityValues({}), laCode }, t: today() });
  });

  app.post('/children', async (req, reply) => {
    const actor = staffOnly(req);
    mayCreateHere(actor);
    const body = nestBrackets(req.body);
    const values = identityValues(body);
    if (body._action === 'change') return renderIdentityForm(reply, { mode: 'new', values, t: today() });
    const parsed = parseWith(childIdentitySchema(todayFn), body);
    if (!parsed.ok) return renderIdentityForm(reply, { mode: 'new', values, errors: parsed.errors, t: today() }, 400);
    if (!mayCreateChild(actor, parsed.value.laCode)) {
      const own = laName(actor.organisation?.laCode);
      return renderIdentityForm(reply, { mode: 'new', values, errors: [{ field: 'laCode', message: `You can only create records for children whose home area is ${own}. Ask the SEND team of the child’s home area to create the record` }], t: today() }, 400);
    }
    const r = await createChild(db, actor, today(), parsed.value);
    if (!r.created) {
      const nameOnly = r.duplicates.every((d) => d.reasons.every((x) => x === 'same-dob-similar-name'));
      return reply.page(view('duplicates'), {
        pageTitle: 'This child may already have a record',
        backLink: { href: '/children/new' },
        child: { name: `${parsed.value.givenName} ${parsed.value.familyName}`, dateOfBirth: parsed.value.dateOfBirth },
        matches: r.duplicates.map((d) => ({
          id: d.id,
          visible: d.visible,
          name: d.visible ? `${d.givenName} ${d.familyName}` : '',
          dateOfBirth: d.dateOfBirth,
          reasons: d.reasons.map((x) => duplicateReasonText[x]),
          hard: d.reasons.some((x) => x !== 'same-dob-similar-name'),
        })),
        mayCreateAnyway: nameOnly,
        hidden: flatFields(req.body),
      });
    }
    req.session.set('flash', `Record created for ${parsed.value.givenName} ${parsed.value.familyName}`);
    return reply.redirect(`/children/${r.id}`, 303);
  });

  // ---- The record's tabs ------------------------------------------------------------------------------

  app.get<IdParams>('/children/:id', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const { child, data } = await readChild(db, actor, t, req.params.id, 'summary', async (tx) => ({
      aboutMe: await loadAboutMe(tx, req.params.id),
      team: await listTeam(tx, req.params.id),
      consents: await listConsents(tx, req.params.id),
      assessments: await listChildAssessments(tx, req.params.id),
    }));
    const record = recordView(child, actor, t, 'summary');
    const shared = new Set(data.consents.filter((c) => inForce(c, t)).flatMap((c) => c.agencies));
    return reply.page(view('record-summary'), {
      pageTitle: record.name,
      record,
      aboutMe: data.aboutMe ? { whatMatters: excerpt(data.aboutMe.what_matters), updatedAt: data.aboutMe.updated_at, updatedBy: data.aboutMe.updated_by_name } : null,
      team: data.team.filter((m) => !m.ended_on || m.ended_on >= t).map((m) => ({ role: m.role, organisation: m.organisation_name, person: m.person_name })),
      consent: {
        sharedWith: agencyList(agencies.filter((a) => shared.has(a))),
        notSharedWith: agencyList(agencies.filter((a) => !shared.has(a))),
      },
      assessments: data.assessments.map((a) => ({ id: a.id, reference: a.reference, stage: stageLabels[a.stage], received: a.request_received, open: !closedStages.includes(a.stage) })),
      mayStartAssessment: child.route === 'send-team' && hasRole(actor, 'caseworker', 'send-manager') && !data.assessments.some((a) => !closedStages.includes(a.stage)),
    });
  });

  app.get<IdParams>('/children/:id/about-me', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const { child, data } = await readAboutMe(db, actor, t, req.params.id);
    return reply.page(view('record-about-me'), {
      pageTitle: `About me – ${childName(child)}`,
      record: recordView(child, actor, t, 'about-me'),
      aboutMe: data
        ? { whatMatters: data.what_matters, likeAndAdmire: data.like_and_admire, howToSupport: data.how_to_support, history: data.history, updatedAt: data.updated_at, updatedBy: data.updated_by_name }
        : null,
    });
  });

  app.get<IdParams>('/children/:id/family', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const { child, data } = await readFamily(db, actor, t, req.params.id);
    return reply.page(view('record-family'), {
      pageTitle: `Family – ${childName(child)}`,
      record: recordView(child, actor, t, 'family'),
      members: data.map((f) => ({
        id: f.id, name: f.name, relationship: relationshipLabel(f.relationship), parentalResponsibility: f.parental_responsibility, email: f.email, phone: f.phone, address: f.address, endedOn: f.ended_on, hasAccount: f.user_id !== null,
      })),
    });
  });

  app.get<IdParams>('/children/:id/team', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const { child, data } = await readTeam(db, actor, t, req.params.id);
    const rows = data.map((m) => ({
      id: m.id, role: m.role, organisation: m.organisation_name, organisationKind: organisationKindLabels[m.organisation_kind], person: m.person_name, startedOn: m.started_on, endedOn: m.ended_on,
      current: m.started_on <= t && (!m.ended_on || m.ended_on >= t),
    }));
    return reply.page(view('record-team'), {
      pageTitle: `Team around the child – ${childName(child)}`,
      record: recordView(child, actor, t, 'team'),
      current: rows.filter((r) => r.current),
      past: rows.filter((r) => !r.current),
    });
  });

  app.get<IdParams>('/children/:id/consent', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const { child, data } = await readConsents(db, actor, t, req.params.id);
    const shared = new Set(data.consents.filter((c) => inForce(c, t)).flatMap((c) => c.agencies));
    return reply.page(view('record-consent'), {
      pageTitle: `Consent – ${childName(child)}`,
      record: recordView(child, actor, t, 'consent'),
      sharedWith: agencies.filter((a) => shared.has(a)).map((a) => agencyLabels[a]),
      notSharedWith: agencies.filter((a) => !shared.has(a)).map((a) => agencyLabels[a]),
      consents: data.consents.map((c) => ({
        id: c.id,
        givenByName: c.given_by_name,
        givenByRole: c.given_by_role === 'young-person' ? 'The young person' : 'Parent or carer',
        agencies: agencyList(c.agencies),
        givenOn: c.given_on,
        method: consentMethods.find(([k]) => k === c.method)?.[1] ?? c.method,
        notes: c.notes,
        recordedBy: c.recorded_by_name,
        withdrawnOn: c.withdrawn_on,
        withdrawnReason: c.withdrawn_reason,
        inForce: inForce(c, t),
        notYet: c.given_on > t,
      })),
    });
  });

  app.get<IdParams>('/children/:id/documents', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const { child, data } = await readDocuments(db, actor, t, req.params.id);
    return reply.page(view('record-documents'), {
      pageTitle: `Documents – ${childName(child)}`,
      record: recordView(child, actor, t, 'documents'),
      documents: data.map((d) => ({
        id: d.id, title: d.title, type: documentTypes.find(([k]) => k === d.doc_type)?.[1] ?? d.doc_type, filename: d.filename, size: formatBytes(d.size_bytes), uploadedAt: d.uploaded_at, uploadedBy: d.uploaded_by_name,
      })),
    });
  });

  app.get<IdParams>('/children/:id/timeline', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const { child, data } = await readTimeline(db, actor, t, req.params.id);
    return reply.page(view('record-timeline'), {
      pageTitle: `Timeline – ${childName(child)}`,
      record: recordView(child, actor, t, 'timeline'),
      items: data.map((e) => ({
        label: { text: e.title },
        text: e.detail ?? '',
        datetime: { timestamp: e.occurred_on, type: 'date' },
        ...(e.actor_name ? { byline: { text: e.actor_name } } : {}),
      })),
    });
  });

  app.get<IdParams & { Querystring: { page?: string } }>('/children/:id/audit', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const page = pageNumber(req.query.page);
    const { child, entries, total } = await readAuditTrail(db, actor, t, req.params.id, page);
    if (!mayDo(child.route, 'view-audit')) throw new NotFoundError();
    const record = recordView(child, actor, t, 'audit');
    return reply.page(view('record-audit'), {
      pageTitle: `${record.activeLabel} – ${record.name}`,
      record,
      total,
      page,
      entries: entries.map((e) => ({
        at: e.at,
        who: e.who,
        what: auditWhat(e.action, e.entity),
        via: e.via ? (accessRouteLabels[e.via] ?? e.via) : '',
        ip: e.ip,
      })),
      pagination: pagination(page, total, 50, (p) => `/children/${child.id}/audit?page=${p}`),
    });
  });

  // ---- Change identity --------------------------------------------------------------------------------

  /** Loads the child for a form page (audited as a read of that part) and checks the actor may make the change. */
  async function forForm(actor: Actor, id: string, part: string, action: ChildAction, message: string) {
    const child = await readChildOnly(db, actor, today(), id, part);
    requireMay(child, action, message);
    return child;
  }

  const identityMessage = 'Only the SEND team can change a child’s identity details. Contact the child’s caseworker if something is wrong.';

  app.get<IdParams>('/children/:id/edit', async (req, reply) => {
    const actor = staffOnly(req);
    const child = await forForm(actor, req.params.id, 'child', 'edit-identity', identityMessage);
    return renderIdentityForm(reply, { mode: 'edit', values: childToIdentityValues(child), child, t: today() });
  });

  app.post<IdParams>('/children/:id/edit', async (req, reply) => {
    const actor = staffOnly(req);
    const child = await forForm(actor, req.params.id, 'child', 'edit-identity', identityMessage);
    const body = nestBrackets(req.body);
    const values = identityValues(body);
    const parsed = parseWith(childIdentitySchema(todayFn), body);
    if (!parsed.ok) return renderIdentityForm(reply, { mode: 'edit', values, errors: parsed.errors, child, t: today() }, 400);
    const version = Number(values.version);
    try {
      await updateChildIdentity(db, actor, today(), child.id, parsed.value, Number.isInteger(version) && version > 0 ? version : child.version);
    } catch (err) {
      if (err instanceof UserInputError) return renderIdentityForm(reply, { mode: 'edit', values, errors: err.errors, child, t: today() }, 400);
      throw err;
    }
    req.session.set('flash', `${parsed.value.givenName} ${parsed.value.familyName}’s details have been saved`);
    return reply.redirect(`/children/${child.id}`, 303);
  });

  // ---- About me ---------------------------------------------------------------------------------------

  app.get<IdParams>('/children/:id/about-me/edit', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const { child, data } = await readAboutMe(db, actor, t, req.params.id);
    requireMay(child, 'edit-about-me', 'About me is written by the child and their family. Ask them, or their caseworker, to change it.');
    return reply.page(view('about-me-form'), {
      pageTitle: `Change about me – ${childName(child)}`,
      backLink: { href: `/children/${child.id}/about-me` },
      record: recordView(child, actor, t, 'about-me'),
      values: { whatMatters: data?.what_matters ?? '', likeAndAdmire: data?.like_and_admire ?? '', howToSupport: data?.how_to_support ?? '', history: data?.history ?? '', version: data?.version ?? '' },
    });
  });

  app.post<IdParams>('/children/:id/about-me/edit', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const body = nestBrackets(req.body);
    const values = { whatMatters: str(body.whatMatters), likeAndAdmire: str(body.likeAndAdmire), howToSupport: str(body.howToSupport), history: str(body.history), version: str(body.version) };
    const render = async (errors: FieldError[]) => {
      // Read again: the form shows what is saved now, so nobody overwrites words they have not seen.
      const { child, data } = await readAboutMe(db, actor, t, req.params.id);
      const clash = data && values.version && String(data.version) !== values.version;
      return reply.page(view('about-me-form'), {
        pageTitle: `Change about me – ${childName(child)}`,
        backLink: { href: `/children/${child.id}/about-me` },
        record: recordView(child, actor, t, 'about-me'),
        values: clash ? { ...values, version: data.version } : values,
        saved: clash ? { whatMatters: data.what_matters, likeAndAdmire: data.like_and_admire, howToSupport: data.how_to_support, history: data.history, by: data.updated_by_name, at: data.updated_at } : null,
        errors: pageErrors(errors),
      }, 400);
    };
    const parsed = parseWith(aboutMeSchema, { ...body, version: values.version || undefined });
    if (!parsed.ok) return render(parsed.errors);
    try {
      await saveAboutMe(db, actor, t, req.params.id, parsed.value);
    } catch (err) {
      if (err instanceof UserInputError) return render(err.errors);
      throw err;
    }
    req.session.set('flash', 'About me has been saved');
    return reply.redirect(`/children/${req.params.id}/about-me`, 303);
  });

  // ---- Family -----------------------------------------------------------------------------------------

  const familyMessage = 'Only the SEND team can add family members. Contact the child’s caseworker.';

  function renderFamilyForm(reply: FastifyReply, child: VisibleChild, actor: Actor, values: Record<string, unknown>, errors?: FieldError[]) {
    return reply.page(view('family-form'), {
      pageTitle: `Add a family member – ${childName(child)}`,
      backLink: { href: `/children/${child.id}/family` },
      record: recordView(child, actor, today(), 'family'),
      values: { ...values, parentalResponsibility: truthy(values.parentalResponsibility) },
      relationshipItems,
      errors: errors?.length ? pageErrors(errors) : undefined,
    }, errors?.length ? 400 : 200);
  }

  app.get<IdParams>('/children/:id/family/new', async (req, reply) => {
    const actor = staffOnly(req);
    const child = await forForm(actor, req.params.id, 'family', 'edit-family', familyMessage);
    return renderFamilyForm(reply, child, actor, {});
  });

  app.post<IdParams>('/children/:id/family/new', async (req, reply) => {
    const actor = staffOnly(req);
    const child = await forForm(actor, req.params.id, 'family', 'edit-family', familyMessage);
    const body = nestBrackets(req.body);
    const parsed = parseWith(familyMemberSchema, body);
    if (!parsed.ok) return renderFamilyForm(reply, child, actor, body, parsed.errors);
    await addFamilyMember(db, actor, today(), child.id, parsed.value);
    req.session.set('flash', `${parsed.value.name} has been added to the family`);
    return reply.redirect(`/children/${child.id}/family`, 303);
  });

  // ---- Team around the child ----------------------------------------------------------------------------

  const teamMessage = 'Only the SEND team can change the team around the child. Contact the child’s caseworker.';

  async function renderTeamForm(reply: FastifyReply, child: VisibleChild, actor: Actor, values: Record<string, unknown>, errors?: FieldError[]) {
    // Providers of local offer services never reach a child's record, so they are not offered for the team.
    const organisations = (await listOrganisations(db)).filter((o) => o.kind !== 'provider');
    const orgId = str(values.organisationId);
    const chosen = z.uuid().safeParse(orgId).success ? await findOrganisation(db, orgId) : undefined;
    const people = chosen ? await listStaffOf(db, chosen.id) : [];
    const local = organisations.filter((o) => o.laCode === child.la_code);
    const others = organisations.filter((o) => o.laCode !== child.la_code);
    const organisationItems = [
      { value: '', text: 'Select an organisation' },
      ...local.map((o) => ({ value: o.id, text: `${o.name} (${organisationKindLabels[o.kind]})` })),
      ...others.map((o) => ({ value: o.id, text: `${o.name} (${organisationKindLabels[o.kind]}, ${laName(o.laCode)})` })),
    ];
    const started = values.startedOn && typeof values.startedOn === 'object' ? (values.startedOn as Record<string, unknown>) : dateParts(today());
    return reply.page(view('team-form'), {
      pageTitle: `Add to the team around the child – ${childName(child)}`,
      backLink: { href: `/children/${child.id}/team` },
      record: recordView(child, actor, today(), 'team'),
      values: { organisationId: orgId, userId: str(values.userId), role: str(values.role), startedOn: { day: str(started.day), month: str(started.month), year: str(started.year) } },
      organisationItems,
      chosen: chosen ? { name: chosen.name } : null,
      personItems: [{ value: '', text: chosen ? `Anyone at ${chosen.name}` : 'Anyone at the organisation' }, ...people.map((p) => ({ value: p.id, text: p.name }))],
      errors: errors?.length ? pageErrors(errors) : undefined,
    }, errors?.length ? 400 : 200);
  }

  app.get<IdParams>('/children/:id/team/new', async (req, reply) => {
    const actor = staffOnly(req);
    const child = await forForm(actor, req.params.id, 'team', 'edit-team', teamMessage);
    return renderTeamForm(reply, child, actor, {});
  });

  app.post<IdParams>('/children/:id/team/new', async (req, reply) => {
    const actor = staffOnly(req);
    const child = await forForm(actor, req.params.id, 'team', 'edit-team', teamMessage);
    const body = nestBrackets(req.body);
    if (body._action === 'people') {
      if (!str(body.organisationId)) return renderTeamForm(reply, child, actor, body, [{ field: 'organisationId', message: 'Select an organisation' }]);
      return renderTeamForm(reply, child, actor, body);
    }
    const parsed = parseWith(teamMemberSchema(todayFn), body);
    if (!parsed.ok) return renderTeamForm(reply, child, actor, body, parsed.errors);
    try {
      await addTeamMember(db, actor, today(), child.id, parsed.value);
    } catch (err) {
      if (err instanceof UserInputError) return renderTeamForm(reply, child, actor, body, err.errors);
      throw err;
    }
    req.session.set('flash', `${parsed.value.role} has been added to the team around the child`);
    return reply.redirect(`/children/${child.id}/team`, 303);
  });

  type MemberParams = { Params: { id: string; memberId: string } };

  app.get<MemberParams>('/children/:id/team/:memberId/end', async (req, reply) => {
    const actor = staffOnly(req);
    const t = today();
    const { child, data } = await readTeam(db, actor, t, req.params.id);
    requireMay(child, 'edit-team', teamMessage);
    const m = data.find((x) => x.id === req.params.memberId && !x.ended_on);
    if (!m) throw new NotFoundError('Team member');
    return reply.page(view('team-end'), {
      pageTitle: `End ${m.role} in the team – ${childName(child)}`,
      backLink: { href: `/children/${child.id}/team` },
      record: recordView(child, actor, t, 'team'),
      member: { id: m.id, role: m.role, organisation: m.organisation_name, person: m.person_name },
      today: t,
    });
  });

  app.post<MemberParams>('/children/:id/team/:memberId/end', async (req, reply) => {
    const actor = staffOnly(req);
    await endTeamMember(db, actor, today(), req.params.id, req.params.memberId);
    req.session.set('flash', 'They have left the team around the child from today');
    return reply.redirect(`/children/${req.params.id}/team`, 303);
  });

  // ---- Consent ----------------------------------------------------------------------------------------

  const consentMessage = 'Your role cannot record consent for this child. Contact the child’s caseworker.';

  async function renderConsentForm(reply: FastifyReply, actor: Actor, id: string, values: Record<string, unknown>, errors?: FieldError[]) {
    const t = today();
    const { child, data } = await readConsents(db, actor, t, id);
    requireMay(child, 'record-consent', consentMessage);
    const record = recordView(child, actor, t, 'consent');
    const agencyItems = agencies.map((a) => ({ value: a, text: agencyLabels[a], hint: { text: agencyHints[a] } }));
    const chosenAgencies = Array.isArray(values.agencies) ? values.agencies.map(str) : values.agencies ? [str(values.agencies)] : [];
    if (actor.kind === 'family') {
      return reply.page(view('consent-family-form'), {
        pageTitle: `Share ${record.youngPerson && record.route === 'young-person' ? 'my' : `${childName(child)}’s`} record`,
        backLink: { href: `/children/${child.id}/consent` },
        record,
        own: record.route === 'young-person',
        agencyItems,
        values: { agencies: chosenAgencies },
        errors: errors?.length ? pageErrors(errors) : undefined,
      }, errors?.length ? 400 : 200);
    }
    const family = data.family.filter((f) => !f.ended_on && f.relationship !== 'self');
    const givenBy = str(values.givenBy);
    const givenOn = values.givenOn && typeof values.givenOn === 'object' ? (values.givenOn as Record<string, unknown>) : {};
    return reply.page(view('consent-form'), {
      pageTitle: `Record consent to share – ${childName(child)}`,
      backLink: { href: `/children/${child.id}/consent` },
      record,
      givers: family.map((f) => ({
        value: f.id,
        text: `${f.name} (${relationshipLabel(f.relationship).toLowerCase()})`,
        hint: f.parental_responsibility ? { text: 'Has parental responsibility' } : { text: 'Does not have parental responsibility, so cannot give consent' },
        disabled: !f.parental_responsibility,
      })),
      youngPersonMayConsent: ageOn(child.date_of_birth, t) >= 16,
      agencyItems,
      methodItems,
      values: { givenBy, givenByName: str(values.givenByName), agencies: chosenAgencies, givenOn: { day: str(givenOn.day), month: str(givenOn.month), year: str(givenOn.year) }, method: str(values.method), notes: str(values.notes) },
      errors: errors?.length ? pageErrors(errors) : undefined,
    }, errors?.length ? 400 : 200);
  }

  app.get<IdParams>('/children/:id/consent/new', async (req, reply) => {
    const actor = requireActor(req);
    return renderConsentForm(reply, actor, req.params.id, { givenOn: dateParts(today()) });
  });

  app.post<IdParams>('/children/:id/consent/new', async (req, reply) => {
    const actor = requireActor(req);
    const t = today();
    const body = nestBrackets(req.body);
    let input: Record<string, unknown>;
    let names: Record<string, string>;
    if (actor.kind === 'family') {
      // A family records their own consent, online, today; the store fills in who they are.
      input = { givenByName: actor.name, givenByRole: 'parent', agencies: body.agencies ?? [], givenOn: t, method: 'online' };
      names = { givenByName: 'agencies', givenByRole: 'agencies', givenByFamilyMemberId: 'agencies', givenOn: 'agencies', method: 'agencies' };
    } else {
      const givenBy = str(body.givenBy);
      const { child, data } = await readConsents(db, actor, t, req.params.id);
      const member = data.family.find((f) => f.id === givenBy);
      const who =
        givenBy === 'young-person'
          ? { givenByRole: 'young-person', givenByName: childName(child), givenByFamilyMemberId: '' }
          : givenBy === 'other'
            ? { givenByRole: 'parent', givenByName: str(body.givenByName), givenByFamilyMemberId: '' }
            : member
              ? { givenByRole: 'parent', givenByName: member.name, givenByFamilyMemberId: member.id }
              : { givenByRole: '', givenByName: 'unknown', givenByFamilyMemberId: '' };
      input = { ...body, ...who };
      names = { givenByRole: 'givenBy', givenByFamilyMemberId: 'givenBy', ...(givenBy === 'other' ? { givenByName: 'givenByName' } : { givenByName: 'givenBy' }) };
    }
    const parsed = parseWith(consentSchema(todayFn), input);
    if (!parsed.ok) return renderConsentForm(reply, actor, req.params.id, body, renameFields(parsed.errors, names));
    try {
      await recordConsent(db, actor, t, req.params.id, parsed.value);
    } catch (err) {
      if (err instanceof UserInputError) return renderConsentForm(reply, actor, req.params.id, body, renameFields(err.errors, names));
      throw err;
    }
    req.session.set('flash', actor.kind === 'family' ? `Thank you. The record is now shared with ${agencyList(parsed.value.agencies).toLowerCase()}` : `Consent to share with ${agencyList(parsed.value.agencies).toLowerCase()} has been recorded`);
    return reply.redirect(`/children/${req.params.id}/consent`, 303);
  });

  type ConsentParams = { Params: { id: string; consentId: string } };

  async function renderWithdraw(reply: FastifyReply, actor: Actor, id: string, consentId: string, values: { reason: string }, errors?: FieldError[]) {
    const t = today();
    const { child, data } = await readConsents(db, actor, t, id);
    requireMay(child, 'withdraw-consent', 'Your role cannot withdraw consent for this child. Contact the child’s caseworker.');
    const c = data.consents.find((x) => x.id === consentId && !x.withdrawn_on);
    if (!c) throw new NotFoundError('Consent');
    return reply.page(view('consent-withdraw'), {
      pageTitle: `Withdraw consent – ${childName(child)}`,
      backLink: { href: `/children/${child.id}/consent` },
      record: recordView(child, actor, t, 'consent'),
      consent: { id: c.id, givenByName: c.given_by_name, givenOn: c.given_on, agencies: agencyList(c.agencies) },
      values,
      errors: errors?.length ? pageErrors(errors) : undefined,
    }, errors?.length ? 400 : 200);
  }

  app.get<ConsentParams>('/children/:id/consent/:consentId/withdraw', async (req, reply) => renderWithdraw(reply, requireActor(req), req.params.id, req.params.consentId, { reason: '' }));

  app.post<ConsentParams>('/children/:id/consent/:consentId/withdraw', async (req, reply) => {
    const actor = requireActor(req);
    const body = nestBrackets(req.body);
    const parsed = parseWith(withdrawConsentSchema, body);
    if (!parsed.ok) return renderWithdraw(reply, actor, req.params.id, req.params.consentId, { reason: str(body.reason) }, parsed.errors);
    await withdrawConsent(db, actor, today(), req.params.id, req.params.consentId, parsed.value.reason);
    req.session.set('flash', 'Consent has been withdrawn from today');
    return reply.redirect(`/children/${req.params.id}/consent`, 303);
  });

  // ---- Access without consent (override) ----------------------------------------------------------------

  async function renderOverride(reply: FastifyReply, actor: Actor, id: string, values: { reason: string }, errors?: FieldError[]) {
    const agency = agencyText(actor.organisation?.kind, 'your agency');
    const name = await teamChildName(db, actor, today(), id);
    return reply.page(view('override'), {
      pageTitle: 'See this record without consent',
      backLink: { href: '/' },
      id,
      name,
      agency,
      organisationName: actor.organisation?.name ?? '',
      hours: overrideHours,
      values,
      errors: errors?.length ? pageErrors(errors) : undefined,
    }, errors?.length ? 400 : 200);
  }

  app.get<IdParams>('/children/:id/override', async (req, reply) => {
    const actor = staffOnly(req);
    return renderOverride(reply, actor, req.params.id, { reason: '' });
  });

  app.post<IdParams>('/children/:id/override', async (req, reply) => {
    const actor = staffOnly(req);
    const body = nestBrackets(req.body);
    const parsed = parseWith(overrideSchema, body);
    if (!parsed.ok) return renderOverride(reply, actor, req.params.id, { reason: str(body.reason) }, parsed.errors);
    await recordOverride(db, actor, today(), req.params.id, parsed.value.reason);
    req.session.set('flash', `You can see this record for the next ${overrideHours} hours. Your reason has been recorded, and the SEND team can see it`);
    return reply.redirect(`/children/${req.params.id}`, 303);
  });

  // ---- Documents: upload and download (multipart, in their own encapsulated scope) ------------------------

  await documentRoutes(app, services);
}
