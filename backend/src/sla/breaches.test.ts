import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/schema';
import { products } from '../catalog/schema';
import { institutions } from '../institutions/schema';
import { notifications } from '../notifications/schema';
import { retryDelayMs } from '../ops/failing-work';
import { outbox } from '../outbox/schema';
import { loanRequests } from '../requests/schema';
import {
  API,
  createTestPlatform,
  ORDINARY_NEED,
  TEST_EPOCH,
  type SignedIn,
  type TestPlatform,
} from '../testing/platform';
import { recordBreach, reconcileDue } from './breaches';
import { slaStages } from '../requests/schema';

/** Each breach path end to end, with the SLA clock moved by the test instead of waiting hours. */
let t: TestPlatform;
let ent: SignedIn;
let lcrcb: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  [ent, lcrcb] = await Promise.all([t.signIn('ent.demo'), t.signIn('officer.lcrcb')]);
});
afterAll(async () => {
  await t?.close();
});

const at = (local: string) => new Date(`${local}+08:00`);
const reconcile = () => reconcileDue(t.platform.db, t.platform.sla);

async function submitIn(county: string, extra: object = {}): Promise<string> {
  t.setNow(TEST_EPOCH);
  return t.openRequest(ent, { ...ORDINARY_NEED, amount: 500_000, purpose: '扩大生产', county, ...extra });
}

async function notificationsOf(username: string, requestKind: string) {
  const [user] = await t.platform.db.select().from(users).where(eq(users.username, username));
  return t.platform.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, user!.id), eq(notifications.kind, requestKind)));
}

async function stagesOf(requestId: string) {
  return t.platform.db.select().from(slaStages).where(eq(slaStages.requestId, requestId)).orderBy(slaStages.attempt);
}

