// Sends the outbox over SMTP with nodemailer (docs/decisions/0006-email-and-inbox.md). notify() only writes rows,
// inside the change's transaction; this sends them afterwards, in small batches, on an interval and on demand
// (`flushOutbox`). Each batch is claimed with one UPDATE … FOR UPDATE SKIP LOCKED that pushes the rows' next
// attempt past a lease, so two flushes (or two processes on one PostgreSQL) never send the same row at once and
// no database connection is held while talking to the mail server. A failure is recorded on the row and retried
// with backoff; after MAIL_MAX_ATTEMPTS the row is marked failed. Without SMTP_URL, mail waits in the outbox.
import type { FastifyInstance } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';
import type { Db } from '../platform/db/connect.ts';
import { composeEmail, retryDelayMs } from './domain.ts';

/** What one flush did. */
export interface FlushResult {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for the last allowed time: given up. */
  failed: number;
  /** Not sent because the recipient's account was disabled after the message was written. */
  cancelled: number;
}

export interface Mailer {
  /** Sends every email that is due (`now` defaults to the clock; tests pass a later time to pass the backoff). */
  flushOutbox(opts?: { now?: Date }): Promise<FlushResult>;
  /** Starts the interval (if SMTP is configured and MAIL_INTERVAL_SECONDS > 0), or logs once that mail will wait. */
  start(): void;
  /** Stops the interval, waits for a flush under way, and closes the SMTP transport. */
  stop(): Promise<void>;
}

/** The logger's calls the mailer uses (pino's, without personal data: ids and error codes only). */
interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A claimed row is not offered to another flush for this long, in case the process dies mid-send. */
const leaseMs = 30 * 60_000;
const errorChars = 500;

export function createMailer(opts: { db: Db; config: Pick<Config, 'mail' | 'publicUrl'>; log: Log }): Mailer {
  const { db, log } = opts;
  const { mail, publicUrl } = opts.config;
  let transport: Transporter | undefined;
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let toldNoSmtp = false;

  const smtp = (): Transporter | undefined => {
    if (!mail.smtpUrl) {
      if (!toldNoSmtp) log.warn({}, 'SMTP_URL is not set: email stays in the outbox until it is (the in-app inbox works)');
      toldNoSmtp = true;
      return undefined;
    }
    transport ??= nodemailer.createTransport({ url: mail.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    return transport;
  };

  async function claim(now: Date) {
    return db
      .with('claimed', (qb) =>
        qb
          .updateTable('mail_outbox')
          .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: new Date(now.getTime() + leaseMs), last_attempt_at: now }))
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('mail_outbox')
              .select('id')
              .where('status', '=', 'pending')
              .where('next_attempt_at', '<=', now)
              .orderBy('next_attempt_at')
              .orderBy('created_at')
              .limit(mail.batchSize)
              .forUpdate()
              .skipLocked(),
          )
          .returning(['id', 'message_id', 'to_address', 'attempts']),
      )
      .selectFrom('claimed')
      .innerJoin('inbox_message as m', 'm.id', 'claimed.message_id')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select(['claimed.id', 'claimed.to_address', 'claimed.attempts', 'm.id as messageId', 'm.subject', 'm.body', 'm.link', 'u.disabled_at'])
      .execute();
  }

  type Claimed = Awaited<ReturnType<typeof claim>>[number];

  async function deliver(t: Transporter, row: Claimed, now: Date, result: FlushResult): Promise<void> {
    if (row.disabled_at) {
      await db.updateTable('mail_outbox').set({ status: 'cancelled', next_attempt_at: now, last_error: 'The recipient’s account was disabled before the email was sent' }).where('id', '=', row.id).execute();
      result.cancelled++;
      return;
    }
    const email = composeEmail({ id: row.messageId, subject: row.subject, body: row.body, link: row.link }, publicUrl);
    try {
      await t.sendMail({ from: mail.from, to: row.to_address, subject: email.subject, text: email.text, headers: { 'Auto-Submitted': 'auto-generated' } });
    } catch (err) {
      const e = err as Error & { code?: string; responseCode?: number };
      const giveUp = row.attempts >= mail.maxAttempts;
      const lastError = [e.code, e.responseCode, e.message].filter((x) => x !== undefined && x !== '').join(' ').slice(0, errorChars);
      await db
        .updateTable('mail_outbox')
        .set({ status: giveUp ? 'failed' : 'pending', next_attempt_at: new Date(now.getTime() + (giveUp ? 0 : retryDelayMs(row.attempts))), last_error: lastError })
        .where('id', '=', row.id)
        .execute();
      log.warn({ outboxId: row.id, attempts: row.attempts, code: e.code, responseCode: e.responseCode, givenUp: giveUp }, 'email not sent');
      if (giveUp) result.failed++;
      else result.retrying++;
      return;
    }
    await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: new Date(), next_attempt_at: now }).where('id', '=', row.id).execute();
    result.sent++;
  }

  async function flush(fixedNow: Date | undefined): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, retrying: 0, failed: 0, cancelled: 0 };
    const t = smtp();
    if (!t) return result;
    // Claimed rows move past the lease, so each round takes new rows; the loop ends when none are due.
    for (;;) {
      const now = fixedNow ?? new Date();
      const batch = await claim(now);
      for (const row of batch) await deliver(t, row, now, result);
      if (batch.length < mail.batchSize) break;
    }
    if (result.sent || result.retrying || result.failed) log.info({ ...result }, 'outbox flushed');
    return result;
  }

  const flushOutbox = (o: { now?: Date } = {}): Promise<FlushResult> => {
    // One flush at a time in this process: later calls wait for the one under way.
    const run = queue.then(() => flush(o.now));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    flushOutbox,
    start() {
      if (!smtp() || mail.intervalSeconds === 0 || timer) return;
      timer = setInterval(() => {
        flushOutbox().catch((err: unknown) => log.error({ err }, 'outbox flush failed'));
      }, mail.intervalSeconds * 1000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await queue;
      transport?.close();
      transport = undefined;
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends the email outbox (src/notifications/mailer.ts); tests call `app.mailer.flushOutbox()`. */
    mailer: Mailer;
  }
}

/** Makes the app's mailer: started when the app is ready, stopped when it closes. */
export async function mailerPlugin(app: FastifyInstance, services: { db: Db; config: Config }): Promise<void> {
  const mailer = createMailer({ db: services.db, config: services.config, log: app.log });
  app.decorate('mailer', mailer);
  app.addHook('onReady', async () => mailer.start());
  app.addHook('onClose', async () => mailer.stop());
}
