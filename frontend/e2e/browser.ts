import { mkdirSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestPlatform } from '@lcfin/backend/testing/platform';

/** Debian's Chromium, with the flags this closed-network machine needs (see README "Tests"). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Serves the platform (API + built web app) on a free loopback port. */
export async function serve(t: TestPlatform): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = t.platform.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const desktop = { width: 1280, height: 900 };
export const phone = { width: 390, height: 844 };

/** A tab signed in as a demo account, in its own browser context (its own cookies, as another person's browser). */
export async function signedInTab(
  browser: Browser,
  url: string,
  username: string,
  viewport = desktop,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo1234');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL('**/home');
  return { context, page };
}

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Keeps what a user would have seen, for a person to look at after the run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top: a full-page capture of a scrolled page draws sticky headers mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Picks an option of an antd select — the one labelled `select`, or that element — after typing `search`
 * into it if given. Waits for the dropdown to finish opening: on a loaded machine a click during its
 * animation can be lost.
 */
export async function choose(page: Page, select: string | Locator, option: string, search?: string): Promise<void> {
  const field = typeof select === 'string' ? page.getByLabel(select, { exact: true }) : select;
  await field.click();
  if (search !== undefined) await field.fill(search);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.waitFor();
  await expect.poll(async () => (await dropdown.getAttribute('class')) ?? '').not.toMatch(/-(appear|enter)\b/);
  await dropdown.locator(`.ant-select-item-option[title="${option}"]`).click();
  await dropdown.waitFor({ state: 'hidden' });
}

/** Confirms the open antd Popconfirm, after its opening animation, and waits until it has closed. */
export async function confirmPopup(page: Page): Promise<void> {
  const popup = page.locator('.ant-popconfirm:visible');
  await popup.waitFor();
  await expect.poll(async () => (await popup.getAttribute('class')) ?? '').not.toMatch(/-(appear|enter)\b/);
  await popup.getByRole('button', { name: /确\s*定|OK/ }).click();
  await popup.waitFor({ state: 'hidden' });
}