describe('the respond stage', () => {
  it('reminds the officers at 2/3, then escalates city-wide and alerts the county bureau, then the city bureau', async () => {
    const id = await submitIn('371525');
    // Wed 10:00 + 2 working hours: the reminder.
    t.setNow(at('2025-03-12T12:01'));
    expect(await reconcile()).toMatchObject({ reminders: 1, breaches: 0 });
    expect((await notificationsOf('officer.lcrcb', 'sla.reminder')).length).toBeGreaterThan(0);

    // + 3 working hours: the first breach.
    t.setNow(at('2025-03-12T13:01'));
    expect(await reconcile()).toMatchObject({ breaches: 1 });
    const [request] = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, id));
    expect(request!.poolTier).toBe('city');
    const [first, second] = await stagesOf(id);
    expect(first).toMatchObject({ outcome: 'breached', attempt: 1 });
    expect(second).toMatchObject({ attempt: 2, outcome: null });
    expect(await notificationsOf('bureau.guanxian', 'sla.breach')).toHaveLength(1);
    expect(await notificationsOf('bureau.city', 'sla.breach')).toHaveLength(0);

    // The fresh window runs out too: the city bureau is told.
    t.setNow(at('2025-03-12T16:30'));
    expect(await reconcile()).toMatchObject({ breaches: 1 });
    expect(await notificationsOf('bureau.city', 'sla.breach')).toHaveLength(1);
    const timeline = await ent.agent.get(`${API}/loan-requests/${id}/timeline`).expect(200);
    expect(timeline.body.items.map((e: { note: string | null }) => e.note)).toContain('响应超时，升级至全市抢单池');
  });

  it('lets the city bureau assign an escalated request, starting the institution’s contact stage', async () => {
    const id = await submitIn('371525');
    const elsewhere = await submitIn('371502');
    t.setNow(at('2025-03-12T13:01'));
    await reconcile();
    t.setNow(at('2025-03-12T16:30'));
    await reconcile();
    const [qiluBank] = await t.platform.db.select().from(institutions).where(eq(institutions.name, '齐鲁银行聊城分行'));
    const guanxian = await t.signIn('bureau.guanxian');
    const city = await t.signIn('bureau.city');
    // The breach list offers 派单 on the city-wide window's breach only, as the API allows it.
    const listed = await city.agent.get(`${API}/supervision/breaches?stage=respond&pageSize=100`).expect(200);
    const offered = (listed.body.items as { attempt: number; request: { id: string }; actions: { assign: boolean } }[])
      .filter((b) => b.request.id === id)
      .map((b) => [b.attempt, b.actions.assign]);
    expect(offered.sort()).toEqual([
      [1, false],
      [2, true],
    ]);
    const outOfScope = await guanxian.agent
      .post(`${API}/loan-requests/${elsewhere}/assign`)
      .set('x-csrf-token', guanxian.csrf)
      .send({ institutionId: qiluBank!.id });
    expect(outOfScope.status).toBe(404);
    const res = await city.agent
      .post(`${API}/loan-requests/${id}/assign`)
      .set('x-csrf-token', city.csrf)
      .send({ institutionId: qiluBank!.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'claimed',
      claimedBy: { institution: { name: '齐鲁银行聊城分行' }, officer: null },
      deadlines: { contact: { outcome: null } },
    });
    expect((await notificationsOf('officer.qilu', 'request.assigned')).length).toBe(1);
    // Its officers find it in their own list before any of them has taken it up.
    const qilu = await t.signIn('officer.qilu');
    const mine = await qilu.agent.get(`${API}/loan-requests?pageSize=100`).expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const again = await city.agent
      .post(`${API}/loan-requests/${id}/assign`)
      .set('x-csrf-token', city.csrf)
      .send({ institutionId: qiluBank!.id });
    expect(again.status).toBe(422);
    const contacted = await qilu.agent
      .post(`${API}/loan-requests/${id}/transition`)
      .set('x-csrf-token', qilu.csrf)
      .send({ to: 'contacted', visitDate: t.today() });
    expect(contacted.body.claimedBy.officer.displayName).toContain('李经理');
  });

  it('refuses to assign before both respond windows ran out, or to an institution that cannot serve it', async () => {
    const admin = await t.signIn('admin');
    const onboard = async (name: string, countiesServed: string[]) =>
      (
        await admin.agent
          .post(`${API}/institutions`)
          .set('x-csrf-token', admin.csrf)
          .send({ name, type: 'village_bank', regionCode: countiesServed[0], countiesServed })
          .expect(201)
      ).body.id as string;
    const dongeOnly = await onboard('东阿测试村镇银行', ['371524']);
    const noOfficer = await onboard('冠县无经理村镇银行', ['371525']);
    const [qiluBank] = await t.platform.db.select().from(institutions).where(eq(institutions.name, '齐鲁银行聊城分行'));
    const guanxian = await t.signIn('bureau.guanxian');
    const assign = (requestId: string, institutionId: string) =>
      guanxian.agent
        .post(`${API}/loan-requests/${requestId}/assign`)
        .set('x-csrf-token', guanxian.csrf)
        .send({ institutionId });

    const id = await submitIn('371525');
    const early = await assign(id, qiluBank!.id);
    expect(early.status).toBe(422);
    expect(early.body.error.details).toEqual([
      { path: 'status', message: '抢单时限（含全市抢单）尚未届满，暂不能派单' },
    ]);
    // The county window ran out: the city pool has its own, and officers city-wide may still claim.
    t.setNow(at('2025-03-12T13:01'));
    await reconcile();
    expect((await assign(id, qiluBank!.id)).status).toBe(422);

    t.setNow(at('2025-03-12T16:30'));
    await reconcile();
    const notServed = await assign(id, dongeOnly);
    expect(notServed.status).toBe(400);
    expect(notServed.body.error.details).toEqual([{ path: 'institutionId', message: '该机构不服务此需求所在区县' }]);
    const unstaffed = await assign(id, noOfficer);
    expect(unstaffed.status).toBe(400);
    expect(unstaffed.body.error.details).toEqual([
      { path: 'institutionId', message: '该机构在此需求所在区县没有在岗客户经理' },
    ]);
    const [still] = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, id));
    expect(still).toMatchObject({ status: 'open', claimedInstitutionId: null });

    expect((await assign(id, qiluBank!.id)).status).toBe(200);
  });

  it('records a breach once however many workers race for it', async () => {
    const id = await submitIn('371502');
    t.setNow(at('2025-03-12T13:05'));
    const [respond] = await stagesOf(id);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => recordBreach(t.platform.db, t.platform.sla, respond!.id)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await recordBreach(t.platform.db, t.platform.sla, respond!.id)).toBe(false);
    expect((await stagesOf(id)).filter((s) => s.breachedAt !== null)).toHaveLength(1);
  });

  it('ends a directed order’s exclusive hour: the county pool may claim it', async () => {
    const [kuaidai] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
    const id = await submitIn('371502', { productId: kuaidai!.id });
    const qilu = await t.signIn('officer.qilu');
    expect((await qilu.agent.get(`${API}/pool`)).body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    t.setNow(at('2025-03-12T11:01'));
    expect(await reconcile()).toMatchObject({ exclusiveEnded: 1 });
    expect((await qilu.agent.get(`${API}/pool`)).body.items.map((r: { id: string }) => r.id)).toContain(id);
  });
});

