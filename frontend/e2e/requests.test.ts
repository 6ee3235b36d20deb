import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, type TestPlatform } from '@lcfin/backend/testing/platform';
import { startWorkers, type RunningWorkers } from '@lcfin/workers/start';
import { choose, confirmPopup, desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

let t: TestPlatform;
let workers: RunningWorkers;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
beforeAll(async () => {
  t = await createTestPlatform();
  // The matcher opens requests in the pool and the stream publisher feeds GET /stream: both are workers.
  workers = startWorkers(t.platform);
  await t.platform.streamHub.ready;
  server = await serve(t);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await workers?.close();
  await t?.close();
});

const signedIn = (username: string, viewport = desktop) => signedInTab(browser, server.url, username, viewport);

/** Opens the grab hall and waits until its live stream is connected. */
async function openGrabHall(page: Page): Promise<void> {
  await page.goto(`${server.url}/pool`);
  await page.getByTestId('live-status').getByText('实时更新中').waitFor();
}

/** The text of the form item labelled `label` (an antd select shows its choice there). */
const field = (page: Page, label: string) =>
  page.getByTestId('new-request-form').locator('.ant-form-item', { has: page.getByText(label, { exact: true }) });

const poolRow = (page: Page, id: string) => page.locator(`[data-testid="pool"] [data-request-id="${id}"]`);
const detail = (page: Page, status: string) => page.locator(`[data-testid="request-detail"][data-status="${status}"]`);

/** The claiming officer records the next stage in its small form. */
async function recordStage(page: Page, to: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId('request-actions').getByTestId(`stage-${to}`).click();
  const form = page.getByTestId('stage-form');
  // Typing during the modal's opening animation was lost under load (the form then stayed open).
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor();
  await expect.poll(async () => (await modal.getAttribute('class')) ?? '').not.toMatch(/-(appear|enter)\b/);
  await fill?.();
  await form.locator('button[type="submit"]').click();
  await form.waitFor({ state: 'detached' });
  await detail(page, to).waitFor();
}

describe('loan requests and the grab hall in Chromium', () => {
  it('prefills a request from a catalog product, with its ranges, kind and the 321 promise', async () => {
    const { context, page } = await signedIn('ent.demo');
    // A quarter past ten on the evening before the National Day holiday: the promise is for 9 October.
    await page.clock.setFixedTime(new Date('2025-09-30T22:15:00+08:00'));
    await page.goto(`${server.url}/products`);
    await page.getByTestId('product-name').getByText('水城快贷', { exact: true }).click();
    await page.getByTestId('apply').click();
    await page.waitForURL(/\/my\/requests\/new\?productId=/);

    await expect(page.getByTestId('chosen-product').textContent()).resolves.toContain('聊城农商银行');
    const form = page.getByTestId('new-request-form');
    await form.waitFor();
    await expect(field(page, '担保方式').textContent()).resolves.toContain('信用');
    await expect(field(page, '所在区县').textContent()).resolves.toContain('东昌府区');
    await expect(field(page, '融资金额').textContent()).resolves.toContain('该产品');
    await expect(page.getByTestId('sla-preview').textContent()).resolves.toMatch(/10月9日.*12:00 前响应/);
    await expect(page.getByTestId('sla-preview').textContent()).resolves.toContain('聊城农商银行独享至');
    // Outside the product's range, the form says so before anything is sent.
    await form.getByLabel('融资金额').fill('5000');
    await page.getByTestId('submit-request').click();
    await form.getByText('超出所选产品的范围').waitFor();
    await screenshot(page, 'request-new-from-product-desktop');

    await page.getByTestId('chosen-product').getByRole('button', { name: '不指定产品' }).click();
    await page.waitForURL((url) => url.pathname === '/my/requests/new' && url.search === '');
    await page.getByText('所有符合条件的银行都可以抢单').waitFor();
    await context.close();
  }, 90_000);

  it('runs a request from the enterprise through the grab hall race to approval, live on both sides', async () => {
    const lcrcb = await signedIn('officer.lcrcb');
    const qilu = await signedIn('officer.qilu');
    await openGrabHall(lcrcb.page);
    await openGrabHall(qilu.page);

    // ent.demo places an open 500,000-yuan, 12-month credit request in 东昌府区 (industry C).
    const ent = await signedIn('ent.demo');
    await ent.page.getByTestId('nav').getByText('我的融资需求').click();
    await ent.page.getByTestId('new-request').first().click();
    await ent.page.waitForURL('**/my/requests/new');
    const form = ent.page.getByTestId('new-request-form');
    await form.getByLabel('融资金额').fill('50');
    await expect(form.getByLabel('融资期限').inputValue()).resolves.toBe('12');
    await form.getByLabel('资金用途').fill('夜间下单：采购数控机床');
    await choose(ent.page, '所属行业', 'C 制造业');
    await ent.page.getByTestId('sla-preview').getByText('前响应').waitFor();
    await screenshot(ent.page, 'request-new-desktop');
    await ent.page.getByTestId('submit-request').click();
    await ent.page.waitForURL(/\/my\/requests\/[0-9a-f-]{36}$/);
    const id = ent.page.url().split('/').pop()!;
    await expect(ent.page.getByTestId('request-title').textContent()).resolves.toBe('50 万元 · 12 个月');

    // Both officers see it arrive in the grab hall without reloading.
    await poolRow(lcrcb.page, id).waitFor();
    await poolRow(qilu.page, id).waitFor();
    await expect(poolRow(lcrcb.page, id).textContent()).resolves.toMatch(/50 万元.*12 个月.*东昌府区.*C 制造业.*本县/);
    // The applicant is masked until a claim.
    await expect(poolRow(lcrcb.page, id).textContent()).resolves.not.toContain('鲁西机械制造有限公司');
    await detail(ent.page, 'open').waitFor();
    await screenshot(lcrcb.page, 'pool-desktop');
    await lcrcb.page.setViewportSize(phone);
    await lcrcb.page.locator(`.ant-card[data-request-id="${id}"]`).waitFor();
    await screenshot(lcrcb.page, 'pool-phone');
    const overflow = await lcrcb.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await lcrcb.page.setViewportSize(desktop);

    // The race: qilu's claim is on its way while lcrcb's reaches the server first.
    let releaseQilu!: () => Promise<void>;
    const qiluHeld = new Promise<void>((held) => {
      void qilu.page.route('**/api/v1/loan-requests/*/claim', (route: Route) => {
        releaseQilu = () => route.continue();
        held();
      });
    });
    await poolRow(qilu.page, id).getByTestId('claim').click();
    await qiluHeld;
    await poolRow(lcrcb.page, id).getByTestId('claim').click();
    await lcrcb.page.getByTestId('claim-won').waitFor();
    await lcrcb.page.waitForURL(`**/officer/requests/${id}`);
    await releaseQilu();
    await qilu.page.getByTestId('claim-taken').waitFor();
    await expect(qilu.page.getByTestId('claim-taken').textContent()).resolves.toContain('已被抢走');
    await poolRow(qilu.page, id).waitFor({ state: 'detached' });
    await screenshot(qilu.page, 'pool-taken-desktop');

    // The enterprise watches each step arrive, never reloading.
    await detail(ent.page, 'claimed').waitFor();
    await expect(lcrcb.page.getByTestId('request-facts').textContent()).resolves.toContain('鲁西机械制造有限公司');
    await recordStage(lcrcb.page, 'contacted', () =>
      lcrcb.page.getByTestId('stage-form').getByLabel('备注').fill('已电话联系，约定明日上门'),
    );
    await detail(ent.page, 'contacted').waitFor();
    await ent.page.getByTestId('request-timeline').getByText('已电话联系，约定明日上门').waitFor();

    await recordStage(lcrcb.page, 'investigated');
    await detail(ent.page, 'investigated').waitFor();

    await recordStage(lcrcb.page, 'approved', async () => {
      const stage = lcrcb.page.getByTestId('stage-form');
      await expect(stage.getByLabel('批准金额').inputValue()).resolves.toBe('50');
      await stage.getByLabel('年利率（%）').fill('4.35');
      await expect.poll(() => stage.getByLabel('年利率（%）').inputValue()).toBe('4.35');
    });
    await detail(ent.page, 'approved').waitFor();
    await ent.page.getByTestId('request-timeline').getByText('批准 50 万元 · 年利率 4.35% · 12 个月').waitFor();
    await expect(ent.page.getByTestId('request-outcome').textContent()).resolves.toContain('聊城农商银行');
    await screenshot(ent.page, 'request-detail-applicant-desktop');
    await screenshot(lcrcb.page, 'request-detail-officer-desktop');

    // The same page on a phone, and the lists that lead to it.
    await ent.page.setViewportSize(phone);
    await ent.page.getByTestId('request-steps').waitFor();
    await screenshot(ent.page, 'request-detail-phone');
    const phoneOverflow = await ent.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(phoneOverflow).toBeLessThanOrEqual(0);
    await ent.page.setViewportSize(desktop);
    await ent.page.getByTestId('nav').getByText('我的融资需求').click();
    await ent.page.getByTestId('request-table').getByText('已审批').waitFor();
    await screenshot(ent.page, 'my-requests-desktop');

    await lcrcb.page.goto(`${server.url}/officer/requests`);
    await lcrcb.page.getByTestId('request-table').getByTestId('stage-disbursed').waitFor();
    await screenshot(lcrcb.page, 'officer-requests-desktop');

    const admin = await signedIn('inst.lcrcb');
    await admin.page.goto(`${server.url}/institution/pipeline`);
    await admin.page.getByTestId('count-approved').locator('.ant-statistic-content').getByText('1').waitFor();
    await admin.page.getByTestId('request-link').click();
    await detail(admin.page, 'approved').waitFor();
    // Read-only for the institution admin.
    await expect(admin.page.getByTestId('request-actions').locator('button').count()).resolves.toBe(0);
    await admin.page.goto(`${server.url}/institution/pipeline`);
    await admin.page.getByTestId('request-table').getByText('已审批').waitFor();
    await screenshot(admin.page, 'institution-pipeline-desktop');

    for (const session of [lcrcb, qilu, ent, admin]) await session.context.close();
  }, 120_000);

  it('lets the officer reject with a reason, the applicant reopen it to other banks, then withdraw it', async () => {
    const applicant = await t.signIn('ent.demo');
    const officer = await t.signIn('officer.lcrcb');
    const { body: placed } = await applicant.agent
      .post(`${API}/loan-requests`)
      .set('x-csrf-token', applicant.csrf)
      .send({
        amount: 300_000,
        termMonths: 24,
        purpose: '扩建厂房',
        collateral: 'credit',
        county: '371502',
        industry: 'C',
      })
      .expect(201);
    const id = (placed as { id: string }).id;
    await expect
      .poll(async () => ((await applicant.agent.get(`${API}/loan-requests/${id}`)).body as { status: string }).status)
      .toBe('open');
    await officer.agent.post(`${API}/loan-requests/${id}/claim`).set('x-csrf-token', officer.csrf).expect(200);

    const ent = await signedIn('ent.demo', phone);
    await ent.page.goto(`${server.url}/my/requests/${id}`);
    await detail(ent.page, 'claimed').waitFor();
    const lcrcb = await signedIn('officer.lcrcb');
    await lcrcb.page.goto(`${server.url}/officer/requests/${id}`);
    await recordStage(lcrcb.page, 'rejected', async () => {
      const stage = lcrcb.page.getByTestId('stage-form');
      await stage.locator('button[type="submit"]').click();
      await stage.getByText('请选择拒绝原因').waitFor();
      await choose(lcrcb.page, '拒绝原因', '征信记录不良');
      await stage.getByLabel('拒绝说明').fill('近两年有多次逾期记录');
    });

    // The applicant sees the rejection and its reason arrive, and offers the request to the other banks.
    await detail(ent.page, 'rejected').waitFor();
    await expect(ent.page.getByTestId('request-outcome').textContent()).resolves.toContain(
      '征信记录不良：近两年有多次逾期记录',
    );
    await expect(
      ent.page.getByTestId('request-steps').locator('.ant-steps-item-error').textContent(),
    ).resolves.toContain('已拒绝');
    await screenshot(ent.page, 'request-rejected-phone');
    await ent.page.getByTestId('reopen').click();
    await confirmPopup(ent.page);
    await detail(ent.page, 'open').waitFor();
    await ent.page.getByTestId('request-timeline').getByText('重新发布').waitFor();

    await ent.page.getByTestId('cancel-request').click();
    await confirmPopup(ent.page);
    await detail(ent.page, 'cancelled').waitFor();
    await expect(ent.page.getByTestId('request-actions').locator('button').count()).resolves.toBe(0);
    await screenshot(ent.page, 'request-cancelled-phone');
    for (const session of [ent, lcrcb]) await session.context.close();
  }, 90_000);
});
