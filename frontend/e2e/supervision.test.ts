import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInPool } from '@lcfin/backend/requests/matcher';
import { reconcileDue } from '@lcfin/backend/sla/breaches';
import { API, createTestPlatform, post, type SignedIn, type TestPlatform } from '@lcfin/backend/testing/platform';
import { CITY_INTEREST_SUBSIDY } from '@lcfin/backend/testing/programs';
import { choose, desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * The finance bureau's supervision on screen, on a small fixture built through the API with the
 * platform's clock moved by the test (March 2025, office hours 09:00–17:00, no holidays):
 *   r1 东昌府区 500,000 — claimed by 农商 Mon 3 Mar, approved and disbursed 400,000 that week.
 *   r2 冠县 100,000 — submitted Mon 10 Mar 10:00, claimed by 农商 10:30; nobody contacts the
 *     applicant, so the contact stage breaches Wed 12 Mar 10:30 (the breach the bureau urges).
 *   r3 冠县 200,000 — submitted Mon 10 Mar 09:00, never claimed: two respond breaches, escalated
 *     to the city pool (the breach the city bureau may assign).
 */
let t: TestPlatform;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let city: SignedIn;
let guanxian: SignedIn;
const ids = { r1: '', r2: '', r3: '' };
const MARCH = 'from=2025-03-01&to=2025-03-31';
const DONGCHANGFU = '371502';
const GUANXIAN = '371525';

const at = (local: string) => new Date(`${local}+08:00`);

beforeAll(async () => {
  t = await createTestPlatform();
  server = await serve(t);
  browser = await launchBrowser();
  const [ent, officer] = await Promise.all([t.signIn('ent.demo'), t.signIn('officer.lcrcb')]);
  [city, guanxian] = await Promise.all([t.signIn('bureau.city'), t.signIn('bureau.guanxian')]);

  const submit = async (when: string, county: string, amount: number) => {
    t.setNow(at(when));
    const { body } = await post(ent, '/loan-requests', {
      amount,
      termMonths: 12,
      purpose: '购买原材料',
      collateral: 'credit',
      county,
      industry: 'C',
    }).expect(201);
    await openInPool(t.platform, body.id);
    return body.id as string;
  };
  const step = async (when: string, id: string, body: object) => {
    t.setNow(at(when));
    await post(officer, `/loan-requests/${id}/transition`, body).expect(200);
  };
  const reconcileAt = async (when: string) => {
    t.setNow(at(when));
    await reconcileDue(t.platform.db, t.platform.sla);
  };

  ids.r1 = await submit('2025-03-03T10:00', DONGCHANGFU, 500_000);
  t.setNow(at('2025-03-03T10:30'));
  await post(officer, `/loan-requests/${ids.r1}/claim`).expect(200);
  await step('2025-03-04T10:00', ids.r1, { to: 'contacted', visitDate: '2025-03-04' });
  await step('2025-03-04T11:00', ids.r1, { to: 'investigated', visitDate: '2025-03-04' });
  await step('2025-03-05T11:00', ids.r1, { to: 'approved', approvedAmount: 400_000, annualRate: 4.35, termMonths: 12 });
  await step('2025-03-06T10:00', ids.r1, { to: 'disbursed', disbursedAmount: 400_000 });

  ids.r3 = await submit('2025-03-10T09:00', GUANXIAN, 200_000);
  ids.r2 = await submit('2025-03-10T10:00', GUANXIAN, 100_000);
  t.setNow(at('2025-03-10T10:30'));
  await post(officer, `/loan-requests/${ids.r2}/claim`).expect(200);
  await reconcileAt('2025-03-10T12:00:20');
  await reconcileAt('2025-03-10T15:01');
  await reconcileAt('2025-03-12T11:00');
  t.setNow(at('2025-03-12T11:30'));

  // A city 贴息 activated now covers r1, disbursed in its period (the monthly report's fiscal section).
  const program = await post(city, '/programs', CITY_INTEREST_SUBSIDY).expect(201);
  await post(city, `/programs/${program.body.id}/activate`).expect(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const signedIn = (username: string, viewport = desktop) => signedInTab(browser, server.url, username, viewport);

async function apiFigures(who: SignedIn, query: string) {
  const { body } = await who.agent.get(`${API}/supervision/overview?${query}`).expect(200);
  return body as Record<string, number> & { rates: Record<string, number | null>; regionName: string };
}

const kpiKeys = [
  'institutions',
  'listedProducts',
  'individuals',
  'enterprises',
  'requests',
  'claimed',
  'approved',
  'approvedAmount',
  'disbursedAmount',
] as const;

/** Every KPI card's figure (data-value), once the dashboard shows them for the period asked. */
async function shownFigures(page: Page) {
  await page.getByTestId('kpis').waitFor();
  return Object.fromEntries(
    await Promise.all(
      kpiKeys.map(async (key) => [key, Number(await page.getByTestId(`kpi-${key}`).getAttribute('data-value'))]),
    ),
  ) as Record<(typeof kpiKeys)[number], number>;
}

describe('the supervision dashboard in Chromium', () => {
  it('shows bureau.city the figures the API gives, for March and for the whole life, with the change', async () => {
    const { context, page } = await signedIn('bureau.city');
    await page.getByRole('menuitem', { name: '监管驾驶舱' }).click();
    await page.waitForURL('**/bureau/overview');
    const life = await apiFigures(city, '');
    expect(life).toMatchObject({ requests: 3, claimed: 2, approved: 1, disbursedAmount: 400_000 });
    await expect.poll(() => shownFigures(page)).toEqual(Object.fromEntries(kpiKeys.map((k) => [k, life[k]])));
    await page.getByText('平台上线以来').waitFor();

    // March, by its address: the same as the API's, with the change against February; weekly trend.
    await page.goto(`${server.url}/bureau/overview?${MARCH}&interval=week`);
    const march = await apiFigures(city, MARCH);
    await expect.poll(() => shownFigures(page)).toEqual(Object.fromEntries(kpiKeys.map((k) => [k, march[k]])));
    const disbursed = page.getByTestId('kpi-disbursedAmount');
    await expect(disbursed.textContent()).resolves.toMatch(/^撮合放款40万元放款笔数 1较上期 \+40万元$/);
    await expect(page.getByTestId('kpi-requests').textContent()).resolves.toContain('较上期 +3');
    await expect(page.getByTestId('rate-claimRate').textContent()).resolves.toContain('66.7%');
    await page.getByTestId('county-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await expect.poll(() => page.getByTestId('trend-chart').locator('.recharts-line-curve').count()).toBe(4);
    // 农商 held every stage that ended in March: one institution is neither best nor worst.
    await page.getByTestId('ranking-institution-none').getByText('参与比较的不足两个，不评最佳与待改进').waitFor();
    // 冠县's breached stages make it the county to improve, 东昌府区 the best — never both at once.
    await page.getByTestId('ranking-county-worst').getByText('冠县').waitFor();
    await page.getByTestId('ranking-county-best').getByText('东昌府区').waitFor();
    await expect(page.getByTestId('ranking-county-best').getByText('冠县').count()).resolves.toBe(0);
    await screenshot(page, 'supervision-dashboard-desktop');

    // A preset rewrites the address; the region selector drills into a county.
    await page.getByTestId('period-presets').getByText('全部').click();
    await expect.poll(() => new URL(page.url()).search).toBe('?interval=week');
    await choose(page, page.getByTestId('region-select'), '冠县');
    await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe(GUANXIAN);
    await expect.poll(async () => (await shownFigures(page)).requests).toBe(2);

    await page.setViewportSize(phone);
    await page.goto(`${server.url}/bureau/overview?${MARCH}`);
    await shownFigures(page);
    await screenshot(page, 'supervision-dashboard-phone');
    await page.setViewportSize(desktop);
    await page.getByTestId('language-switch').click();
    await page.getByText('Liaocheng · 2025-03-01 to 2025-03-31').waitFor();
    await expect(disbursed.textContent()).resolves.toMatch(
      /^Matched & disbursed¥400KLoans disbursed: 1\+¥400K vs previous period$/,
    );
    await screenshot(page, 'supervision-dashboard-en-desktop');
    await page.setViewportSize(phone);
    await screenshot(page, 'supervision-dashboard-en-phone');
    await page.getByTestId('language-switch').click();
    await context.close();
  }, 120_000);

  it('shows bureau.guanxian only 冠县, the region selector fixed', async () => {
    const { context, page } = await signedIn('bureau.guanxian');
    // Asking for another county in the address changes nothing: the county bureau's own stays.
    await page.goto(`${server.url}/bureau/overview?${MARCH}&region=${DONGCHANGFU}`);
    const own = await apiFigures(guanxian, MARCH);
    expect(own).toMatchObject({ regionName: '冠县', requests: 2, claimed: 1, disbursedAmount: 0 });
    await expect.poll(() => shownFigures(page)).toEqual(Object.fromEntries(kpiKeys.map((k) => [k, own[k]])));
    const region = page.getByTestId('region-select');
    await expect(region.textContent()).resolves.toBe('冠县');
    await expect(region.getAttribute('class')).resolves.toContain('ant-select-disabled');
    await page.getByText('冠县 · 2025-03-01 至 2025-03-31').waitFor();
    // One county alone is not called both 最佳 and 待改进.
    await page.getByTestId('ranking-county-none').getByText('参与比较的不足两个，不评最佳与待改进').waitFor();
    await expect(page.getByTestId('ranking-county-best').count()).resolves.toBe(0);
    await expect(page.getByTestId('ranking-county-worst').count()).resolves.toBe(0);
    await screenshot(page, 'supervision-dashboard-guanxian-desktop');
    await context.close();
  }, 60_000);

  it('carries an urge from the bureau to the institution admin, who acknowledges it; the bureau sees it', async () => {
    const bureau = await signedIn('bureau.city');
    await bureau.page.goto(`${server.url}/bureau/breaches?status=open`);
    const contactBreach = bureau.page.locator(`tr[data-request-id="${ids.r2}"]`);
    await contactBreach.getByText('对接与贷前调查').waitFor();
    await expect(contactBreach.getByTestId('urge-state').count()).resolves.toBe(0);
    // The never-claimed request may be assigned (派单), not urged: nobody owns its stage.
    const unclaimed = bureau.page.locator(`tr[data-request-id="${ids.r3}"]`).first();
    await unclaimed.getByRole('button', { name: '派单' }).waitFor();
    await expect(unclaimed.getByRole('button', { name: /督\s*办/ }).count()).resolves.toBe(0);
    await screenshot(bureau.page, 'supervision-breaches-desktop');

    await contactBreach.getByRole('button', { name: /督\s*办/ }).click();
    const dialog = bureau.page.getByRole('dialog');
    await dialog.getByLabel('督办意见').fill('请今日内联系客户并反馈进度');
    await dialog.getByRole('button', { name: /督\s*办/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await contactBreach.locator('[data-testid="urge-state"][data-state="open"]').getByText('待确认').waitFor();

    // The institution admin: the notice in the notification centre, the urge in 督办事项.
    const inst = await signedIn('inst.lcrcb');
    await inst.page.goto(`${server.url}/notifications`);
    const notice = inst.page.locator('[data-testid="notification"][data-kind="supervision.urge"]');
    await notice.getByText('金融监管部门督办：对接与贷前调查已超时').waitFor();
    await expect(notice.textContent()).resolves.toContain('督办');
    await inst.page.getByRole('menuitem', { name: '督办事项' }).click();
    const urge = inst.page.locator(`[data-testid="urge"][data-request-id="${ids.r2}"]`);
    await urge.getByText('请今日内联系客户并反馈进度').waitFor();
    await urge.locator('[data-testid="urge-state"][data-state="open"]').waitFor();
    await screenshot(inst.page, 'supervision-urges-institution-desktop');
    await urge.getByRole('button', { name: '确认督办' }).click();
    const ack = inst.page.getByRole('dialog');
    await ack.getByLabel('办理说明（选填）').fill('已安排客户经理今日上门');
    await ack.getByRole('button', { name: '确认督办' }).click();
    await urge.locator('[data-testid="urge-state"][data-state="acknowledged"]').getByText('已确认').waitFor();
    await urge.getByText('已安排客户经理今日上门').waitFor();
    await inst.page.setViewportSize(phone);
    await screenshot(inst.page, 'supervision-urges-institution-phone');
    await inst.context.close();

    await bureau.page.reload();
    await contactBreach.locator('[data-testid="urge-state"][data-state="acknowledged"]').getByText('已确认').waitFor();
    await bureau.page.goto(`${server.url}/notifications`);
    await bureau.page
      .locator('[data-testid="notification"][data-kind="supervision.urge_acknowledged"]')
      .getByText('督办已确认')
      .waitFor();

    // 派单: the request nobody claimed goes to an institution serving 冠县; its respond stage ends.
    await bureau.page.goto(`${server.url}/bureau/breaches?status=open`);
    await unclaimed.getByRole('button', { name: /派\s*单/ }).click();
    const assign = bureau.page.getByRole('dialog');
    // Every institution it may go to is offered at once, without typing: the API's list, all of it.
    const { body: assignees } = await city.agent.get(`${API}/loan-requests/${ids.r3}/assignees`).expect(200);
    await assign.getByLabel('承接机构').click();
    const options = bureau.page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect
      .poll(() => options.evaluateAll((items) => items.map((item) => item.getAttribute('title'))))
      .toEqual(assignees.items.map((i: { name: string }) => i.name));
    await screenshot(bureau.page, 'supervision-assign-desktop');
    await assign.getByLabel('承接机构').press('Escape');
    await choose(bureau.page, assign.getByLabel('承接机构'), '聊城农商银行');
    await assign.getByRole('button', { name: /派\s*单/ }).click();
    await assign.waitFor({ state: 'hidden' });
    await expect.poll(() => bureau.page.locator(`tr[data-request-id="${ids.r3}"]`).count()).toBe(0);
    const { body } = await city.agent.get(`${API}/loan-requests/${ids.r3}`).expect(200);
    expect(body.status).toBe('claimed');

    // The breach list tells what became of each of r3's respond rounds: the county's ran out unclaimed
    // and went city-wide (not 办结), and nobody held it then; the city-wide one ended with the 派单.
    await bureau.page.goto(`${server.url}/bureau/breaches?region=${GUANXIAN}`);
    const rounds = bureau.page.locator(`tr[data-request-id="${ids.r3}"]`);
    await rounds.nth(1).waitFor();
    await expect(rounds.count()).resolves.toBe(2);
    const [second, first] = [rounds.nth(0), rounds.nth(1)];
    await second.getByText('第 2 轮').waitFor();
    await expect(second.textContent()).resolves.toContain('超时后抢单');
    await expect(second.textContent()).resolves.toContain('聊城农商银行');
    await expect(second.textContent()).resolves.not.toContain('无人抢单');
    await expect(first.textContent()).resolves.toContain('超时升级全市');
    await expect(first.textContent()).resolves.toContain('本轮无人抢单');
    await expect(first.textContent()).resolves.toContain('后由聊城农商银行承接');
    await expect(bureau.page.getByText('已办结').count()).resolves.toBe(0);
    await screenshot(bureau.page, 'supervision-breach-rounds-desktop');
    await bureau.page.setViewportSize(phone);
    await screenshot(bureau.page, 'supervision-breach-rounds-phone');
    await bureau.context.close();
  }, 120_000);

  it('downloads the overview as CSV and XLSX with the figures shown, and lays out the monthly report', async () => {
    const { context, page } = await signedIn('bureau.city');
    await page.goto(`${server.url}/bureau/overview?${MARCH}`);
    await shownFigures(page);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toBe('supervision-overview-city-2025-03-01_2025-03-31.csv');
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // In the reader's language, the same figure as the card: 40万 this March, none in February.
    expect(text.split('\r\n').concat(text.split('\n'))).toContain(
      '撮合放款金额（元）,400000,0,400000,400000,0,0,0,0,0,0,0',
    );
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    // A ZIP container (XLSX): "PK".
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    await page.getByRole('button', { name: '月度报告' }).click();
    await page.waitForURL('**/bureau/report**');
    await page.goto(`${server.url}/bureau/report?month=2025-03`);
    const report = page.getByTestId('monthly-report');
    await report.getByText('聊城市融资对接服务月度报告 · 2025-03').waitFor();
    await report.getByText('本月超时').waitFor();
    // 财金协同: the program with the month's loan it covers; nothing paid yet, so no leverage.
    const fiscal = report.getByTestId('report-fiscal');
    await expect(fiscal.getByRole('row', { name: /创业担保贷款贴息/ }).textContent()).resolves.toMatch(
      /1 笔 · 40万元\s*0元\s*100万元\s*–/,
    );
    // On paper: only the report, not its controls.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: /打\s*印/ }).isVisible()).resolves.toBe(false);
    await screenshot(page, 'supervision-report-print');
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  }, 60_000);
});
