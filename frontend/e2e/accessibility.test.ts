import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_DASHBOARD_PATH } from '@lcfin/backend/contract';
import { createTestPlatform, post, type TestPlatform } from '@lcfin/backend/testing/platform';
import { seriousFaults, settled, type AccessibilityFault } from './accessibility';
import { launchBrowser, serve, signedInTab } from './browser';

let t: TestPlatform;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let claimedRequest: string;
let productId: string;
beforeAll(async () => {
  t = await createTestPlatform();
  server = await serve(t);
  browser = await launchBrowser();
  // A claimed request, so the applicant's and the officer's request pages have a stage to show.
  const ent = await t.signIn('ent.demo');
  claimedRequest = await t.openRequest(ent);
  const officer = await t.signIn('officer.lcrcb');
  expect((await post(officer, `/loan-requests/${claimedRequest}/claim`)).status).toBe(200);
  const { body } = await t.api.get('/api/v1/products?q=水城快贷').expect(200);
  productId = body.items[0].id;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

/** Every serious fault on each path, at both sizes, with one `h1` per page. */
async function audit(page: Page, paths: string[]): Promise<Record<string, AccessibilityFault[] | string>> {
  const found: Record<string, AccessibilityFault[] | string> = {};
  for (const viewport of [desktop, phone]) {
    await page.setViewportSize(viewport);
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      await settled(page);
      const where = `${path} @${viewport.width}`;
      const faults = await seriousFaults(page);
      if (faults.length > 0) found[where] = faults;
      const headings = await page.locator('h1').count();
      if (headings !== 1) found[`${where} h1`] = `${headings} h1 elements`;
    }
  }
  return found;
}

/** The menu's destinations of the signed-in user, so a page added to the menu is audited without listing it here. */
async function menuPaths(page: Page): Promise<string[]> {
  const nav = page.getByTestId('nav');
  await nav.waitFor();
  const keys = await nav
    .locator('[data-key]')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-key') ?? ''));
  // The queue dashboard is bull-board's own page, opened in a new tab: not the web app's to fix.
  return keys.filter((k) => k.startsWith('/') && k !== QUEUE_DASHBOARD_PATH);
}

describe('accessibility (axe, WCAG 2.1 AA) of every page', () => {
  it('finds no serious fault on the pages a visitor sees', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const faults = await audit(page, [
      '/',
      '/login',
      '/register',
      '/forgot-password',
      '/terms',
      '/privacy',
      '/products',
      `/products/${productId}`,
      '/no-such-page',
    ]);
    expect(faults).toEqual({});
    await context.close();
  }, 180_000);

  it.each([
    ['ent.demo', () => [`/my/requests/${claimedRequest}`, '/my/requests/new']],
    ['ind.demo', () => []],
    ['officer.lcrcb', () => [`/officer/requests/${claimedRequest}`]],
    ['inst.lcrcb', () => [`/institution/pipeline/${claimedRequest}`]],
    ['bureau.city', () => ['/bureau/report']],
    ['officer.qilu', () => ['/urges', '/bureau/overview']],
    ['bureau.guanxian', () => []],
    ['admin', () => []],
  ])(
    'finds no serious fault on the pages of %s',
    async (username, extra) => {
      const { context, page } = await signedInTab(browser, server.url, username, desktop);
      const paths = [...new Set([...(await menuPaths(page)), ...extra()])];
      const faults = await audit(page, paths);
      expect(faults).toEqual({});
      await context.close();
    },
    300_000,
  );

  it('is checked on each route the browser tests open: a serious fault fails the navigation, listed', async () => {
    // The shared browser audits after page.goto: here every page gets a button with no name (axe: critical).
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() =>
      document.addEventListener('DOMContentLoaded', () => document.body.append(document.createElement('button'))),
    );
    const page = await context.newPage();
    await expect(page.goto(`${server.url}/privacy`)).rejects.toThrow(
      /axe \(WCAG 2\.1 AA\) finds serious faults on \/privacy @1280:[\s\S]*"rule": "button-name"/,
    );
    // Once per route and width in a file: the next visit is not audited again.
    await page.goto(`${server.url}/privacy`);
    await context.close();
  });
});
