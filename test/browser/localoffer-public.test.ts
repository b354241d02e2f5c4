// The public local offer as a parent on a phone would use it (issue 5 §1, "How it will be checked"): a 360 px
// Chromium window, with JavaScript off and then on, the demo's 300 services. Search with a misspelling, filter,
// open a service, keep a shortlist, print it and share it; axe (WCAG 2.2 AA) on every page. Screenshots for
// docs/screenshots come from here (SCREENSHOTS=1).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSuite, expectAccessible, expectPresent, screenshot, useDemoBrowser } from './support.ts';

describe('the public local offer in Chromium at 360 px', browserSuite(300_000), () => {
  const demo = useDemoBrowser();


  const phone = async (javaScriptEnabled: boolean): Promise<{ ctx: BrowserContext; page: Page }> => {
    const ctx = await demo.browser.newContext({ timezoneId: 'Europe/London', javaScriptEnabled, viewport: { width: 360, height: 740 } });
    return { ctx, page: await ctx.newPage() };
  };
  // axe itself needs JavaScript: a page seen with JavaScript off is checked again by axe in a second window at
  // 360 px with the same cookies (the shortlist), at the same address.
  const accessible = async (ctx: BrowserContext, page: Page, js: boolean, what: string) => {
    if (js) return expectAccessible(page, what);
    const check = await demo.browser.newContext({ timezoneId: 'Europe/London', viewport: { width: 360, height: 740 } });
    try {
      await check.addCookies(await ctx.cookies());
      const p = await check.newPage();
      await p.goto(page.url());
      await expectAccessible(p, `${what} (checked with JavaScript on)`);
    } finally {
      await check.close();
    }
  };
  const noSideways = async (page: Page, what: string) => {
    const wide = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(wide <= 360, `${what} is ${wide} px wide at 360 px`);
  };

  for (const js of [false, true]) {
    test(`a parent finds speech therapy, filters, opens a service and keeps a shortlist (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const { ctx, page } = await phone(js);
      const shot = (name: string) => (js ? Promise.resolve() : screenshot(page, name));
      try {
        await page.goto(`${demo.base}/local-offer`);
        assert.match((await page.locator('h1').textContent()) ?? '', /Find help and support/);
        await accessible(ctx, page, js, 'the local offer home page');
        await noSideways(page, 'the home page');
        await shot('localoffer-home-phone');

        // Tap 1: search, misspelt.
        await page.fill('#q', 'speach therapy');
        await Promise.all([page.waitForURL(/\/local-offer\/services\?/), page.click('button:has-text("Search")')]);
        assert.match((await page.locator('#corrected').textContent()) ?? '', /Showing results for\s+speech therapy/);
        const first = page.locator('.app-lo-card h2 a').first();
        assert.match((await first.textContent()) ?? '', /speech and language therapy/i);
        await accessible(ctx, page, js, 'search results');
        await noSideways(page, 'the results');
        await shot('localoffer-results-phone');

        // Filters: open the panel, a child of 3, free, near a postcode.
        await page.locator('summary:has-text("Filter results")').click();
        await page.fill('#age', '3');
        await page.check('#cost-2');
        await page.fill('#postcode', 'JT1 1AA');
        await page.selectOption('#miles', '5');
        await Promise.all([page.waitForURL(/postcode=JT1/), page.click('button:has-text("Search")')]);
        assert.match(await page.locator('#results-heading').textContent() ?? '', /\d+ services?/);
        assert.match(await page.locator('.app-lo-card').first().textContent() ?? '', /miles away/);
        await accessible(ctx, page, js, 'filtered results');
        await noSideways(page, 'the filtered results');
        // The panel stays closed, saying how many filters are on, and the results follow the search box within a
        // screen and a half (with the panel open, as before, they began at about 3,000 px): the filters chosen are
        // listed above them, each one removable.
        assert.equal(await page.locator('details.govuk-details').getAttribute('open'), null, 'the filter panel is closed');
        assert.match((await page.locator('details.govuk-details summary').textContent()) ?? '', /Filter results \(3 chosen\)/);
        assert.equal(await page.locator('.app-lo-chips li').count(), 3);
        const heading = await page.locator('#results-heading').boundingBox();
        assert.ok(heading && heading.y < 1.5 * 740, `the results begin within a screen and a half (heading at ${heading?.y} px)`);
        await shot('localoffer-filtered-phone');

        // Tap 2: the service.
        const name = ((await page.locator('.app-lo-card h2 a').first().textContent()) ?? '').trim();
        await Promise.all([page.waitForURL(/\/local-offer\/services\/[0-9a-f-]{36}$/), page.locator('.app-lo-card h2 a').first().click()]);
        assert.equal(((await page.locator('h1').textContent()) ?? '').trim(), name);
        for (const h of ['What the service offers', 'Who it is for', 'How to get it', 'Cost', 'When', 'Contact']) await expectPresent(page, `h2:has-text("${h}")`, h);
        await accessible(ctx, page, js, 'the service page');
        await noSideways(page, 'the service page');
        await shot('localoffer-service-phone');

        // Tap 3: keep it.
        await Promise.all([page.waitForURL(/\/local-offer\/services\//), page.click('button:has-text("Add to shortlist")')]);
        await expectPresent(page, 'button:has-text("Remove from shortlist")');
        await page.goto(`${demo.base}/local-offer/shortlist`);
        assert.equal(((await page.locator('.app-lo-card h2 a').first().textContent()) ?? '').trim(), name);
        const share = await page.locator('#share-link').inputValue();
        assert.match(share, /\/local-offer\/shortlist\?ids=[0-9a-f-]{36}$/);
        await accessible(ctx, page, js, 'the shortlist');
        await noSideways(page, 'the shortlist');
        await shot('localoffer-shortlist-phone');

        // Printed: no buttons, no menus.
        await page.emulateMedia({ media: 'print' });
        assert.equal(await page.locator('.app-lo-card form').first().isVisible(), false);
        assert.equal(await page.locator('.govuk-service-navigation__wrapper').first().isVisible(), false);
        await page.emulateMedia({ media: 'screen' });

        // Shared: someone else opens the link in their own demo.browser.
        const other = await phone(js);
        try {
          await other.page.goto(share);
          assert.match((await other.page.locator('h1').textContent()) ?? '', /A shortlist shared with you/);
          await accessible(other.ctx, other.page, js, 'a shared shortlist');
          await Promise.all([other.page.waitForURL(`${demo.base}/local-offer/shortlist`), other.page.click('button:has-text("Add them to my shortlist")')]);
          assert.equal(((await other.page.locator('.app-lo-card h2 a').first().textContent()) ?? '').trim(), name);
        } finally {
          await other.ctx.close();
        }
      } finally {
        await ctx.close();
      }
    });
  }

  test('a search with a mistake in a filter shows the error summary, and no results page is a dead end', async () => {
    const { ctx, page } = await phone(true);
    try {
      const res = await page.goto(`${demo.base}/local-offer/services?q=swimming&age=seven`);
      assert.equal(res?.status(), 400);
      assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /whole number of years/);
      await expectAccessible(page, 'search with an error');
      await page.goto(`${demo.base}/local-offer/services?q=xylophone+zither`);
      assert.match((await page.locator('#results-heading').textContent()) ?? '', /No services found/);
      await expectAccessible(page, 'no results');
      await shot(page);
    } finally {
      await ctx.close();
    }
    async function shot(p: Page) {
      await screenshot(p, 'localoffer-no-results-phone');
    }
  });

  test('on a desktop: results and the home page', async () => {
    const ctx = await demo.browser.newContext({ timezoneId: 'Europe/London', viewport: { width: 1100, height: 900 } });
    const page = await ctx.newPage();
    try {
      await page.goto(`${demo.base}/local-offer/services?q=autistic&category=short-breaks-leisure`);
      assert.ok((await page.locator('.app-lo-card').count()) > 0);
      await expectAccessible(page, 'results on a desktop', 'localoffer-results');
      await page.goto(`${demo.base}/local-offer`);
      await expectAccessible(page, 'the home page on a desktop', 'localoffer-home');
    } finally {
      await ctx.close();
    }
  });
});
