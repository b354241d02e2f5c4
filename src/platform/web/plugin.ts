// The web platform: security headers, static assets (no CDN), page rendering and error pages.
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import type nunjucks from 'nunjucks';
import { roleLabels } from '../access/actor.ts';
import { mayEditListings, mayManageLocalOffer, maySeeLocalOfferEvidence, reachesChildRecords } from '../access/policy.ts';
import { govukDir, mojDir, root } from './paths.ts';
import { vendorAssetRoutes } from './assets.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError, UserInputError, toPageErrors } from './validation.ts';

export interface PageContext {
  pageTitle: string;
  [key: string]: unknown;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page with the layout's common context (user, CSRF token, CSP nonce, demo flag). */
    page(template: string, ctx: PageContext, status?: number): Promise<FastifyReply>;
  }
}

/** How responses are compressed, where they are (below); a public route with no secret in it (the Open Referral
 *  feed) passes `{ compress: compressOptions }`, as a route's own options replace the plugin's. */
/** Level 1, the fastest (nginx's default too): the 55 KB results page in 117 µs to 7.4 KB, where the default level
 *  6 took 413 µs for 6.5 KB (bench/README.md, "Local offer search"). */
export const compressOptions = { encodings: ['gzip', 'deflate'] as ('gzip' | 'deflate')[], threshold: 1024, syncThreshold: 65536, zlibOptions: { level: 1 } };

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url.startsWith('/openreferral');
}

export async function webPlugin(app: FastifyInstance, opts: { env: nunjucks.Environment; demo: boolean }): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'] } },
  });
  // Compression (gzip, deflate; brotli's default quality costs tens of milliseconds a page) only where `page()`
  // asks for it, on public pages that hold no secret (no CSRF token, nobody signed in): compressing a page that
  // reflects what was typed beside a secret lets an observer of sizes guess the secret (BREACH). The local offer's
  // results page goes from about 55 KB to 7 KB, for a family on a phone. Synchronous below 64 KB: on a server of
  // 2 cores a zlib stream per page cost more than the 0.2 ms the compression takes (decision 0013).
  await app.register(compress, { global: false, ...compressOptions });
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(fastifyStatic, { root: path.join(govukDir, 'dist/govuk/assets'), prefix: '/assets/', decorateReply: false });
  await app.register(fastifyStatic, { root: path.join(mojDir, 'moj/assets'), prefix: '/moj/assets/', decorateReply: false });
  await app.register(fastifyStatic, { root: path.join(root, 'public/stylesheets'), prefix: '/stylesheets/', decorateReply: false });
  await app.register(fastifyStatic, { root: path.join(root, 'public/javascripts'), prefix: '/javascripts/', decorateReply: false });
  vendorAssetRoutes(app); // GOV.UK and MoJ Frontend's stylesheets and script: compressed once, kept by browsers (assets.ts)

  app.decorateReply('page', async function (this: FastifyReply, template: string, ctx: PageContext, status = 200) {
    const req = this.request;
    const actor = req.actor;
    const nonce = (this as unknown as { cspNonce?: { script?: string } }).cspNonce?.script ?? '';
    // A page with no form that needs the token (`session: false`: the public directory) does not make one, so an
    // anonymous visitor gets no session at all.
    const csrfToken = req.session && ctx.session !== false ? this.generateCsrf() : '';
    const flash = req.session?.get('flash');
    if (flash) req.session.set('flash', undefined);
    const html = opts.env.render(template, {
      ...ctx,
      demo: opts.demo,
      cspNonce: nonce,
      csrfToken,
      flash: ctx.flash ?? flash,
      user: actor
        ? {
            id: actor.id,
            name: actor.name,
            kind: actor.kind,
            organisationName: actor.organisation?.name,
            roleText: actor.roles.map((r) => roleLabels[r]).join(', '),
            isAdmin: actor.roles.includes('admin'),
            inSendTeam: actor.organisation?.kind === 'send-team' && actor.roles.some((r) => r === 'caseworker' || r === 'send-manager'),
            isSendManager: actor.organisation?.kind === 'send-team' && actor.roles.includes('send-manager'),
            seesChildren: reachesChildRecords(actor),
            editsListings: mayEditListings(actor),
            managesLocalOffer: mayManageLocalOffer(actor),
            seesLocalOfferEvidence: maySeeLocalOfferEvidence(actor),
          }
        : null,
    });
    this.code(status).type('text/html; charset=utf-8');
    if (csrfToken || actor || ctx.session !== false) return this.send(html);
    // As bytes: the plugin would otherwise measure the string's UTF-8 length and then encode it, twice the work.
    this.compress(Buffer.from(html));
    return this;
  });

  app.setNotFoundHandler(async (req, reply) => {
    if (wantsJson(req)) return reply.code(404).send({ error: 'Not found' });
    return reply.page('errors/not-found.njk', { pageTitle: 'Page not found' }, 404);
  });

  app.setErrorHandler(async (err: Error & { statusCode?: number; validation?: unknown; code?: string }, req, reply) => {
    if (err instanceof UnauthenticatedError) {
      if (wantsJson(req)) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'Sign in or send an API token' });
      const returnTo = req.method === 'GET' ? `?returnTo=${encodeURIComponent(req.url)}` : '';
      return reply.redirect(`/sign-in${returnTo}`, 303);
    }
    if (err instanceof NotFoundError) {
      if (wantsJson(req)) return reply.code(404).send({ error: err.message });
      return reply.page('errors/not-found.njk', { pageTitle: 'Page not found' }, 404);
    }
    if (err instanceof UserInputError) {
      if (wantsJson(req)) return reply.code(400).send({ error: 'Invalid input', errors: err.errors });
      return reply.page('errors/problem.njk', { pageTitle: 'There is a problem', errors: toPageErrors(err.errors) }, 400);
    }
    if (err instanceof ForbiddenError) {
      if (wantsJson(req)) return reply.code(403).send({ error: err.message || 'Forbidden' });
      return reply.page('errors/forbidden.njk', { pageTitle: 'You cannot do this', message: err.message }, 403);
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // A client mistake the framework caught: bad CSRF token, body too large, malformed JSON, rate limit.
      const message = clientMessage(err, status);
      if (wantsJson(req)) return reply.code(status).send({ error: message, ...(err.validation ? { errors: fastifyValidation(err.validation) } : {}) });
      return reply.page('errors/problem.njk', { pageTitle: 'There is a problem', message }, status);
    }
    req.log.error({ err }, 'unhandled error');
    if (wantsJson(req)) return reply.code(500).send({ error: 'Sorry, there is a problem with the service' });
    return reply.page('errors/server.njk', { pageTitle: 'Sorry, there is a problem with the service' }, 500);
  });
}

function clientMessage(err: Error & { code?: string }, status: number): string {
  if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') return 'Your form expired or was sent twice. Go back, reload the page and try again.';
  if (status === 413) return 'The file or form is too large.';
  if (status === 429) return 'Too many attempts. Wait a few minutes and try again.';
  if (status === 415) return 'Send the form as a web form or JSON.';
  return err.message;
}

function fastifyValidation(v: unknown): { field: string; message: string }[] {
  if (!Array.isArray(v)) return [];
  return v.map((e: { instancePath?: string; message?: string }) => ({ field: (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || 'body', message: e.message ?? 'is not valid' }));
}

