// The access policy, every role × relationship × consent state: the SQL that every store query applies
// (visibleChild, accessRouteSql) must agree with the plain rule (decideChildAccess), and a child the user
// may not see answers 404 through the API, not 403.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { agencies, staffRoles, agencyOf, localOfferRoles, type Role, type Agency } from '../../src/platform/access/actor.ts';
import { decideChildAccess, type AccessFacts } from '../../src/platform/access/policy.ts';
import type { OrganisationKind } from '../../src/platform/db/schema.ts';
import { buildChildRead, childReadStatement, loadChild, readChildOnly } from '../../src/children/store.ts';
import { NotFoundError } from '../../src/platform/web/validation.ts';
import { engines, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { addToTeam, buildArea, buildChild, buildFamilyUser, buildOrganisation, buildStaff, giveConsent, linkFamily, signIn } from '../support/factories.ts';

const homeOrgKind: Record<Role, OrganisationKind> = {
  caseworker: 'send-team',
  'send-manager': 'send-team',
  'educational-psychologist': 'send-team',
  'area-leader': 'send-team',
  admin: 'send-team',
  'health-professional': 'health-provider',
  'designated-clinical-officer': 'icb',
  'social-worker': 'social-care',
  'social-care-manager': 'social-care',
  senco: 'school',
  'listing-editor': 'provider',
  'local-offer-officer': 'send-team',
};

/**
 * Every role at its home, and the local offer's roles wherever they may work: a listing editor at a school, a
 * setting, a health provider or social care (which may own listings), and a SENCO who also edits the school's
 * listing (who sees what a SENCO sees, no more).
 */
const cases: { roles: Role[]; kind: OrganisationKind }[] = [
  ...staffRoles.map((r) => ({ roles: [r], kind: homeOrgKind[r] })),
  { roles: ['listing-editor'], kind: 'school' },
  { roles: ['listing-editor'], kind: 'setting' },
  { roles: ['listing-editor'], kind: 'health-provider' },
  { roles: ['listing-editor'], kind: 'social-care' },
  { roles: ['senco', 'listing-editor'], kind: 'school' },
  { roles: ['local-offer-officer', 'area-leader'], kind: 'send-team' },
];

/** Whoever holds only the local offer's roles, and any provider, must reach no child in any state. */
const neverSees = (c: { roles: Role[]; kind: OrganisationKind }): boolean => c.kind === 'provider' || c.roles.every((r) => localOfferRoles.includes(r));

type Relationship = 'none' | 'team-in-person' | 'team-via-organisation' | 'team-ended' | 'team-not-started' | 'other-area' | 'other-area-in-team';
const relationships: Relationship[] = ['none', 'team-in-person', 'team-via-organisation', 'team-ended', 'team-not-started', 'other-area', 'other-area-in-team'];
type ConsentState = 'none' | 'own-agency' | 'other-agency' | 'withdrawn' | 'not-yet-given' | 'override';
const consentStates: ConsentState[] = ['none', 'own-agency', 'other-agency', 'withdrawn', 'not-yet-given', 'override'];

const otherAgency = (a: Agency): Agency => (a === 'education' ? 'health' : 'education');

for (const engine of engines()) {
  describe(`access policy on ${engine}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
      await buildArea(t.conn.db, '990', 'Testshire');
      await buildArea(t.conn.db, '991', 'Otherton');
    });
    after(() => t.close());

    for (const c of cases) {
      test(`${c.roles.join(' + ')} at ${c.kind}: every relationship × consent state agrees with the rule`, async () => {
        const db = t.conn.db;
        const org = await buildOrganisation(db, { kind: c.kind, laCode: '990' });
        const actor = await buildStaff(db, { organisationId: org.id, roles: c.roles });
        // A provider has no agency of its own: "own agency" consent then covers every agency, the most there is.
        const agency = agencyOf(c.kind);
        const own: Agency[] = agency ? [agency] : [...agencies];
        const other: Agency[] = agency ? [otherAgency(agency)] : [...agencies];
        const rows: string[] = [];
        const seen: string[] = [];
        for (const rel of relationships) {
          for (const consent of consentStates) {
            const laCode = rel.startsWith('other-area') ? '991' : '990';
            const child = await buildChild(db, { laCode });
            const inTeamNow = rel === 'team-in-person' || rel === 'team-via-organisation' || rel === 'other-area-in-team';
            if (rel === 'team-in-person' || rel === 'other-area-in-team') await addToTeam(db, child.id, { organisationId: org.id, userId: actor.id });
            if (rel === 'team-via-organisation') await addToTeam(db, child.id, { organisationId: org.id });
            if (rel === 'team-ended') await addToTeam(db, child.id, { organisationId: org.id, userId: actor.id, startedOn: '2024-01-01', endedOn: '2026-11-19' });
            if (rel === 'team-not-started') await addToTeam(db, child.id, { organisationId: org.id, userId: actor.id, startedOn: '2026-11-21' });
            if (consent === 'own-agency') await giveConsent(db, child.id, { agencies: own });
            if (consent === 'other-agency') await giveConsent(db, child.id, { agencies: other });
            if (consent === 'withdrawn') await giveConsent(db, child.id, { agencies: own, withdrawnOn: '2026-11-01' });
            if (consent === 'not-yet-given') await giveConsent(db, child.id, { agencies: own, givenOn: '2026-11-21' });
            if (consent === 'override') {
              await db.insertInto('access_override').values({ child_id: child.id, la_code: laCode, user_id: actor.id, reason: 'Safeguarding concern raised by school', expires_at: new Date(Date.now() + 3600_000) }).execute();
            }
            const facts: AccessFacts = {
              childLaCode: laCode,
              pastCompulsorySchoolAge: false,
              inTeam: inTeamNow,
              consentAgencies: consent === 'own-agency' ? own : consent === 'other-agency' ? other : [],
              override: consent === 'override',
              family: null,
            };
            const expected = decideChildAccess(actor, facts);
            let got: string | false;
            try {
              got = (await loadChild(db, actor, testToday, child.id)).route;
            } catch (err) {
              assert.ok(err instanceof NotFoundError, String(err));
              got = false;
            }
            const want = expected.allowed ? expected.route : false;
            if (got !== want) rows.push(`${rel} × ${consent}: SQL ${String(got)}, rule ${String(want)}`);
            if (got !== false) seen.push(`${rel} × ${consent}: ${got}`);
            // The audited read (one cached statement: the policy, the read and the audit row) agrees too, writes one
            // audit row for a disclosure and none otherwise, and is the statement a fresh build gives.
            const asked = { ...actor, ip: `10.0.0.${rows.length}`, userAgent: `agent ${rel} ${consent}` };
            let audited: string | false;
            try {
              audited = (await readChildOnly(db, asked, testToday, child.id, 'child')).route;
            } catch (err) {
              assert.ok(err instanceof NotFoundError, String(err));
              audited = false;
            }
            if (audited !== want) rows.push(`${rel} × ${consent}: audited read ${String(audited)}, rule ${String(want)}`);
            const auditRows = await db.selectFrom('audit_event').select(['via', 'ip', 'user_agent', 'actor_id']).where('child_id', '=', child.id).where('action', '=', 'read').execute();
            const wantRows = want ? [{ via: want, ip: asked.ip, user_agent: asked.userAgent, actor_id: actor.id }] : [];
            if (JSON.stringify(auditRows) !== JSON.stringify(wantRows)) rows.push(`${rel} × ${consent}: audit rows ${JSON.stringify(auditRows)}`);
            const cached = childReadStatement(db, asked, testToday, child.id, 'child');
            const fresh = buildChildRead(db, { actor: asked, part: 'child' }, { id: child.id, today: testToday, ip: asked.ip, userAgent: asked.userAgent }).compile();
            if (cached.sql !== fresh.sql || JSON.stringify(cached.parameters) !== JSON.stringify(fresh.parameters)) rows.push(`${rel} × ${consent}: cached statement differs from a fresh build`);
          }
        }
        assert.deepEqual(rows, [], `disagreements for ${c.roles.join(' + ')}`);
        if (neverSees(c)) assert.deepEqual(seen, [], 'no child record, in any relationship or consent state');
        else assert.ok(seen.length > 0, 'this role reaches some children, so the table is not empty by mistake');
      });
    }

    test('an expired override no longer opens the record', async () => {
      const db = t.conn.db;
      const org = await buildOrganisation(db, { kind: 'health-provider' });
      const actor = await buildStaff(db, { organisationId: org.id, roles: ['health-professional'] });
      const child = await buildChild(db);
      await addToTeam(db, child.id, { organisationId: org.id, userId: actor.id });
      await db.insertInto('access_override').values({ child_id: child.id, la_code: '990', user_id: actor.id, reason: 'Needed for a clinic appointment today', expires_at: new Date(Date.now() - 1000) }).execute();
      await assert.rejects(loadChild(db, actor, testToday, child.id), NotFoundError);
    });

    describe('family users and the rights of a young person', () => {
      // Child born 2016: under 16. Young person born 2009-03-10: compulsory school age ended on the last
      // Friday of June 2025, so by the test's today (2026-11-20) rights have passed to them.
      const cases: { name: string; dob: string; relationship: string; pr: boolean; byParent?: boolean; byYp?: boolean; sees: boolean }[] = [
        { name: 'mother with PR sees her child', dob: '2016-05-04', relationship: 'mother', pr: true, sees: true },
        { name: 'carer without PR does not, until a parent grants it', dob: '2016-05-04', relationship: 'carer', pr: false, sees: false },
        { name: 'carer with access granted by a parent', dob: '2016-05-04', relationship: 'carer', pr: false, byParent: true, sees: true },
        { name: 'mother of a young person who has not agreed', dob: '2009-03-10', relationship: 'mother', pr: true, sees: false },
        { name: 'mother of a young person who has agreed', dob: '2009-03-10', relationship: 'mother', pr: true, byYp: true, sees: true },
        { name: 'the young person themself', dob: '2009-03-10', relationship: 'self', pr: false, sees: true },
        { name: 'a 10-year-old with an account of their own (parents act for them)', dob: '2016-05-04', relationship: 'self', pr: false, sees: false },
        { name: 'a young person turning 16 in the autumn is still a child until the next June', dob: '2010-09-01', relationship: 'self', pr: false, sees: false },
      ];
      for (const c of cases) {
        test(c.name, async () => {
          const db = t.conn.db;
          const user = await buildFamilyUser(db);
          const child = await buildChild(db, { dateOfBirth: c.dob });
          await linkFamily(db, child.id, user.id, { relationship: c.relationship, parentalResponsibility: c.pr, grantedByParent: c.byParent ?? false, grantedByYoungPerson: c.byYp ?? false });
          const other = await buildChild(db, { dateOfBirth: c.dob });
          const sees = await loadChild(db, user, testToday, child.id).then(() => true, () => false);
          assert.equal(sees, c.sees);
          await assert.rejects(loadChild(db, user, testToday, other.id), NotFoundError, 'never another family’s child');
          // The same through the audited read (the cached statement), with its audit row only on a disclosure.
          assert.equal(await readChildOnly(db, user, testToday, child.id, 'child').then(() => true, () => false), c.sees);
          await assert.rejects(readChildOnly(db, user, testToday, other.id, 'child'), NotFoundError);
          const audited = await db.selectFrom('audit_event').select('child_id').where('actor_id', '=', user.id).where('action', '=', 'read').execute();
          assert.deepEqual(audited.map((r) => r.child_id), c.sees ? [child.id] : []);
        });
      }
    });

    test('through the API, an invisible child answers 404 (not 403) and its read is not audited as a disclosure', async () => {
      const db = t.conn.db;
      const school = await buildOrganisation(db, { kind: 'school' });
      const senco = await buildStaff(db, { organisationId: school.id, roles: ['senco'] });
      const child = await buildChild(db);
      const { cookie } = await signIn(t.app, senco.email);
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/children/${child.id}`, headers: { cookie } });
      assert.equal(res.statusCode, 404);
      const missing = await t.app.inject({ method: 'GET', url: `/api/v1/children/00000000-0000-4000-8000-000000000000`, headers: { cookie } });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.body, res.body, 'an invisible record and a missing one look the same');
      const reads = await db.selectFrom('audit_event').select('id').where('child_id', '=', child.id).where('action', '=', 'read').execute();
      assert.equal(reads.length, 0);
      await addToTeam(db, child.id, { organisationId: school.id });
      await giveConsent(db, child.id, { agencies: ['education'] });
      const ok = await t.app.inject({ method: 'GET', url: `/api/v1/children/${child.id}`, headers: { cookie } });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json<{ access: string }>().access, 'team-with-consent');
      const audited = await db.selectFrom('audit_event').select(['actor_id', 'via']).where('child_id', '=', child.id).where('action', '=', 'read').execute();
      assert.deepEqual(audited, [{ actor_id: senco.id, via: 'team-with-consent' }]);
    });

    test('no credentials answer 401; bad input answers 400 with a message per field', async () => {
      const anon = await t.app.inject({ method: 'GET', url: '/api/v1/children' });
      assert.equal(anon.statusCode, 401);
      const org = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      const cw = await buildStaff(t.conn.db, { organisationId: org.id, roles: ['caseworker'] });
      const { cookie, csrf } = await signIn(t.app, cw.email);
      const bad = await t.app.inject({ method: 'POST', url: '/api/v1/children', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: { givenName: '', familyName: 'Smith', dateOfBirth: '2016-02-30', nhsNumber: '943 476 5918', laCode: '990' } });
      assert.equal(bad.statusCode, 400);
      const body = JSON.parse(bad.body) as { errors: { field: string; message: string }[] };
      const fields = body.errors.map((e) => e.field).sort();
      assert.deepEqual(fields, ['dateOfBirth', 'givenName', 'nhsNumber']);
      assert.match(body.errors.find((e) => e.field === 'nhsNumber')?.message ?? '', /check digit/i);
      const count = await t.conn.db.selectFrom('child').select((eb) => eb.fn.countAll<number>().as('n')).where('family_name', '=', 'Smith').executeTakeFirstOrThrow();
      assert.equal(count.n, 0, 'nothing half-written');
    });
  });
}
