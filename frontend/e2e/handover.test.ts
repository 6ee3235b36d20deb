import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, post, TEST_EPOCH, type TestPlatform } from '@lcfin/backend/testing/platform';
import { choose, desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * 转派: inst.lcrcb hands a request officer.lcrcb claimed to another officer of 聊城农商银行 (the demo
 * has one, so the test adds 王经理 through the API); the timeline says who had it, who has it now
 * and why, and the new officer finds it in 我的订单 with the next step to take.
 */
let t: TestPlatform;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let id = '';
const HOLDER = '张经理（聊城农商银行）';
const SUCCESSOR = '王经理';
const REASON = '原客户经理休假，由王经理接手';

beforeAll(async () => {
  t = await createTestPlatform();
  t.setNow(TEST_EPOCH);
  server = await serve(t);
  browser = await launchBrowser();
  const [ent, officer, admin] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
    t.signIn('inst.lcrcb'),
  ]);
  await post(admin, `/institutions/${admin.user.institutionId}/officers`, {
    username: 'officer.lcrcb.wang',
    password: 'demo1234',
    displayName: SUCCESSOR,
    countiesServed: ['371502'],
  }).expect(201);
  id = await t.openRequest(ent);
  await post(officer, `/loan-requests/${id}/claim`).expect(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe('转派 in Chromium', () => {
  it('lets the institution admin hand a claimed request to another officer, and the timeline shows it', async () => {
    const { context, page } = await signedInTab(browser, server.url, 'inst.lcrcb', desktop);
    await page.goto(`${server.url}/institution/pipeline/${id}`);
    await page.getByTestId('request-outcome').getByText(HOLDER).waitFor();
    await page.getByTestId('handover-open').click();
    const form = page.getByTestId('handover-form');
    await form.waitFor();
    // Only the institution's other officers serving the county are offered: not the one holding it.
    await page.getByLabel('接手的客户经理', { exact: true }).click();
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await dropdown.getByTitle(SUCCESSOR).waitFor();
    await expect(dropdown.locator('.ant-select-item-option').allTextContents()).resolves.toEqual([SUCCESSOR]);
    await page.keyboard.press('Escape');
    await choose(page, '接手的客户经理', SUCCESSOR);
    await form.getByLabel('转派原因').fill(REASON);
    await screenshot(page, 'handover-modal-desktop');
    await page.getByTestId('handover-submit').click();
    await page.getByText(`已转派给${SUCCESSOR}`).waitFor();

    await page.getByTestId('request-outcome').getByText(SUCCESSOR).waitFor();
    const entry = page.getByTestId('timeline-entry').filter({ hasText: '转派' });
    await entry.getByText(`由 ${HOLDER} 转给 ${SUCCESSOR}`).waitFor();
    await entry.getByText(REASON).waitFor();
    // The claim is still credited to the officer who made it, though the request is no longer theirs.
    const claim = page.getByTestId('timeline-entry').filter({ hasText: '已抢单' });
    await expect(claim.textContent()).resolves.toContain(HOLDER);
    // Taken by the viewer: the actor reads 我.
    await expect(entry.textContent()).resolves.toContain('· 我');
    await expect(page.getByText('加载失败').count()).resolves.toBe(0);
    await screenshot(page, 'handover-timeline-desktop');

    await page.getByTestId('language-switch').click();
    await page
      .getByTestId('timeline-entry')
      .filter({ hasText: 'Handed over' })
      .getByText(`From ${HOLDER} to ${SUCCESSOR}`)
      .waitFor();
    await page.getByTestId('language-switch').click();
    await context.close();
  }, 120_000);

  it('opens it to the new officer with the next step to take, on a phone', async () => {
    const { context, page } = await signedInTab(browser, server.url, 'officer.lcrcb.wang', phone);
    await page.goto(`${server.url}/officer/requests/${id}`);
    await page.getByTestId('request-actions').getByTestId('stage-contacted').waitFor();
    await page.getByTestId('timeline-entry').filter({ hasText: '转派' }).getByText(REASON).waitFor();
    await screenshot(page, 'handover-new-officer-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  }, 90_000);
});
