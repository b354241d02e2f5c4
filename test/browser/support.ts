// Browser tests drive Debian's Chromium through playwright-core and check every page with axe (WCAG 2.2 AA).
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seedDemoArea } from '../../src/demo/seed.ts';
import { demoDomain, demoPassword } from '../../src/demo/accounts.ts';

export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(chromiumPath);
const shotsDir = path.resolve(import.meta.dirname, '../../docs/screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A browser suite's options: its timeout, and skipped with the reason where Chromium is missing. */
export const browserSuite = (timeout: number) => ({ timeout, skip: hasChromium ? false : `Chromium is not installed (${chromiumPath})` });

/**
 * Called in a describe(): the demo server and Chromium, started before its tests (before the suite's own
 * `before`, which may use them) and closed after. Read the fields inside hooks and tests.
 */
export function useDemoBrowser(): { browser: Browser; t: TestApp; base: string } {
  const s = {} as { browser: Browser; t: TestApp; base: string };
  before(async () => {
    Object.assign(s, await startDemoServer());
    s.browser = await launch();
  });
  after(async () => {
    await s.browser?.close();
    await s.t?.close();
  });
  return s;
}

/** The real app with the demo area seeded (60 children), listening on a free port. */
export async function startDemoServer(): Promise<{ t: TestApp; base: string }> {
  const t = await startTestApp('pglite', { demo: true });
  await seedDemoArea(t.conn.db, { children: 60 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { t, base: `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}` };
}

/** axe on the page as it is now; returns readable lines for each violation (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return r.violations.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** A full-page screenshot into docs/screenshots, only when SCREENSHOTS=1 (so test runs do not rewrite files). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** A new browser context signed in as a demo account (e.g. 'caseworker'), on a desktop or a phone. */
export async function signInAs(browser: Browser, base: string, who: string, opts: { mobile?: boolean; javaScriptEnabled?: boolean; landing?: string } = {}): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ timezoneId: 'Europe/London', javaScriptEnabled: opts.javaScriptEnabled ?? true, viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1100, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', `${who}@${demoDomain}`);
  await page.fill('#password', demoPassword);
  // Staff who reach no child's record start elsewhere (a provider at /local-offer/provider).
  await Promise.all([page.waitForURL(`${base}${opts.landing ?? '/'}`), page.click('button:has-text("Sign in")')]);
  return { ctx, page };
}

/** Fails with axe's violations on the page as it is now; takes a screenshot when asked (SCREENSHOTS=1). */
export async function expectAccessible(page: Page, what: string, shot?: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe on ${what}`);
  if (shot) await screenshot(page, shot);
}

/**
 * Asserts that the page shows something matching `selector`, waiting for it (up to 15 s) rather than counting at
 * once: after a click that submits a form the next page may not have arrived yet on a loaded machine.
 */
export async function expectPresent(page: Page, selector: string, what?: string): Promise<void> {
  try {
    await page.locator(selector).first().waitFor({ state: 'attached', timeout: 15_000 });
  } catch {
    assert.fail(what ?? `expected the page to show ${selector} (at ${page.url()})`);
  }
}
