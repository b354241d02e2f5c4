// The one composition root (STYLE.md, hmpps app.ts): builds the Fastify app from the capabilities,
// in one readable order. Tests build the same app with their own database and configuration.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Db } from './platform/db/connect.ts';
import { createViewEnv } from './platform/web/views.ts';
import { webPlugin } from './platform/web/plugin.ts';
import { authPlugin } from './platform/auth/plugin.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { apiDocs } from './platform/web/openapi.ts';
import { childrenRoutes } from './children/routes.ts';
import { childrenApi } from './children/api.ts';
import { peopleRoutes } from './people/routes.ts';
import { assessmentApi } from './assessment/api.ts';
import { assessmentRoutes } from './assessment/routes.ts';
import { publicRequestRoutes } from './assessment/public-routes.ts';
import { mailerPlugin } from './notifications/mailer.ts';
import { inboxRoutes } from './notifications/routes.ts';
import { inboxApi } from './notifications/api.ts';
import { assessmentCaseApi } from './assessment/case-api.ts';
import { planRoutes } from './plans/routes.ts';
import { plansApi } from './plans/api.ts';
import { orukRoutes } from './localoffer/oruk-routes.ts';
import { providerRoutes } from './localoffer/provider-routes.ts';
import { manageRoutes } from './localoffer/manage-routes.ts';
import { orukImportRoutes } from './localoffer/oruk-import-routes.ts';
import { pagesRoutes } from './localoffer/pages-routes.ts';
import { publicLocalOfferRoutes } from './localoffer/public-routes.ts';
import { feedbackRoutes } from './localoffer/feedback-routes.ts';
import { evidenceRoutes } from './localoffer/evidence-routes.ts';

export interface Services {
  config: Config;
  db: Db;
  /** Today's date in England; tests may fix it. */
  today?: () => string;
}

export async function buildServer(services: Services): Promise<FastifyInstance> {
  const { config, db } = services;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    trustProxy: config.env === 'production',
    bodyLimit: 1024 * 1024,
  });
  const views = createViewEnv({ production: config.env === 'production' });

  await webPlugin(app, { env: views, demo: config.demo });
  await authPlugin(app, { db, secret: config.sessionSecret, secureCookies: config.secureCookies });
  await apiDocs(app);

  await authRoutes(app, { db, config });
  await childrenRoutes(app, services);
  await childrenApi(app, services);
  await peopleRoutes(app, services);
  await assessmentApi(app);
  await assessmentRoutes(app, services);
  await publicRequestRoutes(app, services);
  await mailerPlugin(app, services);
  await inboxRoutes(app, services);
  await inboxApi(app, services);
  await assessmentCaseApi(app, services);
  await planRoutes(app, services);
  await app.register(import('./plans/pdf-routes.ts'), { services });
  await plansApi(app, services);
  await orukRoutes(app, services);
  await providerRoutes(app, services);
  await manageRoutes(app, services);
  await orukImportRoutes(app, services);
  await pagesRoutes(app, services);
  await publicLocalOfferRoutes(app, services);
  await feedbackRoutes(app, services);
  await evidenceRoutes(app, services);

  app.get('/health', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  return app;
}
