// Pages for the child's shared record ("tell it once"): home, find a child, create, the record's tabs; the forms
// that change it are in edit-routes.ts, documents in document-routes.ts, shared helpers in route-helpers.ts.
// Handlers run in the fixed order validate → load (the store applies the access policy and audits) → change →
// render or redirect. No SQL here: every read and write goes through the store.
import type { FastifyInstance } from 'fastify';
import { listChildAssessments } from '../assessment/store.ts';
import { myAdviceRequests } from '../assessment/caseload-store.ts';
import { disciplineLabels } from '../assessment/case.ts';
import { closedStages, stageLabels } from '../assessment/journey.ts';
import { z } from 'zod';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { agencies, agencyLabels, hasRole, type Actor } from '../platform/access/actor.ts';
import { mayCreateChild, mayDo } from '../platform/access/policy.ts';
import { londonToday } from '../platform/web/dates.ts';
import { nestBrackets, ForbiddenError, NotFoundError, parseWith, type FieldError } from '../platform/web/validation.ts';
import { landingPath } from '../people/domain.ts';
import { childIdentitySchema, consentMethods, documentTypes, plainDate, relationshipLabel, searchSchema } from './domain.ts';
import { createChild, listMyChildren, pageSize, readChild, searchChildren, type ChildListItem } from './store.ts';
import { listConsents, listTeam, loadAboutMe, readAboutMe, readAuditTrail, readConsents, readDocuments, readFamily, readTeam, readTimeline } from './record-store.ts';
import { displayNhs } from './presenters.ts';
import { laName } from './codes.ts';
import { ageOn, isYoungPerson } from './young-person.ts';
import { documentRoutes, formatBytes } from './document-routes.ts';
import { recordEditRoutes } from './edit-routes.ts';
import { type IdParams, accessRouteLabels, agencyList, agencyText, auditWhat, childName, dateParts, duplicateReasonText, excerpt, flatFields, identityValues, inForce, organisationKindLabels, pageErrors, pageNumber, pagination, recordView, renderIdentityForm, staffOnly, str, view } from './route-helpers.ts';

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

  await recordEditRoutes(app, services);

  // ---- Documents: upload and download (multipart, in their own encapsulated scope) ------------------------

  await documentRoutes(app, services);
}
