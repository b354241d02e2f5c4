// An administrator adds and edits their area's organisations: a school or setting carries its URN, no two in the
// area share a name or URN, a change of type may not leave anyone with a role that does not fit, and every write
// is audited. Everyone else gets 404, as for the user pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startTestApp, type TestApp } from '../support/app.ts';
import { buildOrganisation, buildStaff, signIn } from '../support/factories.ts';

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
/** The GOV.UK error summary links each message to its field. */
const summaryLinks = (body: string): string[] => [...body.matchAll(/<a href="(#[^"]+)">/g)].map((m) => m[1] ?? '');

for (const engine of engines()) {
  describe(`organisation administration on ${engine}`, () => {
    let t: TestApp;
    let adminId: string;
    let h: { cookie: string; 'content-type': string };
    let csrf: string;
    const post = (url: string, fields: Record<string, string>) => t.app.inject({ method: 'POST', url, headers: h, payload: form({ _csrf: csrf, ...fields }) });

    before(async () => {
      t = await startTestApp(engine);
      const sendTeam = await buildOrganisation(t.conn.db, { kind: 'send-team', laCode: '990' });
      const adminUser = await buildStaff(t.conn.db, { organisationId: sendTeam.id, roles: ['admin'] });
      adminId = adminUser.id;
      const s = await signIn(t.app, adminUser.email);
      h = { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' };
      csrf = s.csrf;
    });
    after(() => t.close());

    test('an administrator adds a school with its URN; it is listed and the write is audited', async () => {
      const db = t.conn.db;
      const page = await t.app.inject({ url: '/admin/organisations/new', headers: { cookie: h.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Add an organisation/);
      assert.match(page.body, /value="setting"/);

      const created = await post('/admin/organisations', { name: '  Elm Tree Primary School ', kind: 'school', urn: '123 456' });
      assert.equal(created.statusCode, 303, created.body.slice(0, 500));
      assert.equal(created.headers.location, '/admin/organisations');
      const row = await db.selectFrom('organisation').selectAll().where('name', '=', 'Elm Tree Primary School').executeTakeFirstOrThrow();
      assert.deepEqual([row.la_code, row.kind, row.urn, row.ukprn], ['990', 'school', '123456', null]);

      const audits = await db.selectFrom('audit_event').select(['action', 'entity', 'la_code', 'detail']).where('entity', '=', 'organisation').where('entity_id', '=', row.id).execute();
      assert.equal(audits.length, 1);
      assert.equal(audits[0]?.action, 'create');
      assert.equal(audits[0]?.la_code, '990');
      assert.deepEqual(audits[0]?.detail, { name: 'Elm Tree Primary School', kind: 'school', urn: '123456', ukprn: null });

      const senco = await buildStaff(db, { organisationId: row.id, roles: ['senco'] });
      await buildStaff(db, { organisationId: row.id, roles: ['senco'] });
      const elsewhere = await buildOrganisation(db, { kind: 'school', laCode: '991', name: 'Neighbourton Academy' });
      const list = await t.app.inject({ url: '/admin/organisations', headers: { cookie: h.cookie } });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, new RegExp(`href="/admin/organisations/${row.id}">Elm Tree Primary School</a>`));
      const elmRow = /<tr class="govuk-table__row">(?:(?!<\/tr>)[\s\S])*Elm Tree Primary School[\s\S]*?<\/tr>/.exec(list.body)?.[0] ?? '';
      assert.match(elmRow, />School</);
      assert.match(elmRow, />123456</);
      assert.match(elmRow, />2</, 'two users');
      assert.doesNotMatch(list.body, /Neighbourton Academy/, 'another area’s organisations are not listed');
      assert.match(list.body, /href="\/admin\/organisations\/new"/);
      assert.match(list.body, /aria-current="page" href="\/admin\/organisations"/);
      assert.equal((await t.app.inject({ url: `/admin/organisations/${elsewhere.id}`, headers: { cookie: h.cookie } })).statusCode, 404);

      const edit = await t.app.inject({ url: `/admin/organisations/${row.id}`, headers: { cookie: h.cookie } });
      assert.equal(edit.statusCode, 200);
      assert.match(edit.body, /value="Elm Tree Primary School"/);
      assert.match(edit.body, /value="123456"/);
      assert.match(edit.body, new RegExp(`href="/admin/users/${senco.id}"`));
    });

    test('URN messages: needed for a school, 6 digits from 100000, not for other types; a setting may give a UKPRN instead', async () => {
      const cases: [Record<string, string>, string, RegExp][] = [
        [{ name: 'No URN School', kind: 'school', urn: '' }, '#urn', /Enter the school’s URN/],
        [{ name: 'Short URN School', kind: 'school', urn: '12345' }, '#urn', /URN must be 6 digits, from 100000 to 999999/],
        [{ name: 'Low URN School', kind: 'school', urn: '099999' }, '#urn', /URN must be 6 digits, from 100000 to 999999/],
        [{ name: 'Long URN School', kind: 'school', urn: '1234567' }, '#urn', /URN must be 6 digits, from 100000 to 999999/],
        [{ name: 'Letters School', kind: 'school', urn: 'ABC123' }, '#urn', /URN must be 6 digits, from 100000 to 999999/],
        [{ name: 'A Nursery', kind: 'setting', urn: '' }, '#urn', /Enter the setting’s URN, or its UKPRN if it is a college or training provider/],
        [{ name: 'A Clinic', kind: 'health-provider', urn: '123457' }, '#urn', /Remove the URN: only schools and settings have one/],
        [{ name: 'A College', kind: 'setting', ukprn: '20012345' }, '#ukprn', /UKPRN must be 8 digits starting with 1/],
        [{ name: '', kind: 'icb' }, '#name', /Enter the organisation’s name/],
        [{ name: 'No Type' }, '#kind', /Select the type of organisation/],
      ];
      for (const [fields, href, message] of cases) {
        const res = await post('/admin/organisations', fields);
        assert.equal(res.statusCode, 400, JSON.stringify(fields));
        assert.match(res.body, /govuk-error-summary/);
        assert.match(res.body, /<title>Error: /);
        assert.deepEqual(summaryLinks(res.body), [href], JSON.stringify(fields));
        assert.match(res.body, message);
        assert.match(res.body, new RegExp(`id="${href.slice(1)}-error"`), 'the field shows its message too');
        if (fields.name) assert.match(res.body, new RegExp(`value="${fields.name}"`), 'what was typed is kept');
      }
      const count = await t.conn.db.selectFrom('organisation').select((eb) => eb.fn.countAll<number>().as('n')).where('name', 'in', ['No URN School', 'A Nursery', 'A Clinic', 'A College']).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0, 'nothing was saved');

      assert.equal((await post('/admin/organisations', { name: 'Joinedshire College', kind: 'setting', urn: '', ukprn: '10012345' })).statusCode, 303);
      assert.equal((await post('/admin/organisations', { name: 'Little Acorns Nursery', kind: 'setting', urn: '999901' })).statusCode, 303);
      assert.equal((await post('/admin/organisations', { name: 'Joinedshire Children’s Therapies', kind: 'health-provider', urn: '' })).statusCode, 303);
    });

    test('a duplicate name (any case) or URN in the area is refused, naming the other; the same name in another area is not', async () => {
      const db = t.conn.db;
      await buildOrganisation(db, { kind: 'school', laCode: '990', name: 'Oak Primary School', urn: '300001' });
      await buildOrganisation(db, { kind: 'school', laCode: '991', name: 'Birch Primary School', urn: '300002' });

      const sameName = await post('/admin/organisations', { name: 'OAK primary school', kind: 'school', urn: '300003' });
      assert.equal(sameName.statusCode, 400);
      assert.deepEqual(summaryLinks(sameName.body), ['#name']);
      assert.match(sameName.body, /There is already an organisation called OAK primary school in your area/);

      const sameUrn = await post('/admin/organisations', { name: 'Oak Primary School Annexe', kind: 'school', urn: '300001' });
      assert.equal(sameUrn.statusCode, 400);
      assert.deepEqual(summaryLinks(sameUrn.body), ['#urn']);
      assert.match(sameUrn.body, /URN 300001 is already used by Oak Primary School/);

      const both = await post('/admin/organisations', { name: 'Oak Primary School', kind: 'school', urn: '300001' });
      assert.deepEqual(summaryLinks(both.body), ['#name', '#urn'], 'both clashes at once');

      const otherArea = await post('/admin/organisations', { name: 'Birch Primary School', kind: 'school', urn: '300002' });
      assert.equal(otherArea.statusCode, 303, 'another area may have an organisation of the same name and URN');

      // Two administrators saving at once: the database refuses what the check could not see.
      await assert.rejects(
        db.insertInto('organisation').values({ la_code: '990', kind: 'school', name: 'Another Oak', urn: '300001', ukprn: null }).execute(),
        (err: { code?: string; constraint?: string }) => err.code === '23505' && err.constraint === 'organisation_area_urn',
      );
    });

    test('editing saves the change with the previous values in the audit row; a clash with another is refused', async () => {
      const db = t.conn.db;
      const school = await buildOrganisation(db, { kind: 'school', laCode: '990', name: 'Ash Primary', urn: '400001' });
      await buildOrganisation(db, { kind: 'school', laCode: '990', name: 'Beech Primary', urn: '400002' });
      const url = `/admin/organisations/${school.id}`;

      const clash = await post(url, { name: 'Beech Primary', kind: 'school', urn: '400002' });
      assert.equal(clash.statusCode, 400);
      assert.deepEqual(summaryLinks(clash.body), ['#name', '#urn']);
      assert.match(clash.body, /URN 400002 is already used by Beech Primary/);
      const bad = await post(url, { name: 'Ash Primary', kind: 'school', urn: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the school’s URN/);
      assert.match(bad.body, /<h1 class="govuk-heading-l">Ash Primary<\/h1>/);

      const unchanged = await post(url, { name: 'Ash Primary', kind: 'school', urn: '400001' });
      assert.equal(unchanged.statusCode, 303, 'saving its own name and URN is not a clash');
      const saved = await post(url, { name: 'Ash Tree Primary Academy', kind: 'school', urn: '400003' });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
      const row = await db.selectFrom('organisation').select(['name', 'urn']).where('id', '=', school.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { name: 'Ash Tree Primary Academy', urn: '400003' });

      const audits = await db.selectFrom('audit_event').select(['action', 'actor_id', 'detail']).where('entity', '=', 'organisation').where('entity_id', '=', school.id).execute();
      assert.equal(audits.length, 1, 'one audit row: the unchanged save wrote nothing');
      assert.equal(audits[0]?.action, 'update');
      assert.equal(audits[0]?.actor_id, adminId);
      assert.deepEqual(audits[0]?.detail, {
        name: 'Ash Tree Primary Academy', kind: 'school', urn: '400003', ukprn: null,
        previous: { name: 'Ash Primary', kind: 'school', urn: '400001', ukprn: null },
      });
    });

    test('a change of type that would leave users with roles that do not fit is refused, naming them; one that fits signs them out', async () => {
      const db = t.conn.db;
      const nursery = await buildOrganisation(db, { kind: 'setting', laCode: '990', name: 'Rainbow Nursery', urn: '500001' });
      const senco = await buildStaff(db, { organisationId: nursery.id, roles: ['senco'], name: 'Sam Senco' });
      const url = `/admin/organisations/${nursery.id}`;

      const refused = await post(url, { name: 'Rainbow Nursery', kind: 'health-provider' });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(summaryLinks(refused.body), ['#kind']);
      assert.match(refused.body, /The type cannot change to Health provider while these users have roles that do not fit it/);
      assert.match(refused.body, /Sam Senco \(SENCO\)/);
      assert.equal((await db.selectFrom('organisation').select('kind').where('id', '=', nursery.id).executeTakeFirstOrThrow()).kind, 'setting');

      const s = await signIn(t.app, senco.email);
      assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode, 200);
      const fits = await post(url, { name: 'Rainbow Nursery School', kind: 'school', urn: '500001' });
      assert.equal(fits.statusCode, 303, fits.body.slice(0, 500));
      assert.equal((await db.selectFrom('organisation').select('kind').where('id', '=', nursery.id).executeTakeFirstOrThrow()).kind, 'school');
      assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).statusCode, 401, 'the SENCO signs in again to act for a school');
    });

    test('only administrators reach the organisation pages; others get 404', async () => {
      const db = t.conn.db;
      const sendTeam = await buildOrganisation(db, { kind: 'send-team', laCode: '990' });
      const school = await buildOrganisation(db, { kind: 'school', laCode: '990' });
      const cw = await buildStaff(db, { organisationId: sendTeam.id, roles: ['caseworker', 'send-manager'] });
      const s = await signIn(t.app, cw.email);
      const ch = { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' };
      for (const url of ['/admin/organisations', '/admin/organisations/new', `/admin/organisations/${school.id}`]) {
        assert.equal((await t.app.inject({ url, headers: { cookie: s.cookie } })).statusCode, 404, url);
      }
      const add = await t.app.inject({ method: 'POST', url: '/admin/organisations', headers: ch, payload: form({ _csrf: s.csrf, name: 'Sneaky School', kind: 'school', urn: '600001' }) });
      assert.equal(add.statusCode, 404);
      const edit = await t.app.inject({ method: 'POST', url: `/admin/organisations/${school.id}`, headers: ch, payload: form({ _csrf: s.csrf, name: 'Renamed', kind: 'school', urn: '600002' }) });
      assert.equal(edit.statusCode, 404);
      assert.equal(await db.selectFrom('organisation').select('id').where('name', 'in', ['Sneaky School', 'Renamed']).executeTakeFirst(), undefined);

      const anon = await t.app.inject({ url: '/admin/organisations' });
      assert.equal(anon.statusCode, 303);
      assert.match(String(anon.headers.location), /^\/sign-in/);
    });
  });
}
