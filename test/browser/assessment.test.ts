// A case walked from request to final plan in Chromium, each step by the role that does it, with axe on every
// page and form (and its error state). Screenshots come from here with SCREENSHOTS=1.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testToday } from '../support/app.ts';
import { demoDomain } from '../../src/demo/accounts.ts';
import { addDays } from '../../src/platform/plain-date.ts';
import { browserSuite, expectAccessible, expectPresent, screenshot, signInAs, useDemoBrowser } from './support.ts';

describe('an EHC needs assessment in Chromium with axe', browserSuite(300_000), () => {
  const demo = useDemoBrowser();
  let caseUrl = '';


  const as = (who: string, opts: { mobile?: boolean; javaScriptEnabled?: boolean } = {}) => signInAs(demo.browser, demo.base, who, opts);
  const clean = expectAccessible;

  async function fillDate(page: Page, id: string, iso: string): Promise<void> {
    const [y, m, d] = iso.split('-');
    await page.fill(`#${id}-day`, String(Number(d)));
    await page.fill(`#${id}-month`, String(Number(m)));
    await page.fill(`#${id}-year`, y ?? '');
  }

  async function submit(page: Page): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click('main form button.govuk-button:not(.govuk-button--secondary)')]);
  }

  test('the caseworker records a request (errors first)', async () => {
    const { ctx, page } = await as('caseworker');
    const links: (string | null)[] = [];
    for (const a of await page.locator('main table a[href^="/children/"]').all()) links.push(await a.getAttribute('href'));
    let start: string | null = null;
    for (const href of links.slice(0, 25)) {
      await page.goto(`${demo.base}${href}`);
      const link = page.locator('a:has-text("Record a request for an assessment")');
      if (await link.count()) {
        start = await link.getAttribute('href');
        break;
      }
    }
    assert.ok(start, 'a child without an open assessment');
    await page.goto(`${demo.base}${start}`);
    await clean(page, 'the request form');
    await submit(page);
    await expectPresent(page, '.govuk-error-summary', 'an empty form shows the error summary');
    await clean(page, 'the request form with errors', 'assessment-request-errors');
    await fillDate(page, 'requestReceived', addDays(testToday, -60));
    await page.check('input[name="requestSource"][value="1"]');
    await page.fill('#requestedBy', 'The child’s mother');
    await page.fill('#summary', 'Struggles to communicate and to join in with other children.');
    await submit(page);
    assert.match((await page.locator('h1').textContent()) ?? '', /EHC needs assessment for/);
    caseUrl = page.url();
    await expectPresent(page, 'text=Request recorded', 'confirmation banner');
    await clean(page, 'the new case');
    await ctx.close();
  });

  test('the SEND manager records the panel’s decision', async () => {
    const { ctx, page } = await as('send-manager');
    await page.goto(caseUrl);
    await page.click('a:has-text("Decide whether to assess")');
    await clean(page, 'the decision form', 'assessment-decision');
    await page.check('input[name="assess"][value="yes"]');
    await fillDate(page, 'on', addDays(testToday, -40));
    await page.fill('#reasons', 'The evidence shows needs that may call for provision through an EHC plan.');
    await submit(page);
    await expectPresent(page, 'text=the assessment goes ahead');
    await ctx.close();
  });

  test('the caseworker asks the educational psychologist for advice; the EP gives it', async () => {
    const cw = await as('caseworker');
    await cw.page.goto(caseUrl);
    await cw.page.click('a:has-text("Ask for advice")');
    await clean(cw.page, 'the advice request form');
    const ep = await demo.t.conn.db.selectFrom('app_user').select('id').where('email', '=', `ep@${demoDomain}`).executeTakeFirstOrThrow();
    await cw.page.selectOption('#discipline', 'educational-psychology');
    await cw.page.selectOption('#requestedOfUser', ep.id);
    await fillDate(cw.page, 'requestedOn', addDays(testToday, -39));
    await submit(cw.page);
    await expectPresent(cw.page, 'text=Advice requested');
    await cw.ctx.close();

    const { ctx, page } = await as('ep');
    await expectPresent(page, 'caption:has-text("Advice asked of you")', 'on the EP’s home page');
    await page.click('main table a[href^="/advice/"]');
    await clean(page, 'the advice form');
    await submit(page);
    await expectPresent(page, '.govuk-error-summary');
    await clean(page, 'the advice form with errors');
    await page.fill('#summary', 'Needs support with language and with social communication.');
    await page.fill('#needs', 'Understanding spoken instructions of more than two steps\nJoining in with play');
    await page.fill('#outcomes', 'By July 2027 will follow a three-step instruction in class without an adult repeating it');
    await page.fill('#provision', 'Small-group language sessions, 3 times a week for 20 minutes, led by a trained teaching assistant');
    await screenshot(page, 'assessment-advice-form');
    await submit(page);
    await expectPresent(page, 'text=Your advice has been sent');
    await ctx.close();
  });

  test('draft, the family’s comments recorded by the caseworker, consultation and the final plan', async () => {
    const { ctx, page } = await as('caseworker');
    await page.goto(caseUrl);
    await clean(page, 'the case with advice in', 'assessment-case');
    await page.click('a:has-text("Issue the draft plan")');
    await clean(page, 'the draft form');
    await submit(page);
    await page.click('a:has-text("comments on the draft")');
    await page.fill('#onBehalfOf', 'Mother, by phone');
    await page.fill('#comments', 'Please say more about friendships.');
    await page.check('input[name="wantsMeeting"][value="no"]');
    await clean(page, 'the comments form');
    await submit(page);
    await page.click('a:has-text("Consult schools or settings")');
    const school = await page.locator('#organisationId option').nth(1).getAttribute('value');
    await page.selectOption('#organisationId', school ?? '');
    await clean(page, 'the consultation form');
    await submit(page);
    await page.click('a:has-text("Issue the final plan")');
    await clean(page, 'the final plan form');
    await submit(page);
    await expectPresent(page, 'text=Final plan issued');
    await expectPresent(page, '.govuk-tag:has-text("Issued on time")');
    await clean(page, 'the finished case', 'assessment-case-final');
    await page.goto(`${caseUrl.replace(/\/assessments\/.*/, '')}/assessments`);
    await clean(page, 'the caseload', 'assessment-caseload');
    await page.goto(`${demo.base}/assessments/forecast`);
    await clean(page, 'the forecast', 'assessment-forecast');
    await ctx.close();
  });

  test('the manager’s team view; forms for exceptions and closing; a phone; no JavaScript', async () => {
    const m = await as('send-manager');
    await m.page.goto(`${demo.base}/assessments/team`);
    await clean(m.page, 'the team view', 'assessment-team');
    await m.ctx.close();

    const phone = await as('caseworker', { mobile: true });
    await phone.page.goto(`${demo.base}/assessments?show=all&caseworker=all`);
    await clean(phone.page, 'the caseload on a phone', 'assessment-caseload-phone');
    // The forms render for any case; a closed case refuses the change when it is sent.
    const open = (await phone.page.locator('main table a[href^="/assessments/"]').count()) ? await phone.page.locator('main table a[href^="/assessments/"]').first().getAttribute('href') : new URL(caseUrl).pathname;
    await phone.page.goto(`${demo.base}${open}/exception/new`);
    await clean(phone.page, 'the exception form on a phone', 'assessment-exception-phone');
    await phone.page.goto(`${demo.base}${open}/withdraw`);
    await clean(phone.page, 'the close form on a phone');
    await phone.ctx.close();

    const noJs = await as('caseworker', { javaScriptEnabled: false });
    const res = await noJs.page.goto(caseUrl);
    assert.equal(res?.status(), 200);
    await expectPresent(noJs.page, 'text=Statutory time limits');
    await noJs.ctx.close();
  });
});
