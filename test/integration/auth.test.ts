// Signing in: sessions kept in the database, CSRF on forms, lockout after repeated failures, argon2id.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startTestApp, type TestApp } from '../support/app.ts';
import { buildOrganisation, buildStaff, cookieFrom, signIn, testPassword } from '../support/factories.ts';

for (const engine of engines()) {
  describe(`sign-in on ${engine}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    async function attempt(email: string, password: string) {
      const page = await t.app.inject({ url: '/sign-in' });
      const cookie = cookieFrom(page.headers['set-cookie']);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      return t.app.inject({ method: 'POST', url: '/sign-in', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, email, password }).toString() });
    }

    test('a session is kept in the database; passwords are argon2id; sign-out ends it', async () => {
      const org = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      const u = await buildStaff(t.conn.db, { organisationId: org.id, roles: ['caseworker'] });
      const hash = await t.conn.db.selectFrom('app_user').select('password_hash').where('id', '=', u.id).executeTakeFirstOrThrow();
      assert.match(hash.password_hash ?? '', /^\$argon2id\$/);
      const sessionsOf = async () => (await t.conn.db.selectFrom('web_session').select('data').execute()).filter((r) => (r.data as { userId?: string }).userId === u.id).length;
      const s = await signIn(t.app, u.email);
      assert.equal(await sessionsOf(), 1, 'the signed-in session is a row in web_session');
      assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode, 200);
      const out = await t.app.inject({ method: 'POST', url: '/sign-out', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(s.csrf)}` });
      assert.equal(out.statusCode, 303);
      assert.equal(await sessionsOf(), 0, 'sign-out deletes it');
      assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode, 401);
    });

    test('a form posted without its CSRF token is refused and changes nothing', async () => {
      const org = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      const u = await buildStaff(t.conn.db, { organisationId: org.id, roles: ['caseworker'] });
      const s = await signIn(t.app, u.email);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers: { cookie: s.cookie, 'content-type': 'application/json' }, payload: { givenName: 'No', familyName: 'Token', dateOfBirth: '2015-01-01', laCode: '990' } });
      assert.equal(res.statusCode, 403);
      const n = await t.conn.db.selectFrom('child').select('id').where('family_name', '=', 'Token').execute();
      assert.equal(n.length, 0);
    });

    test('the same message for a wrong password and an unknown email; locked after 5 failures, even with the right password', async () => {
      const org = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      const u = await buildStaff(t.conn.db, { organisationId: org.id, roles: ['caseworker'] });
      const unknown = await attempt('nobody@test.example', 'whatever password');
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /Enter a correct email address and password/);
      for (let i = 0; i < 4; i++) assert.match((await attempt(u.email, 'wrong password')).body, /Enter a correct email address and password/);
      assert.match((await attempt(u.email, 'wrong password')).body, /locked for 15 minutes/);
      const right = await attempt(u.email, testPassword);
      assert.equal(right.statusCode, 400);
      assert.match(right.body, /locked after too many failed sign-in attempts/);
      await t.conn.db.updateTable('app_user').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', u.id).execute();
      assert.equal((await attempt(u.email, testPassword)).statusCode, 303, 'after the lock passes, the right password works');
      const audits = await t.conn.db.selectFrom('audit_event').select('action').where('entity_id', '=', u.id).execute();
      assert.ok(audits.some((a) => a.action === 'lockout'));
      assert.ok(audits.some((a) => a.action === 'sign-in'));
    });
  });
}
