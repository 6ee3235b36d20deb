import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, post, type SignedIn, type TestPlatform } from '@lcfin/backend/testing/platform';
import { startWorkers, type RunningWorkers } from '@lcfin/workers/start';
import { desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * Deadlines that reach into a year whose holiday schedule is not yet published: estimated from the
 * statutory holidays and said to be, the platform admin warned, and re-planned once the admin
 * enters the State Council's notice on the working-calendar page.
 */
let t: TestPlatform;
let workers: RunningWorkers;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let ent: SignedIn;
let officer: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  workers = startWorkers(t.platform);
  server = await serve(t);
  browser = await launchBrowser();
  [ent, officer] = await Promise.all([t.signIn('ent.demo'), t.signIn('officer.lcrcb')]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await workers?.close();
  await t?.close();
});

const at = (local: string) => new Date(`${local}+08:00`);
const signedIn = (username: string, viewport = desktop) => signedInTab(browser, server.url, username, viewport);

const estimate = '按法定节假日预估，以国务院办公厅公布的安排为准';

/** The 2027 notice as the State Council might publish it, 元旦 taking in Monday 4 January. */
const notice2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至4日（周一）放假，共4天。
二、春节：2月5日（农历腊月廿九、周五）至13日（周六）放假调休，共9天。2月14日（周日）、2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。`;

/** The applicant's promise for the contact stage, on the request page. */
const contactPromise = (page: Page) => page.getByTestId('promise-contact');

describe('the working calendar in Chromium', () => {
  it('estimates a deadline in a year without a schedule, and re-plans it when the admin enters the notice', async () => {
    // Wednesday 30 December 2026: chinese-days has no 2027 schedule.
    t.setNow(at('2026-12-30T09:00'));
    const { body } = await post(ent, '/loan-requests', {
      amount: 500_000,
      termMonths: 12,
      purpose: '年末备货',
      collateral: 'credit',
      county: '371502',
      industry: 'C',
    }).expect(201);
    const id = (body as { id: string }).id;
    await expect
      .poll(async () => (await ent.agent.get(`${API}/loan-requests/${id}`)).body.status, { timeout: 15_000 })
      .toBe('open');
    // Claimed at 09:05: two working days are Thursday 31 December and — 1 January being 元旦 by law,
    // then a weekend — Monday 4 January, an estimate.
    t.setNow(at('2026-12-30T09:05'));
    await post(officer, `/loan-requests/${id}/claim`).expect(200);
    const contact = async () => (await ent.agent.get(`${API}/loan-requests/${id}`)).body.deadlines.contact;
    await expect(contact()).resolves.toMatchObject({ dueAt: '2027-01-04T09:05:00+08:00', provisional: true });

    // The applicant reads the due time and that it is an estimate.
    const applicant = await signedIn('ent.demo');
    await applicant.page.goto(`${server.url}/my/requests/${id}`);
    await contactPromise(applicant.page).getByTestId('provisional-note').waitFor();
    await expect(contactPromise(applicant.page).textContent()).resolves.toMatch(
      new RegExp(`承诺 1月4日周一 09:05 前\\s*${estimate}剩余`),
    );
    // The header's countdown is tagged 预估.
    await applicant.page
      .getByTestId('request-detail')
      .locator('.ant-card')
      .first()
      .getByTestId('provisional-tag')
      .waitFor();
    await screenshot(applicant.page, 'calendar-request-provisional-desktop');
    await applicant.page.setViewportSize(phone);
    await contactPromise(applicant.page).scrollIntoViewIfNeeded();
    await screenshot(applicant.page, 'calendar-request-provisional-phone');
    const overflow = await applicant.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await applicant.page.setViewportSize(desktop);

    // The officer's list tags the countdown.
    const staff = await signedIn('officer.lcrcb');
    await staff.page.goto(`${server.url}/officer/requests`);
    await staff.page.locator(`[data-row-key="${id}"] [data-testid="provisional-tag"]`).waitFor();
    await staff.page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await screenshot(staff.page, 'calendar-officer-provisional-desktop');
    await staff.context.close();

    // The platform admin is warned on every page, and led to the year.
    const admin = await signedIn('admin');
    const banner = admin.page.getByTestId('provisional-banner');
    await admin.page.getByTestId('welcome').waitFor();
    await expect(banner.textContent()).resolves.toContain('2027 年节假日安排尚未录入，当前按法定节假日预估');
    await screenshot(admin.page, 'calendar-banner-desktop');
    await banner.getByRole('link').click();
    await admin.page.waitForURL('**/admin/calendar?year=2027');
    const year = admin.page.locator('[data-testid="calendar-year"][data-year="2027"]');
    await year.and(admin.page.locator('[data-source="provisional"]')).waitFor();
    const day = (date: string) => year.locator(`[data-day="${date}"]`);
    await expect(day('2027-01-01').getAttribute('data-kind')).resolves.toBe('holiday');
    await expect(day('2027-01-01').getAttribute('title')).resolves.toBe('2027-01-01 · 元旦 · 放假');
    await expect(day('2027-01-04').getAttribute('data-kind')).resolves.toBe('working');
    await screenshot(admin.page, 'calendar-provisional-desktop');

    // A make-up working day on a Wednesday is refused, on the date it names; nothing is saved.
    const text = admin.page.getByTestId('notice-text');
    await text.fill(`${notice2027}\n八、1月6日（周三）上班。`);
    await admin.page.getByTestId('save-calendar').click();
    await expect(admin.page.getByTestId('calendar-problem').textContent()).resolves.toContain(
      '调休上班日 2027-01-06：调休上班日只能是周六或周日',
    );

    // The notice as published: its days in the grid, before saving.
    await text.fill(notice2027);
    await admin.page.getByTestId('calendar-preview').waitFor();
    await expect(admin.page.getByTestId('notice-parsed').textContent()).resolves.toContain(
      '识别出放假 28 天、调休上班 6 天',
    );
    await expect(day('2027-01-04').getAttribute('data-kind')).resolves.toBe('holiday');
    await expect(day('2027-02-14').getAttribute('data-kind')).resolves.toBe('workday');
    await admin.page.getByTestId('notice-source').fill('国办发明电〔2026〕7号');
    await screenshot(admin.page, 'calendar-preview-desktop');
    await admin.page.getByTestId('save-calendar').click();
    await expect(admin.page.getByTestId('calendar-saved').textContent()).resolves.toContain(
      '已重新计算 1 个期限（1 笔需求）',
    );
    await year.and(admin.page.locator('[data-source="official"]')).waitFor();
    await admin.page.locator('[data-testid="calendar-years"] [data-year="2027"][data-source="official"]').waitFor();
    await expect(year.getByTestId('calendar-origin').textContent()).resolves.toBe('官方 · 管理员录入');
    await banner.waitFor({ state: 'detached' });
    await screenshot(admin.page, 'calendar-official-desktop');
    await admin.page.getByTestId('language-switch').click();
    await year.getByText('Official · entered by an admin').waitFor();
    await screenshot(admin.page, 'calendar-official-en-desktop');
    await admin.page.setViewportSize(phone);
    await screenshot(admin.page, 'calendar-official-phone');
    await admin.context.close();

    // The applicant's promise moved to Tuesday, no longer an estimate.
    await expect(contact()).resolves.toMatchObject({ dueAt: '2027-01-05T09:05:00+08:00', provisional: false });
    await applicant.page.reload();
    await contactPromise(applicant.page).getByText('承诺 1月5日周二 09:05 前').waitFor();
    await expect(contactPromise(applicant.page).getByTestId('provisional-note').count()).resolves.toBe(0);
    await expect(applicant.page.getByTestId('provisional-tag').count()).resolves.toBe(0);
    // The timeline says what moved, and who moved it.
    const replanned = applicant.page.getByTestId('timeline-entry').first();
    await expect(replanned.textContent()).resolves.toMatch(
      /^按 2027 年节假日安排调整时限.* · 平台管理员对接与贷前调查：1月4日周一 09:05 → 1月5日周二 09:05$/,
    );
    await screenshot(applicant.page, 'calendar-request-replanned-desktop');
    await applicant.context.close();
  }, 150_000);
});
