import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutions } from '@lcfin/backend/institutions/schema';
import { reconcileDue } from '@lcfin/backend/sla/breaches';
import {
  API,
  createTestPlatform,
  post,
  TEST_EPOCH,
  type SignedIn,
  type TestPlatform,
} from '@lcfin/backend/testing/platform';
import { startWorkers, type RunningWorkers } from '@lcfin/workers/start';
import { desktop, launchBrowser, phone, screenshot, serve, signedInTab } from './browser';

/**
 * ent.demo is told of every step of their request, in the notification centre and live, in the
 * words of the request page, while the officers and the bureau act through the API; the request
 * page gives the claiming officer's name and a phone number a tap dials.
 */
let t: TestPlatform;
let workers: RunningWorkers;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let ent: SignedIn;
let lcrcb: SignedIn;
let qilu: SignedIn;

beforeAll(async () => {
  t = await createTestPlatform();
  workers = startWorkers(t.platform);
  server = await serve(t);
  browser = await launchBrowser();
  [ent, lcrcb, qilu] = await Promise.all([t.signIn('ent.demo'), t.signIn('officer.lcrcb'), t.signIn('officer.qilu')]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await workers?.close();
  await t?.close();
});

const at = (local: string) => new Date(`${local}+08:00`);

const place = async (need: object) => {
  const res = await post(ent, '/loan-requests', {
    amount: 400_000,
    termMonths: 12,
    purpose: '采购原材料',
    collateral: 'credit',
    county: '371502',
    industry: 'C',
    ...need,
  }).expect(201);
  return res.body.id as string;
};
const step = (who: SignedIn, id: string, body: object) =>
  post(who, `/loan-requests/${id}/transition`, body).expect(200);

/** The notice pops up in the open app, and heads the notification centre, with the bell counting it. */
async function told(page: Page, title: string, body: string): Promise<void> {
  const popup = page.locator('.live-notice').filter({ hasText: title }).filter({ hasText: body });
  await popup.first().waitFor({ timeout: 15_000 });
  const newest = page.getByTestId('notification').first();
  await expect.poll(() => newest.innerText(), { timeout: 15_000 }).toContain(title);
  expect(await newest.innerText()).toContain(body);
}

describe('the applicant is told of every step', () => {
  it('live and in the notification centre, with the officer to call on the request page (phone)', async () => {
    const { page } = await signedInTab(browser, server.url, 'ent.demo', phone);
    await page.goto(`${server.url}/notifications`);
    await page.getByTestId('notifications').waitFor();
    const bell = page.getByTestId('notification-bell');
    const unread = async () => Number(await bell.getAttribute('data-unread'));
    const before = await unread();

    t.setNow(TEST_EPOCH);
    const id = await place({});
    await told(page, '融资需求已发布', '您的融资需求（40 万元 · 12 个月）已进入本县抢单池，等待银行接单。');
    await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    await told(
      page,
      '银行已接单',
      '聊城农商银行已接单您的融资需求（40 万元 · 12 个月），将尽快与您联系。客户经理：张经理（聊城农商银行），电话 0635-8213601。',
    );
    await step(lcrcb, id, { to: 'contacted', visitDate: t.today(), note: '已电话联系' });
    await told(page, '银行已与您对接', '聊城农商银行已就您的融资需求（40 万元 · 12 个月）与您取得联系。');
    await step(lcrcb, id, { to: 'investigated', visitDate: t.today(), note: '已实地调查' });
    await told(page, '贷前调查已完成', '聊城农商银行已完成您的融资需求（40 万元 · 12 个月）的贷前调查，进入审批。');
    await step(lcrcb, id, { to: 'approved', approvedAmount: 350_000, annualRate: 3.85, termMonths: 12 });
    await told(
      page,
      '审批通过',
      '聊城农商银行已批准您的融资需求（40 万元 · 12 个月）：35 万元，年利率 3.85%，期限 12 个月。',
    );
    await step(lcrcb, id, { to: 'disbursed', disbursedAmount: 350_000 });
    await told(page, '已放款', '聊城农商银行已就您的融资需求（40 万元 · 12 个月）放款 35 万元。');
    await expect.poll(unread).toBe(before + 6);
    await screenshot(page, 'notices-centre-phone');

    // The notice leads to the request page, which names the officer and dials their work phone.
    await page.getByTestId('notification-request').first().click();
    await page.waitForURL(`**/my/requests/${id}`);
    await expect.poll(() => page.getByTestId('officer-name').innerText()).toBe('张经理（聊城农商银行）');
    const call = page.getByTestId('officer-phone');
    expect(await call.getAttribute('href')).toBe('tel:06358213601');
    expect(await call.innerText()).toBe('0635-8213601');
    await call.scrollIntoViewIfNeeded();
    await screenshot(page, 'notices-request-officer-phone');
  });

  it('of a rejection with its reason, an escalation to the city pool and the bureau’s 派单', async () => {
    const { page } = await signedInTab(browser, server.url, 'ent.demo', desktop);
    await page.goto(`${server.url}/notifications`);
    await page.getByTestId('notifications').waitFor();

    t.setNow(TEST_EPOCH);
    const rejected = await place({ amount: 300_000 });
    await told(page, '融资需求已发布', '（30 万元 · 12 个月）');
    await post(qilu, `/loan-requests/${rejected}/claim`).expect(200);
    await told(page, '银行已接单', '齐鲁银行聊城分行已接单您的融资需求（30 万元 · 12 个月）');
    await step(qilu, rejected, { to: 'rejected', reasonCode: 'collateral', reason: '抵押物估值不足' });
    await told(
      page,
      '未获批准',
      '齐鲁银行聊城分行未批准您的融资需求（30 万元 · 12 个月），原因：抵质押或担保不足：抵押物估值不足。',
    );

    const assigned = await place({ amount: 500_000, county: '371525' });
    await told(page, '融资需求已发布', '（50 万元 · 12 个月）');
    t.setNow(at('2025-03-12T13:01'));
    await reconcileDue(t.platform.db, t.platform.sla);
    await told(
      page,
      '已升级至全市抢单池',
      '本县银行未按时响应，您的融资需求（50 万元 · 12 个月）已开放给全市的银行抢单。',
    );
    t.setNow(at('2025-03-12T16:30'));
    await reconcileDue(t.platform.db, t.platform.sla);
    const [bank] = await t.platform.db.select().from(institutions).where(eq(institutions.name, '齐鲁银行聊城分行'));
    const city = await t.signIn('bureau.city');
    await post(city, `/loan-requests/${assigned}/assign`, { institutionId: bank!.id }).expect(200);
    await told(
      page,
      '金融监管部门已派单',
      '您的融资需求（50 万元 · 12 个月）已派给齐鲁银行聊城分行，该行将尽快与您联系。',
    );
    await screenshot(page, 'notices-centre-desktop');
    // The API keeps the facts; the words above are the web app's, in the reader's language.
    const { body } = await ent.agent.get(`${API}/notifications?pageSize=1`).expect(200);
    expect(body.items[0]).toMatchObject({ kind: 'progress.assign', title: null, body: null });
  });
});
