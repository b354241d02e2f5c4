// The EHC plan in Chromium with axe: the caseworker writes it section by section, traces the advice, issues the
// draft and the final plan; the family reads it and the child's own page; versions are compared.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testToday } from '../support/app.ts';
import { demoDomain } from '../../src/demo/accounts.ts';
import { addDays } from '../../src/platform/plain-date.ts';
import { toActor, findUserByEmail } from '../../src/people/store.ts';
import { addFamilyContribution, recordDecision, startAssessment } from '../../src/assessment/store.ts';
import { giveAdvice, requestAdvice } from '../../src/assessment/advice-store.ts';
import { browserSuite, expectAccessible, expectPresent, signInAs, useDemoBrowser } from './support.ts';

describe('an EHC plan in Chromium with axe', browserSuite(300_000), () => {
  const demo = useDemoBrowser();
  let caseId = '';

  before(async () => {
    const db = demo.t.conn.db;
    const actor = async (who: string) => toActor((await findUserByEmail(db, `${who}@${demoDomain}`))!, 'session');
    const cw = await actor('caseworker');
    const mg = await actor('send-manager');
    const ep = await actor('ep');
    // The parent's own child, with no open assessment, so the family can read the plan at the end.
    const parent = await actor('parent');
    const kids = await db.selectFrom('family_member').select('child_id').where('user_id', '=', parent.id).execute();
    let childId = '';
    for (const k of kids) {
      const open = await db.selectFrom('assessment').select('id').where('child_id', '=', k.child_id).where('stage', 'in', ['requested', 'assessing', 'draft-issued']).executeTakeFirst();
      if (!open) {
        childId = k.child_id;
        break;
      }
    }
    assert.ok(childId, 'the demo parent has a child without an open assessment');
    caseId = await startAssessment(db, cw, testToday, childId, { requestReceived: addDays(testToday, -80), requestSource: 1, requestedBy: 'Parent', summary: '', caseworkerId: cw.id });
    await recordDecision(db, mg, testToday, caseId, { assess: true, on: addDays(testToday, -70), reasons: 'Needs may call for a plan.' });
    const req = await requestAdvice(db, cw, testToday, caseId, { discipline: 'educational-psychology', requestedOfUser: ep.id, requestedOfOrg: null, requestedOn: addDays(testToday, -69) });
    await giveAdvice(db, ep, testToday, req, { summary: 'Needs help with language.', needs: ['Following spoken instructions'], outcomes: ['Follows a three-step instruction by July 2027'], provision: ['Small-group language work, 3 times a week for 20 minutes, with a trained teaching assistant'], receivedOn: addDays(testToday, -30) });
    await addFamilyContribution(db, parent, testToday, caseId, { kind: 'views', views: 'Loves drawing and dinosaurs.', aspirations: 'To make friends.' });
  });

  const as = (who: string) => signInAs(demo.browser, demo.base, who);
  const clean = expectAccessible;
  const submit = (page: Page, text: string) => Promise.all([page.waitForNavigation(), page.click(`main button:has-text("${text}")`)]);

  test('the caseworker writes the plan, traces the advice and issues the draft, then the final plan', async () => {
    const { ctx, page } = await as('caseworker');
    await page.goto(`${demo.base}/assessments/${caseId}`);
    await submit(page, 'Start writing the plan');
    assert.match((await page.locator('h1').textContent()) ?? '', /Education, health and care plan for/);
    await clean(page, 'the new plan');

    await page.goto(`${page.url().split('#')[0]}/edit/B`);
    await clean(page, 'section B form');
    await page.fill('#text-0', 'Finds it hard to follow spoken instructions of more than two steps');
    await page.selectOption('#needType-0', 'SLCN');
    await submit(page, 'Save section B');
    const planUrl = page.url().split('#')[0] ?? '';

    await page.goto(`${planUrl}/edit/E`);
    await page.fill('#outcome-0', 'By July 2027 will follow a three-step instruction in class without an adult repeating it');
    await page.fill('#timeframe-0', 'July 2027');
    await clean(page, 'section E form');
    await submit(page, 'Save section E');

    await page.goto(`${planUrl}/edit/F`);
    await page.fill('#what-0', 'Small-group language work');
    await page.fill('#who-0', 'Teaching assistant trained by the educational psychologist');
    await page.fill('#frequency-0', '3 times a week');
    await page.fill('#duration-0', '20 minutes, for a year');
    await page.locator('input[name="needIds-0"]').first().check();
    await page.locator('input[name="outcomeIds-0"]').first().check();
    await clean(page, 'section F form', 'plan-section-f');
    await submit(page, 'Save section F');

    await page.goto(`${planUrl}/trace`);
    await clean(page, 'the trace page', 'plan-trace');
    for (const kind of ['need', 'outcome', 'provision']) {
      const block = page.locator('.app-trace').filter({ hasText: new RegExp(`^\\s*${kind}`, 'i') }).first();
      const select = block.locator('select');
      const wanted = kind === 'need' ? 'B:' : kind === 'outcome' ? 'E:' : 'F:';
      let value = '';
      for (const o of await select.locator('option').all()) {
        const v = (await o.getAttribute('value')) ?? '';
        if (!value && v.startsWith(wanted)) value = v;
      }
      await select.selectOption(value);
      await Promise.all([page.waitForNavigation(), block.locator('button:has-text("Place it")').click()]);
    }
    await expectPresent(page, 'text=0 still to place', 'every recommendation placed');

    await page.goto(planUrl);
    await clean(page, 'the plan ready to issue', 'plan-editing');
    await submit(page, 'Issue the draft plan');
    await expectPresent(page, 'text=Draft plan issued');
    await submit(page, 'Start the next version from this one');
    await page.goto(`${planUrl}/edit/I`);
    await page.fill('#name', 'Oakfield Primary School');
    await page.fill('#urn', '123456');
    await page.fill('#type', 'Mainstream primary school');
    await submit(page, 'Save section I');
    await ctx.close();

    // The family comments, so the final plan can follow before the 15 days are up.
    const parent = await as('parent');
    await parent.page.goto(`${demo.base}/assessments/${caseId}/draft-comments`);
    await parent.page.fill('#comments', 'We agree.');
    await parent.page.check('input[name="wantsMeeting"][value="no"]');
    await clean(parent.page, 'the family’s comments form');
    await submit(parent.page, 'Send your comments');
    await parent.ctx.close();

    const again = await as('caseworker');
    await again.page.goto(planUrl);
    await submit(again.page, 'Issue the final plan');
    await expectPresent(again.page, 'text=Final plan issued');
    await clean(again.page, 'the issued plan', 'plan-final');
    await again.page.goto(`${planUrl}/compare?from=1&to=2`);
    await clean(again.page, 'comparing versions', 'plan-compare');
    await expectPresent(again.page, 'text=Oakfield Primary School');
    await again.ctx.close();

    const family = await as('parent');
    await family.page.goto(planUrl);
    await clean(family.page, 'the plan as the family reads it');
    await family.page.goto(`${planUrl}/my-plan`);
    await clean(family.page, 'the child’s own page', 'plan-my-plan');
    await expectPresent(family.page, 'text=What I am working towards');
    await family.ctx.close();
  });
});
