import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, post, type SignedIn, type TestPlatform } from '@lcfin/backend/testing/platform';
import { startWorkers, type RunningWorkers } from '@lcfin/workers/start';
import { choose, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * How the frame behaves as a reader moves around: pages open at the top and back returns to where
 * one was; buttons read 登录, not 登 录; the side menu's white runs the page's length; countdowns
 * of multi-day stages read in working days.
 */
let t: TestPlatform;
let workers: RunningWorkers;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let ent: SignedIn;
let officer: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  workers = startWorkers(t.platform);
  server = await serve(t);
  browser = await launchBrowser();
  [ent, officer] = await Promise.all([t.signIn('ent.demo'), t.signIn('officer.lcrcb')]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await workers?.close();
  await t?.close();
});

const wide = { width: 1440, height: 900 };
const scrollY = (page: Page) => page.evaluate(() => Math.round(window.scrollY));
const scrolledTo = (page: Page, y: number) => expect.poll(() => scrollY(page), { timeout: 5_000 }).toBe(y);
const scrollTo = (page: Page, y: number) => page.evaluate((to) => window.scrollTo(0, to), y);

/** Waits until the page has loaded past `height` pixels: its code and figures arrive after the frame. */
const tallerThan = (page: Page, height: number) =>
  expect
    .poll(() => page.evaluate(() => document.documentElement.scrollHeight), { timeout: 15_000 })
    .toBeGreaterThan(height);

/** The admin's working calendar, a page twice the window's height once its year has loaded. */
async function openCalendar(page: Page): Promise<void> {
  await page.goto(`${server.url}/admin/calendar`);
  await tallerThan(page, wide.height * 1.8);
}

