// Administration pages: users, their organisation and roles, disabling and unlocking, service-account tokens;
// the area's organisations, their type and URN.
// Only administrators; everyone else gets 404 for these addresses.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { roleLabels, staffRoles, type Actor } from '../platform/access/actor.ts';
import { parseWith, toPageErrors, UserInputError, type FieldError } from '../platform/web/validation.ts';
import { listOrganisations } from './directory.ts';
import { editUserSchema, newUserSchema, organisationKindLabels, organisationKinds, organisationSchema } from './domain.ts';
import {
  createOrganisation, createUser, getManagedOrganisation, getManagedUser, issueToken, listAreaOrganisations, listTokens, listUsers, requireAdmin, revokeToken,
  setDisabled, unlock, updateOrganisation, updateUser,
} from './admin-store.ts';

const roleOptions = staffRoles.map((r) => ({ value: r, text: roleLabels[r] }));
const kindOptions = organisationKinds.map((k) => ({ value: k, text: organisationKindLabels[k] }));
const roleText = (roles: string[]): string => roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r).join(', ');
/** The roles a form had ticked: one value comes as a string, several as a list. */
const chosen = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

export async function peopleRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const admin = (req: Parameters<typeof requireActor>[0]): Actor => {
    const a = requireActor(req);
    requireAdmin(a);
    return a;
  };
  const organisations = async (actor: Actor) => (await listOrganisations(db)).filter((o) => o.laCode === actor.organisation?.laCode);

  app.get('/admin/users', { schema: { hide: true } }, async (req, reply) => {
    const actor = admin(req);
    const q = typeof (req.query as { q?: unknown }).q === 'string' ? (req.query as { q: string }).q.trim().slice(0, 100) : '';
    const users = await listUsers(db, actor, q);
    return reply.page('people/views/users.njk', {
      pageTitle: 'Users', activeNav: 'admin', q,
      users: users.map((u) => ({
        ...u,
        roleText: roleText(u.roles),
        status: u.disabled_at ? 'Disabled' : u.locked_until && u.locked_until.getTime() > Date.now() ? 'Locked' : 'Active',
      })),
    });
  });

  const renderNew = async (reply: FastifyReply, actor: Actor, values: Record<string, unknown>, errors: FieldError[] = [], status = 200) =>
    reply.page('people/views/user-new.njk', { pageTitle: 'Add a user', activeNav: 'admin', backLink: { href: '/admin/users' }, values, chosenRoles: chosen(values.roles), errors: toPageErrors(errors), roleOptions, organisations: await organisations(actor) }, status);

  app.get('/admin/users/new', { schema: { hide: true } }, async (req, reply) => renderNew(reply, admin(req), { kind: 'staff' }));

  app.post('/admin/users', { schema: { hide: true } }, async (req, reply) => {
    const actor = admin(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseWith(newUserSchema, body);
    if (!parsed.ok) return renderNew(reply, actor, body, parsed.errors, 400);
    try {
      const id = await createUser(db, actor, parsed.value);
      req.session.set('flash', `${parsed.value.name} can now sign in`);
      return reply.redirect(`/admin/users/${id}`, 303);
    } catch (err) {
      if (err instanceof UserInputError) return renderNew(reply, actor, body, err.errors, 400);
      throw err;
    }
  });

  const renderUser = async (reply: FastifyReply, actor: Actor, id: string, extra: Record<string, unknown> = {}, status = 200) => {
    const u = await getManagedUser(db, actor, id);
    return reply.page('people/views/user.njk', {
      pageTitle: u.name, activeNav: 'admin', backLink: { href: '/admin/users' }, u, roleOptions, organisations: await organisations(actor),
      values: { name: u.name, organisationId: u.organisation_id, roles: u.roles },
      chosenRoles: u.roles,
      locked: Boolean(u.locked_until && u.locked_until.getTime() > Date.now()),
      tokens: u.kind === 'service' ? await listTokens(db, actor, id) : [],
      ...extra,
    }, status);
  };

  app.get('/admin/users/:id', { schema: { hide: true } }, async (req, reply) => renderUser(reply, admin(req), (req.params as { id: string }).id));

  app.post('/admin/users/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = admin(req);
    const { id } = req.params as { id: string };
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseWith(editUserSchema, body);
    try {
      if (!parsed.ok) throw new UserInputError(parsed.errors);
      await updateUser(db, actor, id, parsed.value);
    } catch (err) {
      if (err instanceof UserInputError) return renderUser(reply, actor, id, { values: body, chosenRoles: chosen(body.roles), errors: toPageErrors(err.errors) }, 400);
      throw err;
    }
    req.session.set('flash', 'Changes saved. They apply from the user’s next request.');
    return reply.redirect(`/admin/users/${id}`, 303);
  });

  for (const [path, run, message] of [
    ['disable', (a: Actor, id: string) => setDisabled(db, a, id, true), 'Account disabled and signed out'],
    ['enable', (a: Actor, id: string) => setDisabled(db, a, id, false), 'Account enabled'],
    ['unlock', (a: Actor, id: string) => unlock(db, a, id), 'Account unlocked'],
  ] as const) {
    app.post(`/admin/users/:id/${path}`, { schema: { hide: true } }, async (req, reply) => {
      const { id } = req.params as { id: string };
      await run(admin(req), id);
      req.session.set('flash', message);
      return reply.redirect(`/admin/users/${id}`, 303);
    });
  }

  app.post('/admin/users/:id/tokens', { schema: { hide: true } }, async (req, reply) => {
    const actor = admin(req);
    const { id } = req.params as { id: string };
    const name = z.string().trim().max(100).catch('').parse((req.body as { tokenName?: unknown } | undefined)?.tokenName);
    const token = await issueToken(db, actor, id, name);
    // Shown once, on this response only: it is not stored.
    return renderUser(reply, actor, id, { newToken: token });
  });

  app.post('/admin/users/:id/tokens/:tokenId/revoke', { schema: { hide: true } }, async (req, reply) => {
    const { id, tokenId } = req.params as { id: string; tokenId: string };
    await revokeToken(db, admin(req), id, tokenId);
    req.session.set('flash', 'Token revoked');
    return reply.redirect(`/admin/users/${id}`, 303);
  });

  app.get('/admin/organisations', { schema: { hide: true } }, async (req, reply) => {
    const actor = admin(req);
    const rows = await listAreaOrganisations(db, actor);
    return reply.page('people/views/organisations.njk', {
      pageTitle: 'Organisations', activeNav: 'admin-organisations',
      organisations: rows.map((o) => ({ ...o, kindText: organisationKindLabels[o.kind] })),
    });
  });

  const renderOrganisationForm = (reply: FastifyReply, view: { id?: string; name?: string; users?: unknown[] }, values: Record<string, unknown>, errors: FieldError[] = [], status = 200) =>
    reply.page('people/views/organisation.njk', {
      pageTitle: view.id ? (view.name ?? 'Organisation') : 'Add an organisation', activeNav: 'admin-organisations', backLink: { href: '/admin/organisations' },
      organisation: view, values, kindOptions, errors: toPageErrors(errors),
    }, status);

  const organisationView = async (actor: Actor, id: string) => {
    const o = await getManagedOrganisation(db, actor, id);
    return { o, view: { id: o.id, name: o.name, users: o.users.map((u) => ({ ...u, roleText: roleText(u.roles) })) } };
  };

  app.get('/admin/organisations/new', { schema: { hide: true } }, async (req, reply) => {
    admin(req);
    return renderOrganisationForm(reply, {}, {});
  });

  app.post('/admin/organisations', { schema: { hide: true } }, async (req, reply) => {
    const actor = admin(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseWith(organisationSchema, body);
    if (!parsed.ok) return renderOrganisationForm(reply, {}, body, parsed.errors, 400);
    try {
      await createOrganisation(db, actor, parsed.value);
    } catch (err) {
      if (err instanceof UserInputError) return renderOrganisationForm(reply, {}, body, err.errors, 400);
      throw err;
    }
    req.session.set('flash', `${parsed.value.name} added. You can now add its users.`);
    return reply.redirect('/admin/organisations', 303);
  });

  app.get('/admin/organisations/:id', { schema: { hide: true } }, async (req, reply) => {
    const { o, view } = await organisationView(admin(req), (req.params as { id: string }).id);
    return renderOrganisationForm(reply, view, { name: o.name, kind: o.kind, urn: o.urn ?? '', ukprn: o.ukprn ?? '' });
  });

  app.post('/admin/organisations/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = admin(req);
    const { id } = req.params as { id: string };
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseWith(organisationSchema, body);
    const problem = async (errors: FieldError[]) => renderOrganisationForm(reply, (await organisationView(actor, id)).view, body, errors, 400);
    if (!parsed.ok) return problem(parsed.errors);
    let kindChanged: boolean;
    try {
      ({ kindChanged } = await updateOrganisation(db, actor, id, parsed.value));
    } catch (err) {
      if (err instanceof UserInputError) return problem(err.errors);
      throw err;
    }
    req.session.set('flash', kindChanged ? `Changes to ${parsed.value.name} saved. Its users have been signed out so the new type applies.` : `Changes to ${parsed.value.name} saved`);
    return reply.redirect('/admin/organisations', 303);
  });
}
