// The demo's local offer workflow seeds on both engines, on whatever listings exist: the provider's listings in
// each state their dashboard shows, the officer's queue, comments answered and published, an edited page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, startTestApp, type TestApp } from '../support/app.ts';
import { signIn } from '../support/factories.ts';
import { seedDemoArea } from '../../src/demo/seed.ts';
import { demoPassword } from '../../src/demo/accounts.ts';
import { localOfferOfficerEmail, providerEmail } from '../../src/demo/localoffer-workflow.ts';

for (const engine of engines()) {
  describe(`the demo's local offer workflow on ${engine}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
      await seedDemoArea(t.conn.db, { children: 20 });
    });
    after(() => t.close());

    test('the provider sees listings live, waiting, turned down, due for a check and not recently checked', async () => {
      const { cookie } = await signIn(t.app, providerEmail, demoPassword);
      const page = await t.app.inject({ method: 'GET', url: '/local-offer/provider', headers: { cookie } });
      assert.equal(page.statusCode, 200);
      for (const tag of ['Live', 'Change waiting for review', 'Change turned down', 'Due for a check', 'Not recently checked']) assert.match(page.body, new RegExp(`>${tag}<`), tag);
      assert.match(page.body, /The new phone number is too short/);
    });

    test('the officer has changes to review, comments to answer, and "you said, we did" shows answers without email addresses', async () => {
      const { cookie } = await signIn(t.app, localOfferOfficerEmail, demoPassword);
      const queue = await t.app.inject({ method: 'GET', url: '/local-offer/manage/reviews', headers: { cookie } });
      assert.ok((queue.body.match(/href="\/local-offer\/manage\/reviews\/[0-9a-f-]+\/\d+"/g) ?? []).length >= 1, 'changes waiting in the queue');
      const comments = await t.app.inject({ method: 'GET', url: '/local-offer/manage/feedback', headers: { cookie } });
      assert.match(comments.body, /To answer \(3\)/);
      const pub = await t.app.inject({ method: 'GET', url: '/local-offer/you-said-we-did' });
      assert.equal((pub.body.match(/class="app-said"/g) ?? []).length, 6);
      assert.doesNotMatch(pub.body, /example\.org|07700|Karen|Wright|Patel/);
      const page = await t.app.inject({ method: 'GET', url: '/local-offer/information/sendiass' });
      assert.match(page.body, /Joinedshire SENDIASS is open Monday to Friday/);
      const evidence = await t.app.inject({ method: 'GET', url: '/local-offer/manage/evidence', headers: { cookie } });
      assert.match(evidence.body, /hydrotherapy/);
    });
  });
}