describe('the reconciler', () => {
  const respondStagesOf = async (requestIds: string[]) =>
    t.platform.db
      .select()
      .from(slaStages)
      .where(and(inArray(slaStages.requestId, requestIds), eq(slaStages.stage, 'respond'), eq(slaStages.attempt, 1)));
  const breachesRecorded = async () =>
    (await t.platform.db.select({ id: slaStages.id }).from(slaStages).where(isNotNull(slaStages.breachedAt))).length;

  it('lets several workers share a backlog, each breach recorded and alerted once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await submitIn('371502'));
    const before = await breachesRecorded();
    t.setNow(at('2025-03-12T13:05'));
    const passes = await Promise.all(Array.from({ length: 3 }, () => reconcile()));
    expect(passes.flatMap((p) => p.failed)).toEqual([]);
    const recorded = passes.reduce((sum, p) => sum + p.breaches, 0);
    expect(await breachesRecorded()).toBe(before + recorded);
    const stages = await respondStagesOf(ids);
    expect(stages.filter((s) => s.outcome === 'breached')).toHaveLength(ids.length);
    const alerts = await t.platform.db
      .select({ requestId: outbox.aggregateId, n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(
        and(
          eq(outbox.eventType, 'sla.alerted'),
          inArray(outbox.aggregateId, ids),
          sql`${outbox.payload}->>'kind' = 'sla.breach'`,
        ),
      )
      .groupBy(outbox.aggregateId);
    expect(alerts.map((a) => a.n)).toEqual(ids.map(() => 1));
  });

  it('does not let one breach that fails hold back the others; it is retried once its pause is over', async () => {
    const [broken, fine] = [await submitIn('371502'), await submitIn('371502')];
    const [original] = await t.platform.db
      .select({ version: loanRequests.slaPolicyVersion })
      .from(loanRequests)
      .where(eq(loanRequests.id, broken));
    // Without its policy version the escalation cannot compute the fresh window, so that breach fails.
    await t.platform.db.update(loanRequests).set({ slaPolicyVersion: null }).where(eq(loanRequests.id, broken));
    t.setNow(at('2025-03-12T13:05'));
    const [brokenStage] = await respondStagesOf([broken]);
    const pass = await reconcile();
    expect(pass.failed.map((f) => f.id)).toEqual([brokenStage!.id]);
    expect((await respondStagesOf([fine]))[0]!.outcome).toBe('breached');
    expect((await respondStagesOf([broken]))[0]!.breachedAt).toBeNull();

    await t.platform.db
      .update(loanRequests)
      .set({ slaPolicyVersion: original!.version })
      .where(eq(loanRequests.id, broken));
    // Failing work waits before its next try (ops/failing-work.ts): a second after the first failure.
    expect(await reconcile()).toMatchObject({ breaches: 0, failed: [] });
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs(1) + 100));
    expect(await reconcile()).toMatchObject({ breaches: 1, failed: [] });
    expect((await respondStagesOf([broken]))[0]!.outcome).toBe('breached');
  });
});

