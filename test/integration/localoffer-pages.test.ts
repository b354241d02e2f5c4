// The statutory information pages on both engines: the default text in public, the council's editor (preview,
// save, every version kept, a stale save refused), the text rendered safely, and the editor closed to others.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startTestApp, type TestApp } from '../support/app.ts';
import { buildArea, buildOrganisation, buildStaff, signIn } from '../support/factories.ts';

for (const engine of engines()) {
  describe(`local offer information pages on ${engine}`, () => {
    let t: TestApp;
    let officer: { email: string };
    let caseworker: { email: string };
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    before(async () => {
      t = await startTestApp(engine);
      await buildArea(t.conn.db, '990', 'Testshire');
      const team = await buildOrganisation(t.conn.db, { kind: 'send-team' });
      officer = await buildStaff(t.conn.db, { organisationId: team.id, roles: ['local-offer-officer'] });
      caseworker = await buildStaff(t.conn.db, { organisationId: team.id, roles: ['caseworker'] });
    });
    after(() => t.close());

    test('the public see every page with its default text, linked to the online request form', async () => {
      const list = await t.app.inject({ method: 'GET', url: '/local-offer/information' });
      assert.equal(list.statusCode, 200);
      for (const slug of ['ask-for-an-assessment', 'sendiass', 'mediation-and-appeals', 'complaints', 'travel', 'preparing-for-adulthood']) assert.match(list.body, new RegExp(`/local-offer/information/${slug}"`));
      const page = await t.app.inject({ method: 'GET', url: '/local-offer/information/ask-for-an-assessment' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<a href="\/request-an-assessment" class="govuk-link">Ask for an assessment online<\/a>/);
      assert.match(page.body, /within <strong>6 weeks<\/strong>/);
      assert.equal((await t.app.inject({ method: 'GET', url: '/local-offer/information/nonsense' })).statusCode, 404);
    });

    test('the council previews, saves (every version kept), and the public page shows it, HTML shown as text', async () => {
      const { cookie, csrf } = await signIn(t.app, officer.email);
      const editor = await t.app.inject({ method: 'GET', url: '/local-offer/manage/information/sendiass', headers: { cookie } });
      assert.equal(editor.statusCode, 200);
      const post = (p: Record<string, string>) => t.app.inject({ method: 'POST', url: '/local-offer/manage/information/sendiass', headers: { cookie, ...form }, payload: new URLSearchParams({ _csrf: csrf, ...p }).toString() });
      const empty = await post({ title: 'SENDIASS', body: '  ', basedOn: '0', action: 'save' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter the text of the page/);
      const body = 'Call **Testshire SENDIASS** on [01234 000000](tel:01234000000).\n\n<script>alert(1)</script>';
      const preview = await post({ title: 'SENDIASS', body, basedOn: '0', action: 'preview' });
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /Preview \(not saved\)/);
      assert.equal((await t.conn.db.selectFrom('lo_page').select('slug').execute()).length, 0, 'a preview saves nothing');
      assert.equal((await post({ title: 'SENDIASS', body, basedOn: '0', action: 'save' })).statusCode, 303);
      assert.equal((await post({ title: 'SENDIASS in Testshire', body: `${body}\n\nOpen weekdays.`, basedOn: '1', action: 'save' })).statusCode, 303);
      const stale = await post({ title: 'Lost update', body: 'x', basedOn: '1', action: 'save' });
      assert.equal(stale.statusCode, 400);
      assert.match(stale.body, /Someone else saved this page \(version 2\)/);
      const versions = await t.conn.db.selectFrom('lo_page_version').select(['version', 'title']).orderBy('version').execute();
      assert.deepEqual(versions, [{ version: 1, title: 'SENDIASS' }, { version: 2, title: 'SENDIASS in Testshire' }]);
      const old = await t.app.inject({ method: 'GET', url: '/local-offer/manage/information/sendiass/versions/1', headers: { cookie } });
      assert.equal(old.statusCode, 200);
      assert.doesNotMatch(old.body, /Open weekdays/);
      const pub = await t.app.inject({ method: 'GET', url: '/local-offer/information/sendiass' });
      assert.match(pub.body, /<h1 class="govuk-heading-l">SENDIASS in Testshire<\/h1>/);
      assert.match(pub.body, /<a href="tel:01234000000" class="govuk-link">01234 000000<\/a>/);
      assert.match(pub.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.doesNotMatch(pub.body, /<script>alert/);
      const audits = await t.conn.db.selectFrom('audit_event').select('entity').where('entity', '=', 'lo_page').execute();
      assert.equal(audits.length, 2);
    });

    test('only the local offer officer or a SEND manager reaches the editor', async () => {
      const { cookie } = await signIn(t.app, caseworker.email);
      assert.equal((await t.app.inject({ method: 'GET', url: '/local-offer/manage/information', headers: { cookie } })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: '/local-offer/manage/information/sendiass', headers: { cookie } })).statusCode, 404);
    });
  });
}
