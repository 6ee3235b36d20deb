import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, post, type SignedIn, type TestPlatform } from '@lcfin/backend/testing/platform';
import { startWorkers, type RunningWorkers } from '@lcfin/workers/start';
import { desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * The 321 SLA on screen, with the platform's clock moved by the test: the countdowns, the due-soon
 * and overdue lists, the notification centre and the promises the applicant sees kept or missed.
 */
let t: TestPlatform;
let workers: RunningWorkers;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let ent: SignedIn;
let officer: SignedIn;
beforeAll(async () => {
  // The reconciler records reminders and breaches soon after the test moves the clock past them.
  t = await createTestPlatform({ SLA_RECONCILE_MS: '200' });
  workers = startWorkers(t.platform);
  await t.platform.streamHub.ready;
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

const at = (local: string) => new Date(`${local}+08:00`);
const signedIn = (username: string, viewport = desktop) => signedInTab(browser, server.url, username, viewport);

/** ent.demo places an ordinary request in 东昌府区 at `local`; the matcher (a worker) opens it in the pool. */
async function openRequest(local: string): Promise<string> {
  t.setNow(at(local));
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
  return id;
}

/** The countdown of request `id` in the grab hall or a request table, in the state given. */
const countdown = (page: Page, id: string, state: string) =>
  page.locator(
    `:is([data-request-id="${id}"], [data-row-key="${id}"]) [data-testid="countdown"][data-state="${state}"]`,
  );
const dueFilter = (page: Page, due: string, count: number) =>
  page.locator(`[data-testid="filter-${due}"][data-count="${count}"]`);
const bell = (page: Page, unread: number) => page.locator(`[data-testid="notification-bell"][data-unread="${unread}"]`);

describe('the 321 SLA in Chromium', () => {
  let id: string;

  it('counts a pool item down in working time: due soon past the reminder, red once overdue, alerts in the bell', async () => {
    // In the pool Wednesday 10:00: respond by 13:00, reminder at 12:00.
    id = await openRequest('2025-03-12T10:00');
    const { context, page } = await signedIn('officer.lcrcb');
    await page.goto(`${server.url}/pool`);
    await page.getByTestId('live-status').getByText('实时更新中').waitFor();
    const ticking = countdown(page, id, 'on_track');
    await ticking.waitFor();
    await expect(ticking.textContent()).resolves.toMatch(/^剩余 2 小时 5\d 分钟$/);
    // It ticks by the second, though it reads in minutes.
    const first = await ticking.getAttribute('data-seconds-left');
    await expect.poll(() => ticking.getAttribute('data-seconds-left')).not.toBe(first);
    await bell(page, 0).waitFor();
    await screenshot(page, 'sla-pool-countdown-desktop');

    // Past the reminder point: the officers it is offered to are reminded, live; the row turns amber.
    t.setNow(at('2025-03-12T12:10'));
    await countdown(page, id, 'due_soon').waitFor();
    await expect(countdown(page, id, 'due_soon').textContent()).resolves.toMatch(/^剩余 [45]\d 分钟$/);
    await bell(page, 1).waitFor();
    await screenshot(page, 'sla-pool-due-soon-desktop');

    // Nobody responded by 13:00: the request goes city-wide with a fresh window (due 16:05)…
    t.setNow(at('2025-03-12T13:05'));
    await page.locator(`[data-testid="pool"] [data-request-id="${id}"]`).getByText('全市').waitFor();
    await countdown(page, id, 'on_track').waitFor();
    // It has waited since 10:00: going city-wide does not restart the wait.
    await page
      .locator(`[data-testid="pool"] [data-request-id="${id}"]`)
      .getByText(/已等待 3 小时 \d+ 分钟/)
      .waitFor();
    // …which passes too: a second reminder, then the row stays in the pool, red.
    t.setNow(at('2025-03-12T16:10'));
    await countdown(page, id, 'overdue').waitFor();
    await expect(countdown(page, id, 'overdue').textContent()).resolves.toMatch(/^已超时 \d 分钟$/);
    await bell(page, 2).waitFor();
    await screenshot(page, 'sla-pool-overdue-desktop');
    await page.setViewportSize(phone);
    await page.locator(`.ant-card[data-request-id="${id}"] [data-testid="countdown"][data-state="overdue"]`).waitFor();
    await screenshot(page, 'sla-pool-overdue-phone');
    await page.setViewportSize(desktop);

    // The notification centre: both reminders, read one by one or all at once.
    await page.getByTestId('notification-bell').click();
    await page.waitForURL('**/notifications');
    const reminders = page.locator('[data-testid="notification"][data-kind="sla.reminder"]');
    await expect.poll(() => reminders.count()).toBe(2);
    await expect(reminders.first().textContent()).resolves.toContain('即将超时：响应（抢单）');
    await screenshot(page, 'sla-notifications-desktop');
    await reminders.first().getByTestId('mark-read').click();
    await bell(page, 1).waitFor();
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await bell(page, 0).waitFor();
    // The list refetches after the count: it may still show the unread one for a moment.
    await expect.poll(() => page.locator('[data-testid="notification"][data-read="false"]').count()).toBe(0);
    await context.close();

    // The second miss alerted the city bureau, in its own notification centre.
    const bureau = await signedIn('bureau.city');
    await bell(bureau.page, 1).waitFor();
    await bureau.page.goto(`${server.url}/notifications`);
    await bureau.page
      .locator('[data-testid="notification"][data-kind="sla.breach"]')
      .getByText('超时：响应（抢单）')
      .waitFor();
    await bureau.context.close();
  }, 150_000);

  it('shows the applicant each promise: the missed response, the contact kept, the decision under way', async () => {
    // Claimed late (16:10, after the city-wide window closed), contacted and investigated at once.
    await post(officer, `/loan-requests/${id}/claim`).expect(200);
    await post(officer, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: t.today() }).expect(200);
    await post(officer, `/loan-requests/${id}/transition`, { to: 'investigated', visitDate: t.today() }).expect(200);

    const { context, page } = await signedIn('ent.demo');
    await page.goto(`${server.url}/my/requests/${id}`);
    const promise = (stage: string) => page.getByTestId(`promise-${stage}`);
    await promise('respond').and(page.locator('[data-state="missed"]')).waitFor();
    await expect(promise('respond').textContent()).resolves.toMatch(/响应（抢单）第 2 轮超时承诺 3月12日周三 16:05 前/);
    await promise('contact').and(page.locator('[data-state="kept"]')).waitFor();
    await expect(promise('contact').getByTestId('promise-state').textContent()).resolves.toBe('按时');
    await promise('decide').and(page.locator('[data-state="inProgress"]')).waitFor();
    // Five working days from Wednesday 16:1x: the next Wednesday; counting down in working time.
    await expect(promise('decide').textContent()).resolves.toMatch(
      /进行中承诺 3月19日周三 16:1\d 前剩余 4 个工作日 7 小时/,
    );
    await screenshot(page, 'sla-promises-applicant-desktop');
    await page.setViewportSize(phone);
    await promise('decide').scrollIntoViewIfNeeded();
    await screenshot(page, 'sla-promises-applicant-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();

    await post(officer, `/loan-requests/${id}/transition`, {
      to: 'approved',
      approvedAmount: 600_000,
      annualRate: 4.1,
      termMonths: 24,
    }).expect(200);
  }, 90_000);

  it('gives the officer and the institution admin their due soon and overdue lists', async () => {
    // Claimed Monday 10:00: contact & investigate is due Wednesday 10:00, the reminder Tuesday 12:40.
    const claimed = await openRequest('2025-03-17T10:00');
    await post(officer, `/loan-requests/${claimed}/claim`).expect(200);
    const { context, page } = await signedIn('officer.lcrcb');
    await page.goto(`${server.url}/officer/requests`);
    await countdown(page, claimed, 'on_track').waitFor();
    await dueFilter(page, 'soon', 0).waitFor();

    // Past the reminder point the officer is reminded, live, and the request joins 即将到期.
    t.setNow(at('2025-03-18T13:00'));
    await dueFilter(page, 'soon', 1).click();
    await page.waitForURL(/\/officer\/requests\?due=soon$/);
    await countdown(page, claimed, 'due_soon').waitFor();
    await expect.poll(() => page.getByTestId('request-table').locator('[data-row-key]').count()).toBe(1);
    await screenshot(page, 'sla-officer-due-soon-desktop');

    // Past the due time: the breach alerts the institution admin and the bureau, not the officer, whose
    // lists catch up within a minute by themselves; reloading is quicker.
    t.setNow(at('2025-03-19T10:30'));
    await page.reload();
    await dueFilter(page, 'overdue', 1).click();
    await page.waitForURL(/\/officer\/requests\?due=overdue$/);
    await countdown(page, claimed, 'overdue').waitFor();
    await expect(countdown(page, claimed, 'overdue').textContent()).resolves.toMatch(/^已超时 (29|30) 分钟$/);
    await page.setViewportSize(phone);
    await countdown(page, claimed, 'overdue').waitFor();
    await screenshot(page, 'sla-officer-overdue-phone');
    await context.close();

    // The breach alerted the institution admin, whose pipeline counts and lists it in red.
    const admin = await signedIn('inst.lcrcb');
    await bell(admin.page, 1).waitFor();
    await admin.page.goto(`${server.url}/institution/pipeline`);
    await admin.page.getByTestId('count-overdue').locator('.ant-statistic-content').getByText('1').waitFor();
    await admin.page.getByTestId('count-overdue').click();
    await admin.page.waitForURL(/\/institution\/pipeline\?due=overdue$/);
    await countdown(admin.page, claimed, 'overdue').waitFor();
    await expect.poll(() => admin.page.getByTestId('request-table').locator('[data-row-key]').count()).toBe(1);
    await screenshot(admin.page, 'sla-pipeline-overdue-desktop');
    await admin.context.close();
  }, 120_000);
});
