import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '@lcfin/backend/catalog/schema';
import { enrolDisbursedLoan } from '@lcfin/backend/fiscal/enrolment';
import { createTestPlatform, post, type SignedIn, type TestPlatform } from '@lcfin/backend/testing/platform';
import { choose, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * Fiscal programs where borrowers and banks decide and act (issue 17): the catalog marks the products
 * a 贴息 program covers, the product page says what it would save, ent.demo's disbursed loan shows the
 * program it is enrolled in, the bank reports a quarter and ent.demo claims the subsidy for it.
 */

let t: TestPlatform;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let ent: SignedIn;
let lcrcb: SignedIn;
let kuaidaiId: string;
let loanId: string;

const desktop = { width: 1440, height: 900 };
const programName = '小微企业贷款贴息';
const poolName = '小微企业贷款风险补偿资金';
// The test clock starts on Wed 12 Mar 2025 (Shanghai): the loan is disbursed that day, and its first
// quarter is reported once the clock has moved past 12 Jun.
const valueDate = '2025-03-12';
const quarterEnd = '2025-06-12';

beforeAll(async () => {
  t = await createTestPlatform();
  server = await serve(t);
  browser = await launchBrowser();
  const bureau = await t.signIn('bureau.city');
  [ent, lcrcb] = await Promise.all([t.signIn('ent.demo'), t.signIn('officer.lcrcb')]);
  const [kuaidai] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
  kuaidaiId = kuaidai!.id;

  // The city's 贴息 for enterprises' loans up to 100 万: 0.5 percentage points of interest.
  const program = await post(bureau, '/programs', {
    kind: 'interest_subsidy',
    name: programName,
    policyRef: '聊财金〔2025〕3号',
    region: '371500',
    budget: 1_000_000,
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    eligibility: { customerTypes: ['enterprise'], maxAmount: 1_000_000 },
    params: { subsidyRatePct: 0.5 },
  }).expect(201);
  await post(bureau, `/programs/${program.body.id}/activate`).expect(200);
  // The city's risk pool: 40 % of a bank's principal loss, at most 10 万 a loan.
  const pool = await post(bureau, '/programs', {
    kind: 'risk_compensation',
    name: poolName,
    region: '371500',
    budget: 5_000_000,
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    params: { lossSharePct: 40, capPerLoan: 100_000 },
  }).expect(201);
  await post(bureau, `/programs/${pool.body.id}/activate`).expect(200);

  // ent.demo's loan of 100 万 from 水城快贷, claimed and taken up to approval by the bank.
  loanId = await t.openRequest(ent, {
    amount: 1_000_000,
    termMonths: 12,
    purpose: '采购原材料，扩大生产',
    collateral: 'credit',
    county: '371502',
    industry: 'C',
    productId: kuaidaiId,
  });
  await post(lcrcb, `/loan-requests/${loanId}/claim`).expect(200);
  for (const step of [
    { to: 'contacted', visitDate: valueDate },
    { to: 'investigated', visitDate: valueDate },
    { to: 'approved', approvedAmount: 1_000_000, annualRate: 3.85, termMonths: 12 },
  ]) {
    await post(lcrcb, `/loan-requests/${loanId}/transition`, step).expect(200);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const views = [
  [desktop, 'desktop'],
  [phone, 'phone'],
] as const;

/** Waits for an antd modal's opening animation to end: a click during it can be lost. */
async function openedModal(page: Page): Promise<Locator> {
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor();
  await expect.poll(async () => (await modal.getAttribute('class')) ?? '').not.toMatch(/-(appear|enter)\b/);
  return modal;
}

/**
 * The browser's clock set to the platform's: the forms offer days up to today, and the test platform's
 * today is in March 2025. Timers keep running, so the page's animations do too.
 */
const onPlatformClock = (context: BrowserContext) => context.clock.setFixedTime(t.now());

const enrolled = (page: Page) => page.getByTestId('loan-programs').getByTestId('enrolled-program');

describe('fiscal programs for borrowers and banks in Chromium', () => {
  it('marks the covered products in the catalog, filters by 政策支持, and estimates the saving', async () => {
    for (const [viewport, name] of views) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${server.url}/products?programKind=interest_subsidy`);
      const card = page
        .getByTestId('product-card')
        .filter({ has: page.getByTestId('product-name').getByText('水城快贷', { exact: true }) });
      await card.getByTestId('program-tag').getByText('可享贴息').waitFor();
      // 幸福e贷 serves individuals only: the program covers no loan of it.
      await expect(page.getByTestId('product-name').allTextContents()).resolves.not.toContain('幸福e贷');
      await screenshot(page, `fiscal-catalog-${name}`);

      await card.getByTestId('product-name').click();
      const programs = page.getByTestId('product-programs');
      await programs.getByText(programName).waitFor();
      await page.getByLabel('测算贷款金额').fill('100');
      // 100 万 × 0.5 % × 90 ÷ 360; the interest at 3.85 % is far more.
      await programs.getByText('预计贴息 1,250.00 元/季度').waitFor();
      await screenshot(page, `fiscal-product-${name}`);
      await context.close();
    }
  }, 60_000);

  it('says on the request form which programs the loan would qualify for, and what it would save', async () => {
    for (const [viewport, name] of views) {
      const { context, page } = await signedInTab(browser, server.url, 'ent.demo', viewport);
      await page.goto(`${server.url}/my/requests/new?productId=${kuaidaiId}&amount=1000000`);
      const programs = page.getByTestId('request-programs');
      await programs.getByText(programName).waitFor();
      await programs.getByText('预计贴息 1,250.00 元/季度').waitFor();
      // Half the amount, half the saving.
      await page.getByLabel('融资金额').fill('50');
      await programs.getByText('预计贴息 625.00 元/季度').waitFor();
      await screenshot(page, `fiscal-request-form-${name}`);
      await context.close();
    }
  }, 60_000);

  it('lets the officer disburse with the value date; the applicant sees the 贴息 program the loan is enrolled in', async () => {
    const { context, page } = await signedInTab(browser, server.url, 'officer.lcrcb', desktop);
    await onPlatformClock(context);
    await page.goto(`${server.url}/officer/requests/${loanId}`);
    await page.getByTestId('request-actions').getByTestId('stage-disbursed').click();
    const modal = await openedModal(page);
    await expect(modal.getByLabel('起息日').inputValue()).resolves.toBe(valueDate);
    await modal.locator('button[type="submit"]').click();
    await modal.waitFor({ state: 'hidden' });
    await page.locator('[data-testid="request-detail"][data-status="disbursed"]').waitFor();
    await context.close();
    // As the worker does on the disbursal's event.
    await enrolDisbursedLoan(t.platform.db, loanId);

    for (const [viewport, name] of views) {
      const { context, page } = await signedInTab(browser, server.url, 'ent.demo', viewport);
      await page.goto(`${server.url}/my/requests/${loanId}`);
      const subsidy = enrolled(page).filter({ hasText: programName });
      await expect(subsidy.getByTestId('program-tag').textContent()).resolves.toBe('可享贴息');
      const pool = enrolled(page).filter({ hasText: poolName });
      await expect(pool.getByTestId('program-tag').textContent()).resolves.toBe('风险补偿');
      await expect(page.getByTestId('value-date').textContent()).resolves.toBe(valueDate);
      await screenshot(page, `fiscal-loan-enrolled-${name}`);
      await context.close();
    }
  }, 60_000);

  it('lets the bank report the first quarter and the applicant claim its 贴息', async () => {
    t.setNow(new Date('2025-06-20T10:00:00+08:00'));
    const bank = await signedInTab(browser, server.url, 'officer.lcrcb', desktop);
    await onPlatformClock(bank.context);
    await bank.page.goto(`${server.url}/officer/requests/${loanId}`);
    await bank.page.getByTestId('report-servicing').click();
    const modal = await openedModal(bank.page);
    // The first period starts on the value date and runs a quarter, on the principal disbursed.
    await expect(modal.getByLabel('期间开始').inputValue()).resolves.toBe(valueDate);
    await expect(modal.getByLabel('期间结束').inputValue()).resolves.toBe(quarterEnd);
    await expect(modal.getByLabel('本金余额').inputValue()).resolves.toBe('100');
    await modal.getByLabel('实付利息').fill('9800');
    await screenshot(bank.page, 'fiscal-servicing-form-desktop');
    await modal.locator('button[type="submit"]').click();
    await modal.waitFor({ state: 'hidden' });
    const reports = bank.page.getByTestId('servicing-reports');
    await reports.getByText('9,800.00 元').waitFor();

    // The interest was mistyped: a correction supersedes the report, with its reason.
    await reports.getByTestId('correct-report').click();
    const correction = await openedModal(bank.page);
    await expect(correction.getByLabel('实付利息').inputValue()).resolves.toBe('9800.00');
    await correction.getByLabel('实付利息').fill('9838.89');
    await correction.locator('button[type="submit"]').click();
    await correction.getByText('请输入更正原因').waitFor();
    await correction.getByLabel('更正原因').fill('利息按实际扣款更正');
    await correction.locator('button[type="submit"]').click();
    await correction.waitFor({ state: 'hidden' });
    await reports.getByText('9,838.89 元').waitFor();
    await reports.getByText('已更正').waitFor();
    await expect(reports.getByTestId('correct-report').count()).resolves.toBe(1);
    await screenshot(bank.page, 'fiscal-servicing-reported-desktop');
    await bank.context.close();

    for (const [viewport, name] of views) {
      const { context, page } = await signedInTab(browser, server.url, 'ent.demo', viewport);
      await page.goto(`${server.url}/my/requests/${loanId}`);
      const claims = page.getByTestId('loan-claims');
      if (name === 'desktop') {
        await page.getByTestId('claim-subsidy').click();
        const claim = await openedModal(page);
        await claim.getByText(`${valueDate} – ${quarterEnd}`).waitFor();
        await claim.getByLabel('填写收款账户').check();
        await claim.getByLabel('户名').fill('聊城市鲁西机械有限公司');
        await claim.getByLabel('开户银行').fill('聊城农商银行东昌支行');
        await claim.getByLabel('账号').fill('12345');
        await claim.locator('button[type="submit"]').click();
        await claim.getByText('请输入 8–30 位数字账号').waitFor();
        await claim.getByLabel('账号').fill('6228480012345678');
        await claim.locator('button[type="submit"]').click();
        await claim.waitFor({ state: 'hidden' });
      }
      // 100 万 × 0.5 % × 92 days ÷ 360, within the interest paid.
      await claims.getByTestId('claim-amount').getByText('1,277.78 元').waitFor();
      await expect(claims.getByTestId('claim-status').textContent()).resolves.toBe('待初审');
      // Claimed: the period offers no second claim.
      await expect(page.getByTestId('claim-subsidy').count()).resolves.toBe(0);
      await screenshot(page, `fiscal-loan-claimed-${name}`);
      await context.close();
    }
  }, 120_000);

  it('lets the bank report a default and claim the risk compensation for it', async () => {
    const { context, page } = await signedInTab(browser, server.url, 'officer.lcrcb', desktop);
    await onPlatformClock(context);
    await page.goto(`${server.url}/officer/requests/${loanId}`);
    await expect(page.getByTestId('claim-compensation').count()).resolves.toBe(0);
    await page.getByTestId('report-servicing').click();
    const modal = await openedModal(page);
    // The next period starts where the last ended.
    await expect(modal.getByLabel('期间开始').inputValue()).resolves.toBe(quarterEnd);
    await modal.getByLabel('实付利息').fill('0');
    await choose(page, modal.getByLabel('还款状态'), '违约');
    await modal.getByLabel('本金损失').fill('400000');
    await modal.locator('button[type="submit"]').click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('servicing-reports').getByText('违约，损失 400,000.00 元').waitFor();

    await page.getByTestId('claim-compensation').click();
    const claim = await openedModal(page);
    await claim.getByText('违约损失补偿').waitFor();
    await claim.locator('button[type="submit"]').click();
    await claim.waitFor({ state: 'hidden' });
    // 40 % of the loss is 16 万, capped at 10 万 a loan.
    const row = page.getByTestId('loan-claims').locator('tr', { hasText: poolName });
    await row.getByText('100,000.00 元').waitFor();
    await expect(row.getByTestId('claim-status').textContent()).resolves.toBe('待初审');
    await expect(page.getByTestId('claim-compensation').count()).resolves.toBe(0);
    await screenshot(page, 'fiscal-loan-compensation-desktop');
    await context.close();
  }, 60_000);
});
