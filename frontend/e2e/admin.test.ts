import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, TEST_EPOCH, type TestPlatform } from '@lcfin/backend/testing/platform';
import { choose, confirmPopup, desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * The platform admin's consoles, as a new admin would use them: an institution onboarded with its
 * first admin (who signs in and must change the temporary password), someone's password reset,
 * the 321 policy edited with a preview of its deadlines and published as a new version.
 */
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

/** Picks options of an antd multiple select; its dropdown stays open until dismissed. */
async function chooseMany(page: Page, label: string, options: string[]) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  for (const option of options) {
    await field.fill(option);
    await dropdown.locator(`.ant-select-item-option[title="${option}"]`).click();
  }
  await page.keyboard.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
}

/** Signs in on the login page, in a browser of its own. */
async function signIn(username: string, password: string, viewport = desktop) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  return { context, page };
}

/** The forced change: the page the account lands on, and on to the home page once done. */
async function changePassword(page: Page, current: string, next: string) {
  await page.waitForURL('**/change-password');
  await page.getByText('您的密码已由平台管理员重置').waitFor();
  await page.getByLabel('当前密码（临时密码）').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码').fill(next);
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.waitForURL('**/home');
}

describe('the platform admin in Chromium', () => {
  it('onboards an institution with its first admin, who signs in and changes the password', async () => {
    const { page } = await signedInTab(browser, server.url, 'admin');
    // Every item of the admin's menu leads to a working page: no placeholder left.
    await page.goto(`${server.url}/admin/institutions`);
    await page.getByTestId('institutions').locator('.ant-table-row').first().waitFor();
    await expect(page.getByTestId('coming-soon').count()).resolves.toBe(0);
    await screenshot(page, 'admin-institutions-desktop');

    await page.getByRole('button', { name: '新增机构' }).click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByText('新增机构（入驻）').waitFor();
    await drawer.getByLabel('机构名称').fill('东阿齐鲁村镇银行');
    await choose(page, '机构类型', '村镇银行');
    await choose(page, '所在地', '东阿县', '东阿');
    await chooseMany(page, '服务区县', ['东阿县', '茌平区']);
    await drawer.getByLabel('联系人').fill('王经理');
    await drawer.getByLabel('联系电话').fill('0635-3281234');
    await drawer.getByLabel('管理员用户名').fill('inst.donge');
    await drawer.getByLabel('管理员姓名').fill('东阿齐鲁管理员');
    // A password the API would refuse is caught on the form.
    await drawer.getByLabel('临时密码').fill('short');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.getByText('密码至少 8 位').waitFor();
    await drawer.getByLabel('临时密码').fill('First2026');
    await screenshot(page, 'admin-onboard-desktop');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已入驻“东阿齐鲁村镇银行”').waitFor();
    const row = page.getByTestId('institutions').locator('.ant-table-row', { hasText: '东阿齐鲁村镇银行' });
    await expect.poll(() => row.textContent()).toMatch(/村镇银行.*东阿县、茌平区.*王经理.*正常/);

    // The new institution's admin signs in with the temporary password and must change it first.
    const first = await signIn('inst.donge', 'First2026');
    await screenshot(first.page, 'admin-change-password-desktop');
    await changePassword(first.page, 'First2026', 'Donge2026ok');
    await first.page.getByText('东阿齐鲁管理员').first().waitFor();
    await first.context.close();

    // Suspended, its row says so; reinstated, it is active again.
    await row.getByRole('button', { name: '暂停服务' }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByLabel('暂停原因').fill('停业整顿');
    await modal.getByRole('button', { name: '暂停服务' }).click();
    await expect.poll(() => row.textContent()).toContain('已暂停');
    await row.getByRole('button', { name: '恢复服务' }).click();
    await confirmPopup(page);
    await expect.poll(() => row.textContent()).toContain('正常');
  }, 120_000);

  it('resets a password: the new one is shown once, and the owner must replace it', async () => {
    const { page } = await signedInTab(browser, server.url, 'admin');
    await page.goto(`${server.url}/admin/accounts`);
    await page.getByLabel('搜索用户名或姓名').fill('ind.demo');
    const row = page.getByTestId('accounts').locator('.ant-table-row', { hasText: 'ind.demo' });
    await row.waitFor();
    await expect.poll(() => page.getByTestId('accounts').locator('.ant-table-row').count()).toBe(1);
    await row.getByRole('button', { name: '重置密码' }).click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('重置 ind.demo 的密码').waitFor();
    await modal.getByRole('button', { name: /重\s*置/ }).click();
    const generated = (await modal.getByTestId('generated-password').textContent())!.trim();
    expect(generated).toMatch(/^[A-Za-z2-9]{12}$/);
    await screenshot(page, 'admin-reset-password-desktop');
    await modal.getByRole('button', { name: /完\s*成/ }).click();
    await expect.poll(() => row.textContent()).toContain('待修改密码');
    await screenshot(page, 'admin-accounts-desktop');
    await page.setViewportSize(phone);
    await screenshot(page, 'admin-accounts-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The old password is refused; the generated one leads to the change, and only there.
    const old = await signIn('ind.demo', 'demo1234');
    await old.page.getByTestId('login-error').waitFor();
    await old.context.close();
    const owner = await signIn('ind.demo', generated, phone);
    await owner.page.waitForURL('**/change-password');
    await owner.page.goto(`${server.url}/my/requests`);
    await owner.page.waitForURL('**/change-password');
    await screenshot(owner.page, 'admin-change-password-phone');
    await changePassword(owner.page, generated, 'Ind2026new');
    await owner.context.close();
    const after = await t.signIn('ind.demo', 'Ind2026new');
    expect(after.user).toMatchObject({ mustChangePassword: false });
  }, 120_000);

  it('edits the SLA policy, previewing its deadlines, and shows the new version in the history', async () => {
    const { page } = await signedInTab(browser, server.url, 'admin');
    await page.goto(`${server.url}/admin/sla-policy`);
    await page.getByText('当前策略：第 1 版').waitFor();
    const history = page.getByTestId('policy-history');
    await history.locator('.ant-table-row').first().waitFor();
    await expect(history.locator('.ant-table-row').count()).resolves.toBe(1);

    // Invalid: an exclusive window as long as the respond window is refused on its field.
    await page.getByLabel('定向独享时段（工作小时）').fill('3');
    await page.getByTestId('preview-policy').click();
    await page.getByText('定向独享时段须短于响应时限').waitFor();
    await page.getByLabel('定向独享时段（工作小时）').fill('1');

    // The draft: respond within 2 working hours, previewed on Wednesday 12 March 2025 at 10:00.
    await page.getByLabel('响应时限（工作小时）').fill('2');
    t.setNow(TEST_EPOCH);
    await page.getByTestId('preview-policy').click();
    const preview = page.getByTestId('policy-preview');
    await expect
      .poll(async () => (await preview.getByTestId('preview-due-respond').textContent()) ?? '')
      .toMatch(/3月12日.*12:00/);
    await expect(preview.getByTestId('preview-due-contact').textContent()).resolves.toMatch(/3月14日.*10:00/);
    await screenshot(page, 'admin-sla-policy-desktop');

    await page.getByTestId('publish-policy').click();
    await confirmPopup(page);
    await page.getByText('已发布第 2 版').waitFor();
    await page.getByText('当前策略：第 2 版').waitFor();
    await expect.poll(() => history.locator('.ant-table-row').count()).toBe(2);
    await expect(history.locator('.ant-table-row').first().textContent()).resolves.toMatch(
      /v2.*2 小时 \/ 1 小时.*admin/,
    );
    const policy = await t.api.get(`${API}/sla/policy`).expect(200);
    expect(policy.body).toMatchObject({ version: 2, respond: { workingHours: 2 } });
    await page.setViewportSize(phone);
    await screenshot(page, 'admin-sla-policy-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }, 120_000);
});
