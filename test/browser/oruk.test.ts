// Open data and the council's import in Chromium with axe: the public "open data" page on a phone without
// JavaScript, and a SEND manager importing the ORUK profile's example service (it waits for review, with reasons).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { profileDir } from '../support/oruk-schemas.ts';
import { browserSuite, expectAccessible, expectPresent, signInAs, useDemoBrowser } from './support.ts';

describe('open data and the ORUK import in Chromium with axe', browserSuite(300_000), () => {
  const demo = useDemoBrowser();

  test('the open data page, linked from the public footer, on a 360 px phone without JavaScript', async () => {
    // axe itself needs JavaScript: the page is checked to work without it, then by axe with it.
    const noJs = await demo.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const plain = await noJs.newPage();
    assert.equal((await plain.goto(`${demo.base}/local-offer/open-data`))?.status(), 200);
    await expectPresent(plain, 'h1:has-text("Open data")');
    assert.equal(await plain.locator('footer a[href="/local-offer/open-data"]').count(), 1);
    await noJs.close();
    const ctx = await demo.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    await page.goto(`${demo.base}/local-offer/open-data`);
    await expectAccessible(page, 'the open data page', 'localoffer-open-data');
    const api = await page.request.get(`${demo.base}/openreferral/services`);
    assert.equal(api.status(), 200);
    assert.equal(api.headers()['access-control-allow-origin'], '*');
    await ctx.close();
  });

  test('a SEND manager imports a file: the form, its errors, and the report', async () => {
    const { ctx, page } = await signInAs(demo.browser, demo.base, 'send-manager');
    await page.goto(`${demo.base}/local-offer/manage/import`);
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
