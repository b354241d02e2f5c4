// Who is asking: sessions kept in the database, CSRF on every form, bearer tokens for service accounts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import session from '@fastify/session';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import type { Actor } from '../access/actor.ts';
import type { Db } from '../db/connect.ts';
import { findActorByTokenHash } from '../../people/store.ts';
import { DbSessionStore } from './session-store.ts';
import { hashToken, tokenPrefix } from './tokens.ts';
import { UnauthenticatedError } from '../web/validation.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user or service account, or null for an anonymous visitor. */
    actor: Actor | null;
  }
  interface Session {
    actor?: Actor;
    userId?: string;
    flash?: string;
    returnTo?: string;
    oidc?: { state: string; verifier: string; returnTo?: string | undefined };
  }
}

/** The acting user, or 401 (API) / a redirect to sign in (pages). */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new UnauthenticatedError();
  return req.actor;
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function authPlugin(app: FastifyInstance, opts: { db: Db; secret: string; secureCookies: boolean }): Promise<void> {
  await app.register(cookie);
  await app.register(session, {
    secret: opts.secret,
    cookieName: 'joinedup.sid',
    store: new DbSessionStore(opts.db),
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, maxAge: 8 * 60 * 60 * 1000, path: '/' },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
  await app.register(rateLimit, { global: false });

  app.decorateRequest('actor', null);

  app.addHook('preHandler', async (req) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const token = auth.slice(7).trim();
      req.actor = token.startsWith(tokenPrefix) ? ((await findActorByTokenHash(opts.db, hashToken(token))) ?? null) : null;
      if (!req.actor) throw new UnauthenticatedError();
    } else {
      const a = req.session.get('actor');
      req.actor = a ? { ...a, via: 'session' } : null;
    }
    if (req.actor) {
      req.actor.ip = req.ip;
      req.actor.userAgent = req.headers['user-agent'];
    }
  });

  // CSRF must run as a preHandler (stack-measurements §3). A bearer token is not sent by a browser on its
  // own, so only cookie-authenticated requests need the token.
  app.addHook('preHandler', (req, reply, done) => {
    if (!unsafe.has(req.method) || req.headers.authorization?.startsWith('Bearer ')) return done();
    // Public calculators that hold no personal data and use no session opt out with `config: { csrf: false }`.
    if ((req.routeOptions.config as { csrf?: boolean }).csrf === false) return done();
    app.csrfProtection(req, reply, done);
  });

}
