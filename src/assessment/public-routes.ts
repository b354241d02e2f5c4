// The online request for an EHC needs assessment (no account needed), the SEND team's triage of those requests,
// and the one-time link that lets the requester set a password. Pages work without JavaScript; every form is
// CSRF-protected (the anonymous form through the anonymous session, as on the sign-in page).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../server.ts';
import type { Actor } from '../platform/access/actor.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { formatPlainDate, londonToday } from '../platform/web/dates.ts';
import { nestBrackets, parseWith, toPageErrors, UserInputError, type FieldError, type PageErrors } from '../platform/web/validation.ts';
import { acceptRequest, listNewRequests, localAreas, readRequest, rejectRequest, submitPublicRequest, type AcceptChoice, type Invitation, type RequestView } from './public-request.ts';
import { acceptSchema, decisionDueOn, publicRequestSchema, registerSchema, rejectSchema, requesterRoleLabels } from './public-request-form.ts';
import { checkRegistrationLink, completeRegistration, registrationDays, type RegistrationLink } from './registration.ts';

declare module 'fastify' {
  interface Session {
    /** The last online request sent from this browser, for the confirmation page. */
    publicRequestSent?: { reference: string; receivedOn: string };
  }
}

/** Submissions of the public form allowed from one address in an hour. */
export const requestsPerHour = 10;

function pageErrors(errors: FieldError[]): PageErrors {
  const pe = toPageErrors(errors);
  return { ...pe, list: pe.list.map((l) => (l.href === '#dateOfBirth' ? { ...l, href: '#dateOfBirth-day' } : l)) };
}
const body = (req: FastifyRequest): Record<string, unknown> => nestBrackets(req.body);
const idOf = (req: FastifyRequest): string => (req.params as { id: string }).id;
const tokenOf = (req: FastifyRequest): string => (req.params as { token: string }).token;
const from = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

const invitationText: Record<Invitation, string> = {
  invited: 'The requester has been sent a link to create an account.',
  told: 'The requester already has an account and has been told.',
  'not-possible': 'The requester’s email belongs to another kind of account, so no family account was made: add them on the child’s record.',
};

export async function publicRequestRoutes(root: FastifyInstance, services: Services): Promise<void> {
  // Registered in their own scope, whose error handler gives the rate limit's 429 its own page and passes every
  // other error on to the app's handler.
  await root.register(async (app) => {
    app.setErrorHandler(async (err: FastifyError, req, reply) => {
      if (err.statusCode !== 429) throw err;
      const what = req.url.startsWith('/register/') ? 'password' : 'request';
      return reply.page('assessment/views/request-too-many.njk', { pageTitle: 'You have sent too many requests', what }, 429);
    });
    await routes(app, services);
  });
}

