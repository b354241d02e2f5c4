// An administrator manages users; a school's access to its pupils survives a change of SENCO; service
// accounts use API tokens; changes to someone's access apply at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startTestApp, type TestApp } from '../support/app.ts';
import { addToTeam, buildChild, buildOrganisation, buildStaff, giveConsent, signIn } from '../support/factories.ts';

const form = (o: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};

for (const engine of engines()) {
  describe(`administration on ${engine}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    test('a change of SENCO: the school keeps its access, the old SENCO loses it at once', async () => {
      const db = t.conn.db;
      const sendTeam = await buildOrganisation(db, { kind: 'send-team' });
      const school = await buildOrganisation(db, { kind: 'school' });
      const adminUser = await buildStaff(db, { organisationId: sendTeam.id, roles: ['admin'] });
      const oldSenco = await buildStaff(db, { organisationId: school.id, roles: ['senco'] });
      const child = await buildChild(db);
      await addToTeam(db, child.id, { organisationId: school.id });
      await giveConsent(db, child.id, { agencies: ['education'] });

      const a = await signIn(t.app, oldSenco.email);
      assert.equal((await t.app.inject({ url: `/api/v1/children/${child.id}`, headers: { cookie: a.cookie } })).statusCode, 200);

      const admin = await signIn(t.app, adminUser.email);
      const h = { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' };
      const bad = await t.app.inject({ method: 'POST', url: '/admin/users', headers: h, payload: form({ _csrf: admin.csrf, kind: 'staff', name: 'New Senco', email: 'new.senco@test.example', organisationId: school.id, roles: 'caseworker', password: 'a long temporary password' }) });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Caseworker cannot work at/);
      const created = await t.app.inject({ method: 'POST', url: '/admin/users', headers: h, payload: form({ _csrf: admin.csrf, kind: 'staff', name: 'New Senco', email: 'new.senco@test.example', organisationId: school.id, roles: 'senco', password: 'a long temporary password' }) });
      assert.equal(created.statusCode, 303, created.body.slice(0, 500));
      const dup = await t.app.inject({ method: 'POST', url: '/admin/users', headers: h, payload: form({ _csrf: admin.csrf, kind: 'family', name: 'X', email: 'NEW.SENCO@test.example', password: 'a long temporary password' }) });
      assert.equal(dup.statusCode, 400);
      assert.match(dup.body, /already an account with this email/);

      const b = await signIn(t.app, 'new.senco@test.example', 'a long temporary password');
      assert.equal((await t.app.inject({ url: `/api/v1/children/${child.id}`, headers: { cookie: b.cookie } })).statusCode, 200, 'the new SENCO sees the school’s pupil at once');

      const disabled = await t.app.inject({ method: 'POST', url: `/admin/users/${oldSenco.id}/disable`, headers: h, payload: form({ _csrf: admin.csrf }) });
      assert.equal(disabled.statusCode, 303);
      assert.equal((await t.app.inject({ url: `/api/v1/children/${child.id}`, headers: { cookie: a.cookie } })).statusCode, 401, 'the old SENCO’s session has ended');
      const again = await t.app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ email: oldSenco.email, password: 'x' }) });
      assert.notEqual(again.statusCode, 303);
      const audits = await db.selectFrom('audit_event').select(['action', 'entity']).where('actor_id', '=', adminUser.id).where('entity', '=', 'user').where('action', 'in', ['create', 'update']).execute();
      assert.equal(audits.length, 2, 'create and disable are audited');
    });

    test('only administrators reach the admin pages; others get 404', async () => {
      const db = t.conn.db;
      const sendTeam = await buildOrganisation(db, { kind: 'send-team' });
      const cw = await buildStaff(db, { organisationId: sendTeam.id, roles: ['caseworker'] });
      const s = await signIn(t.app, cw.email);
      assert.equal((await t.app.inject({ url: '/admin/users', headers: { cookie: s.cookie } })).statusCode, 404);
    });

    test('a service account uses an API token, shown once; a revoked token answers 401', async () => {
      const db = t.conn.db;
      const sendTeam = await buildOrganisation(db, { kind: 'send-team' });
      const adminUser = await buildStaff(db, { organisationId: sendTeam.id, roles: ['admin'] });
      const admin = await signIn(t.app, adminUser.email);
      const h = { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' };
      const created = await t.app.inject({ method: 'POST', url: '/admin/users', headers: h, payload: form({ _csrf: admin.csrf, kind: 'service', name: 'Case system', email: 'svc@test.example', organisationId: sendTeam.id, roles: 'caseworker', password: 'unused but long enough' }) });
      assert.equal(created.statusCode, 303, created.body.slice(0, 300));
      const userUrl = String(created.headers.location);
      const issued = await t.app.inject({ method: 'POST', url: `${userUrl}/tokens`, headers: h, payload: form({ _csrf: admin.csrf, tokenName: 'nightly sync' }) });
      const token = /data-qa="new-token">([^<]+)</.exec(issued.body)?.[1];
      assert.ok(token?.startsWith('jdu_'));
      const stored = await db.selectFrom('api_token').select('token_hash').executeTakeFirstOrThrow();
      assert.notEqual(stored.token_hash, token, 'only the hash is stored');
      const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json<{ kind: string }>().kind, 'service');
      assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer jdu_wrong' } })).statusCode, 401);
      const tok = await db.selectFrom('api_token').select('id').executeTakeFirstOrThrow();
      await t.app.inject({ method: 'POST', url: `${userUrl}/tokens/${tok.id}/revoke`, headers: h, payload: form({ _csrf: admin.csrf }) });
      assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
    });
  });
}
