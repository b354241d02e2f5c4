// The local offer's workflow in Chromium with axe, on the demo area: a provider changes a listing through the form
// (errors, adding a place, without JavaScript on a phone), the council reviews and publishes it; the queue, listings,
// a listing's history and decision, comparing versions; the page editor; comments answered and moderated; the
// evidence; and the public information pages, "have your say" and "you said, we did" on a 360 px phone, JavaScript off.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, expectAccessible, expectPresent, screenshot, signInAs, useDemoBrowser } from './support.ts';

describe('the local offer workflow in Chromium with axe', browserSuite(400_000), () => {
  const demo = useDemoBrowser();


  /** Opens a page and checks it with axe; axe itself needs JavaScript, so without it the page is checked to work. */
  const visit = async (page: Page, path: string, heading: RegExp, shot?: string) => {
    const res = await page.goto(`${demo.base}${path}`);
    assert.ok(res && res.status() < 400, `${path}: ${res?.status()}`);
    assert.match((await page.locator('h1').first().textContent()) ?? '', heading, path);
    await accessible(page, path, shot);
  };
  /** Pages opened without JavaScript (axe cannot run in them). */
  const noJs = new WeakSet<Page>();
  const accessible = async (page: Page, what: string, shot?: string) => {
    if (!noJs.has(page)) await expectAccessible(page, what, shot);
    else if (shot) await screenshot(page, shot);
  };

  test('a provider: their listings, one listing, the form with errors and an added place (no JavaScript, phone), a change sent', async () => {
    const { ctx, page } = await signInAs(demo.browser, demo.base, 'provider', { landing: '/local-offer/provider', mobile: true, javaScriptEnabled: false });
    noJs.add(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await visit(page, '/local-offer/provider', /Your local offer listings/, 'localoffer-provider-phone');
    await ctx.close();

    const desk = await signInAs(demo.browser, demo.base, 'provider', { landing: '/local-offer/provider' });
    const p = desk.page;
    await visit(p, '/local-offer/provider', /Your local offer listings/, 'localoffer-provider');
    const first = p.locator('.govuk-summary-card__title a').first();
    const href = (await first.getAttribute('href')) ?? '';
    await visit(p, href, /./, 'localoffer-provider-listing');
    await visit(p, `${href}/edit`, /./);
    await p.fill('#name', '');
    await p.fill('#description', 'Typed and kept after the error');
    await p.click('button:has-text("Send for review") >> nth=1');
    await expectPresent(p, '.govuk-error-summary');
    assert.equal(await p.inputValue('#description'), 'Typed and kept after the error');
    await expectAccessible(p, 'the listing form with errors', 'localoffer-provider-form-errors');
    await p.click('button:has-text("Add another place")');
    await expectPresent(p, '#locations-1-postcode');
    await p.fill('#name', 'Little Stars sensory play and stay');
    await p.click('button:has-text("Send for review") >> nth=1');
    await expectPresent(p, 'text=has been sent to the council');
    await expectAccessible(p, 'the listing after a change');
    await visit(p, '/local-offer/provider/listings/new', /Add a new listing/);
    await desk.ctx.close();

    const phone = await signInAs(demo.browser, demo.base, 'provider', { landing: '/local-offer/provider', mobile: true, javaScriptEnabled: false });
    noJs.add(phone.page);
    await phone.page.setViewportSize({ width: 360, height: 800 });
    await visit(phone.page, `${href}/edit`, /./, 'localoffer-provider-form-phone');
    await phone.page.click('button:has-text("Add another opening time")');
    await expectPresent(phone.page, '#schedules-1-opens');
    await accessible(phone.page, 'the form after adding an opening time, no JavaScript');
    await phone.ctx.close();
  });

  test('the council: overview, queue, a review with the comparison, publish; listings, a listing’s decision, compare', async () => {
    const { ctx, page } = await signInAs(demo.browser, demo.base, 'local-offer', { landing: '/local-offer/manage' });
    await visit(page, '/local-offer/manage', /Local offer/, 'localoffer-manage');
    await visit(page, '/local-offer/manage/reviews', /Changes waiting for review/, 'localoffer-manage-queue');
    await page.click('main table a:has-text("Little Stars sensory play and stay")');
    await expectPresent(page, 'text=What changed from the published version');
    await expectAccessible(page, 'a review', 'localoffer-manage-review');
    await page.click('button:has-text("Turn down version")');
    await expectPresent(page, '.govuk-error-summary');
    await expectAccessible(page, 'a review turned down without a reason');
    await page.click('button:has-text("Publish version")');
    await expectPresent(page, 'text=Published. The public see the new version now');
    await visit(page, '/local-offer/manage/listings?show=past-grace', /Listings/, 'localoffer-manage-stale');
    await visit(page, '/local-offer/manage/listings', /Listings/);
    const listing = (await page.locator('main table a[href^="/local-offer/manage/listings/"]').first().getAttribute('href')) ?? '';
    await visit(page, listing, /./, 'localoffer-manage-listing');
    await page.click('button:has-text("Save decision")');
    await expectPresent(page, '.govuk-error-summary');
    await expectAccessible(page, 'a decision without a choice');
    await visit(page, `${listing}/edit`, /./);
    await ctx.close();
  });

  test('the council compares two versions; edits an information page with a preview; answers and moderates a comment; the evidence', async () => {
    const { ctx, page } = await signInAs(demo.browser, demo.base, 'local-offer', { landing: '/local-offer/manage' });
    const withVersions = await demo.t.conn.db.selectFrom('lo_service_version').select('service_id').groupBy('service_id').having((eb) => eb.fn.countAll(), '>', 1).executeTakeFirstOrThrow();
    await visit(page, `/local-offer/manage/listings/${withVersions.service_id}/compare`, /What changed from version/, 'localoffer-compare');
    await visit(page, '/local-offer/manage/information', /Information pages/);
    await visit(page, '/local-offer/manage/information/travel', /Travel/);
    await page.fill('#body', '## Travel help\n\nPhone the travel team on [01632 960999](tel:01632960999).');
    await page.click('button:has-text("Preview")');
    await expectPresent(page, 'text=Preview (not saved)');
    await expectAccessible(page, 'the page editor with a preview', 'localoffer-manage-page-editor');
    await page.click('button:has-text("Save and publish")');
    await expectPresent(page, 'text=Saved as version 1');
    await visit(page, '/local-offer/manage/information/travel/versions/1', /Travel/);
    await visit(page, '/local-offer/manage/feedback', /Comments/, 'localoffer-manage-comments');
    await page.click('main table a >> nth=0');
    await expectPresent(page, 'h1');
    await expectAccessible(page, 'a comment to answer');
    await page.fill('#response', 'Thank you for telling us.');
    await page.click('button:has-text("Save the answer")');
    await expectPresent(page, 'text=Answer saved');
    await expectAccessible(page, 'a comment to moderate', 'localoffer-manage-moderate');
    await page.click('button:has-text("Publish on")');
    await expectPresent(page, 'text=Published on');
    await visit(page, '/local-offer/manage/evidence', /Local offer evidence/, 'localoffer-evidence');
    const bad = await page.goto(`${demo.base}/local-offer/manage/evidence?from=nope`);
    assert.equal(bad?.status(), 400);
    await expectPresent(page, '.govuk-error-summary');
    await expectAccessible(page, 'the evidence with a bad date');
    await ctx.close();
  });

  test('an area leader reaches the evidence and no other local offer page', async () => {
    const { ctx, page } = await signInAs(demo.browser, demo.base, 'area-leader');
    await visit(page, '/local-offer/manage/evidence', /Local offer evidence/);
    const res = await page.goto(`${demo.base}/local-offer/manage/reviews`);
    assert.equal(res?.status(), 404);
    await ctx.close();
  });

  test('the public, on a 360 px phone without JavaScript: information pages, have your say with errors, sent, you said we did', async () => {
    const ctx = await demo.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 }, timezoneId: 'Europe/London' });
    const page = await ctx.newPage();
    noJs.add(page);
    await visit(page, '/local-offer/information', /Information and advice/, 'localoffer-information-phone');
    await visit(page, '/local-offer/information/ask-for-an-assessment', /EHC\) needs assessment/, 'localoffer-information-assessment-phone');
    await page.click('main a:has-text("Ask for an assessment online")');
    await page.waitForURL(`${demo.base}/request-an-assessment`);
    for (const slug of ['sendiass', 'mediation-and-appeals', 'complaints', 'travel', 'preparing-for-adulthood']) await visit(page, `/local-offer/information/${slug}`, /./);
    await visit(page, '/local-offer/have-your-say', /Have your say/, 'localoffer-have-your-say-phone');
    await page.click('button:has-text("Send your comment")');
    await expectPresent(page, '.govuk-error-summary');
    await accessible(page, 'have your say with errors');
    await page.fill('#body', 'Please list more clubs for teenagers.');
    await page.fill('#email', 'me@example.org');
    await page.click('button:has-text("Send your comment")');
    await expectPresent(page, 'text=Your reference');
    await accessible(page, 'the comment sent');
    await visit(page, '/local-offer/you-said-we-did', /You said, we did/, 'localoffer-you-said-we-did-phone');
    assert.doesNotMatch(await page.content(), /example\.org/);
    const listed = await demo.t.conn.db.selectFrom('lo_service').select('id').where('listed', '=', true).executeTakeFirstOrThrow();
    await visit(page, `/local-offer/have-your-say?service=${listed.id}`, /Have your say/);
    await ctx.close();
    const phoneJs = await demo.browser.newContext({ viewport: { width: 360, height: 800 }, timezoneId: 'Europe/London' });
    const pj = await phoneJs.newPage();
    for (const path of ['/local-offer/information', '/local-offer/information/ask-for-an-assessment', '/local-offer/you-said-we-did', '/local-offer/have-your-say']) await visit(pj, path, /./);
    await pj.click('button:has-text("Send your comment")');
    await expectPresent(pj, '.govuk-error-summary');
    await expectAccessible(pj, 'have your say with errors, on a phone');
    await phoneJs.close();
    const desk = await demo.browser.newContext({ timezoneId: 'Europe/London', viewport: { width: 1100, height: 900 } });
    const dp = await desk.newPage();
    await visit(dp, '/local-offer/you-said-we-did', /You said, we did/, 'localoffer-you-said-we-did');
    await visit(dp, '/local-offer/information/mediation-and-appeals', /Mediation and appeals/, 'localoffer-information-page');
    await desk.close();
  });
});
