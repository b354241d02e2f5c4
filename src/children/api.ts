// /api/v1 for the child's record: the same operations as the pages, for integrations and service accounts.
// Zod schemas validate input (400 with a message per field) and generate the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { londonToday } from '../platform/web/dates.ts';
import { parseWith, UserInputError } from '../platform/web/validation.ts';
import { aboutMeSchema, childIdentitySchema, consentSchema, familyMemberSchema, overrideSchema, searchSchema, teamMemberSchema, withdrawConsentSchema } from './domain.ts';
import { createChild, listMyChildren, readChildOnly, searchChildren, updateChildIdentity } from './store.ts';
import {
  addFamilyMember, addTeamMember, endTeamMember, readAboutMe, readAuditTrail, readConsents, readDocuments, readFamily, readTeam, readTimeline, recordConsent, recordOverride, saveAboutMe, withdrawConsent,
} from './record-store.ts';
import { presentChild, presentListItem } from './presenters.ts';

const idParams = z.object({ id: z.string() });
const tags = ['children'];

/** Validates a body with the domain's schema, so pages and API give the same messages. */
function body<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = parseWith(schema, input ?? {});
  if (!r.ok) throw new UserInputError(r.errors);
  return r.value;
}

export async function childrenApi(root: FastifyInstance, services: Services): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = services;
  const today = services.today ?? (() => londonToday());

  app.get('/api/v1/me', { schema: { tags: ['people'], summary: 'The signed-in user or service account' } }, async (req) => {
    const a = requireActor(req);
    return { id: a.id, kind: a.kind, name: a.name, email: a.email, roles: a.roles, organisation: a.organisation };
  });

  app.get('/api/v1/children', { schema: { tags, summary: 'My children: those whose team I am in, or my own children', querystring: z.object({ page: z.coerce.number().int().min(1).default(1) }) } }, async (req) => {
    const { items, total } = await listMyChildren(db, requireActor(req), today(), req.query.page);
    return { total, page: req.query.page, items: items.map(presentListItem) };
  });

  app.get('/api/v1/children/search', { schema: { tags, summary: 'Find children by name, date of birth, NHS number or UPN', querystring: searchSchema } }, async (req) => {
    const q = req.query;
    const { items, total } = await searchChildren(db, requireActor(req), today(), { q: q.q, dob: q.dob || null, page: q.page });
    return { total, page: q.page, items: items.map(presentListItem) };
  });

  app.post('/api/v1/children', { schema: { tags, summary: 'Create a child record (checks for possible duplicates first)', body: z.record(z.string(), z.unknown()) } }, async (req, reply) => {
    const actor = requireActor(req);
    const v = body(childIdentitySchema(today), req.body);
    const r = await createChild(db, actor, today(), v);
    if (!r.created) return reply.code(409).send({ error: 'This child may already have a record', possibleDuplicates: r.duplicates, hint: 'Send confirmNotDuplicate: true to create a new record anyway (not possible for the same NHS number or UPN).' });
    return reply.code(201).header('location', `/api/v1/children/${r.id}`).send({ id: r.id });
  });

  app.get('/api/v1/children/:id', { schema: { tags, summary: 'A child’s identity and summary', params: idParams } }, async (req) => {
    const child = await readChildOnly(db, requireActor(req), today(), req.params.id, 'child');
    return presentChild(child);
  });

  app.put('/api/v1/children/:id', { schema: { tags, summary: 'Update identity details (send the version you read)', params: idParams, body: z.record(z.string(), z.unknown()) } }, async (req) => {
    const b = req.body;
    const version = Number(b.version);
    if (!Number.isInteger(version) || version < 1) throw new UserInputError([{ field: 'version', message: 'Send the version of the record you are changing' }]);
    await updateChildIdentity(db, requireActor(req), today(), req.params.id, body(childIdentitySchema(today), b), version);
    const child = await readChildOnly(db, requireActor(req), today(), req.params.id, 'child');
    return presentChild(child);
  });

  app.get('/api/v1/children/:id/about-me', { schema: { tags, summary: 'About me: written once by the family, read by everyone with access', params: idParams } }, async (req) => {
    const { data } = await readAboutMe(db, requireActor(req), today(), req.params.id);
    return {
      whatMatters: data?.what_matters ?? '', likeAndAdmire: data?.like_and_admire ?? '', howToSupport: data?.how_to_support ?? '', history: data?.history ?? '',
      version: data?.version ?? null, updatedAt: data?.updated_at?.toISOString() ?? null, updatedBy: data?.updated_by_name ?? null,
    };
  });

  app.put('/api/v1/children/:id/about-me', { schema: { tags, summary: 'Save about me', params: idParams, body: z.record(z.string(), z.unknown()) } }, async (req, reply) => {
    await saveAboutMe(db, requireActor(req), today(), req.params.id, body(aboutMeSchema, req.body));
    return reply.code(204).send();
  });

  app.get('/api/v1/children/:id/family', { schema: { tags, params: idParams, summary: 'Family members' } }, async (req) => {
    const { data } = await readFamily(db, requireActor(req), today(), req.params.id);
    return data.map((f) => ({ id: f.id, name: f.name, relationship: f.relationship, parentalResponsibility: f.parental_responsibility, email: f.email, phone: f.phone, address: f.address, endedOn: f.ended_on }));
  });

  app.post('/api/v1/children/:id/family', { schema: { tags, params: idParams, summary: 'Add a family member', body: z.record(z.string(), z.unknown()) } }, async (req, reply) => {
    const id = await addFamilyMember(db, requireActor(req), today(), req.params.id, body(familyMemberSchema, req.body));
    return reply.code(201).send({ id });
  });

  app.get('/api/v1/children/:id/team', { schema: { tags, params: idParams, summary: 'The team around the child' } }, async (req) => {
    const { data } = await readTeam(db, requireActor(req), today(), req.params.id);
    return data.map((t) => ({ id: t.id, role: t.role, organisation: { id: t.organisation_id, name: t.organisation_name, kind: t.organisation_kind, urn: t.urn }, person: t.user_id ? { id: t.user_id, name: t.person_name } : null, startedOn: t.started_on, endedOn: t.ended_on }));
  });

  app.post('/api/v1/children/:id/team', { schema: { tags, params: idParams, summary: 'Add a professional or setting to the team', body: z.record(z.string(), z.unknown()) } }, async (req, reply) => {
    const id = await addTeamMember(db, requireActor(req), today(), req.params.id, body(teamMemberSchema(today), req.body));
    return reply.code(201).send({ id });
  });

  app.post('/api/v1/children/:id/team/:memberId/end', { schema: { tags, params: z.object({ id: z.string(), memberId: z.string() }), summary: 'End a team membership today' } }, async (req, reply) => {
    await endTeamMember(db, requireActor(req), today(), req.params.id, req.params.memberId);
    return reply.code(204).send();
  });

  app.get('/api/v1/children/:id/consents', { schema: { tags, params: idParams, summary: 'Consents to share, with withdrawals' } }, async (req) => {
    const { data } = await readConsents(db, requireActor(req), today(), req.params.id);
    return data.consents.map((c) => ({ id: c.id, givenByName: c.given_by_name, givenByRole: c.given_by_role, agencies: c.agencies, givenOn: c.given_on, method: c.method, withdrawnOn: c.withdrawn_on, withdrawnReason: c.withdrawn_reason }));
  });

  app.post('/api/v1/children/:id/consents', { schema: { tags, params: idParams, summary: 'Record consent to share', body: z.record(z.string(), z.unknown()) } }, async (req, reply) => {
    const id = await recordConsent(db, requireActor(req), today(), req.params.id, body(consentSchema(today), req.body));
    return reply.code(201).send({ id });
  });

  app.post('/api/v1/children/:id/consents/:consentId/withdraw', { schema: { tags, params: z.object({ id: z.string(), consentId: z.string() }), summary: 'Withdraw consent from today', body: z.record(z.string(), z.unknown()) } }, async (req, reply) => {
    await withdrawConsent(db, requireActor(req), today(), req.params.id, req.params.consentId, body(withdrawConsentSchema, req.body).reason);
    return reply.code(204).send();
  });

  app.post('/api/v1/children/:id/override', { schema: { tags, params: idParams, summary: 'See a record without consent, giving a reason (audited; lasts 24 hours)', body: z.record(z.string(), z.unknown()) } }, async (req, reply) => {
    await recordOverride(db, requireActor(req), today(), req.params.id, body(overrideSchema, req.body).reason);
    return reply.code(204).send();
  });

  app.get('/api/v1/children/:id/documents', { schema: { tags, params: idParams, summary: 'Documents (metadata)' } }, async (req) => {
    const { data } = await readDocuments(db, requireActor(req), today(), req.params.id);
    return data.map((d) => ({ id: d.id, title: d.title, type: d.doc_type, filename: d.filename, contentType: d.content_type, size: d.size_bytes, uploadedAt: d.uploaded_at.toISOString(), uploadedBy: d.uploaded_by_name, href: `/children/${req.params.id}/documents/${d.id}` }));
  });

  app.get('/api/v1/children/:id/timeline', { schema: { tags, params: idParams, summary: 'One chronology of everything that happened' } }, async (req) => {
    const { data } = await readTimeline(db, requireActor(req), today(), req.params.id);
    return data.map((t) => ({ id: t.id, on: t.occurred_on, kind: t.kind, title: t.title, detail: t.detail, by: t.actor_name }));
  });

  app.get('/api/v1/children/:id/audit', { schema: { tags, params: idParams, querystring: z.object({ page: z.coerce.number().int().min(1).default(1) }), summary: 'Who read or changed the record' } }, async (req) => {
    const r = await readAuditTrail(db, requireActor(req), today(), req.params.id, req.query.page);
    return { total: r.total, items: r.entries.map((e) => ({ at: e.at.toISOString(), who: e.who, action: e.action, part: e.entity, via: e.via })) };
  });
}
