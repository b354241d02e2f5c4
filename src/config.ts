// Every environment variable the service reads, validated once at start (STYLE.md: hmpps config.ts).
// Documented in .env.example. Production refuses development defaults.
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    /** PostgreSQL server; when unset the embedded database (PGlite) in DATA_DIR is used. */
    DATABASE_URL: z.string().optional(),
    DATA_DIR: z.string().default('./data'),
    /** Secret used to sign session cookies; at least 32 characters. */
    SESSION_SECRET: z.string().min(32).default('development-only-secret-change-me-0123456789'),
    /** Seed and show the demo local area (on by default outside production). */
    DEMO: bool,
    PUBLIC_URL: z.string().url().optional(),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_LABEL: z.string().default('Sign in with your organisation account'),
    UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
    SIGN_IN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
    DEMO_CHILDREN: z.coerce.number().int().min(0).default(200),
    /** Session cookies only over HTTPS; on by default in production (turn off only behind no TLS, e.g. a benchmark). */
    SECURE_COOKIES: z.enum(['true', 'false', '1', '0', '']).optional(),
    /** Outgoing mail server, smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465; unset: email waits in the outbox. */
    SMTP_URL: z.string().url().refine((u) => /^smtps?:\/\//.test(u), 'must start with smtp:// or smtps://').optional(),
    MAIL_FROM: z.string().min(3).optional(),
    /** How often the mailer sends waiting email (seconds); 0: only when asked (tests). */
    MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(15),
    MAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    /** Attempts before an email is given up as failed; retries back off from 1 minute, doubling, up to 6 hours. */
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** The DfE LA code whose local offer the public pages and the Open Referral feed show; unset: the lowest code. */
    LOCAL_OFFER_AREA: z.string().regex(/^\d{3}$/, 'must be a three-digit DfE LA code').optional(),
    /** Keep the ranked results of public searches until the directory changes (search-store.ts); off: rank every time. */
    LOCAL_OFFER_KEEP_SEARCHES: z.enum(['true', 'false', '1', '0', '']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.SESSION_SECRET.startsWith('development-only')) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'must be set in production' });
    }
    if (env.OIDC_ISSUER && !(env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are needed with OIDC_ISSUER' });
    }
    if (env.NODE_ENV === 'production' && env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'must be set in production when SMTP_URL is set' });
    }
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  demo: boolean;
  publicUrl: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; label: string } | undefined;
  uploadMaxBytes: number;
  logLevel: string;
  signIn: { maxFailures: number; lockMinutes: number };
  demoChildren: number;
  secureCookies: boolean;
  /** Email (src/notifications/mailer.ts): smtpUrl undefined means mail stays in the outbox. */
  mail: { smtpUrl: string | undefined; from: string; intervalSeconds: number; batchSize: number; maxAttempts: number };
  /** The area whose local offer is public (src/localoffer/area.ts); undefined: the lowest LA code installed. */
  localOfferArea: string | undefined;
  /** Public searches reuse ranked results until the directory changes (on unless LOCAL_OFFER_KEEP_SEARCHES=false). */
  localOfferKeepSearches: boolean;
}

/** Reads and validates configuration; throws one message listing every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration is not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const demo = source.DEMO === undefined || source.DEMO === '' ? e.NODE_ENV !== 'production' : e.DEMO;
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET,
    demo,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, label: e.OIDC_LABEL }
        : undefined,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    logLevel: e.LOG_LEVEL,
    signIn: { maxFailures: e.SIGN_IN_MAX_FAILURES, lockMinutes: e.SIGN_IN_LOCK_MINUTES },
    demoChildren: e.DEMO_CHILDREN,
    secureCookies: e.SECURE_COOKIES === undefined || e.SECURE_COOKIES === '' ? e.NODE_ENV === 'production' : e.SECURE_COOKIES === 'true' || e.SECURE_COOKIES === '1',
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? 'joinedup <no-reply@joinedup.invalid>', intervalSeconds: e.MAIL_INTERVAL_SECONDS, batchSize: e.MAIL_BATCH_SIZE, maxAttempts: e.MAIL_MAX_ATTEMPTS },
    localOfferArea: e.LOCAL_OFFER_AREA,
    localOfferKeepSearches: !(e.LOCAL_OFFER_KEEP_SEARCHES === 'false' || e.LOCAL_OFFER_KEEP_SEARCHES === '0'),
  };
  return { ...config, ...overrides };
}
