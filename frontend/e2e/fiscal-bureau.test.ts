import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, post, type SignedIn, type TestPlatform } from '@lcfin/backend/testing/platform';
import { disbursedLoan } from '@lcfin/backend/testing/loans';
import { choose, confirmPopup, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * The finance bureau runs its fiscal instruments in Chromium (issue 17 items 1, 4 and 5):
 * bureau.city drafts a 贴息 program (a server refusal lands on its field) and activates it, which
 * enrols ent.demo's loan disbursed 100 days ago; the bank reports a quarter and ent.demo claims it
 * (through the API); bureau.city reviews (初审) and may not check its own review, bureau.checker
 * checks (复核) and records the payment; the fiscal view's committed, paid and leverage move.
 */
let t: TestPlatform;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let ent: SignedIn;
let officer: SignedIn;
let city: SignedIn;
let loanId: string;

const desktop = { width: 1440, height: 900 };
const DAY = 86_400_000;
const PRINCIPAL = 300_000;
/** Shanghai calendar day `offset` days from now. */
const shanghaiDay = (offset: number) => new Date(Date.now() + offset * DAY + 8 * 3600_000).toISOString().slice(0, 10);
const valueDate = shanghaiDay(-100);
const quarter = { periodStart: valueDate, periodEnd: shanghaiDay(-10) };
const PROGRAM = '创业担保贷款贴息（测试）';
/** 300,000 yuan × 2 percentage points × 90 days ÷ 360 = 1,500.00 yuan. */
const SUBSIDY_FEN = 150_000;

beforeAll(async () => {
  t = await createTestPlatform();
  server = await serve(t);
  browser = await launchBrowser();
  [ent, officer, city] = await Promise.all([t.signIn('ent.demo'), t.signIn('officer.lcrcb'), t.signIn('bureau.city')]);
  // Disbursed 100 days ago, before any program: activation enrols it.
  t.setNow(new Date(Date.now() - 100 * DAY));
  loanId = await disbursedLoan(t, ent, officer, undefined, { disbursedAmount: PRINCIPAL, annualRate: 4.2 });
  t.setNow(new Date());
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

/** A tab of `username`'s; a step that finds nothing fails within 20 s, naming its line, rather than at the test's timeout. */
async function signedIn(username: string, viewport = desktop) {
  const tab = await signedInTab(browser, server.url, username, viewport);
  tab.context.setDefaultTimeout(20_000);
  return tab;
}

async function fiscalTotal(): Promise<Record<string, unknown>> {
  const { body } = await city.agent.get(`${API}/supervision/fiscal`).expect(200);
  return body.total;
}

/** The open antd modal, once its opening animation is over. */
async function opened(page: Page): Promise<Locator> {
  const dialog = page.locator('.ant-modal:visible');
  await dialog.waitFor();
  await expect.poll(async () => (await dialog.getAttribute('class')) ?? '').not.toMatch(/-(appear|enter)\b/);
  return dialog;
}

async function pickDay(within: Locator, label: string, day: string) {
  const input = within.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

const claimRow = (page: Page, status: string) =>
  page
    .goto(`${server.url}/bureau/claims?status=${status}`)
    .then(() => page.getByTestId('claims').locator('tbody tr.ant-table-row').first());

describe('the bureau’s fiscal pages in Chromium', () => {
  let programId: string;

  it('drafts a 贴息 program (a refusal shown on its field) and activates it, enrolling the disbursed loan', async () => {
    const { context, page } = await signedIn('bureau.city');
    await page.getByRole('menuitem', { name: '政策项目' }).click();
    await page.waitForURL('**/bureau/programs');
    await page.getByRole('button', { name: '新建项目' }).click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByText('新建政策项目').waitFor();
    await expect(drawer.getByTestId('program-region').textContent()).resolves.toBe('聊城市');

    // A guarantee-fee subsidy needs a share or a cap: only the server says so, under 补贴上限.
    await choose(page, drawer.getByLabel('项目类型'), '担保费补贴');
    await drawer.getByLabel('项目名称').fill(PROGRAM);
    await drawer.getByLabel('预算', { exact: true }).fill('100');
    await pickDay(drawer, '开始日期', shanghaiDay(-180));
    await pickDay(drawer, '结束日期', shanghaiDay(180));
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(() => drawer.locator('.ant-form-item-has-error').getByText('担保费补贴须设定补贴比例或补贴上限').count())
      .toBeGreaterThan(0);

    await choose(page, drawer.getByLabel('项目类型'), '贴息');
    await drawer.getByLabel('贴息幅度').fill('2');
    await screenshot(page, 'fiscal-program-form-desktop');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });

    const row = page.getByTestId('programs').locator('tbody tr.ant-table-row', { hasText: PROGRAM });
    await expect(row.getByText('草稿').count()).resolves.toBe(1);
    programId = (await row.getAttribute('data-program-id'))!;
    await row.getByRole('button', { name: /启\s*用/ }).click();
    await confirmPopup(page);
    await expect.poll(() => row.getByText('实施中').count()).toBe(1);
    await expect(row.getByTestId('budget-remaining').getAttribute('data-fen')).resolves.toBe('100000000');
    await screenshot(page, 'fiscal-programs-desktop');

    const { body } = await ent.agent.get(`${API}/loan-requests/${loanId}/programs`).expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({ status: 'enrolled', program: expect.objectContaining({ id: programId }) }),
    ]);
    await context.close();
  }, 120_000);

  it('takes a claimed quarter through review, a second person’s check and payment; the fiscal view moves', async () => {
    await post(officer, `/loan-requests/${loanId}/servicing`, {
      ...quarter,
      outstandingPrincipal: PRINCIPAL,
      interestPaidFen: 315_000,
      status: 'normal',
    }).expect(201);
    const claim = await post(ent, '/program-claims', { programId, loanRequestId: loanId, ...quarter }).expect(201);
    expect(claim.body).toMatchObject({ amountFen: SUBSIDY_FEN, status: 'submitted' });
    expect(await fiscalTotal()).toMatchObject({ loansCovered: 1, committedFen: 0, paidFen: 0, leverage: null });

    // 初审 by bureau.city, who then finds the check closed to them, with the reason.
    const reviewer = await signedIn('bureau.city');
    let row = await claimRow(reviewer.page, 'submitted');
    await expect(row.getByTestId('claim-amount').textContent()).resolves.toBe('1,500.00 元');
    await row.getByRole('button', { name: /初\s*审/ }).click();
    let modal = await opened(reviewer.page);
    await modal.getByLabel('意见', { exact: true }).fill('材料齐全');
    await modal.getByRole('button', { name: /初\s*审/ }).click();
    await modal.waitFor({ state: 'hidden' });
    row = await claimRow(reviewer.page, 'reviewed');
    await expect(row.getByTestId('check-claim').isDisabled()).resolves.toBe(true);
    await row.getByTestId('check-claim').hover();
    await reviewer.page.getByRole('tooltip', { name: '您已初审此申请，须由另一位工作人员复核' }).waitFor();
    await screenshot(reviewer.page, 'fiscal-claims-own-review-desktop');
    await reviewer.context.close();

    // 复核 by bureau.checker charges the budget; then the payment with its voucher.
    const checker = await signedIn('bureau.checker');
    await checker.page.getByRole('menuitem', { name: '补贴审核' }).click();
    row = await claimRow(checker.page, 'reviewed');
    await row.getByTestId('check-claim').click();
    modal = await opened(checker.page);
    await modal.getByRole('button', { name: /复\s*核/ }).click();
    await modal.waitFor({ state: 'hidden' });
    expect(await fiscalTotal()).toMatchObject({ committedFen: SUBSIDY_FEN, paidFen: 0 });

    row = await claimRow(checker.page, 'approved');
    await row.getByRole('button', { name: '登记支付' }).click();
    modal = await opened(checker.page);
    await modal.getByLabel('支付凭证号').fill('LCCZ-2026-0001');
    await modal.getByRole('button', { name: '登记支付' }).click();
    await modal.waitFor({ state: 'hidden' });
    row = await claimRow(checker.page, 'paid');
    await row.getByText('凭证 LCCZ-2026-0001').waitFor();

    const total = await fiscalTotal();
    expect(total).toMatchObject({ committedFen: 0, paidFen: SUBSIDY_FEN, leverage: 200, coveredAmount: PRINCIPAL });
    await checker.page.getByRole('menuitem', { name: '财政资金' }).click();
    await checker.page.waitForURL('**/bureau/fiscal');
    await expect
      .poll(() => checker.page.getByTestId('fiscal-paid').getAttribute('data-value'))
      .toBe(String(SUBSIDY_FEN));
    await expect(checker.page.getByTestId('fiscal-leverage').textContent()).resolves.toContain('1 : 200');
    await expect(checker.page.getByTestId('fiscal-remaining').textContent()).resolves.toContain('998,500.00 元');
    await screenshot(checker.page, 'fiscal-view-desktop');

    await checker.page.goto(`${server.url}/bureau/programs/${programId}`);
    await checker.page.getByTestId('ledger').getByText('支付').first().waitFor();
    await expect(checker.page.getByTestId('ledger').locator('tbody tr.ant-table-row').count()).resolves.toBe(2);
    await screenshot(checker.page, 'fiscal-program-detail-desktop');
    await checker.context.close();
  }, 180_000);

  it('lays the pages out on a phone', async () => {
    const { context, page } = await signedIn('bureau.city', phone);
    for (const [path, name] of [
      ['/bureau/programs', 'fiscal-programs-phone'],
      [`/bureau/programs/${programId}`, 'fiscal-program-detail-phone'],
      ['/bureau/claims', 'fiscal-claims-phone'],
      ['/bureau/fiscal', 'fiscal-view-phone'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await screenshot(page, name);
    }
    await context.close();
  }, 120_000);
});
