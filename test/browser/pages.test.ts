// Every main page, as each kind of user sees it, in Chromium: no axe violations (WCAG 2.2 AA), pages work
// without JavaScript, and the screenshots in docs/screenshots come from here (SCREENSHOTS=1).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { demoDomain, demoPassword } from '../../src/demo/accounts.ts';
import { axeViolations, browserSuite, expectPresent, screenshot, useDemoBrowser } from './support.ts';

describe('pages in Chromium with axe', browserSuite(240_000), () => {
  const demo = useDemoBrowser();


  async function session(opts: { javaScriptEnabled?: boolean; mobile?: boolean } = {}): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await demo.browser.newContext({ timezoneId: 'Europe/London', javaScriptEnabled: opts.javaScriptEnabled ?? true, viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1100, height: 900 } });
    return { ctx, page: await ctx.newPage() };
  }

  async function signIn(page: Page, who: string): Promise<void> {
    await page.goto(`${demo.base}/sign-in`);
    await page.fill('#email', `${who}@${demoDomain}`);
    await page.fill('#password', demoPassword);
    await Promise.all([page.waitForURL(`${demo.base}/`), page.click('button:has-text("Sign in")')]);
  }

  async function check(page: Page, url: string, expectHeading: RegExp, shot?: string): Promise<void> {
    const res = await page.goto(url.startsWith('http') ? url : `${demo.base}${url}`);
    assert.equal(res?.status(), 200, `${url} answered ${res?.status()}`);
    assert.match((await page.locator('h1').first().textContent()) ?? '', expectHeading, url);
    assert.deepEqual(await axeViolations(page), [], `axe on ${url}`);
    if (shot) await screenshot(page, shot);
  }

  test('sign-in page lists the demo accounts; a wrong password shows the error summary', async () => {
    const { ctx, page } = await session();
    await check(page, '/sign-in', /Sign in/, 'sign-in');
    await expectPresent(page, `text=caseworker@${demoDomain}`);
    await page.fill('#email', `caseworker@${demoDomain}`);
    await page.fill('#password', 'wrong password');
    await page.click('button:has-text("Sign in")');
    assert.match((await page.locator('.govuk-error-summary').textContent()) ?? '', /Enter a correct email address and password/);
    assert.deepEqual(await axeViolations(page), []);
    await ctx.close();
  });

  test('a caseworker: my children, a record and every tab, find a child, create with errors', async () => {
    const { ctx, page } = await session();
    await signIn(page, 'caseworker');
    await check(page, '/', /My children/, 'my-children');
    const first = page.locator('main table a[href^="/children/"]').first();
    const href = await first.getAttribute('href');
    assert.ok(href, 'the caseworker has children listed');
    await check(page, href, /./, 'child-record');
    for (const [tab, shot] of [['about-me', 'about-me'], ['family', undefined], ['team', undefined], ['consent', undefined], ['documents', undefined], ['timeline', 'timeline'], ['audit', 'audit']] as const) {
      await check(page, `${href}/${tab}`, /./, shot);
    }
    await check(page, '/children/search?q=' + encodeURIComponent('Lilly Walker'), /Find a child/, 'find-a-child');
    await expectPresent(page, 'main a:has-text("Walker")', 'a misspelt name still finds the child');
    await check(page, '/children/new', /./);
    await page.click('main button[type="submit"]');
    await expectPresent(page, '.govuk-error-summary', 'empty form shows the error summary');
    assert.deepEqual(await axeViolations(page), [], 'axe on the error state');
    await screenshot(page, 'create-child-errors');
    await ctx.close();
  });

  test('a parent: my family, about me, who has viewed the record', async () => {
    const { ctx, page } = await session();
    await signIn(page, 'parent');
    await check(page, '/', /family/i, 'parent-home');
    const href = await page.locator('main a[href^="/children/"]').first().getAttribute('href');
    assert.ok(href);
    await check(page, href, /./);
    await check(page, `${href}/about-me/edit`, /./);
    await check(page, `${href}/audit`, /./, 'parent-who-viewed');
    await ctx.close();
  });

  test('an administrator: users, a user, and the add-a-user form with its errors', async () => {
    const { ctx, page } = await session();
    await signIn(page, 'admin');
    await check(page, '/admin/users', /Users/, 'admin-users');
    const href = await page.locator('main table a[href^="/admin/users/"]').first().getAttribute('href');
    assert.ok(href);
    await check(page, href, /./);
    await check(page, '/admin/users/new', /Add a user/);
    await page.click('main button:has-text("Add user")');
    await expectPresent(page, '.govuk-error-summary');
    assert.deepEqual(await axeViolations(page), [], 'axe on the add-user errors');
    await ctx.close();
  });

  for (const who of ['senco', 'health', 'dco', 'social-worker', 'social-care-manager', 'area-leader', 'young-person']) {
    test(`${who}: home page is clean`, async () => {
      const { ctx, page } = await session();
      await signIn(page, who);
      await check(page, '/', /./);
      await ctx.close();
    });
  }

  test('on a phone: home and record are clean', async () => {
    const { ctx, page } = await session({ mobile: true });
    await signIn(page, 'caseworker');
    await check(page, '/', /My children/);
    const href = await page.locator('main table a[href^="/children/"]').first().getAttribute('href');
    assert.ok(href);
    await check(page, href, /./, 'child-record-phone');
    await ctx.close();
  });

  test('without JavaScript: sign in and open a record', async () => {
    // axe itself needs JavaScript, so this pass checks that the pages work, not their accessibility.
    const { ctx, page } = await session({ javaScriptEnabled: false });
    await signIn(page, 'caseworker');
    const href = await page.locator('main table a[href^="/children/"]').first().getAttribute('href');
    assert.ok(href);
    const res = await page.goto(`${demo.base}${href}/about-me`);
    assert.equal(res?.status(), 200);
    await expectPresent(page, 'h1');
    await ctx.close();
  });
});
