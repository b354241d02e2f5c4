// Notifications (issue 3 §4): a message written in a change's transaction reaches each recipient's inbox and, by
// a real SMTP exchange with a local smtp-server, their email; a rolled-back change leaves no message; a failed
// send is retried with backoff and its error recorded; nobody sees anyone else's messages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { engines, startTestApp, type TestApp } from '../support/app.ts';
import { buildChild, buildFamilyUser, buildOrganisation, buildStaff, signIn } from '../support/factories.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { notify, PersonalDetailInSubjectError, type Message } from '../../src/notifications/notify.ts';
import { createMailer } from '../../src/notifications/mailer.ts';

interface Mail {
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

/** A local SMTP server on an ephemeral port that keeps what it receives; it can refuse the next n recipients. */
async function startSmtp() {
  const mails: Mail[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, cb) {
      if (refuse > 0) {
        refuse--;
        return cb(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), ...parse(raw), raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    refuseNext(n: number) {
      refuse = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Subject and decoded text of a single-part message (nodemailer uses 7bit or quoted-printable for text). */
function parse(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  let text = raw.slice(split + 4);
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(head)) {
    const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    text = Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return { subject: /^Subject: (.*)$/im.exec(head)?.[1] ?? '', text: text.replace(/\r\n/g, '\n') };
}

const publicUrl = 'https://send.example.test';
const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

for (const engine of engines()) {
  describe(`notifications on ${engine}`, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let laCode: string;
    let sendTeamId: string;

    before(async () => {
      smtp = await startSmtp();
      t = await startTestApp(engine, {}, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_INTERVAL_SECONDS: '0', PUBLIC_URL: publicUrl, MAIL_FROM: 'SEND team <send@council.example>' });
      const org = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      laCode = org.laCode;
      sendTeamId = org.id;
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    const message = (m: Partial<Message> & { recipients: string[] }): Message => ({
      laCode,
      kind: 'advice-requested',
      subject: 'Advice requested for an EHC needs assessment (EHC-2026-0001)',
      body: 'Please give your advice by 6 January 2027 (6 weeks, SEND Regulations 2014 reg 8).',
      link: `/assessments/${randomUUID()}`,
      ...m,
    });
    const rows = async (kind: string) => {
      const db = t.conn.db;
      const inbox = await db.selectFrom('inbox_message').select(['id', 'user_id']).where('kind', '=', kind).execute();
      const outbox = await db.selectFrom('mail_outbox as o').innerJoin('inbox_message as m', 'm.id', 'o.message_id').selectAll('o').where('m.kind', '=', kind).execute();
      return { inbox, outbox };
    };

    test('a message written in a transaction reaches each recipient’s inbox and email, with no name and an absolute link', async () => {
      const db = t.conn.db;
      const caseworker = await buildStaff(db, { organisationId: sendTeamId, roles: ['caseworker'] });
      const parent = await buildFamilyUser(db);
      const gone = await buildStaff(db, { organisationId: sendTeamId, roles: ['caseworker'] });
      await db.updateTable('app_user').set({ disabled_at: new Date() }).where('id', '=', gone.id).execute();
      const child = await buildChild(db, { givenName: 'Amara', familyName: 'Okafor' });
      const link = `/assessments/${randomUUID()}`;

      await inTransaction(db, (tx) =>
        notify(tx, message({
          recipients: [caseworker.id, parent.id, parent.id, gone.id, randomUUID(), 'not-a-uuid'],
          kind: 'draft-issued',
          subject: 'Your draft EHC plan is ready (EHC-2026-0001)',
          body: 'Please read the draft plan. You have until 4 December 2026 to comment.',
          link,
          childId: child.id,
          personalTerms: ['Amara', 'Okafor'],
        })),
      );
      const { inbox, outbox } = await rows('draft-issued');
      assert.deepEqual(inbox.map((r) => r.user_id).sort(), [caseworker.id, parent.id].sort(), 'one row each; duplicates, the disabled, the unknown and the malformed skipped');
      assert.equal(outbox.length, 2);
      assert.ok(outbox.every((o) => o.status === 'pending' && o.la_code === laCode));

      const before = smtp.mails.length;
      const r = await t.app.mailer.flushOutbox();
      assert.deepEqual(r, { sent: 2, retrying: 0, failed: 0, cancelled: 0 });
      const mails = smtp.mails.slice(before);
      assert.deepEqual(mails.flatMap((m) => m.to).sort(), [caseworker.email, parent.email].sort());
      for (const m of mails) {
        assert.equal(m.subject, 'Your draft EHC plan is ready (EHC-2026-0001)');
        assert.match(m.raw, /^From: SEND team <send@council\.example>$/m);
        assert.match(m.text, /You have until 4 December 2026 to comment\./);
        assert.ok(m.text.includes(`${publicUrl}${link}`), 'an absolute link to the case');
        assert.match(m.text, /You are getting this email because you have a joinedup account/);
        assert.doesNotMatch(m.raw, /Amara|Okafor/i, 'no name anywhere in the email');
        assert.ok(!m.raw.includes(child.id), 'the child’s id is not in the email');
      }
      const sent = await rows('draft-issued');
      assert.ok(sent.outbox.every((o) => o.status === 'sent' && o.sent_at && o.attempts === 1));
      assert.deepEqual(await t.app.mailer.flushOutbox(), { sent: 0, retrying: 0, failed: 0, cancelled: 0 }, 'nothing is sent twice');
    });

    test('a rolled-back change leaves no message; a subject that names the child is refused', async () => {
      const db = t.conn.db;
      const caseworker = await buildStaff(db, { organisationId: sendTeamId, roles: ['caseworker'] });
      await assert.rejects(
        inTransaction(db, async (tx) => {
          await notify(tx, message({ recipients: [caseworker.id], kind: 'decision' }));
          throw new Error('the change failed after notify');
        }),
        /the change failed/,
      );
      assert.deepEqual(await rows('decision'), { inbox: [], outbox: [] });

      await assert.rejects(
        inTransaction(db, (tx) => notify(tx, message({ recipients: [caseworker.id], kind: 'exception', subject: 'A change to the timescale for Amara', personalTerms: ['Amara', 'Okafor'] }))),
        PersonalDetailInSubjectError,
      );
      assert.deepEqual(await rows('exception'), { inbox: [], outbox: [] });
    });

    test('a failed send is recorded and retried with backoff, then sent', async () => {
      const db = t.conn.db;
      const adviser = await buildStaff(db, { organisationId: sendTeamId, roles: ['educational-psychologist'] });
      await notify(db, message({ recipients: [adviser.id], kind: 'retry-check' }));
      smtp.refuseNext(1);
      const start = new Date();
      assert.deepEqual(await t.app.mailer.flushOutbox({ now: start }), { sent: 0, retrying: 1, failed: 0, cancelled: 0 });
      let [row] = (await rows('retry-check')).outbox;
      assert.equal(row?.status, 'pending');
      assert.equal(row?.attempts, 1);
      assert.match(row?.last_error ?? '', /451/);
      assert.ok(row && row.next_attempt_at.getTime() >= start.getTime() + 60_000, 'the next attempt waits a minute');

      assert.equal((await t.app.mailer.flushOutbox({ now: start })).sent, 0, 'not retried before the backoff ends');
      const later = new Date(start.getTime() + 61_000);
      assert.deepEqual(await t.app.mailer.flushOutbox({ now: later }), { sent: 1, retrying: 0, failed: 0, cancelled: 0 });
      [row] = (await rows('retry-check')).outbox;
      assert.equal(row?.status, 'sent');
      assert.equal(row?.attempts, 2);
      assert.match(row?.last_error ?? '', /451/, 'the last error stays on record');
      assert.ok(smtp.mails.some((m) => m.to.includes(adviser.email)));
    });

    test('after the last allowed attempt an email is marked failed; a disabled recipient’s email is cancelled', async () => {
      const db = t.conn.db;
      const mailer = createMailer({ db, config: { publicUrl, mail: { ...t.config.mail, maxAttempts: 2 } }, log: silentLog });
      const a = await buildStaff(db, { organisationId: sendTeamId, roles: ['caseworker'] });
      await notify(db, message({ recipients: [a.id], kind: 'give-up-check' }));
      smtp.refuseNext(2);
      const start = new Date();
      assert.equal((await mailer.flushOutbox({ now: start })).retrying, 1);
      assert.equal((await mailer.flushOutbox({ now: new Date(start.getTime() + 120_000) })).failed, 1);
      const [row] = (await rows('give-up-check')).outbox;
      assert.equal(row?.status, 'failed');
      assert.equal(row?.attempts, 2);

      const b = await buildStaff(db, { organisationId: sendTeamId, roles: ['caseworker'] });
      await notify(db, message({ recipients: [b.id], kind: 'cancel-check' }));
      await db.updateTable('app_user').set({ disabled_at: new Date() }).where('id', '=', b.id).execute();
      assert.equal((await mailer.flushOutbox()).cancelled, 1);
      assert.equal((await rows('cancel-check')).outbox[0]?.status, 'cancelled');
      await mailer.stop();
    });

    test('without SMTP, mail waits in the outbox and the log says so once', async () => {
      const db = t.conn.db;
      const warnings: string[] = [];
      const mailer = createMailer({ db, config: { publicUrl, mail: { ...t.config.mail, smtpUrl: undefined } }, log: { ...silentLog, warn: (_o: object, msg: string) => void warnings.push(msg) } });
      const a = await buildStaff(db, { organisationId: sendTeamId, roles: ['caseworker'] });
      await notify(db, message({ recipients: [a.id], kind: 'no-smtp-check' }));
      mailer.start();
      assert.deepEqual(await mailer.flushOutbox(), { sent: 0, retrying: 0, failed: 0, cancelled: 0 });
      await mailer.flushOutbox();
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? '', /SMTP_URL is not set/);
      const { inbox, outbox } = await rows('no-smtp-check');
      assert.equal(inbox.length, 1, 'the inbox still works');
      assert.equal(outbox[0]?.status, 'pending');
      assert.equal(outbox[0]?.attempts, 0);
      await mailer.stop();
    });

    test('the inbox: unread in bold with a tag and counted in the menu; opening marks read; others get 404', async () => {
      const db = t.conn.db;
      const parent = await buildFamilyUser(db);
      const other = await buildStaff(db, { organisationId: sendTeamId, roles: ['caseworker'] });
      const link = `/assessments/${randomUUID()}`;
      await notify(db, message({ recipients: [parent.id], kind: 'family-views', subject: 'We have received your views (EHC-2026-0002)', body: 'Thank you.\n\nYour views are on the case, for section A.', link }));
      const [msg] = (await rows('family-views')).inbox;
      assert.ok(msg);

      assert.equal((await t.app.inject({ url: '/inbox' })).statusCode, 303, 'signed out: to the sign-in page');
      const s = await signIn(t.app, parent.email);
      const home = await t.app.inject({ url: '/', headers: { cookie: s.cookie } });
      assert.match(home.body, /Inbox \(1<span class="govuk-visually-hidden"> unread<\/span>\)/);

      const list = await t.app.inject({ url: '/inbox', headers: { cookie: s.cookie } });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(`<a class="govuk-link govuk-!-font-weight-bold" href="/inbox/${msg.id}">We have received your views \\(EHC-2026-0002\\)</a>\\s*<strong class="govuk-tag govuk-tag--blue[^"]*">Unread</strong>`));

      const o = await signIn(t.app, other.email);
      assert.equal((await t.app.inject({ url: `/inbox/${msg.id}`, headers: { cookie: o.cookie } })).statusCode, 404, 'another user: not found');
      assert.equal((await t.app.inject({ url: '/inbox/not-a-uuid', headers: { cookie: o.cookie } })).statusCode, 404);
      const theirApi = (await t.app.inject({ url: '/api/v1/inbox', headers: { cookie: o.cookie } })).json<{ items: { id: string }[] }>();
      assert.ok(!theirApi.items.some((i) => i.id === msg.id));
      assert.equal((await db.selectFrom('inbox_message').select('read_at').where('id', '=', msg.id).executeTakeFirstOrThrow()).read_at, null, 'their visit did not mark it read');

      const page = await t.app.inject({ url: `/inbox/${msg.id}`, headers: { cookie: s.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="govuk-heading-l">We have received your views \(EHC-2026-0002\)<\/h1>/);
      assert.match(page.body, /<p class="govuk-body">Thank you\.<\/p>\s*<p class="govuk-body">Your views are on the case, for section A\.<\/p>/);
      assert.ok(page.body.includes(`href="${link}"`), 'links to the case');
      assert.doesNotMatch(page.body, /Inbox \(\d/, 'nothing unread now');
      const after = await t.app.inject({ url: '/inbox', headers: { cookie: s.cookie } });
      assert.doesNotMatch(after.body, />Unread</);

      const api = await t.app.inject({ url: '/api/v1/inbox', headers: { cookie: s.cookie } });
      assert.equal(api.statusCode, 200);
      const body = api.json<{ total: number; unread: number; items: { id: string; link: string; url: string; readAt: string | null }[] }>();
      assert.equal(body.total, 1);
      assert.equal(body.unread, 0);
      assert.equal(body.items[0]?.url, `${publicUrl}${link}`);
      assert.ok(body.items[0]?.readAt);
    });

    test('many messages: newest first, a page at a time; mark all read needs the form’s CSRF token', async () => {
      const db = t.conn.db;
      const cw = await buildStaff(db, { organisationId: sendTeamId, roles: ['caseworker'] });
      for (let i = 1; i <= 23; i++) {
        await notify(db, message({ recipients: [cw.id], kind: 'paging-check', subject: `Advice received (EHC-2026-${String(i).padStart(4, '0')})` }));
      }
      const s = await signIn(t.app, cw.email);
      const p1 = await t.app.inject({ url: '/inbox', headers: { cookie: s.cookie } });
      assert.match(p1.body, /23 messages, 23 unread, page 1/);
      assert.equal([...p1.body.matchAll(/href="\/inbox\/[0-9a-f-]{36}"/g)].length, 20);
      assert.ok(p1.body.indexOf('EHC-2026-0023') < p1.body.indexOf('EHC-2026-0022'), 'newest first');
      assert.match(p1.body, /href="\/inbox\?page=2"/);
      const p2 = await t.app.inject({ url: '/inbox?page=2', headers: { cookie: s.cookie } });
      assert.equal([...p2.body.matchAll(/href="\/inbox\/[0-9a-f-]{36}"/g)].length, 3);
      assert.match(p2.body, /EHC-2026-0001/);
      const unreadOnly = (await t.app.inject({ url: '/api/v1/inbox?kind=paging-check&unread=true&pageSize=5', headers: { cookie: s.cookie } })).json<{ total: number; items: unknown[] }>();
      assert.equal(unreadOnly.total, 23);
      assert.equal(unreadOnly.items.length, 5);
      assert.equal((await t.app.inject({ url: '/api/v1/inbox?kind=Bad%20Kind', headers: { cookie: s.cookie } })).statusCode, 400);

      const h = { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' };
      assert.equal((await t.app.inject({ method: 'POST', url: '/inbox/read-all', headers: h, payload: '' })).statusCode, 403, 'no CSRF token');
      const done = await t.app.inject({ method: 'POST', url: '/inbox/read-all', headers: h, payload: new URLSearchParams({ _csrf: s.csrf }).toString() });
      assert.equal(done.statusCode, 303);
      const again = await t.app.inject({ url: '/inbox', headers: { cookie: s.cookie } });
      assert.match(again.body, /23 messages marked as read/);
      assert.match(again.body, /23 messages, 0 unread/);
      assert.doesNotMatch(again.body, /data-qa="mark-all-read"/);
    });
  });
}
