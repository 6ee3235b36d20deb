import { mkdirSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { QUEUE_DASHBOARD_PATH } from '@lcfin/backend/contract';
import type { TestPlatform } from '@lcfin/backend/testing/platform';
import { expectNoSeriousFaults } from './accessibility';

// An axe audit takes seconds on a busy 2-core machine (4–9 s measured): a browser test that opens a
// few routes needs more than the suite's 30 s. Set on import, before the file's tests are collected.
vi.setConfig({ testTimeout: 120_000 });

/**
 * Debian's Chromium, with the flags this closed-network machine needs (see README "Tests"). Every
 * page opened in it is audited by axe as the tests navigate (`auditNavigations`).
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => auditNavigations(await newContext(options));
  // browser.newPage's own context is one axe cannot attach to: open it through newContext instead
  // (the browser closes it at the end of the file).
  browser.newPage = async (options) => (await browser.newContext(options)).newPage();
  return browser;
}

/**
 * The routes audited in this test file (each file runs in its own module instance), with the
 * viewport's width: a path's ids count as one route.
 */
const auditedRoutes = new Set<string>();
const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

/** The route a URL shows, or null for what is not the web app's page (the API, bull-board's queue dashboard). */
function routeOf(url: string): string | null {
  const { pathname } = new URL(url);
  if (pathname.startsWith('/api/') || pathname.startsWith(QUEUE_DASHBOARD_PATH)) return null;
  return pathname
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/');
}

/**
 * Runs axe after each `page.goto` the tests make on the context's pages — the first time each
 * route is visited at the page's width in the test file, not on every navigation: an audit after
 * each one would make the browser tests far more than 30% slower — and fails that navigation,
 * listing the serious and critical faults, when it finds any.
 */
function auditNavigations(context: BrowserContext): BrowserContext {
  const newPage = context.newPage.bind(context);
  context.newPage = async () => {
    const page = await newPage();
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      const route = routeOf(page.url());
      const key = route && `${route} @${page.viewportSize()?.width ?? desktop.width}`;
      if (key && !auditedRoutes.has(key)) {
        auditedRoutes.add(key);
        await expectNoSeriousFaults(page, key);
      }
      return response;
    };
    return page;
  };
  return context;
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
