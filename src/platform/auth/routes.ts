// Sign in (email and password, or single sign-on for staff) and sign out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import type { Config } from '../../config.ts';
import { audit } from '../audit/audit.ts';
import { systemActor, type Actor } from '../access/actor.ts';
import { parseWith, toPageErrors } from '../web/validation.ts';
import { findUserByEmail, findUserByOidcSubject, recordFailedSignIn, recordSuccessfulSignIn, toActor, type UserRow } from '../../people/store.ts';
import { listDemoAccounts } from '../../demo/accounts.ts';
import { verifyPassword } from './passwords.ts';
import { createOidcClient } from './oidc.ts';

const signInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address').email('Enter an email address in the correct format, like name@example.com'),
  password: z.string().min(1, 'Enter your password'),
  returnTo: z.string().optional(),
});

/** Only our own paths: never redirect to another site after sign-in. */
function safeReturn(v: unknown): string {
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/sign-in') ? v : '/';
}

function who(req: FastifyRequest, u?: UserRow): Actor {
  const base = u ? toActor(u, 'session') : { ...systemActor, name: 'Unknown visitor' };
  return { ...base, ip: req.ip, userAgent: req.headers['user-agent'] };
}

export async function authRoutes(app: FastifyInstance, opts: { db: Db; config: Config }): Promise<void> {
  const { db, config } = opts;
  const oidc = config.oidc
    ? createOidcClient({ ...config.oidc, redirectUri: `${config.publicUrl}/sign-in/sso/callback` })
    : undefined;

  const renderSignIn = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('platform/auth/views/sign-in.njk', {
      pageTitle: 'Sign in',
      sso: oidc ? config.oidc?.label : undefined,
      demoAccounts: config.demo ? await listDemoAccounts(db) : undefined,
      returnTo: safeReturn((req.query as { returnTo?: string }).returnTo),
      ...extra,
    }, status);

  app.get('/sign-in', async (req, reply) => {
    if (req.actor) return reply.redirect('/', 303);
    return renderSignIn(req, reply);
  });

  app.post('/sign-in', { config: { rateLimit: { max: 30, timeWindow: '5 minutes' } } }, async (req, reply) => {
    const parsed = parseWith(signInSchema, req.body);
    const values = req.body as Record<string, string>;
    if (!parsed.ok) return renderSignIn(req, reply, { errors: toPageErrors(parsed.errors), values }, 400);
    const { email, password } = parsed.value;
    const user = await findUserByEmail(db, email);
    if (user?.locked_until && user.locked_until.getTime() > Date.now()) {
      const minutes = Math.ceil((user.locked_until.getTime() - Date.now()) / 60000);
      await audit(db, who(req, user), { action: 'sign-in-failed', entity: 'user', entityId: user.id, detail: { reason: 'locked' } });
      return renderSignIn(req, reply, { errors: toPageErrors([{ field: 'email', message: `This account is locked after too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask your administrator.` }]), values }, 400);
    }
    const ok = (await verifyPassword(user?.password_hash ?? null, password)) && user && !user.disabled_at;
    if (!ok || !user) {
      let locked = false;
      if (user) {
        locked = (await recordFailedSignIn(db, user.id, config.signIn.maxFailures, config.signIn.lockMinutes)).locked;
        await audit(db, who(req, user), { action: locked ? 'lockout' : 'sign-in-failed', entity: 'user', entityId: user.id });
      }
      const message = locked
        ? `Too many failed attempts. This account is locked for ${config.signIn.lockMinutes} minutes.`
        : 'Enter a correct email address and password';
      return renderSignIn(req, reply, { errors: toPageErrors([{ field: 'email', message }]), values: { email } }, 400);
    }
    await recordSuccessfulSignIn(db, user.id);
    await startSession(req, user);
    return reply.redirect(safeReturn(parsed.value.returnTo), 303);
  });

  async function startSession(req: FastifyRequest, user: UserRow) {
    await req.session.regenerate(); // a new id at sign-in: no session fixation
    const actor = toActor(user, 'session');
    req.session.set('actor', actor);
    req.session.set('userId', actor.id);
    await audit(db, who(req, user), { action: 'sign-in', entity: 'user', entityId: user.id });
  }

  app.post('/sign-out', async (req, reply) => {
    if (req.actor) await audit(db, req.actor, { action: 'sign-out', entity: 'user', entityId: req.actor.id });
    await req.session.destroy();
    return reply.redirect('/sign-in', 303);
  });

  if (oidc) {
    app.get('/sign-in/sso', async (req, reply) => {
      const { url, state, verifier } = await oidc.authorisationUrl();
      req.session.set('oidc', { state, verifier, returnTo: safeReturn((req.query as { returnTo?: string }).returnTo) });
      return reply.redirect(url, 303);
    });
    app.get('/sign-in/sso/callback', async (req, reply) => {
      const pending = req.session.get('oidc');
      if (!pending) return renderSignIn(req, reply, { errors: toPageErrors([{ field: 'sso', message: 'Your single sign-on attempt expired. Try again.' }]) }, 400);
      req.session.set('oidc', undefined);
      let identity: { subject: string; email: string | undefined };
      try {
        identity = await oidc.callback(new URL(req.url, config.publicUrl), pending.state, pending.verifier);
      } catch (err) {
        req.log.warn({ err: (err as Error).message }, 'single sign-on failed');
        return renderSignIn(req, reply, { errors: toPageErrors([{ field: 'sso', message: 'Single sign-on did not work. Try again, or sign in with your email and password.' }]) }, 400);
      }
      let user = await findUserByOidcSubject(db, identity.subject);
      if (!user && identity.email) {
        const byEmail = await findUserByEmail(db, identity.email);
        // Only active staff may use organisational single sign-on; the subject is bound on first use.
        if (byEmail?.kind === 'staff' && !byEmail.disabled_at) {
          await db.updateTable('app_user').set({ oidc_subject: identity.subject }).where('id', '=', byEmail.id).execute();
          user = byEmail;
        }
      }
      if (!user || user.disabled_at || user.kind !== 'staff') {
        await audit(db, who(req), { action: 'sign-in-failed', entity: 'user', detail: { reason: 'sso-no-account', email: identity.email ?? null } });
        return renderSignIn(req, reply, { errors: toPageErrors([{ field: 'sso', message: 'There is no staff account for you in joinedup. Ask your administrator to add you.' }]) }, 403);
      }
      await recordSuccessfulSignIn(db, user.id);
      await startSession(req, user);
      return reply.redirect(pending.returnTo ?? '/', 303);
    });
  }
}
