import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../../../..');
export const SCREENSHOTS = resolve(ROOT, 'test-output/console');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless (no browser download: playwright-core only drives it). */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Every console error and uncaught page error so far. */
  errors: string[];
}

/** A fresh browser profile (no session), recording what the page logs as an error. */
export async function openTab(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Tab> {
  // bypassCSP: axe is injected as an inline script, which the console's own policy rightly forbids.
  const context = await browser.newContext({ viewport, acceptDownloads: true, bypassCSP: true, locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target })) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * What loading the page cost: first contentful paint and the bytes fetched, written
 * to test-output/console/<name>.metrics.json for the record (timings are not asserted:
 * a loaded CI machine would make that flaky).
 */
export async function recordLoadMetrics(page: Page, name: string): Promise<void> {
  const metrics = await page.evaluate(() => ({
    firstContentfulPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    domContentLoadedMs: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? null,
    transferredBytes: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).reduce((sum, r) => sum + r.encodedBodySize, 0),
  }));
  writeFileSync(resolve(SCREENSHOTS, `${name}.metrics.json`), `${JSON.stringify(metrics, null, 2)}\n`);
}

export async function logIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}