async function routes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const today = services.today ?? (() => londonToday());

  // --- The public form ------------------------------------------------------------------------------------
  const renderForm = async (reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = [], status = 200) => {
    const areas = await localAreas(db);
    const dob = values.dateOfBirth && typeof values.dateOfBirth === 'object' ? values.dateOfBirth : { day: '', month: '', year: '' };
    return reply.page('assessment/views/request-form.njk', {
      pageTitle: 'Ask for an education, health and care needs assessment',
      values: { ...values, laCode: values.laCode ?? (areas.length === 1 ? areas[0]?.laCode : ''), dateOfBirth: dob },
      errors: pageErrors(errors),
      areaItems: areas.map((a) => ({ value: a.laCode, text: a.name })),
      manyAreas: areas.length > 6,
      roleItems: [
        { value: 'parent', text: 'A parent of the child or young person' },
        { value: 'young-person', text: 'The young person, aged 16 to 25' },
        { value: 'carer', text: 'A carer, for example a foster carer or kinship carer' },
      ],
    }, status);
  };

  app.get('/request-an-assessment', { schema: { hide: true } }, async (_req, reply) => renderForm(reply, {}));

  app.post('/request-an-assessment', { schema: { hide: true }, config: { rateLimit: { max: requestsPerHour, timeWindow: '1 hour' } } }, async (req, reply) => {
    const b = body(req);
    const areas = await localAreas(db);
    const parsed = parseWith(publicRequestSchema(today, areas.map((a) => a.laCode)), b);
    if (!parsed.ok) return renderForm(reply, b, parsed.errors, 400);
    try {
      const sent = await submitPublicRequest(db, from(req), today(), parsed.value);
      req.session.set('publicRequestSent', { reference: sent.reference, receivedOn: sent.receivedOn });
      return reply.redirect('/request-an-assessment/sent', 303);
    } catch (err) {
      if (err instanceof UserInputError) return renderForm(reply, b, err.errors, 400);
      throw err;
    }
  });

  app.get('/request-an-assessment/sent', { schema: { hide: true } }, async (req, reply) => {
    const sent = req.session.get('publicRequestSent');
    if (!sent) return reply.redirect('/request-an-assessment', 303);
    return reply.page('assessment/views/request-sent.njk', {
      pageTitle: 'Request sent', reference: sent.reference, receivedOn: formatPlainDate(sent.receivedOn), decisionDue: formatPlainDate(decisionDueOn(sent.receivedOn)),
    });
  });

  // --- Triage by the SEND team ------------------------------------------------------------------------------
  app.get('/assessments/requests', { schema: { hide: true } }, async (req, reply) => {
    const items = await listNewRequests(db, requireActor(req), today());
    return reply.page('assessment/views/triage-list.njk', { pageTitle: 'Online requests', activeNav: 'assessments', items });
  });

  const renderRequest = async (reply: FastifyReply, actor: Actor, id: string, values: Record<string, unknown> = {}, errors: FieldError[] = [], status = 200) => {
    const v: RequestView = await readRequest(db, actor, today(), id);
    const r = v.request;
    const childName = `${r.childGivenName} ${r.childFamilyName}`;
    return reply.page('assessment/views/triage-request.njk', {
      pageTitle: `Online request ${r.reference}`, activeNav: 'assessments', backLink: { href: '/assessments/requests', text: 'Online requests' },
      v, r, childName, relationship: requesterRoleLabels[r.relationship], values, errors: toPageErrors(errors),
      choiceItems: [
        ...v.matches.map((m) => ({
          value: m.id, text: `${m.name}, born ${formatPlainDate(m.dateOfBirth)}`,
          hint: { text: m.openAssessment ? `Already has an open assessment (${m.openAssessment}): reject this request as a duplicate instead` : 'An existing record in this area' },
        })),
        ...(v.matches.length ? [{ divider: 'or' }] : []),
        { value: 'new', text: `Create a new record for ${childName}, born ${formatPlainDate(r.dateOfBirth)}`, hint: { text: v.matches.length || v.otherAreaMatches ? 'Only if none of the records above is this child' : 'No record in this area has the same date of birth and a similar name' } },
      ],
    }, status);
  };

  app.get('/assessments/requests/:id', { schema: { hide: true } }, async (req, reply) => renderRequest(reply, requireActor(req), idOf(req)));

  app.post('/assessments/requests/:id/accept', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = body(req);
    const parsed = parseWith(acceptSchema, b);
    if (!parsed.ok) return renderRequest(reply, actor, idOf(req), b, parsed.errors, 400);
    const choice: AcceptChoice = parsed.value.choice === 'new' ? { createNew: true, seen: parsed.value.seen } : { childId: parsed.value.choice };
    try {
      const done = await acceptRequest(db, actor, today(), idOf(req), choice);
      req.session.set('flash', `Request accepted: assessment ${done.assessmentReference} started${done.createdChild ? ' on a new record' : ''}, from ${formatPlainDate(done.requestReceived)}, the day the request was received. ${invitationText[done.invitation]}`);
      return reply.redirect(`/assessments/${done.assessmentId}`, 303);
    } catch (err) {
      if (err instanceof UserInputError) return renderRequest(reply, actor, idOf(req), b, err.errors, 400);
      throw err;
    }
  });

  app.post('/assessments/requests/:id/reject', { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = body(req);
    const parsed = parseWith(rejectSchema, b);
    if (!parsed.ok) return renderRequest(reply, actor, idOf(req), b, parsed.errors, 400);
    try {
      const done = await rejectRequest(db, actor, today(), idOf(req), parsed.value.reason);
      req.session.set('flash', `Request ${done.reference} rejected. Tell the requester why, using the contact details they gave.`);
      return reply.redirect('/assessments/requests', 303);
    } catch (err) {
      if (err instanceof UserInputError) return renderRequest(reply, actor, idOf(req), b, err.errors, 400);
      throw err;
    }
  });

  // --- Registering with the one-time link ---------------------------------------------------------------------
  const renderGone = (reply: FastifyReply, link: RegistrationLink) =>
    reply.page('assessment/views/request-register-gone.njk', { pageTitle: link.state === 'used' ? 'This link has already been used' : 'This link has expired', state: link.state, days: registrationDays }, 410);
  const renderRegister = (reply: FastifyReply, token: string, link: Extract<RegistrationLink, { state: 'valid' }>, errors: FieldError[] = [], status = 200) =>
    reply.page('assessment/views/request-register.njk', { pageTitle: 'Create your account', email: link.user.email, token, errors: toPageErrors(errors) }, status);

  app.get('/register/:token', { schema: { hide: true } }, async (req, reply) => {
    const link = await checkRegistrationLink(db, tokenOf(req));
    return link.state === 'valid' ? renderRegister(reply, tokenOf(req), link) : renderGone(reply, link);
  });

  app.post('/register/:token', { schema: { hide: true }, config: { rateLimit: { max: 20, timeWindow: '15 minutes' } } }, async (req, reply) => {
    const token = tokenOf(req);
    const link = await checkRegistrationLink(db, token);
    if (link.state !== 'valid') return renderGone(reply, link);
    const parsed = parseWith(registerSchema, body(req));
    if (!parsed.ok) return renderRegister(reply, token, link, parsed.errors, 400);
    try {
      const done = await completeRegistration(db, token, parsed.value.password, from(req));
      if (done.state !== 'valid') return renderGone(reply, done);
    } catch (err) {
      if (err instanceof UserInputError) return renderRegister(reply, token, link, err.errors, 400);
      throw err;
    }
    req.session.set('flash', 'Your account is ready. Sign in with your email address and the password you chose.');
    return reply.redirect('/sign-in', 303);
  });
}
