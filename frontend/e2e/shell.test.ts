import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '@lcfin/backend/testing/platform';
import { launchBrowser, screenshot, serve } from './browser';

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

async function navigationOf(page: Page): Promise<string[]> {
  const nav = page.getByTestId('nav');
  await nav.waitFor();
  return nav.locator('[data-key]').evaluateAll((items) => items.map((i) => i.getAttribute('data-key') ?? ''));
}

async function signIn(page: Page, username: string): Promise<void> {
  // From the landing page, as a returning user would.
  await page.goto(server.url);
  await page.getByTestId('sign-in').click();
  await page.waitForURL('**/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo1234');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL('**/home');
}

describe('web app shell in Chromium', () => {
  it('signs in as ent.demo and shows the enterprise navigation', async () => {
    const page = await browser.newPage();
    await signIn(page, 'ent.demo');
    expect(await navigationOf(page)).toEqual(['/home', '/products', '/my/requests', '/my/profile', '/notifications']);
    await expect(page.getByTestId('current-role').textContent()).resolves.toBe('企业');
    await expect(page.getByTestId('welcome').textContent()).resolves.toContain('鲁西机械制造有限公司');
    await screenshot(page, 'enterprise-home');
    await page.close();
  });

  it('signs in as bureau.city and shows the bureau navigation', async () => {
    const page = await browser.newPage();
    await signIn(page, 'bureau.city');
    expect(await navigationOf(page)).toEqual([
      '/home',
      '/bureau/overview',
      '/bureau/sla',
      '/bureau/breaches',
      '/bureau/programs',
      '/bureau/claims',
      '/bureau/fiscal',
      '/bureau/public-data',
      '/notifications',
    ]);
    await expect(page.getByTestId('welcome').textContent()).resolves.toContain('聊城市地方金融管理局');
    await screenshot(page, 'bureau-home');
    await page.close();
  });

  it('shows a wrong password as an error and stays on the login page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('ent.demo');
    await page.getByLabel('密码').fill('not-the-password1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    expect(page.url()).toMatch(/\/login$/);
    await screenshot(page, 'login-wrong-password');
    await page.close();
  });
});
