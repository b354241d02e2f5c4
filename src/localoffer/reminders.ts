// Reminders before a listing's review-by date (issue 5 §3): "Providers are reminded before it falls due. A listing
// past its date is marked as not recently checked." The rule is pure (`listingReminderAction`): a reminder from 28
// days before the date, and a notice once it has passed, each once per review-by date. `runListingReminders`
// applies it in small transactions, stamping lo_service.reminded_for / overdue_told_for with the date it was sent
// for and sending through notifications, so a second run (or a second server) finds nothing left to send, and a
// new review-by date (after a check) starts afresh. Like assessment/reminders.ts, it runs hourly from `serve` and
// on demand (`joinedup send-reminders`).
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import { inTransaction, type Tx } from '../platform/db/transaction.ts';
import { addDays, daysBetween } from '../platform/plain-date.ts';
import { formatPlainDate } from '../platform/web/dates.ts';
import { graceDays, reminderDays } from './domain.ts';
import { tellProvider } from './manage-store.ts';

export type ListingReminder = 'check-due' | 'not-checked';

export interface ListingReminderFacts {
  /** Shown to the public (active, with a published version): only those are checked for. */
  listed: boolean;
  reviewBy: string;
  remindedFor: string | null;
  overdueToldFor: string | null;
}

/** What a listing needs today: a reminder within 28 days of its date (the day itself included), a notice once past it. */
export function listingReminderAction(f: ListingReminderFacts, today: string): ListingReminder | null {
  if (!f.listed) return null;
  if (today > f.reviewBy) return f.overdueToldFor === f.reviewBy ? null : 'not-checked';
  if (daysBetween(today, f.reviewBy) <= reminderDays) return f.remindedFor === f.reviewBy ? null : 'check-due';
  return null;
}

/** The words of each message: the service's name (not a person's), the date, and what to do. */
export function listingReminderText(kind: ListingReminder, name: string, reviewBy: string, today: string): { subject: string; body: string } {
  const due = formatPlainDate(reviewBy);
  if (kind === 'check-due') {
    const days = daysBetween(today, reviewBy);
    const when = days <= 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
    return {
      subject: `Please check your local offer listing by ${due}`,
      body: `Your listing “${name}” is due for its yearly check by ${due}, ${when}. If it is still correct, confirm it in one step; if something has changed, send the change for the council’s review. Families rely on the local offer being up to date.`,
    };
  }
  return {
    subject: `Your local offer listing has not been checked: ${name}`.slice(0, 150),
    body: `Your listing “${name}” was due for its yearly check by ${due}. It now shows as “not recently checked” to families. Please confirm it is still correct, or send a change. If it is not checked by ${formatPlainDate(addDays(reviewBy, graceDays))}, the council will decide whether to keep it in the directory.`,
  };
}

export interface ListingReminderRun {
  reminded: number;
  toldNotChecked: number;
}

interface Candidate {
  id: string;
  la_code: string;
  name: string;
  review_by: string;
  reminded_for: string | null;
  overdue_told_for: string | null;
  listed: boolean;
}

/** Sends today's listing reminders; each batch is one transaction with its rows locked and checked again. */
export async function runListingReminders(db: Db, today: string, opts: { batchSize?: number } = {}): Promise<ListingReminderRun> {
  const batchSize = opts.batchSize ?? 50;
  const ahead = addDays(today, reminderDays);
  const ids = (
    await db
      .selectFrom('lo_service')
      .select('id')
      .where('listed', '=', true)
      .where((eb) =>
        eb.or([
          eb.and([eb('review_by', '<', today), eb.or([eb('overdue_told_for', 'is', null), eb('overdue_told_for', '!=', eb.ref('review_by'))])]),
          eb.and([eb('review_by', '>=', today), eb('review_by', '<=', ahead), eb.or([eb('reminded_for', 'is', null), eb('reminded_for', '!=', eb.ref('review_by'))])]),
        ]),
      )
      .orderBy('review_by')
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
  const run: ListingReminderRun = { reminded: 0, toldNotChecked: 0 };
  for (let i = 0; i < ids.length; i += batchSize) {
    const done = await inTransaction(db, (tx) => sendBatch(tx, ids.slice(i, i + batchSize), today));
    run.reminded += done.reminded;
    run.toldNotChecked += done.toldNotChecked;
  }
  return run;
}

async function sendBatch(tx: Tx, ids: string[], today: string): Promise<ListingReminderRun> {
  const rows: Candidate[] = await tx
    .selectFrom('lo_service')
    .select(['id', 'la_code', 'name', 'review_by', 'reminded_for', 'overdue_told_for', sql<boolean>`listed`.as('listed')])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  const run: ListingReminderRun = { reminded: 0, toldNotChecked: 0 };
  for (const r of rows) {
    const action = listingReminderAction({ listed: r.listed, reviewBy: r.review_by, remindedFor: r.reminded_for, overdueToldFor: r.overdue_told_for }, today);
    if (!action) continue;
    await tx.updateTable('lo_service').set(action === 'check-due' ? { reminded_for: r.review_by } : { overdue_told_for: r.review_by }).where('id', '=', r.id).execute();
    const text = listingReminderText(action, r.name, r.review_by, today);
    await tellProvider(tx, r.id, r.la_code, null, action === 'check-due' ? 'listing-check-due' : 'listing-not-checked', text.subject, text.body);
    if (action === 'check-due') run.reminded += 1;
    else run.toldNotChecked += 1;
  }
  return run;
}

/**
 * Runs the listing reminders now and then every `everyMs` (an hour by default) with today's date in England; returns
 * a function that stops it. The timer does not keep the process alive; a run under way is not started again.
 */
export function scheduleListingReminders(db: Db, today: () => string, opts: { everyMs?: number; onRun?: (r: ListingReminderRun) => void; onError?: (err: unknown) => void } = {}): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runListingReminders(db, today())
      .then((r) => opts.onRun?.(r), (err: unknown) => opts.onError?.(err))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, opts.everyMs ?? 60 * 60 * 1000);
  timer.unref();
  const first = setTimeout(tick, 0);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
