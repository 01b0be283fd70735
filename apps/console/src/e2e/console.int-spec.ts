/** @jest-environment node */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SipPhone } from '@branchline/testing';
import { launchBrowser, logIn, openTab, recordLoadMetrics, screenshot, seriousViolations } from './browser';
import { PASSWORD, seedCalls, seedCompany } from './seed';
import { startSuite, type Suite } from './suite';

/**
 * The console in headless Chromium against the real suite: accounts serving
 * the built console, Postgres, Redis, a sip-server, the registrar and routing.
 * Each test sets up its own company through the API and logs in itself.
 */
describe('the web console in a real browser', () => {
  let suite: Suite;
  let browser: Browser;
  const slug = (what: string) => `${what}${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startSuite(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
  }, 60_000);

  const expectAccessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);
  const link = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  it('lets an admin create a site and an extension, see its password once, explain a call and watch the phone register', async () => {
    const company = await seedCompany(suite, slug('adm'));
    const { page, context, errors } = await openTab(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.url });

    await page.goto(`${suite.url}/extensions`);
    await page.getByRole('heading', { name: 'Branchline console' }).waitFor();
    await recordLoadMetrics(page, 'login');
    await expectAccessible(page);
    await screenshot(page, 'login');
    await logIn(page, suite.url, company.adminEmail, PASSWORD);
    await expectAccessible(page);
    await screenshot(page, 'overview-admin');

    await link(page, 'Sites').click();
    await page.getByRole('button', { name: 'New site' }).click();
    await page.getByLabel('Name', { exact: true }).fill('München');
    await page.getByLabel('Code', { exact: true }).fill('MUC');
    await page.getByLabel('First extension').fill('1500');
    await page.getByLabel('Last extension').fill('1599');
    await page.getByLabel('Area code').fill('89');
    await page.getByRole('button', { name: 'Create site' }).click();
    // Berlin has 1000-1999: the API's reason is shown at the range's first field.
    await page.getByText('overlaps BER (1000-1999)').waitFor();
    expect(await page.getByLabel('First extension').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('First extension').fill('3000');
    await page.getByLabel('Last extension').fill('3999');
    await page.getByRole('button', { name: 'Create site' }).click();
    await page.getByText('Site MUC was saved.').waitFor();
    await page.getByRole('row', { name: /MUC München 3000–3999/ }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'sites');

    await link(page, 'Extensions').click();
    await page.getByRole('button', { name: 'New extension' }).click();
    // The new site is offered at once (the session's sites were re-read).
    expect(await page.getByRole('combobox', { name: 'Site' }).first().locator('option').allTextContents()).toEqual(['BER · Berlin', 'HAM · Hamburg', 'MUC · München']);
    // The API's field error lands at its field: 1001 is taken already.
    await page.getByLabel('Number', { exact: true }).fill(company.callee.number);
    await page.getByLabel('Name', { exact: true }).fill('Anna Schmidt');
    await page.getByRole('button', { name: 'Create extension' }).click();
    const number = page.getByLabel('Number', { exact: true });
    await page.getByText('is already in use').waitFor();
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await number.getAttribute('aria-describedby')}`).textContent()).toBe('is already in use');

    await number.fill('1002');
    await page.getByRole('button', { name: 'Create extension' }).click();
    const password = (await page.getByTestId('sip-password').textContent()) ?? '';
    expect(password).toMatch(/^\S{8,}$/);
    await page.getByRole('button', { name: 'Copy the SIP password' }).click();
    await page.getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
    await expectAccessible(page);
    await screenshot(page, 'extensions-password-once');
    await page.getByRole('button', { name: 'I have noted it' }).click();
    await page.getByRole('row', { name: /1002 Anna Schmidt/ }).waitFor();
    await page.reload();
    await page.getByRole('row', { name: /1002 Anna Schmidt/ }).waitFor();
    expect(await page.content()).not.toContain(password);

    await link(page, 'Explain a call').click();
    await page.getByLabel('Calling extension (number)').fill('1002');
    await page.getByLabel('Dialed number').fill(company.callee.number);
    await page.getByRole('button', { name: 'Explain' }).click();
    const result = page.getByTestId('explain-result');
    await result.getByText('Internal call', { exact: true }).waitFor();
    expect(await result.textContent()).toContain('allowed');
    await expectAccessible(page);
    await screenshot(page, 'explain');

    await link(page, 'Registrations').click();
    await page.getByText('No phone is registered.').waitFor();
    // The password shown once is the one that works: the new phone registers with it.
    const phone = await SipPhone.open('1002', company.sipDomain, { host: '127.0.0.1', port: suite.sip.sipPort });
    try {
      const { final } = await phone.registerWithAuth(password, { expires: 300 });
      expect(final?.status).toBe(200);
      await page.getByRole('row', { name: /1002 Anna Schmidt BER/ }).waitFor({ timeout: 15_000 });
    } finally {
      phone.close();
    }
    expect(await page.getByText('1 registration', { exact: true }).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'registrations');

    // Chromium logs the refused overlap and duplicate (409) as failed resources; nothing else may be logged.
    expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
    await context.close();
  }, 150_000);

  it('shows finance the spend on charts, offers no edit controls and downloads the report as CSV', async () => {
    const company = await seedCompany(suite, slug('fin'));
    await seedCalls(suite, company);
    const { page, context, errors } = await openTab(browser);
    await logIn(page, suite.url, company.financeEmail, PASSWORD);

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Overview', 'Sites', 'Call records', 'Reports']);
    await page.getByText('€2.02345').first().waitFor();
    expect(await page.locator('[data-testid=bar-chart] svg path').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /edit|new|reset|delete/i }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'overview-finance');

    await link(page, 'Reports').click();
    await page.getByTestId('total-cost').getByText('€2.02345').waitFor();
    const rows = page.getByRole('region', { name: 'Report rows' }).getByRole('row');
    await rows.filter({ hasText: 'BER' }).getByText('€1.62345').waitFor();
    await rows.filter({ hasText: 'HAM' }).getByText('€0.40').waitFor();
    expect(await page.locator('[data-testid=bar-chart] svg path').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /edit|new|reset|delete/i }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'reports');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^report-summary-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toMatch(/BER.*1\.62345/);
    expect(csv).toMatch(/HAM.*0\.40000/);

    await page.getByRole('button', { name: 'Show the calls of BER' }).click();
    const drill = page.getByRole('region', { name: 'Calls of BER' });
    await drill.getByText('+33142685300').waitFor();
    expect(await drill.getByRole('row').count()).toBe(3); // header + Berlin's two calls

    await link(page, 'Sites').click();
    await page.getByRole('row', { name: /HAM Hamburg/ }).waitFor();
    expect(await page.getByRole('button', { name: /edit|new|reset|delete/i }).count()).toBe(0);
    await page.goto(`${suite.url}/extensions`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await link(page, 'Call records').click();
    await page.getByText('+49401234567').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'cdrs');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('offers a site admin its own sites only, and edit controls only for their extensions', async () => {
    const company = await seedCompany(suite, slug('sad'));
    const { page, context, errors } = await openTab(browser);
    await logIn(page, suite.url, company.siteAdminEmail, PASSWORD);
    const phones = page.getByRole('region', { name: 'Phones registered now' }).first();
    await phones.getByText('HAM · Hamburg').waitFor();
    expect(await phones.getByText('BER · Berlin').count()).toBe(0);

    await link(page, 'Extensions').click();
    // Berlin's 1001 is not Hamburg's: the list is empty, and the site filter knows Hamburg only.
    await page.getByText('Nothing to show').waitFor();
    expect(await page.getByRole('combobox', { name: 'Site' }).locator('option').allTextContents()).toEqual(['All', 'HAM · Hamburg']);
    await page.getByRole('button', { name: 'New extension' }).click();
    const site = page.getByRole('combobox', { name: 'Site' }).first();
    expect(await site.locator('option').allTextContents()).toEqual(['HAM · Hamburg']);
    await page.getByLabel('Number', { exact: true }).fill('2001');
    await page.getByLabel('Name', { exact: true }).fill('Hafenbüro');
    await page.getByRole('button', { name: 'Create extension' }).click();
    await page.getByRole('heading', { name: 'SIP credentials of 2001' }).waitFor();
    await page.getByRole('button', { name: 'I have noted it' }).click();
    await page.getByRole('row', { name: /2001 Hafenbüro HAM/ }).getByRole('button', { name: 'Edit' }).waitFor();
    await expectAccessible(page);

    await link(page, 'Reports').click();
    const statementSite = page.getByLabel('Statement for site');
    await statementSite.waitFor();
    expect(await statementSite.locator('option').allTextContents()).toEqual(['HAM · Hamburg']);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('fits a phone-width screen and speaks German, with amounts and dates in German formats', async () => {
    const company = await seedCompany(suite, slug('mob'));
    await seedCalls(suite, company);
    const { page, context, errors } = await openTab(browser, { width: 390, height: 844 });
    await logIn(page, suite.url, company.financeEmail, PASSWORD);
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('heading', { name: 'Übersicht' }).waitFor();
    await page.getByText('2,02345 €').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await screenshot(page, 'overview-phone-de');

    await page.getByRole('link', { name: 'Auswertungen' }).click();
    await page.getByTestId('total-cost').getByText('2,02345 €').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await screenshot(page, 'reports-phone-de');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
