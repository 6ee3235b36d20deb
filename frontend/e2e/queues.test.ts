import { Worker, type Job } from 'bullmq';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from '@lcfin/backend/queue/queues';
import { createRedis } from '@lcfin/backend/queue/redis';
import { createTestPlatform, type TestPlatform } from '@lcfin/backend/testing/platform';
import { desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/** The platform admin's queue dashboard: opened from the menu, it shows a failed job and retries it. */
let t: TestPlatform;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
beforeAll(async () => {
  t = await createTestPlatform();
  server = await serve(t);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const FAILURE = 'the test makes this timer fail';

/** A job of the platform's SLA timer queue that a real worker ran and that failed. */
async function failedJob(): Promise<Job> {
  const connection = createRedis(t.config.REDIS_URL, { blocking: true });
  const worker = new Worker(
    QUEUE_NAMES.slaTimers,
    async () => {
      throw new Error(FAILURE);
    },
    { connection, prefix: t.config.REDIS_PREFIX },
  );
  try {
    const failed = new Promise<void>((resolve) => worker.once('failed', () => resolve()));
    const job = await t.platform.queues.slaTimers.add('dashboard-test', { stageId: 'none' }, { attempts: 1 });
    await failed;
    return job;
  } finally {
    await worker.close();
    connection.disconnect();
  }
}

describe('the queue dashboard in Chromium', () => {
  it('opens from the admin menu in a new tab, shows a failed job and retries it', async () => {
    const job = await failedJob();
    const { context, page } = await signedInTab(browser, server.url, 'admin', { width: 1440, height: 900 });
    const link = page.getByTestId('nav').getByRole('link', { name: '任务队列' });
    await expect.poll(() => link.getAttribute('target')).toBe('_blank');
    // The home page's shortcut to it leaves the web app the same way.
    const everyLink = page.locator('a[href="/admin/queues"]');
    await expect
      .poll(() => everyLink.evaluateAll((as) => as.map((a) => a.getAttribute('target'))))
      .toEqual(['_blank', '_blank']);
    const [dashboard] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await dashboard.waitForLoadState();
    expect(new URL(dashboard.url()).pathname).toBe('/admin/queues');
    // Every platform queue is listed.
    for (const name of Object.values(QUEUE_NAMES)) await dashboard.getByText(name).first().waitFor();
    await screenshot(dashboard, 'queues-overview-desktop');

    await dashboard.goto(`${server.url}/admin/queues/queue/${QUEUE_NAMES.slaTimers}?status=failed`);
    await dashboard.getByText(FAILURE).first().waitFor();
    await screenshot(dashboard, 'queues-failed-desktop');
    // bull-board's job actions are icon buttons without a name: the job card's retry is its circling arrows.
    const card = dashboard.locator('[class*=card]', { hasText: 'dashboard-test' }).first();
    await card.locator('button:has(svg.lucide-refresh-cw)').click();
    await dashboard.getByRole('alertdialog').getByRole('button', { name: '确认' }).click();
    await expect.poll(() => job.getState(), { timeout: 10_000 }).toBe('waiting');
    await context.close();
  });

  it("is in the admin's menu on a phone, and in no other role's", async () => {
    const admin = await signedInTab(browser, server.url, 'admin', phone);
    await admin.page.getByRole('button', { name: '打开导航' }).first().click();
    await admin.page.getByTestId('nav').getByRole('link', { name: '任务队列' }).waitFor();
    await screenshot(admin.page, 'queues-menu-phone');
    await admin.context.close();

    const officer = await signedInTab(browser, server.url, 'officer.lcrcb', desktop);
    await officer.page.getByTestId('nav').getByRole('link').first().waitFor();
    expect(await officer.page.getByTestId('nav').getByRole('link', { name: '任务队列' }).count()).toBe(0);
    const refused = await officer.page.goto(`${server.url}/admin/queues`);
    expect(refused?.status()).toBe(403);
    await officer.context.close();
  });
});
