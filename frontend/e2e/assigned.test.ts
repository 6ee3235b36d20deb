import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutions } from '@lcfin/backend/institutions/schema';
import { openInPool } from '@lcfin/backend/requests/matcher';
import { reconcileDue } from '@lcfin/backend/sla/breaches';
import { API, createTestPlatform, type TestPlatform } from '@lcfin/backend/testing/platform';
import { desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * A request the bureau assigned (派单) has an institution but no officer until one of its officers
 * takes it up: every page that shows it must say so instead of naming one. Built through the API
 * with the platform's clock moved by the test (March 2025, office hours 09:00–17:00, no holidays):
 * ent.demo asks in 冠县 Mon 10 Mar 09:00; nobody claims it in the county window (to 12:00) nor the
 * city-wide one (to 15:00); bureau.city assigns it to 聊城农商银行 at 15:30; nobody contacts the
 * applicant, so the bank's contact stage breaches Wed 12 Mar 15:30.
 */
let t: TestPlatform;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let id = '';
const BANK = '聊城农商银行';
const NO_OFFICER = '待客户经理承接';

const at = (local: string) => new Date(`${local}+08:00`);

beforeAll(async () => {
  t = await createTestPlatform();
  server = await serve(t);
  browser = await launchBrowser();
  const [ent, city] = await Promise.all([t.signIn('ent.demo'), t.signIn('bureau.city')]);
  const reconcileAt = async (when: string) => {
    t.setNow(at(when));
    await reconcileDue(t.platform.db, t.platform.sla);
  };

  t.setNow(at('2025-03-10T09:00'));
  const submitted = await ent.agent
    .post(`${API}/loan-requests`)
    .set('x-csrf-token', ent.csrf)
    .send({
      amount: 300_000,
      termMonths: 12,
      purpose: '购买饲料',
      collateral: 'credit',
      county: '371525',
      industry: 'A',
    })
    .expect(201);
  id = submitted.body.id;
  await openInPool(t.platform, id);
  await reconcileAt('2025-03-10T12:00:20');
  await reconcileAt('2025-03-10T15:01');

  t.setNow(at('2025-03-10T15:30'));
  const [bank] = await t.platform.db.select().from(institutions).where(eq(institutions.name, BANK));
  const assigned = await city.agent
    .post(`${API}/loan-requests/${id}/assign`)
    .set('x-csrf-token', city.csrf)
    .send({ institutionId: bank!.id })
    .expect(200);
  expect(assigned.body.claimedBy).toMatchObject({ institution: { name: BANK }, officer: null });
  await reconcileAt('2025-03-12T16:00');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

const signedIn = (username: string, viewport = desktop) => signedInTab(browser, server.url, username, viewport);

/** A render error leaves the page blank (the waits above it fail); a failed query says 加载失败. */
async function assertNoFailure(page: Page): Promise<void> {
  await expect(page.getByText('加载失败').count()).resolves.toBe(0);
}

/** The request's own page: the bank that has it, no officer yet, and the 派单 step by the bureau. */
async function expectAssignedDetail(page: Page): Promise<void> {
  const outcome = page.getByTestId('request-outcome');
  await outcome.getByText(BANK).waitFor();
  await outcome.getByText(NO_OFFICER).waitFor();
  const assignment = page.getByTestId('timeline-entry').filter({ hasText: '金融监管部门派单' });
  await expect(assignment.textContent()).resolves.toContain('金融监管');
  await expect(assignment.textContent()).resolves.not.toContain('客户经理');
  await assertNoFailure(page);
}

/** The list row of the request, once the list has loaded. */
function listRow(page: Page) {
  return page.getByTestId('request-table').locator(`tr[data-row-key="${id}"]`);
}

describe('a request the bureau assigned, before any officer takes it up, in Chromium', () => {
  it('shows the applicant the bank and that no officer has it yet, on desktop and phone', async () => {
    const { context, page } = await signedIn('ent.demo');
    await page.goto(`${server.url}/my/requests`);
    await listRow(page).getByText(BANK).waitFor();
    await page.goto(`${server.url}/my/requests/${id}`);
    await expectAssignedDetail(page);
    await screenshot(page, 'assigned-applicant-desktop');
    await page.setViewportSize(phone);
    await expectAssignedDetail(page);
    await screenshot(page, 'assigned-applicant-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  }, 90_000);

  it("lists it in the bank's officer's 我的订单, whose page offers the first stage step", async () => {
    const { context, page } = await signedIn('officer.lcrcb');
    await page.getByRole('menuitem', { name: '我的订单' }).click();
    await page.waitForURL('**/officer/requests');
    await listRow(page).getByTestId('stage-contacted').waitFor();
    await assertNoFailure(page);
    await screenshot(page, 'assigned-officer-list-desktop');
    await listRow(page).getByTestId('request-link').click();
    await page.waitForURL(`**/officer/requests/${id}`);
    await expectAssignedDetail(page);
    await page.getByTestId('request-actions').getByTestId('stage-contacted').waitFor();
    await screenshot(page, 'assigned-officer-detail-desktop');
    await context.close();
  }, 90_000);

  it("shows the institution admin's pipeline and request page without an officer, in both languages", async () => {
    const { context, page } = await signedIn('inst.lcrcb');
    await page.goto(`${server.url}/institution/pipeline`);
    await listRow(page).getByText(NO_OFFICER).waitFor();
    await assertNoFailure(page);
    await screenshot(page, 'assigned-pipeline-desktop');
    await listRow(page).getByTestId('request-link').click();
    await page.waitForURL(`**/institution/pipeline/${id}`);
    await expectAssignedDetail(page);
    await screenshot(page, 'assigned-institution-detail-desktop');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('request-outcome').getByText('Awaiting an officer').waitFor();
    await screenshot(page, 'assigned-institution-detail-en-desktop');
    await page.getByTestId('language-switch').click();
    await context.close();
  }, 90_000);

  it("shows the bureau the bank's breached contact stage, to urge, and no more 派单", async () => {
    const { context, page } = await signedIn('bureau.city');
    await page.goto(`${server.url}/bureau/breaches`);
    const rows = page.locator(`tr[data-request-id="${id}"]`);
    const contact = rows.filter({ hasText: '对接与贷前调查' });
    await contact.getByText(BANK).waitFor();
    await contact.getByRole('button', { name: /督\s*办/ }).waitFor();
    // Both respond windows' breaches, closed by the assignment, and the contact stage's.
    await expect.poll(() => rows.count()).toBe(3);
    await expect(rows.getByRole('button', { name: /派\s*单/ }).count()).resolves.toBe(0);
    await assertNoFailure(page);
    // The table fades in after loading; a capture during the fade shows it washed out.
    const table = page.locator('.ant-spin-container').first();
    await expect.poll(() => table.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
    await screenshot(page, 'assigned-breaches-desktop');
    await context.close();
  }, 90_000);
});
