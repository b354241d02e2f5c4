// The forms that change a child's record: identity, about me, family, the team around the child, consent and
// access without consent. Same order as every handler: validate → load (the store applies the access policy and
// audits) → change → render or redirect.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../server.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { agencies, agencyLabels, type Actor } from '../platform/access/actor.ts';
import { overrideHours, type ChildAction } from '../platform/access/policy.ts';
import { londonToday } from '../platform/web/dates.ts';
import { nestBrackets, NotFoundError, UserInputError, parseWith, type FieldError } from '../platform/web/validation.ts';
import { listOrganisations, listStaffOf, findOrganisation } from '../people/directory.ts';
import { aboutMeSchema, childIdentitySchema, consentSchema, familyMemberSchema, overrideSchema, relationshipLabel, teamMemberSchema, withdrawConsentSchema } from './domain.ts';
import { readChildOnly, teamChildName, updateChildIdentity, type VisibleChild } from './store.ts';
import { addFamilyMember, addTeamMember, endTeamMember, readAboutMe, readConsents, readTeam, recordConsent, recordOverride, saveAboutMe, withdrawConsent } from './record-store.ts';
import { laName } from './codes.ts';
import { ageOn } from './young-person.ts';
import { type IdParams, agencyHints, agencyList, agencyText, childName, childToIdentityValues, dateParts, identityValues, methodItems, organisationKindLabels, pageErrors, recordView, relationshipItems, renameFields, renderIdentityForm, requireMay, staffOnly, str, truthy, view } from './route-helpers.ts';

export async function recordEditRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const todayFn = services.today ?? (() => londonToday());
  const today = (): string => todayFn();

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

}
