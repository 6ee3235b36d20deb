import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckCharacter } from '@lcfin/backend/auth/identifiers';
import { enterpriseProfiles, users } from '@lcfin/backend/auth/schema';
import { API, createTestPlatform, type SignedIn, type TestPlatform } from '@lcfin/backend/testing/platform';
import { launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * Profiles in Chromium: ent.demo fills its 企业档案; bureau.city imports the big-data bureau's extract —
 * a file with one bad row imports nothing and says which row, the corrected file imports — and the
 * enterprise's profile shows the imported rating as 导入.
 */
let t: TestPlatform;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let ent: SignedIn;
let uscc: string;
beforeAll(async () => {
  t = await createTestPlatform();
  server = await serve(t);
  browser = await launchBrowser();
  ent = await t.signIn('ent.demo');
  const [row] = await t.platform.db
    .select({ uscc: enterpriseProfiles.uscc })
    .from(enterpriseProfiles)
    .innerJoin(users, eq(users.id, enterpriseProfiles.userId))
    .where(eq(users.username, 'ent.demo'));
  uscc = row!.uscc;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const wide = { width: 1440, height: 900 };
const signedIn = (username: string, viewport = wide) => signedInTab(browser, server.url, username, viewport);
/** An enterprise of the extract that has not registered on the platform. */
const OTHER_BODY = '91371500MA3D0QW2X';
const OTHER_USCC = OTHER_BODY + usccCheckCharacter(OTHER_BODY);
/** The test clock's day (TEST_EPOCH). */
const TODAY = '2025-03-12';

/** The row of a profile field: its label, value and source tag. */
const fieldRow = (page: Page, label: string) => page.locator('.ant-descriptions-item').filter({ hasText: label });

async function upload(page: Page, name: string, csv: string) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page
    .getByRole('button', { name: '导 入' })
    .or(page.getByRole('button', { name: '导入' }))
    .click();
}

describe('profiles in Chromium', () => {
  it('ent.demo fills its profile: each changed field is dated today and tagged 自报', async () => {
    const { page, context } = await signedIn('ent.demo');
    await page.getByRole('menuitem', { name: '企业档案' }).click();
    await page.waitForURL('**/my/profile');
    await expect.poll(() => fieldRow(page, '注册资本').textContent()).toContain('500 万元');
    await expect(fieldRow(page, '注册资本').textContent()).resolves.toContain('自报 · 2025-02-10');
    await expect(fieldRow(page, '纳税信用等级').textContent()).resolves.toContain('导入 · 聊城市大数据局 · 2025-02-26');
    await expect(fieldRow(page, '社保参保人数').textContent()).resolves.toContain('35 人');
    await screenshot(page, 'profile-enterprise-desktop');

    await page.getByRole('button', { name: '编辑档案' }).click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByLabel('员工人数').fill('45');
    await drawer.getByLabel('主营业务').fill('农业机械零部件加工、销售及维修服务');
    await drawer.getByRole('button', { name: '添加一笔贷款' }).click();
    await drawer.getByLabel('贷款银行 2').fill('齐鲁银行聊城分行');
    await drawer.getByLabel('余额（万元） 2').fill('30');
    await drawer.getByLabel('到期日 2').fill('2026-09-30');
    await drawer.getByLabel('到期日 2').press('Enter');
    await screenshot(page, 'profile-edit-desktop');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });

    await expect.poll(() => fieldRow(page, '员工人数').textContent()).toContain(`45 人自报 · ${TODAY}`);
    await expect(fieldRow(page, '现有贷款').textContent()).resolves.toContain(
      '齐鲁银行聊城分行：余额 30 万元，2026-09-30 到期',
    );
    // Unchanged fields keep the day they were declared.
    await expect(fieldRow(page, '法定代表人').textContent()).resolves.toContain('自报 · 2025-02-10');
    const { body } = await ent.agent.get(`${API}/me/profile`).expect(200);
    expect(body.fields.employees).toEqual({ value: 45, source: 'self', asOf: TODAY });
    expect(body.fields.existingLoans.value).toHaveLength(2);
    await context.close();
  }, 60_000);

  it('bureau.city imports: a file with a bad row imports nothing, the corrected file imports', async () => {
    const { page, context } = await signedIn('bureau.city');
    await page.getByRole('menuitem', { name: '公共数据导入' }).click();
    await page.waitForURL('**/bureau/public-data');
    const header = '统一社会信用代码,数据日期,纳税信用等级,社保参保人数,水电气缴费,行政处罚次数,失信被执行人';

    await upload(
      page,
      '企业公共数据-3月.csv',
      `${header}\n${uscc},2025-03-10,A,41,正常,0,否\n${OTHER_USCC},2025-03-10,AA,12,正常,0,否\n`,
    );
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.textContent()).toContain('未导入：1 处问题');
    await expect(report.textContent()).resolves.toContain('纳税信用等级应为 A、B、M、C 或 D');
    await expect(report.getByRole('row').nth(1).textContent()).resolves.toMatch(
      /^3纳税信用等级（taxCreditRating）纳税信用等级应为/,
    );
    await screenshot(page, 'public-data-rejected-desktop');
    // Nothing of the file was imported: the good row neither.
    expect((await ent.agent.get(`${API}/me/profile`).expect(200)).body.fields.taxCreditRating.value).toBe('B');

    await upload(page, '企业公共数据-3月（修正）.csv', `${header}\n${uscc},2025-03-10,A,41,正常,0,否\n`);
    await expect.poll(() => report.textContent()).toContain('已导入 1 家企业的公共数据');
    await screenshot(page, 'public-data-imported-desktop');
    await context.close();

    const phoneTab = await signedIn('bureau.city', phone);
    await phoneTab.page.goto(`${server.url}/bureau/public-data`);
    await phoneTab.page.getByRole('heading', { name: '公共数据导入' }).waitFor();
    await screenshot(phoneTab.page, 'public-data-phone');
    await phoneTab.context.close();
  });

  it('the enterprise sees the imported rating on its profile, tagged 导入 with the source and day', async () => {
    const { page, context } = await signedIn('ent.demo', phone);
    await page.goto(`${server.url}/my/profile`);
    await expect
      .poll(() => fieldRow(page, '纳税信用等级').textContent())
      .toContain('A导入 · 聊城市大数据局 · 2025-03-10');
    await expect(fieldRow(page, '社保参保人数').textContent()).resolves.toContain('41 人');
    await expect(fieldRow(page, '水电气缴费').textContent()).resolves.toContain('按时缴费');
    await screenshot(page, 'profile-enterprise-phone');
    await context.close();
  });
});