describe('the frame in Chromium', () => {
  it('writes two-character buttons without a space between the characters', async () => {
    const context = await browser.newContext({ viewport: wide });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    const login = page.locator('button[type="submit"]');
    await expect(login.textContent()).resolves.toBe('登录');
    await context.close();
  });

  it('runs the side menu’s background down the whole of a long page', async () => {
    const { context, page } = await signedInTab(browser, server.url, 'admin', wide);
    await openCalendar(page);
    const content = (await page.locator('.ant-layout-content').boundingBox())!;
    const sider = (await page.locator('.ant-layout-sider').boundingBox())!;
    expect(sider.y + sider.height).toBeGreaterThanOrEqual(content.y + content.height - 1);
    // Scrolled to the end, the menu is still in view under the header.
    await scrollTo(page, 100_000);
    const menu = (await page.getByTestId('nav').boundingBox())!;
    expect(menu.y).toBeGreaterThanOrEqual(64);
    expect(menu.y).toBeLessThan(wide.height);
    await screenshot(page, 'ux-long-page-menu-desktop');
    await context.close();
  }, 60_000);

  it('opens every page at the top, and back and forward return to where the reader was', async () => {
    const { context, page } = await signedInTab(browser, server.url, 'admin', wide);
    // The overview seen once already: its code and figures are at hand, drawn at once when it comes back.
    await page.goto(`${server.url}/bureau/overview`);
    await page.getByTestId('nav').waitFor();
    await tallerThan(page, 1200);
    await page.getByTestId('nav').getByText('工作日历').click();
    await page.waitForURL('**/admin/calendar');
    await tallerThan(page, 1600);
    await scrollTo(page, 600);
    await scrolledTo(page, 600);

    // The side menu leads to another long page: it starts at the top.
    await page.getByTestId('nav').getByText('监管驾驶舱').click();
    await page.waitForURL('**/bureau/overview');
    await tallerThan(page, 1200);
    await scrolledTo(page, 0);
    await scrollTo(page, 300);
    await scrolledTo(page, 300);

    // Back: the calendar, where it was left; forward: the overview, where it was left.
    await page.goBack();
    await page.waitForURL('**/admin/calendar');
    await scrolledTo(page, 600);
    await page.goForward();
    await page.waitForURL('**/bureau/overview');
    await scrolledTo(page, 300);
    await context.close();
  }, 60_000);

  it('shows a request submitted on a phone from its top: its status and 撤销需求 in view', async () => {
    const { context, page } = await signedInTab(browser, server.url, 'ent.demo', phone);
    await page.goto(`${server.url}/my/requests/new`);
    const form = page.getByTestId('new-request-form');
    await form.getByLabel('融资金额').fill('50');
    await form.getByLabel('资金用途').fill('购置生产设备');
    await choose(page, '所属行业', 'C 制造业');
    await page.getByTestId('sla-preview').getByText('前响应').waitFor();
    await page.getByTestId('submit-request').scrollIntoViewIfNeeded();
    expect(await scrollY(page)).toBeGreaterThan(300);
    await page.getByTestId('submit-request').click();
    await page.waitForURL(/\/my\/requests\/[0-9a-f-]{36}$/);
    await page.getByTestId('request-title').waitFor();
    await scrolledTo(page, 0);
    const cancel = (await page.getByTestId('cancel-request').boundingBox())!;
    expect(cancel.y + cancel.height).toBeLessThanOrEqual(phone.height);
    await screenshot(page, 'ux-submitted-phone');
    await context.close();
  }, 60_000);

  it('counts a 2-working-day stage down in working days and hours, then hours and minutes', async () => {
    // Claimed Monday 10:00: contact & investigate is due Wednesday 10:00, two working days on.
    t.setNow(new Date('2025-03-17T10:00:00+08:00'));
    const { body } = await post(ent, '/loan-requests', {
      amount: 600_000,
      termMonths: 24,
      purpose: '购置生产设备',
      collateral: 'credit',
      county: '371502',
      industry: 'C',
    }).expect(201);
    const id = (body as { id: string }).id;
    await expect
      .poll(async () => (await ent.agent.get(`${API}/loan-requests/${id}`)).body.status, { timeout: 15_000 })
      .toBe('open');
    await post(officer, `/loan-requests/${id}/claim`).expect(200);

    const staff = await signedInTab(browser, server.url, 'officer.lcrcb', wide);
    await staff.page.goto(`${server.url}/officer/requests`);
    const countdown = staff.page.locator(`[data-row-key="${id}"] [data-testid="countdown"]`);
    await expect(countdown.textContent()).resolves.toBe('剩余 1 个工作日 7 小时');
    await screenshot(staff.page, 'ux-countdown-days-desktop');

    // The applicant's page says the same, and in English too.
    const applicant = await signedInTab(browser, server.url, 'ent.demo', phone);
    await applicant.page.goto(`${server.url}/my/requests/${id}`);
    await expect(applicant.page.getByTestId('promise-contact').textContent()).resolves.toContain(
      '剩余 1 个工作日 7 小时',
    );
    await screenshot(applicant.page, 'ux-countdown-days-phone');
    await applicant.page.evaluate(() => localStorage.setItem('lcfin.language', 'en'));
    await applicant.page.reload();
    await expect(applicant.page.getByTestId('promise-contact').textContent()).resolves.toContain(
      '1 working day 7 h left',
    );
    await applicant.context.close();

    // Tuesday 11:30: within the last working day, hours and minutes.
    t.setNow(new Date('2025-03-18T11:30:00+08:00'));
    await staff.page.reload();
    await expect(countdown.textContent()).resolves.toMatch(/^剩余 6 小时 (29|30) 分钟$/);
    // Wednesday 12:00, two working hours past the due time.
    t.setNow(new Date('2025-03-19T12:00:00+08:00'));
    await staff.page.reload();
    await expect(countdown.textContent()).resolves.toMatch(/^已超时 (1 小时 59 分钟|2 小时)$/);
    await screenshot(staff.page, 'ux-countdown-overdue-desktop');
    await staff.context.close();
  }, 90_000);
});
