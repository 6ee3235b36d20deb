import type { AddressInfo, Server } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestNotice } from '@lcfin/backend/contract';
import { institutions } from '@lcfin/backend/institutions/schema';
import { notifications } from '@lcfin/backend/notifications/schema';
import { outbox } from '@lcfin/backend/outbox/schema';
import { noticeToApplicant } from '@lcfin/backend/requests/notices';
import { reconcileDue } from '@lcfin/backend/sla/breaches';
import { eventually } from '@lcfin/backend/testing/eventually';
import {
  API,
  createTestPlatform,
  ORDINARY_NEED,
  post,
  TEST_EPOCH,
  type SignedIn,
  type TestPlatform,
} from '@lcfin/backend/testing/platform';
import { openSse, type SseConnection } from '@lcfin/backend/testing/sse';
import { readEvent } from '@lcfin/backend/outbox/catalogue';
import { startWorkers, type RunningWorkers } from './start';

/** The applicant is told of every change of their request: once, in the notification centre and live. */
let t: TestPlatform;
let workers: RunningWorkers;
let server: Server;
let live: SseConnection;
let ent: SignedIn;
let lcrcb: SignedIn;
let qilu: SignedIn;

beforeAll(async () => {
  t = await createTestPlatform();
  workers = startWorkers(t.platform);
  await t.platform.streamHub.ready;
  server = t.platform.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${API}`;
  const token = await t.api.post(`${API}/auth/tokens`).send({ username: 'ent.demo', password: 'demo1234' });
  live = await openSse(`${base}/stream`, { Authorization: `Bearer ${token.body.token}` });
  await live.waitFor((e) => e.event === 'ready');
  [ent, lcrcb, qilu] = await Promise.all([t.signIn('ent.demo'), t.signIn('officer.lcrcb'), t.signIn('officer.qilu')]);
});
afterAll(async () => {
  live?.close();
  server?.close();
  await workers?.close();
  await t?.close();
});

interface Notice {
  kind: string;
  title: string | null;
  body: string | null;
  params: RequestNotice;
}

/** ent.demo's notices of one request, oldest first, once there are `count` of them. */
async function noticesOf(requestId: string, count: number): Promise<Notice[]> {
  return eventually(async () => {
    const { body } = await ent.agent.get(`${API}/notifications?pageSize=100`).expect(200);
    const mine = (body.items as Notice[]).filter((n) => n.params?.requestId === requestId).reverse();
    return mine.length >= count ? mine : undefined;
  });
}

/** The live message that the notice of `action` is in the notification centre. */
const heard = (requestId: string, action: string) =>
  live.waitFor((e) => e.event === 'request.notice' && e.data.requestId === requestId && e.data.action === action);

const place = async (need: object = {}) => {
  const res = await post(ent, '/loan-requests', { ...ORDINARY_NEED, amount: 400_000, ...need }).expect(201);
  return res.body.id as string;
};
const step = (who: SignedIn, id: string, body: object) =>
  post(who, `/loan-requests/${id}/transition`, body).expect(200);

describe('the applicant’s notices', () => {
  it('tell of the pool, the claim with the officer’s name and work phone, each stage, the approval and the disbursal', async () => {
    t.setNow(TEST_EPOCH);
    const id = await place();
    await heard(id, 'open');
    await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    await heard(id, 'claim');
    await step(lcrcb, id, { to: 'contacted', visitDate: t.today(), note: '已电话联系' });
    await step(lcrcb, id, { to: 'investigated', visitDate: t.today(), note: '已实地调查' });
    await step(lcrcb, id, { to: 'approved', approvedAmount: 350_000, annualRate: 3.85, termMonths: 12 });
    await step(lcrcb, id, { to: 'disbursed', disbursedAmount: 350_000 });
    await heard(id, 'disburse');

    const notices = await noticesOf(id, 6);
    expect(notices.map((n) => n.kind)).toEqual([
      'progress.open',
      'progress.claim',
      'progress.contact',
      'progress.investigate',
      'progress.approve',
      'progress.disburse',
    ]);
    // Facts, not words: the web app words them in the reader's language (title and body stay empty).
    expect(notices.every((n) => n.title === null && n.body === null)).toBe(true);
    const [opened, claimed, , , approved, disbursed] = notices.map((n) => n.params);
    expect(opened).toMatchObject({ action: 'open', amount: 400_000, termMonths: 12, tier: 'county', officer: null });
    expect(claimed).toMatchObject({
      institutionName: '聊城农商银行',
      officer: { name: '张经理（聊城农商银行）', phone: '0635-8213601' },
    });
    expect(approved!.approval).toEqual({ amount: 350_000, annualRate: 3.85, termMonths: 12 });
    expect(disbursed!.disbursedAmount).toBe(350_000);

    // The request page shows the applicant whom to call.
    const page = await ent.agent.get(`${API}/loan-requests/${id}`).expect(200);
    expect(page.body.claimedBy.officer).toMatchObject({
      displayName: '张经理（聊城农商银行）',
      workPhone: '0635-8213601',
    });
  });

  it('tell of a rejection with its reason, but not of the applicant’s own reopening or withdrawal', async () => {
    t.setNow(TEST_EPOCH);
    const id = await place({ purpose: '购置设备' });
    await heard(id, 'open');
    await post(qilu, `/loan-requests/${id}/claim`).expect(200);
    await step(qilu, id, { to: 'rejected', reasonCode: 'collateral', reason: '抵押物估值不足' });
    await heard(id, 'reject');
    await post(ent, `/loan-requests/${id}/reopen`).expect(200);
    await post(ent, `/loan-requests/${id}/cancel`).expect(200);
    // The reopen and the withdrawal went through the workers too: their request.updated came.
    await live.waitFor(
      (e) => e.event === 'request.updated' && e.data.requestId === id && e.data.status === 'cancelled',
    );
    const notices = await noticesOf(id, 3);
    expect(notices.map((n) => n.kind)).toEqual(['progress.open', 'progress.claim', 'progress.reject']);
    expect(notices[2]!.params).toMatchObject({
      institutionName: '齐鲁银行聊城分行',
      rejection: { code: 'collateral', reason: '抵押物估值不足' },
    });
  });

  it('tell of the escalation to the city pool, the bureau’s 派单, and of expiry', async () => {
    const at = (local: string) => new Date(`${local}+08:00`);
    t.setNow(TEST_EPOCH);
    const assigned = await place({ county: '371525' });
    const expiring = await place({ county: '371526' });
    await heard(assigned, 'open');
    await heard(expiring, 'open');
    t.setNow(at('2025-03-12T13:01'));
    await reconcileDue(t.platform.db, t.platform.sla);
    await heard(assigned, 'escalate');
    t.setNow(at('2025-03-12T16:30'));
    await reconcileDue(t.platform.db, t.platform.sla);
    const [bank] = await t.platform.db.select().from(institutions).where(eq(institutions.name, '齐鲁银行聊城分行'));
    const city = await t.signIn('bureau.city');
    await post(city, `/loan-requests/${assigned}/assign`, { institutionId: bank!.id }).expect(200);
    await heard(assigned, 'assign');
    t.setNow(at('2025-03-28T16:30'));
    await reconcileDue(t.platform.db, t.platform.sla);
    await heard(expiring, 'expire');

    const [toAssign, toExpire] = [await noticesOf(assigned, 3), await noticesOf(expiring, 3)];
    expect(toAssign.map((n) => n.kind)).toEqual(['progress.open', 'progress.escalate', 'progress.assign']);
    expect(toAssign[1]!.params.tier).toBe('city');
    expect(toAssign[2]!.params).toMatchObject({ institutionName: '齐鲁银行聊城分行', officer: null });
    expect(toExpire.map((n) => n.kind)).toEqual(['progress.open', 'progress.escalate', 'progress.expire']);
  });

  it('write one notice per event however often the outbox delivers it', async () => {
    const changes = await t.platform.db.select().from(outbox).where(eq(outbox.eventType, 'loan_request.changed'));
    const row = changes.find((c) => (c.payload as { action: string }).action === 'claim');
    const event = readEvent(row!.eventType, row!.aggregateId, row!.payload);
    if (event.type !== 'loan_request.changed') throw new Error('expected a change');
    const before = await t.platform.db.select().from(notifications);
    expect(before.filter((n) => n.sourceEventId === String(row!.id))).toHaveLength(1);
    await noticeToApplicant(t.platform.db, event.payload, null, String(row!.id));
    await noticeToApplicant(t.platform.db, event.payload, null, String(row!.id));
    expect(await t.platform.db.select().from(notifications)).toHaveLength(before.length);
  });
});
