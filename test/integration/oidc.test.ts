// Staff single sign-on with OpenID Connect, run end to end against a real local provider (oidc-provider)
// with no mock in its place: real HTTP between a cookie-keeping "browser", the provider and the app.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Provider } from 'oidc-provider';
import { engines, startTestApp, type TestApp } from '../support/app.ts';
import { buildFamilyUser, buildOrganisation, buildStaff } from '../support/factories.ts';

const clientId = 'joinedup-test';
const clientSecret = 'a-client-secret-for-tests-only';

/** The people the provider knows, by account id (their `sub`). */
type Identity = { email?: string; email_verified?: boolean; name?: string };
const accounts = new Map<string, Identity>();
let nextAccount = 0;
function providerAccount(identity: Identity): string {
  const id = `acct-${++nextAccount}`;
  accounts.set(id, identity);
  return id;
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

async function freePort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** oidc-provider prints development-only notices (in-memory adapter, Node version) that are expected here. */
function quietProviderNotices(): () => void {
  const { warn, info } = console;
  const quiet = (original: (...a: unknown[]) => void) => (...a: unknown[]) => {
    if (typeof a[0] === 'string' && a[0].startsWith('oidc-provider ')) return;
    original(...a);
  };
  console.warn = quiet(warn);
  console.info = quiet(info);
  return () => {
    console.warn = warn;
    console.info = info;
  };
}

/**
 * A real OpenID provider on an ephemeral localhost port. Its sign-in page is a one-field form: the "user"
 * types their account id; submitting it signs them in and grants the requested scopes (or, with `abort`,
 * turns the request down).
 */
async function startProvider(redirectUri: string): Promise<{ issuer: string; close(): Promise<void> }> {
  // The server listens first (the issuer URL needs its port); the provider is made once that is known.
  const live: { provider?: Provider; handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const interaction = async (req: IncomingMessage, res: ServerResponse, p: Provider) => {
    const details = await p.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<form method="post" action="/interaction/${details.uid}"><input name="login"><button>Sign in</button></form>`);
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    if (form.has('abort')) {
      await p.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = form.get('login') ?? '';
    const grant = new p.Grant({ accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope ?? 'openid');
    await p.interactionFinished(req, res, { login: { accountId }, consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: false });
  };
  const server = createServer((req, res) => {
    if (live.provider && /^\/interaction\/[\w-]+$/.test(req.url ?? '')) {
      interaction(req, res, live.provider).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    } else if (live.handle) {
      live.handle(req, res);
    } else {
      res.statusCode = 503;
      res.end();
    }
  });
  const issuer = `http://127.0.0.1:${await listen(server)}`;
  const { default: OidcProvider } = await import('oidc-provider');
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new OidcProvider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'test' }] },
    cookies: { keys: ['oidc-provider-cookie-key-for-tests-only'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    findAccount: (_ctx: unknown, id: string) => {
      const identity = accounts.get(id);
      return identity ? { accountId: id, claims: () => ({ sub: id, ...identity }) } : undefined;
    },
  });
  live.provider = provider;
  live.handle = provider.callback();
  return {
    issuer,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** fetch with manual redirects and a cookie jar per host:port, as a browser would keep them. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const cookies = this.jar.get(u.host) ?? new Map<string, string>();
    this.jar.set(u.host, cookies);
    const headers = new Headers();
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (init.form) headers.set('content-type', 'application/x-www-form-urlencoded');
    const res = await fetch(u, { method: init.method ?? 'GET', headers, body: init.form ? new URLSearchParams(init.form).toString() : undefined, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0\b/i.test(c)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  }

  cookiesFor(url: string): Map<string, string> {
    return new Map(this.jar.get(new URL(url).host));
  }

  setCookies(url: string, cookies: Map<string, string>): void {
    this.jar.set(new URL(url).host, new Map(cookies));
  }
}

function locationOf(res: Response, base: string): string {
  assert.ok([302, 303].includes(res.status), `expected a redirect, got ${res.status}`);
  return new URL(res.headers.get('location') ?? '', base).href;
}

for (const engine of engines()) {
  describe(`staff single sign-on (OpenID Connect) on ${engine}`, () => {
    let t: TestApp;
    let provider: { issuer: string; close(): Promise<void> };
    let appUrl: string;
    let callbackUrl: string;
    let restoreConsole: () => void;

    before(async () => {
      restoreConsole = quietProviderNotices();
      const port = await freePort();
      appUrl = `http://127.0.0.1:${port}`;
      callbackUrl = `${appUrl}/sign-in/sso/callback`;
      provider = await startProvider(callbackUrl);
      t = await startTestApp(engine, {}, { PUBLIC_URL: appUrl, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret });
      await t.app.listen({ port, host: '127.0.0.1' });
    });
    after(async () => {
      await t.close();
      await provider.close();
      restoreConsole();
    });

    /**
     * Starts single sign-on at the app and goes through the provider's sign-in page as `accountId`
     * (or turns it down), up to the provider's redirect back to the app. Returns that callback URL.
     */
    async function throughProvider(b: Browser, accountId: string, opts: { returnTo?: string; abort?: boolean } = {}): Promise<string> {
      const start = await b.request(`${appUrl}/sign-in/sso${opts.returnTo ? `?returnTo=${encodeURIComponent(opts.returnTo)}` : ''}`);
      let url = locationOf(start, appUrl);
      assert.ok(url.startsWith(`${provider.issuer}/`), `the app sends the browser to the provider: ${url}`);
      let res = await b.request(url);
      for (let hops = 0; hops < 10; hops++) {
        if (res.status === 200) {
          const html = await res.text();
          const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
          assert.ok(action, `the provider shows its sign-in form: ${html.slice(0, 200)}`);
          url = new URL(action, url).href;
          res = await b.request(url, { method: 'POST', form: opts.abort ? { abort: 'yes' } : { login: accountId } });
          continue;
        }
        url = locationOf(res, url);
        if (url.startsWith(callbackUrl)) return url;
        res = await b.request(url);
      }
      throw new Error('the provider never sent the browser back to the app');
    }

    async function me(b: Browser): Promise<{ status: number; body: { id?: string; kind?: string; email?: string } }> {
      const res = await b.request(`${appUrl}/api/v1/me`);
      return { status: res.status, body: (await res.json()) as { id?: string; kind?: string; email?: string } };
    }

    test('a staff member signs in through the provider, lands where they were going, and their subject is bound', async () => {
      const org = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      const staff = await buildStaff(t.conn.db, { organisationId: org.id, roles: ['caseworker'], name: 'Sam Single-Sign-On' });
      const accountId = providerAccount({ email: staff.email.toUpperCase(), email_verified: true, name: 'Sam' });

      const b = new Browser();
      const callback = await throughProvider(b, accountId, { returnTo: '/?page=1' });
      const back = await b.request(callback);
      assert.equal(back.status, 303, await back.clone().text());
      assert.equal(back.headers.get('location'), '/?page=1', 'back to where they were going');

      const home = await b.request(`${appUrl}/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /Sam Single-Sign-On/);
      const who = await me(b);
      assert.equal(who.status, 200);
      assert.equal(who.body.id, staff.id);
      assert.equal(who.body.kind, 'staff');

      const row = await t.conn.db.selectFrom('app_user').select('oidc_subject').where('id', '=', staff.id).executeTakeFirstOrThrow();
      assert.equal(row.oidc_subject, `${provider.issuer}|${accountId}`, 'the issuer and subject are bound on first use');
      const audits = await t.conn.db.selectFrom('audit_event').select('action').where('entity_id', '=', staff.id).execute();
      assert.ok(audits.some((a) => a.action === 'sign-in'));

      // Later sign-ins find them by subject, even after the provider changes their email address.
      accounts.set(accountId, { email: 'renamed@elsewhere.example', email_verified: true });
      const again = new Browser();
      const back2 = await again.request(await throughProvider(again, accountId));
      assert.equal(back2.status, 303);
      assert.equal((await me(again)).body.id, staff.id);
    });

    test('an identity that is not an active staff account is refused with a clear page, and nothing is bound', async () => {
      const org = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      const family = await buildFamilyUser(t.conn.db);
      const disabled = await buildStaff(t.conn.db, { organisationId: org.id, roles: ['caseworker'] });
      await t.conn.db.updateTable('app_user').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();
      const unverified = await buildStaff(t.conn.db, { organisationId: org.id, roles: ['caseworker'] });

      const cases = [
        { who: 'an unknown email', identity: { email: 'stranger@test.example', email_verified: true } },
        { who: 'a family user', identity: { email: family.email, email_verified: true }, userId: family.id },
        { who: 'a disabled staff member', identity: { email: disabled.email, email_verified: true }, userId: disabled.id },
        { who: 'an email the provider has not verified', identity: { email: unverified.email, email_verified: false }, userId: unverified.id },
        { who: 'an identity with no email', identity: {} },
      ];
      for (const c of cases) {
        const b = new Browser();
        const res = await b.request(await throughProvider(b, providerAccount(c.identity)));
        assert.equal(res.status, 403, `${c.who} is refused`);
        assert.match(await res.text(), /There is no staff account for you in joinedup/, `${c.who} sees why`);
        assert.equal((await me(b)).status, 401, `${c.who} is not signed in`);
        if (c.userId) {
          const row = await t.conn.db.selectFrom('app_user').select('oidc_subject').where('id', '=', c.userId).executeTakeFirstOrThrow();
          assert.equal(row.oidc_subject, null, `${c.who}: no subject is bound`);
        }
      }
      const failed = await t.conn.db.selectFrom('audit_event').select('detail').where('action', '=', 'sign-in-failed').execute();
      assert.ok(failed.filter((f) => (f.detail as { reason?: string } | null)?.reason === 'sso-no-account').length >= cases.length);
    });

    test('a tampered state, a replayed callback and a callback nobody started are refused with a page, not a server error', async () => {
      const org = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      const staff = await buildStaff(t.conn.db, { organisationId: org.id, roles: ['caseworker'] });
      const accountId = providerAccount({ email: staff.email, email_verified: true });

      // Tampered state: the provider's answer with another state is not accepted, and the attempt is used up.
      const b1 = new Browser();
      const callback = new URL(await throughProvider(b1, accountId));
      callback.searchParams.set('state', 'not-the-state-the-app-sent');
      const tampered = await b1.request(callback.href);
      assert.equal(tampered.status, 400);
      assert.match(await tampered.text(), /Single sign-on did not work/);
      assert.equal((await me(b1)).status, 401);
      callback.searchParams.delete('state');
      const withoutState = await b1.request(callback.href);
      assert.equal(withoutState.status, 400);
      assert.match(await withoutState.text(), /single sign-on attempt expired/);

      // Replay: a callback that has signed someone in cannot be used again, with the old session or a new one.
      const b2 = new Browser();
      const good = await throughProvider(b2, accountId);
      const before = b2.cookiesFor(appUrl);
      assert.equal((await b2.request(good)).status, 303);
      const replayNew = await b2.request(good);
      assert.equal(replayNew.status, 400, 'the signed-in session has no attempt pending');
      const b3 = new Browser();
      b3.setCookies(appUrl, before);
      const replayOld = await b3.request(good);
      assert.equal(replayOld.status, 400, 'the pre-sign-in session was replaced at sign-in');
      assert.equal((await me(b3)).status, 401);

      // A callback with a code but no attempt started in this browser (login CSRF) is refused.
      const b4 = new Browser();
      const foreign = await throughProvider(b4, accountId);
      const stranger = new Browser();
      const res = await stranger.request(foreign);
      assert.equal(res.status, 400);
      assert.match(await res.text(), /single sign-on attempt expired/);
      assert.equal((await me(stranger)).status, 401);
    });

    test('turning the provider down brings the user back to a clear page', async () => {
      const b = new Browser();
      const res = await b.request(await throughProvider(b, '', { abort: true }));
      assert.equal(res.status, 400);
      assert.match(await res.text(), /Single sign-on did not work/);
      assert.equal((await me(b)).status, 401);
    });
  });
}
