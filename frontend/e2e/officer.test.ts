import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '@lcfin/backend/catalog/schema';
import { createTestPlatform, post, type SignedIn, type TestPlatform } from '@lcfin/backend/testing/platform';
import { startWorkers, type RunningWorkers } from '@lcfin/workers/start';
import { choose, desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/** What bank staff see and do: the pool's rows, their orders searched and exported, the stage forms, the profile. */

let t: TestPlatform;
let workers: RunningWorkers;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let ent: SignedIn;
let lcrcb: SignedIn;
let kuaidaiId: string;
beforeAll(async () => {
  t = await createTestPlatform();
  workers = startWorkers(t.platform);
  await t.platform.streamHub.ready;
  server = await serve(t);
  browser = await launchBrowser();
  [ent, lcrcb] = await Promise.all([t.signIn('ent.demo'), t.signIn('officer.lcrcb')]);
  const [kuaidai] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
  kuaidaiId = kuaidai!.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await workers?.close();
  await t?.close();
});

const need = {
  amount: 500_000,
  termMonths: 12,
  purpose: '购买数控机床，扩大产能',
  collateral: 'credit',
  county: '371502',
  industry: 'C',
};

const signedIn = (username: string, viewport = desktop) => signedInTab(browser, server.url, username, viewport);
const poolRow = (page: Page, id: string) => page.locator(`[data-testid="pool"] [data-request-id="${id}"]`);
const rows = (page: Page) => page.getByTestId('request-table').locator('tbody tr.ant-table-row');

async function claimed(body: object): Promise<string> {
  const id = await t.openRequest(ent, body);
  await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
  return id;
}

/** Opens a stage's form on the request's page, after the modal's opening animation. */
async function openStageForm(page: Page, to: string) {
  await page.getByTestId('request-actions').getByTestId(`stage-${to}`).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor();
  await expect.poll(async () => (await modal.getAttribute('class')) ?? '').not.toMatch(/-(appear|enter)\b/);
  return page.getByTestId('stage-form');
}

describe('bank staff in Chromium', () => {
  it('shows each pool row’s purpose, its contact numbers hidden, and the product chosen', async () => {
    const directed = await t.openRequest(ent, {
      ...need,
      purpose: '新建厂房采购设备，联系电话13806351234',
      productId: kuaidaiId,
    });
    const open = await t.openRequest(ent, { ...need, purpose: '补充流动资金，采购原材料' });
    for (const [viewport, name] of [
      [desktop, 'desktop'],
      [phone, 'phone'],
    ] as const) {
      const { context, page } = await signedIn('officer.lcrcb', viewport);
      await page.goto(`${server.url}/pool`);
      await poolRow(page, directed).waitFor();
      await expect(poolRow(page, directed).getByTestId('pool-purpose').textContent()).resolves.toBe(
        '新建厂房采购设备，联系电话****',
      );
      await expect(poolRow(page, directed).getByTestId('pool-product').textContent()).resolves.toBe('水城快贷');
      await expect(poolRow(page, open).getByTestId('pool-purpose').textContent()).resolves.toBe(
        '补充流动资金，采购原材料',
      );
      await expect(poolRow(page, open).getByTestId('pool-product').textContent()).resolves.toBe('未指定产品');
      await expect(page.getByTestId('pool').textContent()).resolves.not.toContain('13806351234');
      await screenshot(page, `officer-pool-purpose-${name}`);
      await context.close();
    }
  });

  it('searches and filters 我的订单 by words, county and period, and downloads what it shows', async () => {
    const machine = await claimed({ ...need, purpose: '采购注塑机一台' });
    const guanxian = await claimed({ ...need, county: '371525', purpose: '冠县分厂添置生产线' });
    const { context, page } = await signedIn('officer.lcrcb');
    await page.goto(`${server.url}/officer/requests`);
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBeGreaterThanOrEqual(2);

    await page.getByLabel('搜索用途、申请人或产品').fill('注塑机');
    await page.getByLabel('搜索用途、申请人或产品').press('Enter');
    await page.waitForURL(/q=/);
    await expect.poll(() => rows(page).count()).toBe(1);
    await expect(rows(page).first().textContent()).resolves.toContain('采购注塑机一台');
    await expect(rows(page).first().getByTestId('request-link').getAttribute('href')).resolves.toContain(machine);

    // The words cleared, a county chosen: only that county's order.
    await page.getByLabel('搜索用途、申请人或产品').fill('');
    await page.getByLabel('搜索用途、申请人或产品').press('Enter');
    await choose(page, '区县', '冠县');
    await page.waitForURL(/county=371525/);
    await expect.poll(() => rows(page).count()).toBe(1);
    await expect(rows(page).first().getByTestId('request-link').getAttribute('href')).resolves.toContain(guanxian);
    await screenshot(page, 'officer-orders-filtered-desktop');

    // The file holds the list as filtered.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe('loan-requests-all.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('冠县分厂添置生产线');
    expect(csv).not.toContain('采购注塑机一台');

    // A period long past finds nothing, and says so.
    await page.goto(`${server.url}/officer/requests?from=2024-01-01&to=2024-01-31`);
    await page.getByText('没有符合条件的订单').waitFor();
    await context.close();
  });

  it('lets the institution admin filter and export the pipeline', async () => {
    const yanggu = await claimed({ ...need, county: '371521', purpose: '阳谷门店装修' });
    const { context, page } = await signedIn('inst.lcrcb');
    await page.goto(`${server.url}/institution/pipeline?county=371521`);
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(1);
    await expect(rows(page).first().textContent()).resolves.toContain('阳谷县');
    await expect(rows(page).first().getByTestId('request-link').getAttribute('href')).resolves.toContain(yanggu);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('loan-requests-all.xlsx');
    await screenshot(page, 'institution-pipeline-filtered-desktop');
    await context.close();
  });

  it('records the visit date, and shows the product’s rate range under the rate when outside it', async () => {
    const id = await claimed({ ...need, purpose: '购置烘干设备', productId: kuaidaiId });
    const { context, page } = await signedIn('officer.lcrcb');
    await page.goto(`${server.url}/officer/requests/${id}`);
    // The visit date is prefilled with today (on the platform's clock) and kept in the timeline.
    let form = await openStageForm(page, 'contacted');
    const today = new Date(t.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    await expect(form.getByLabel('走访日期').inputValue()).resolves.toBe(today);
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' });
    await page.getByText(`走访日期 ${today}`).waitFor();

    form = await openStageForm(page, 'investigated');
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-testid="request-detail"][data-status="investigated"]').waitFor();

    form = await openStageForm(page, 'approved');
    await form.getByLabel('年利率（%）').fill('8');
    await form.locator('button[type="submit"]').click();
    const rateItem = form.locator('.ant-form-item', { has: page.getByLabel('年利率（%）') });
    await rateItem
      .locator('.ant-form-item-explain-error')
      .getByText('年利率须在所选产品的利率范围内（3.85%–6.50%）')
      .waitFor();
    await screenshot(page, 'officer-rate-outside-product-desktop');
    await form.getByLabel('年利率（%）').fill('4.35');
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-testid="request-detail"][data-status="approved"]').waitFor();
    await context.close();
  });

  it('lets the institution admin edit its contact details and an officer’s work phone, which applicants then see', async () => {
    const { context, page } = await signedIn('inst.lcrcb');
    await page.goto(`${server.url}/institution/officers`);
    const profile = page.getByTestId('institution-profile');
    await profile.getByRole('button', { name: /编\s*辑/ }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.waitFor();
    await expect.poll(async () => (await modal.getAttribute('class')) ?? '').not.toMatch(/-(appear|enter)\b/);
    await modal.getByLabel('联系人').fill('王经理');
    await modal.getByLabel('联系电话').fill('0635-8881234');
    await modal.getByLabel('地址').fill('聊城市东昌府区柳园南路 1 号');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden' });
    await profile.getByText('王经理').waitFor();

    await page.goto(`${server.url}/products/${kuaidaiId}`);
    const card = page.getByTestId('institution-card');
    await card.getByText('王经理').waitFor();
    await expect(card.textContent()).resolves.toContain('0635-8881234');
    await expect(card.textContent()).resolves.toContain('聊城市东昌府区柳园南路 1 号');
    await screenshot(page, 'product-institution-contact-desktop');

    // The officer's work phone: the form checks it as the API does, and the applicant's request page dials it.
    await page.goto(`${server.url}/institution/officers`);
    const officerRow = page.getByTestId('officers').locator('.ant-table-row', { hasText: 'officer.lcrcb' });
    await officerRow.getByRole('button', { name: /编\s*辑/ }).click();
    const officerModal = page.locator('.ant-modal:visible');
    await officerModal.waitFor();
    await expect.poll(async () => (await officerModal.getAttribute('class')) ?? '').not.toMatch(/-(appear|enter)\b/);
    await officerModal.getByLabel('工作电话').fill('8887777');
    await officerModal.getByRole('button', { name: /保\s*存/ }).click();
    await officerModal.getByText('请输入 11 位手机号码或带区号的固定电话（如 0635-8213601）').waitFor();
    await officerModal.getByLabel('工作电话').fill('0635-8887777');
    await officerModal.getByRole('button', { name: /保\s*存/ }).click();
    await officerModal.waitFor({ state: 'hidden' });
    await officerRow.getByText('0635-8887777').waitFor();
    await screenshot(page, 'institution-officer-work-phone-desktop');

    const id = await claimed({ ...need, purpose: '采购包装材料' });
    const applicant = await signedIn('ent.demo', phone);
    await applicant.page.goto(`${server.url}/my/requests/${id}`);
    const dial = applicant.page.getByTestId('officer-phone');
    await dial.getByText('0635-8887777').waitFor();
    await expect(dial.getAttribute('href')).resolves.toBe('tel:06358887777');
    await applicant.context.close();
    await context.close();
  });
});
