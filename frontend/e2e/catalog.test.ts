import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@lcfin/backend/testing/eventually';
import { API, createTestPlatform, type TestPlatform } from '@lcfin/backend/testing/platform';
import { choose, launchBrowser, screenshot, serve } from './browser';

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

const phone = { width: 390, height: 844 };

interface ProductView {
  id: string;
  name: string;
  minAmount: number;
  maxAmount: number;
  minTermMonths: number;
  maxTermMonths: number;
  customerTypes: string[];
  allCounties: boolean;
  counties: string[];
}

/** The catalog's results once the answer to the filters in the address has arrived. */
async function shownProducts(page: Page): Promise<string[]> {
  const query = new URL(page.url()).search.slice(1);
  await page.locator(`[data-testid="catalog-results"][data-query="${query}"]`).waitFor();
  return page.getByTestId('product-name').allTextContents();
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: '搜索产品' }).fill(text);
  await page.waitForURL((url) => (url.searchParams.get('q') ?? '') === text);
}

function card(page: Page, name: string): Locator {
  return page
    .getByTestId('product-card')
    .filter({ has: page.getByTestId('product-name').getByText(name, { exact: true }) });
}

describe('product catalog in Chromium', () => {
  it('lets a visitor search, filter to what fits, compare two products and open one', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/products`);
    await expect(shownProducts(page)).resolves.toContain('莱e贷');
    await expect(page.getByTestId('sign-in').textContent()).resolves.toMatch(/登\s*录/);
    await screenshot(page, 'catalog-desktop');

    await search(page, '快贷');
    await expect(shownProducts(page)).resolves.toContain('水城快贷');
    await search(page, '');

    // A 500,000-yuan, 12-month enterprise loan in 冠县.
    await page.getByLabel('融资金额').fill('50');
    await page.getByLabel('融资期限').fill('12');
    await choose(page, '客户类型', '企业');
    await choose(page, '所在区县', '冠县');
    await page.waitForURL(
      (url) =>
        url.searchParams.get('amount') === '500000' &&
        url.searchParams.get('termMonths') === '12' &&
        url.searchParams.get('customerType') === 'enterprise' &&
        url.searchParams.get('county') === '371525',
    );
    const names = await shownProducts(page);
    expect(names).toEqual(expect.arrayContaining(['水城快贷', '齐鲁科创快贷']));
    expect(names).not.toContain('幸福e贷');
    const ids = await page
      .getByTestId('product-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-product-id') ?? ''));
    for (const id of ids) {
      const { body } = (await t.api.get(`${API}/products/${id}`).expect(200)) as { body: ProductView };
      expect(body.minAmount <= 500_000 && 500_000 <= body.maxAmount, body.name).toBe(true);
      expect(body.minTermMonths <= 12 && 12 <= body.maxTermMonths, body.name).toBe(true);
      expect(body.customerTypes, body.name).toContain('enterprise');
      expect(body.allCounties || body.counties.includes('371525'), body.name).toBe(true);
    }
    await screenshot(page, 'catalog-filtered-desktop');

    // The filters live in the address: the back button undoes the last one.
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('county'));
    await expect(page.getByLabel('所在区县', { exact: true }).inputValue()).resolves.toBe('');
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('county') === '371525');

    await card(page, '水城快贷').getByRole('checkbox', { name: '对比' }).check();
    await card(page, '齐鲁科创快贷').getByRole('checkbox', { name: '对比' }).check();
    await expect(page.getByTestId('compare-bar').textContent()).resolves.toContain('已选 2/4');
    await screenshot(page, 'catalog-compare-bar-desktop');
    await page.getByTestId('start-compare').click();
    await page.waitForURL('**/products/compare?ids=*');
    // Both products' columns (antd repeats a scrolling table's header for measuring, so the second
    // element found may be the first product's copy while the page is still laying out).
    const compared = await eventually(async () => {
      const names = new Set(await page.getByTestId('compare-product').allTextContents());
      return names.size === 2 ? names : undefined;
    });
    expect([...compared]).toEqual(['水城快贷', '齐鲁科创快贷']);
    await expect(page.getByTestId('compare-table').textContent()).resolves.toContain('齐鲁银行聊城分行');
    await screenshot(page, 'compare-desktop');

    await page.getByTestId('compare-product').first().click();
    await page.waitForURL(/\/products\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('product-title').textContent()).resolves.toBe('水城快贷');
    await page.getByTestId('institution-card').getByText('聊城农商银行').waitFor();
    expect(await page.getByTestId('eligibility').locator('.ant-list-item').count()).toBeGreaterThan(0);
    await expect(page.getByTestId('required-materials').textContent()).resolves.toContain('营业执照');
    // A visitor applies by signing in first, then goes on to the request form for this product.
    const apply = new URL((await page.getByTestId('apply').getAttribute('href'))!, server.url);
    expect(apply.pathname).toBe('/login');
    expect(apply.searchParams.get('next')).toMatch(/^\/my\/requests\/new\?productId=[0-9a-f-]{36}$/);
    await screenshot(page, 'product-detail-desktop');
    await page.close();
  }, 90_000);

  it('lets inst.lcrcb list a new product, which then appears in the public catalog with its text inert', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/products`);
    await page.getByTestId('sign-in').click();
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').fill('inst.lcrcb');
    await page.getByLabel('密码').fill('demo1234');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL('**/home');

    await page.getByTestId('nav').getByText('产品管理').click();
    await page.waitForURL('**/institution/products');
    await page.getByTestId('institution-products').getByText('水城快贷').waitFor();
    await page.getByRole('button', { name: '新建产品' }).click();

    const name = '冠县乡村振兴贷';
    const description = '<script>window.injected = true</script><b>不加粗</b>\n第二行';
    await page.getByLabel('产品名称').fill(name);
    await page.getByLabel('最低额度（万元）').fill('20');
    await page.getByLabel('最高额度（万元）').fill('80');
    await page.getByLabel('最短期限（月）').fill('6');
    await page.getByLabel('最长期限（月）').fill('24');
    await page.getByLabel('最低年利率（%）').fill('4.1');
    await page.getByLabel('最高年利率（%）').fill('5.6');
    await page.getByRole('checkbox', { name: '企业' }).check();
    await page.getByRole('checkbox', { name: '农户' }).check();
    await page.getByLabel('所需材料').fill('营业执照、法定代表人身份证、');
    await page.getByLabel('产品介绍').fill(description);
    await screenshot(page, 'institution-product-form');
    await page.getByTestId('save-and-list').click();

    const row = page.getByTestId('institution-products').locator('tr', { hasText: name });
    await row.getByTestId('product-status').getByText('已上架').waitFor();
    await screenshot(page, 'institution-products');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await page.goto(`${server.url}/products`);
    await search(page, '乡村振兴');
    await expect(shownProducts(page)).resolves.toEqual([name]);
    await expect(card(page, name).textContent()).resolves.toContain('20–80 万元');

    await card(page, name).getByTestId('product-name').click();
    await expect(page.getByTestId('product-description').textContent()).resolves.toBe(description);
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    expect(await page.getByTestId('product-description').locator('b, script').count()).toBe(0);
    await page.close();
  }, 90_000);

  it('fits the catalog, its filters, the comparison and a detail on a phone', async () => {
    const page = await browser.newPage({ viewport: phone });
    await page.goto(`${server.url}/products`);
    await shownProducts(page);
    await screenshot(page, 'catalog-phone');

    await page.getByTestId('open-filters').click();
    await page.getByLabel('融资金额').fill('50');
    await page.waitForURL((url) => url.searchParams.get('amount') === '500000');
    await screenshot(page, 'catalog-filters-phone');
    await page.getByRole('button', { name: '查看结果' }).click();

    await card(page, '水城快贷').getByRole('checkbox', { name: '对比' }).check();
    await card(page, '莱e贷').getByRole('checkbox', { name: '对比' }).check();
    await screenshot(page, 'catalog-compare-bar-phone');
    await page.getByTestId('start-compare').click();
    await page.getByTestId('compare-product').nth(1).waitFor();
    await screenshot(page, 'compare-phone');

    await page.getByTestId('compare-product').first().click();
    await page.getByTestId('product-title').waitFor();
    await screenshot(page, 'product-detail-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  }, 90_000);
});