describe('the contact stage', () => {
  it('alerts the institution admin and the county bureau when 2 working days pass', async () => {
    const id = await submitIn('371525');
    await lcrcb.agent.post(`${API}/loan-requests/${id}/claim`).set('x-csrf-token', lcrcb.csrf).expect(200);
    const before = (await notificationsOf('inst.lcrcb', 'sla.breach')).length;
    // Claimed Wed ~10:00: due Fri ~10:00.
    t.setNow(at('2025-03-14T10:30'));
    const handled = await reconcile();
    expect(handled.breaches).toBeGreaterThanOrEqual(1);
    expect((await notificationsOf('inst.lcrcb', 'sla.breach')).length).toBe(before + 1);
    const view = await ent.agent.get(`${API}/loan-requests/${id}`).expect(200);
    expect(view.body.deadlines.contact.outcome).toBe('breached');
    // Finishing late keeps the breach on record.
    await lcrcb.agent
      .post(`${API}/loan-requests/${id}/transition`)
      .set('x-csrf-token', lcrcb.csrf)
      .send({ to: 'contacted', visitDate: t.today() });
    const late = await lcrcb.agent
      .post(`${API}/loan-requests/${id}/transition`)
      .set('x-csrf-token', lcrcb.csrf)
      .send({ to: 'investigated', visitDate: t.today() });
    expect(late.body.deadlines.contact).toMatchObject({ outcome: 'breached', completedAt: expect.any(String) });
  });
});

describe('a request nobody takes', () => {
  it('expires 10 working days after its city-wide window ran out, and the applicant is told', async () => {
    const id = await submitIn('371526');
    t.setNow(at('2025-03-12T13:01'));
    await reconcile();
    t.setNow(at('2025-03-12T16:30'));
    await reconcile();
    const [, cityWide] = await stagesOf(id);
    expect(cityWide).toMatchObject({ attempt: 2, outcome: 'breached', completedAt: null });
    const statusOf = async () =>
      (await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, id)))[0]!.status;

    // Ten calendar days on (seven working days): still open.
    t.setNow(new Date(cityWide!.dueAt.getTime() + 10 * 86_400_000));
    await reconcile();
    expect(await statusOf()).toBe('open');

    // Fourteen calendar days on (10 working days and some): expired, once.
    t.setNow(new Date(cityWide!.dueAt.getTime() + 14 * 86_400_000 + 60_000));
    await reconcile();
    expect(await statusOf()).toBe('expired');
    expect(await reconcile()).toMatchObject({ expired: 0 });
    const timeline = await ent.agent.get(`${API}/loan-requests/${id}/timeline`).expect(200);
    expect(timeline.body.items.at(-1)).toMatchObject({ from: 'open', to: 'expired', note: '无机构承接，需求已过期' });
    const [, ended] = await stagesOf(id);
    expect(ended).toMatchObject({ outcome: 'breached', completedAt: expect.any(Date) });
    // The applicant is told by the workers, from the one event of the change (requests/notices.ts).
    const events = await t.platform.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.aggregateId, id), eq(outbox.eventType, 'loan_request.changed')));
    expect(events.filter((e) => (e.payload as { action: string }).action === 'expire')).toHaveLength(1);

    // Nobody can take it any more: not a claim, not a 派单.
    const city = await t.signIn('bureau.city');
    const [qiluBank] = await t.platform.db.select().from(institutions).where(eq(institutions.name, '齐鲁银行聊城分行'));
    await city.agent
      .post(`${API}/loan-requests/${id}/assign`)
      .set('x-csrf-token', city.csrf)
      .send({ institutionId: qiluBank!.id })
      .expect(422);
    await lcrcb.agent.post(`${API}/loan-requests/${id}/claim`).set('x-csrf-token', lcrcb.csrf).expect(409);
  });

  it('waits as many working days as configured', async () => {
    const id = await submitIn('371526');
    t.setNow(at('2025-03-12T13:01'));
    await reconcile();
    t.setNow(at('2025-03-12T16:30'));
    await reconcile();
    const [, cityWide] = await stagesOf(id);
    const statusOf = async () =>
      (await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, id)))[0]!.status;
    // Two working days after Wednesday afternoon's breach are Friday afternoon.
    const twoDaysOn = cityWide!.dueAt.getTime() + 2 * 86_400_000;
    t.setNow(new Date(twoDaysOn - 60_000));
    await reconcileDue(t.platform.db, t.platform.sla, { expiryWorkingDays: 2 });
    expect(await statusOf()).toBe('open');
    t.setNow(new Date(twoDaysOn + 60_000));
    await reconcileDue(t.platform.db, t.platform.sla, { expiryWorkingDays: 2 });
    expect(await statusOf()).toBe('expired');
  });
});
