import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLivingDemo } from '@lcfin/backend/seed/demo';
import { API, createTestPlatform, type SignedIn, type TestPlatform } from '@lcfin/backend/testing/platform';
import { desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * What `npm start` shows on an empty database: the living demo (six weeks of requests up to the
 * platform clock's now) on the bureau's dashboard, 321 page and breach list, and in officer.lcrcb's
 * 我的订单 — every page with data, the figures the API gives.
 */
const NOW = new Date('2026-11-18T10:30:00+08:00');
const PERIOD = 'from=2026-10-08&to=2026-11-18';

let t: TestPlatform;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let city: SignedIn;

beforeAll(async () => {
  t = await createTestPlatform();
  t.setNow(NOW);
  expect(await loadLivingDemo(t.platform.db, { now: t.now(), calendar: t.platform.sla.calendar })).not.toBeNull();
  server = await serve(t);
  browser = await launchBrowser();
  city = await t.signIn('bureau.city');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const signedIn = (username: string, viewport = desktop) => signedInTab(browser, server.url, username, viewport);

describe('the living demo in Chromium', () => {
  it('fills the bureau dashboard with the last weeks: KPIs as the API gives them, charts and rankings', async () => {
    const { body } = await city.agent.get(`${API}/supervision/overview?${PERIOD}`).expect(200);
    expect(body.requests).toBeGreaterThan(100);
    const { context, page } = await signedIn('bureau.city');
    await page.goto(`${server.url}/bureau/overview?${PERIOD}&interval=week`);
    for (const key of ['requests', 'claimed', 'approved', 'disbursedAmount'] as const) {
      await expect
        .poll(() => page.getByTestId(`kpi-${key}`).getAttribute('data-value'), { timeout: 30_000 })
        .toBe(String(body[key]));
      expect(body[key], key).toBeGreaterThan(0);
    }
    await page.getByTestId('county-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByTestId('trend-chart').locator('.recharts-line-curve').first().waitFor();
    // Institutions ranked on the weeks of use: some best, others to improve, never one in both lists.
    const entries = (list: 'best' | 'worst') =>
      page.getByTestId(`ranking-institution-${list}`).locator('.ant-list-item').allInnerTexts();
    await page.getByTestId('ranking-institution-best').locator('.ant-list-item').first().waitFor();
    const names = async (list: 'best' | 'worst') =>
      (await entries(list)).map((e) => e.split('\n')[0]!.replace(/^\d+\.\s*/, ''));
    const [best, worst] = [await names('best'), await names('worst')];
    expect(best.length).toBeGreaterThan(0);
    expect(worst.length).toBeGreaterThan(0);
    expect(best.filter((name) => worst.includes(name))).toEqual([]);
    await screenshot(page, 'demo-dashboard-desktop');
    await page.setViewportSize(phone);
    await screenshot(page, 'demo-dashboard-phone');

    // The month's printable report: this month's requests so far, against last month's.
    const month = await city.agent.get(`${API}/supervision/overview?from=2026-11-01&to=2026-11-30`).expect(200);
    expect(month.body.requests).toBeGreaterThan(0);
    await page.setViewportSize(desktop);
    await page.goto(`${server.url}/bureau/report?month=2026-11`);
    const report = page.getByTestId('monthly-report');
    await report
      .getByRole('cell', { name: String(month.body.requests), exact: true })
      .first()
      .waitFor();
    await screenshot(page, 'demo-monthly-report-desktop');
    await context.close();
  }, 120_000);

  it('shows 321 figures per stage and county, and breaches with their urges', async () => {
    const { context, page } = await signedIn('bureau.city');
    await page.goto(`${server.url}/bureau/sla?${PERIOD}`);
    await page.getByTestId('sla-stages').waitFor();
    await page.locator('.ant-table-row').getByText('东昌府区').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(1);
    await screenshot(page, 'demo-sla-desktop');

    const breaches = await city.agent.get(`${API}/supervision/breaches?pageSize=10`).expect(200);
    expect(breaches.body.total).toBeGreaterThan(0);
    await page.goto(`${server.url}/bureau/breaches`);
    const first = breaches.body.items[0];
    await page.locator(`tr[data-request-id="${first.request.id}"]`).first().waitFor();
    await page.locator('[data-testid="urge-state"]').first().waitFor();
    await screenshot(page, 'demo-breaches-desktop');
    await page.setViewportSize(phone);
    await screenshot(page, 'demo-breaches-phone');
    await context.close();
  }, 120_000);

  it('gives officer.lcrcb a few orders of his own in 我的订单', async () => {
    const officer = await t.signIn('officer.lcrcb');
    const mine = await officer.agent.get(`${API}/loan-requests?pageSize=20`).expect(200);
    expect(mine.body.total).toBeGreaterThan(2);
    const { context, page } = await signedIn('officer.lcrcb');
    await page.getByRole('menuitem', { name: '我的订单' }).click();
    await page.waitForURL('**/officer/requests');
    await page.getByText(mine.body.items[0].applicant.name).first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(2);
    await screenshot(page, 'demo-officer-orders-desktop');
    await context.close();
  }, 60_000);
});
