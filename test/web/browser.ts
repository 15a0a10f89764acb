import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildWeb } from '../../web/build.js';
import { startSystem, type System } from '../support/system.js';

/*
 * Browser tests: Debian's chromium driven by playwright-core against the local system serving a fresh
 * build of web/dist. axe-core checks every main page; screenshots go to test-results/screenshots/.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const AXE = readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface BrowserSystem {
  system: System;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startBrowserSystem(): Promise<BrowserSystem> {
  buildWeb();
  const system = await startSystem();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  return {
    system,
    browser,
    async stop() {
      await browser.close();
      await system.stop();
    },
  };
}

/** A fresh browser context (its own session storage) signed in through the login page. */
export async function signIn(bs: BrowserSystem, username: string): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP: axe-core is injected as an inline script, which the page's CSP (rightly) forbids.
  const context = await bs.browser.newContext({ bypassCSP: true, locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(`${bs.system.url}/#/login`);
  await page.getByLabel('Brugernavn').fill(username);
  await page.getByRole('button', { name: 'Log ind', exact: true }).click();
  await page.getByRole('navigation', { name: 'Hovedmenu' }).waitFor();
  return { context, page };
}

/** Runs axe-core on the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')) }));
  });
  const serious = violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe on ${name}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
