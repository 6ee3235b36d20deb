import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckCharacter } from '@lcfin/backend/auth/identifiers';
import { API, createTestPlatform, type TestPlatform } from '@lcfin/backend/testing/platform';
import { choose, desktop, launchBrowser, phone, screenshot, serve } from './browser';

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

/** The text of the request form's item labelled `label` (an antd select shows its choice there). */
const field = (page: Page, label: string) =>
  page.getByTestId('new-request-form').locator('.ant-form-item', { has: page.getByText(label, { exact: true }) });

/** From the catalog: a 500,000-yuan, 12-month loan in 冠县, then 水城快贷's page. */
async function filterAndOpenProduct(page: Page): Promise<void> {
  await page.getByLabel('融资金额').fill('50');
  await page.getByLabel('融资期限').fill('12');
  await choose(page, '所在区县', '冠县');
  await page.waitForURL(
    (url) =>
      url.searchParams.get('amount') === '500000' &&
      url.searchParams.get('termMonths') === '12' &&
      url.searchParams.get('county') === '371525',
  );
  const query = new URL(page.url()).search.slice(1);
  await page.locator(`[data-testid="catalog-results"][data-query="${query}"]`).waitFor();
  await page.getByTestId('product-name').getByText('水城快贷', { exact: true }).click();
  await page.getByTestId('product-title').getByText('水城快贷').waitFor();
}

/** The request form, prefilled with what was asked for in the catalog. */
async function expectPrefilled(page: Page, industry: string, product?: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/my/requests/new');
  const form = page.getByTestId('new-request-form');
  await form.waitFor();
  if (product) await expect(page.getByTestId('chosen-product').textContent()).resolves.toContain(product);
  await expect(form.getByLabel('融资金额').inputValue()).resolves.toBe('50');
  await expect(form.getByLabel('融资期限').inputValue()).resolves.toBe('12');
  await expect(field(page, '所在区县').textContent()).resolves.toContain('冠县');
  await expect(field(page, '所属行业').textContent()).resolves.toContain(industry);
}

describe('a visitor in Chromium', () => {
  it('goes from / to a product, registers with consent and submits the prefilled request without retyping', async () => {
    const figures = (await t.api.get(`${API}/platform/figures`).expect(200)).body;
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    await page.goto(server.url);
    // The landing page: what the platform is, its figures from the API, the 321 promise.
    await page.getByTestId('landing').waitFor();
    await expect(page.getByTestId('figure-institutions').textContent()).resolves.toContain(
      String(figures.institutions),
    );
    await expect(page.getByTestId('figure-listedProducts').textContent()).resolves.toContain(
      String(figures.listedProducts),
    );
    await expect(page.getByTestId('promise-321').textContent()).resolves.toContain('3 个工作小时内响应');
    await screenshot(page, 'landing-desktop');

    await page.getByTestId('landing-catalog').click();
    await page.waitForURL('**/products');
    await filterAndOpenProduct(page);
    await page.getByTestId('apply').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('register-link').click();
    await page.waitForURL((url) => url.pathname === '/register' && url.searchParams.has('next'));

    // An enterprise of 东昌府区 in wholesale and retail, asking for a loan in 冠县.
    await page.getByLabel('企业名称').fill('聊城同心商贸有限公司');
    await page.getByLabel('统一社会信用代码').fill(`91371502MA3D8Q2L1${usccCheckCharacter('91371502MA3D8Q2L1')}`);
    await choose(page, '所属行业', 'F 批发和零售业');
    await choose(page, '所在区县', '东昌府区');
    await page.getByLabel('手机号码').fill('13906357777');
    await page.getByLabel('用户名').fill('tongxin.trade');
    await page.getByLabel('密码', { exact: true }).fill('Tongxin2026');
    await page.getByLabel('确认密码').fill('Tongxin2026');
    // Without consent to the agreements, nothing is sent.
    await page.getByRole('button', { name: /注\s*册/ }).click();
    await page.getByText('请阅读并同意《用户协议》和《隐私政策》').waitFor();
    await expect(page.getByRole('link', { name: '《用户协议》' }).getAttribute('href')).resolves.toBe('/terms');
    await expect(page.getByRole('link', { name: '《隐私政策》' }).getAttribute('href')).resolves.toBe('/privacy');
    await page.getByTestId('agree').click();
    await page.getByText('请阅读并同意《用户协议》和《隐私政策》').waitFor({ state: 'hidden' });
    await screenshot(page, 'register-with-consent-desktop');
    await page.getByRole('button', { name: /注\s*册/ }).click();

    // Signed in and straight on the request form: 50 万, 12 months, 冠县, and the account's industry.
    await expectPrefilled(page, '批发和零售业', '水城快贷');
    await screenshot(page, 'request-prefilled-after-registration-desktop');
    await page.getByTestId('new-request-form').getByLabel('资金用途').fill('采购年货');
    await page.getByTestId('submit-request').click();
    await page.waitForURL(/\/my\/requests\/[0-9a-f-]{36}$/);

    const id = new URL(page.url()).pathname.split('/').pop();
    const applicant = await t.signIn('tongxin.trade', 'Tongxin2026');
    const { body: request } = await applicant.agent.get(`${API}/loan-requests/${id}`).expect(200);
    expect(request).toMatchObject({ amount: 500_000, termMonths: 12, county: '371525', industry: 'F' });
    expect(request.product).toMatchObject({ name: '水城快贷' });
    await context.close();
  }, 120_000);

  it('keeps the product through sign-in, and never follows a return address off the site', async () => {
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    // The login page leads to the catalog and to the password help.
    await page.getByTestId('forgot-password').click();
    await page.getByTestId('forgot-password-page').getByText('平台管理员', { exact: false }).first().waitFor();
    await screenshot(page, 'forgot-password-desktop');
    await page.goBack();
    await page.getByTestId('browse-catalog').click();
    await page.waitForURL('**/products');

    await filterAndOpenProduct(page);
    await page.getByTestId('apply').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('用户名').fill('ent.demo');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expectPrefilled(page, '制造业', '水城快贷');

    // From the filtered catalog without a product: an open request, starting from the same filters.
    await page.goto(`${server.url}/products?amount=500000&termMonths=12&county=371525`);
    await page.getByTestId('place-request').click();
    await expectPrefilled(page, '制造业');
    await expect(page.getByTestId('chosen-product').count()).resolves.toBe(0);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');

    for (const hostile of ['https://evil.example/phish', '//evil.example/phish', '/\\evil.example/phish']) {
      await page.goto(`${server.url}/login?next=${encodeURIComponent(hostile)}`);
      await page.getByLabel('用户名').fill('ind.demo');
      await page.getByLabel('密码').fill('demo1234');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL(`${server.url}/home`);
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/login');
    }
    await context.close();
  }, 120_000);

  it('shows the landing page, the agreements and the password help on a phone', async () => {
    const context = await browser.newContext({ viewport: phone });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('figure-requests').waitFor();
    await screenshot(page, 'landing-phone');
    await page.goto(`${server.url}/terms`);
    await page.getByTestId('agreement-terms').getByText('一、平台做什么').waitFor();
    await screenshot(page, 'terms-phone');
    await page.goto(`${server.url}/privacy`);
    await page.getByTestId('agreement-privacy').getByText('三、谁能看到').waitFor();
    await page.goto(`${server.url}/forgot-password`);
    await page.getByTestId('forgot-password-page').waitFor();
    await screenshot(page, 'forgot-password-phone');
    await context.close();
  }, 60_000);
});
