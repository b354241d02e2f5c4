// Open data and the council's import in Chromium with axe: the public "open data" page on a phone without
// JavaScript, and a SEND manager importing the ORUK profile's example service (it waits for review, with reasons).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { profileDir } from '../support/oruk-schemas.ts';
import { expectAccessible, expectPresent, hasChromium, launch, signInAs, startDemoServer } from './support.ts';

describe('open data and the ORUK import in Chromium with axe', { timeout: 300_000, skip: hasChromium ? false : 'Chromium is not installed (/usr/bin/chromium)' }, () => {
  let browser: Browser;
  let t: TestApp;
  let base: string;

  before(async () => {
    ({ t, base } = await startDemoServer());
    browser = await launch();
  });
  after(async () => {
    await browser.close();
    await t.close();
  });

  test('the open data page, linked from the public footer, on a 360 px phone without JavaScript', async () => {
    // axe itself needs JavaScript: the page is checked to work without it, then by axe with it.
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const plain = await noJs.newPage();
    assert.equal((await plain.goto(`${base}/local-offer/open-data`))?.status(), 200);
    await expectPresent(plain, 'h1:has-text("Open data")');
    assert.equal(await plain.locator('footer a[href="/local-offer/open-data"]').count(), 1);
    await noJs.close();
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/local-offer/open-data`);
    await expectAccessible(page, 'the open data page', 'localoffer-open-data');
    const api = await page.request.get(`${base}/openreferral/services`);
    assert.equal(api.status(), 200);
    assert.equal(api.headers()['access-control-allow-origin'], '*');
    await ctx.close();
  });

  test('a SEND manager imports a file: the form, its errors, and the report', async () => {
    const { ctx, page } = await signInAs(browser, base, 'send-manager');
    await page.goto(`${base}/local-offer/manage/import`);
    await expectAccessible(page, 'the import form', 'localoffer-import');
    await page.click('button:has-text("Import services")');
    await expectPresent(page, '.govuk-error-summary');
    await expectAccessible(page, 'the import form with errors');
    await page.setInputFiles('#file', path.join(profileDir, 'examples', 'service_full.json'));
    await page.check('#neighbour');
    await page.fill('#label', 'Old directory');
    await Promise.all([page.waitForURL(/\/local-offer\/manage\/import\/runs\//), page.click('button:has-text("Import services")')]);
    await expectPresent(page, 'h1:has-text("Import from Old directory")');
    assert.match(await page.locator('[data-qa="import-items"]').innerText(), /Waiting for review[\s\S]*Community Counselling[\s\S]*Select at least one category/);
    await expectAccessible(page, 'the import report', 'localoffer-import-report');
    await ctx.close();
  });
});
