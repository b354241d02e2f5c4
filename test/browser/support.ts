// Browser tests drive Debian's Chromium through playwright-core and check every page with axe (WCAG 2.2 AA).
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seedDemoArea } from '../../src/demo/seed.ts';

export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(chromiumPath);
const shotsDir = path.resolve(import.meta.dirname, '../../docs/screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
