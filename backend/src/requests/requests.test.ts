import type { AddressInfo } from 'node:net';
import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '../catalog/schema';
import { institutions } from '../institutions/schema';
import { findActiveActor } from '../auth/service';
import { outbox } from '../outbox/schema';
import { API, createTestPlatform, post, type SignedIn, type TestPlatform } from '../testing/platform';
import { openInPool } from './matcher';
import { claimState } from './pool-rule';
import { inTransaction } from '../db/transaction';
import { requestsDaily } from '../supervision/schema';
import { loanRequests, requestEvents, slaStages } from './schema';
import { transition, transitionAsRead } from './transitions';

let t: TestPlatform;
let ent: SignedIn;
let ind: SignedIn;
let lcrcb: SignedIn;
let qilu: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  [ent, ind, lcrcb, qilu] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('ind.demo'),
    t.signIn('officer.lcrcb'),
    t.signIn('officer.qilu'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const ordinary = {
  amount: 500_000,
  termMonths: 12,
  purpose: '购买数控机床，扩大产能',
  collateral: 'credit',
  county: '371502',
  industry: 'C',
};

/** Submits as ent.demo and runs the matcher (what the worker does on `loan_request.submitted`). */
const openRequest = (body: object = ordinary) => t.openRequest(ent, body);

/** What `who` sees on GET, to compare with a change's answer: the open stage's clock (as of now) left out. */
async function viewWithoutClocks(who: SignedIn, id: string) {
  return withoutClocks((await who.agent.get(`${API}/loan-requests/${id}`).expect(200)).body);
}

function withoutClocks(view: { deadlines: Record<string, unknown> }) {
  const deadlines = Object.entries(view.deadlines).map(([stage, d]) => [
    stage,
    typeof d === 'object' ? { ...d, clock: undefined } : d,
  ]);
  return { ...view, deadlines: Object.fromEntries(deadlines) };
}

async function poolIds(who: SignedIn): Promise<string[]> {
  const res = await who.agent.get(`${API}/pool`).expect(200);
  return res.body.items.map((r: { id: string }) => r.id);
}

describe('submitting a request', () => {
  it('answers 201 with the id, status and deadlines, and the matcher opens it in the county pool', async () => {
    const res = await post(ent, '/loan-requests', ordinary);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      status: 'submitted',
      deadlines: {},
      customerType: 'enterprise',
    });
    expect(res.body.applicant).toMatchObject({
      name: '聊城市东昌府区鲁西机械制造有限公司',
      contactPhone: '13806351234',
    });
    expect(await openInPool(t.platform, res.body.id)).toBe(true);
    const opened = await ent.agent.get(`${API}/loan-requests/${res.body.id}`).expect(200);
    expect(opened.body).toMatchObject({ status: 'open', poolTier: 'county' });
  });

  it('lets the matcher run twice without changing anything', async () => {
    const id = await openRequest();
    const before = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, id));
    expect(await openInPool(t.platform, id)).toBe(false);
    const after = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, id));
    expect(after).toEqual(before);
    const timeline = await ent.agent.get(`${API}/loan-requests/${id}/timeline`).expect(200);
    expect(timeline.body.items.map((e: { to: string }) => e.to)).toEqual(['submitted', 'open']);
  });

  it('lets two matcher runs race: one opens the request, the other changes nothing', async () => {
    const { body } = await post(ent, '/loan-requests', ordinary).expect(201);
    const runs = await Promise.all([openInPool(t.platform, body.id), openInPool(t.platform, body.id)]);
    expect(runs.sort()).toEqual([false, true]);
    const announced = await t.platform.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.aggregateId, body.id), eq(outbox.eventType, 'loan_request.opened')));
    expect(announced).toHaveLength(1);
    const timeline = await ent.agent.get(`${API}/loan-requests/${body.id}/timeline`).expect(200);
    expect(timeline.body.items.map((e: { to: string }) => e.to)).toEqual(['submitted', 'open']);
  });

  it('matches against the catalog as it is now: a product delisted after the order no longer directs it', async () => {
    const inst = await t.signIn('inst.lcrcb');
    const [kuaidai] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
    const { body } = await post(ent, '/loan-requests', { ...ordinary, productId: kuaidai!.id }).expect(201);
    expect((await t.platform.catalog.listed()).map((e) => e.terms.id)).toContain(kuaidai!.id);
    await post(inst, `/products/${kuaidai!.id}/delist`).expect(200);
    try {
      expect(await openInPool(t.platform, body.id)).toBe(true);
      const view = await ent.agent.get(`${API}/loan-requests/${body.id}`).expect(200);
      expect(view.body.poolTier).toBe('county');
    } finally {
      await post(inst, `/products/${kuaidai!.id}/list`).expect(200);
    }
  });

  it('returns the first result for a retry with the same Idempotency-Key', async () => {
    const key = `retry-${Date.now()}`;
    const first = await post(ent, '/loan-requests', ordinary).set('Idempotency-Key', key);
    const again = await post(ent, '/loan-requests', ordinary).set('Idempotency-Key', key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const rows = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.idempotencyKey, key));
    expect(rows).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused for a different request with 422, and replays the same one spelled out', async () => {
    const key = `reused-${Date.now()}`;
    const first = await post(ent, '/loan-requests', ordinary).set('Idempotency-Key', key).expect(201);
    for (const different of [
      { ...ordinary, amount: ordinary.amount + 100_000 },
      { ...ordinary, purpose: '另一个用途' },
      { ...ordinary, contactName: '另一位联系人' },
    ]) {
      const res = await post(ent, '/loan-requests', different).set('Idempotency-Key', key).set('Accept-Language', 'en');
      expect(res.status).toBe(422);
      expect(res.body.error).toEqual({
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: 'This Idempotency-Key was used for a different request; use a new key',
      });
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    // The defaults stated rather than left out ask for the very same request.
    const restated = await post(ent, '/loan-requests', { ...ordinary, customerType: 'enterprise' })
      .set('Idempotency-Key', key)
      .expect(201);
    expect(restated.body.id).toBe(first.body.id);
    expect(restated.headers['idempotent-replayed']).toBe('true');
    const rows = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.idempotencyKey, key));
    expect(rows).toEqual([expect.objectContaining({ id: first.body.id, amount: ordinary.amount })]);
  });

  it.each([
    ['amount', { ...ordinary, amount: 0 }],
    ['amount', { ...ordinary, amount: -500 }],
    ['amount', { ...ordinary, amount: 12.5 }],
    ['amount', { ...ordinary, amount: 50 }],
    ['amount', { ...ordinary, amount: 1e-12 }],
    ['amount', { ...ordinary, amount: '3e5' }],
    ['amount', { ...ordinary, amount: '300000.0' }],
    ['termMonths', { ...ordinary, termMonths: 400 }],
    ['termMonths', { ...ordinary, termMonths: 240 }],
    ['county', { ...ordinary, county: '110101' }],
    ['industry', { ...ordinary, industry: 'Z' }],
    ['productId', { ...ordinary, productId: '00000000-0000-4000-8000-000000000000' }],
    ['customerType', { ...ordinary, customerType: 'farmer' }],
    ['purpose', { ...ordinary, purpose: '' }],
  ])('refuses a bad %s with 400 and writes nothing', async (field, body) => {
    const before = (await t.platform.db.select().from(loanRequests)).length;
    const res = await post(ent, '/loan-requests', body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await t.platform.db.select().from(loanRequests)).toHaveLength(before);
  });

  it('refuses a directed order for a product that does not allow the need, or is delisted', async () => {
    const [guarantee] = await t.platform.db.select().from(products).where(eq(products.name, '创业担保贷款'));
    const wrongCounty = await post(ind, '/loan-requests', {
      ...ordinary,
      amount: 100_000,
      collateral: 'guarantee',
      productId: guarantee!.id,
    });
    expect(wrongCounty.status).toBe(400);
    expect(wrongCounty.body.error.details.map((d: { path: string }) => d.path)).toEqual(['county']);

    await t.platform.db.update(products).set({ status: 'delisted' }).where(eq(products.id, guarantee!.id));
    const delisted = await post(ind, '/loan-requests', {
      ...ordinary,
      county: '371525',
      amount: 100_000,
      productId: guarantee!.id,
    });
    expect(delisted.status).toBe(400);
    expect(delisted.body.error.details[0].path).toBe('productId');
    await t.platform.db.update(products).set({ status: 'listed' }).where(eq(products.id, guarantee!.id));
  });

  it('is for applicants only', async () => {
    expect((await post(lcrcb, '/loan-requests', ordinary)).status).toBe(403);
  });
});

describe('the pool and the claim', () => {
  it('offers an open request to every eligible institution, masked', async () => {
    const id = await openRequest();
    expect(await poolIds(lcrcb)).toContain(id);
    expect(await poolIds(qilu)).toContain(id);
    const seen = await lcrcb.agent.get(`${API}/pool`).expect(200);
    const item = seen.body.items.find((r: { id: string }) => r.id === id);
    expect(item).toMatchObject({ masked: true, amount: 500_000, county: '371502', claimedBy: null });
    expect(item.applicant).toEqual({ name: '聊城市****有限公司', contactName: null, contactPhone: null });
    expect(JSON.stringify(item)).not.toContain('13806351234');
  });

  it('shows an officer only the masked request before the claim, on every route', async () => {
    const id = await openRequest();
    const one = await lcrcb.agent.get(`${API}/loan-requests/${id}`).expect(200);
    expect(one.body.masked).toBe(true);
    expect(JSON.stringify(one.body)).not.toMatch(/13806351234|鲁西机械/);
    await lcrcb.agent.get(`${API}/loan-requests/${id}/timeline`).expect(403);
    const list = await lcrcb.agent.get(`${API}/loan-requests`).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('gives the request to the first claimant; the other is told it is taken and loses sight of it', async () => {
    const id = await openRequest();
    const won = await post(lcrcb, `/loan-requests/${id}/claim`);
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({
      status: 'claimed',
      masked: false,
      claimedBy: { institution: { name: '聊城农商银行' } },
    });
    expect(won.body.applicant.contactPhone).toBe('13806351234');
    // The answer is built from the claim's own writes: it must be what a read shows.
    expect(withoutClocks(won.body)).toEqual(await viewWithoutClocks(lcrcb, id));
    const lost = await post(qilu, `/loan-requests/${id}/claim`);
    expect(lost.status).toBe(409);
    expect(lost.body.error).toMatchObject({ code: 'ALREADY_CLAIMED', message: '手慢了，该需求已被其他机构抢单' });
    await qilu.agent.get(`${API}/loan-requests/${id}`).expect(404);
    expect(await poolIds(qilu)).not.toContain(id);
    expect(await poolIds(lcrcb)).not.toContain(id);
  });

  it('keeps a directed order for the chosen institution alone during its exclusive window', async () => {
    const [kuaidai] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
    const id = await openRequest({ ...ordinary, productId: kuaidai!.id });
    const view = await ent.agent.get(`${API}/loan-requests/${id}`).expect(200);
    expect(view.body).toMatchObject({
      poolTier: 'exclusive',
      product: { name: '水城快贷', institutionName: '聊城农商银行' },
    });
    expect(await poolIds(qilu)).not.toContain(id);
    const refused = await post(qilu, `/loan-requests/${id}/claim`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_ELIGIBLE');
    const won = await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    expect(withoutClocks(won.body)).toEqual(await viewWithoutClocks(lcrcb, id));
  });

  it('answers claims asked in the same moment each for its own request and institution', async () => {
    // Asked in one turn of the event loop, these are read in one batch (pool-rule.ts).
    const [kuaidai] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
    const open = await openRequest();
    const directed = await openRequest({ ...ordinary, productId: kuaidai!.id });
    const submitted = (await post(ent, '/loan-requests', ordinary).expect(201)).body.id;
    const lcrcbActor = (await findActiveActor(t.platform.db, lcrcb.user.id))!;
    const qiluActor = (await findActiveActor(t.platform.db, qilu.user.id))!;
    const states = await Promise.all([
      claimState(t.platform.db, qiluActor, open),
      claimState(t.platform.db, qiluActor, directed),
      claimState(t.platform.db, lcrcbActor, directed),
      claimState(t.platform.db, lcrcbActor, submitted),
      claimState(t.platform.db, lcrcbActor, open),
      // Unknown, and last: the batch's answers must still be a full array.
      claimState(t.platform.db, lcrcbActor, '00000000-0000-4000-8000-000000000000'),
    ]);
    // A claim that may win also gets the request as read, with its institution's name.
    const [qiluInstitution] = await t.platform.db
      .select({ name: institutions.name })
      .from(institutions)
      .where(eq(institutions.id, qiluActor.institutionId!));
    expect(
      states.map(
        (s) =>
          s && {
            status: s.status,
            claimable: s.claimable,
            asRead: s.asRead && { id: s.asRead.details.request.id, stages: s.asRead.openStages.map((x) => x.stage) },
          },
      ),
    ).toEqual([
      { status: 'open', claimable: true, asRead: { id: open, stages: ['respond'] } },
      { status: 'open', claimable: false, asRead: undefined },
      { status: 'open', claimable: true, asRead: { id: directed, stages: ['respond'] } },
      { status: 'submitted', claimable: false, asRead: undefined },
      { status: 'open', claimable: true, asRead: { id: open, stages: ['respond'] } },
      undefined,
    ]);
    expect(states[0]!.asRead!.institutionName).toBe(qiluInstitution!.name);
  });

  /** What a claim from `read` would change, and what the database holds of the request afterwards. */
  async function claimFromStaleRead(id: string, moveOn: () => Promise<unknown>) {
    const actor = (await findActiveActor(t.platform.db, lcrcb.user.id))!;
    const read = (await claimState(t.platform.db, actor, id))!.asRead!;
    await moveOn();
    const before = await requestRecords(id);
    const claim = {
      actor,
      set: { claimedInstitutionId: actor.institutionId, claimedOfficerId: actor.id, claimedAt: t.now() },
    };
    expect(await transitionAsRead(t.platform.db, t.platform.sla, 'claim', read, claim)).toBeNull();
    // Nothing of the statement stayed: no claim, no timeline entry, stage, event or count.
    expect(await requestRecords(id)).toEqual(before);
    // Through the API the claim still wins: it reads again, or takes the locking path.
    const won = await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    expect(won.body).toMatchObject({ status: 'claimed', claimedBy: { officer: { id: lcrcb.user.id } } });
  }

  async function requestRecords(id: string) {
    const db = t.platform.db;
    return {
      request: await db.select().from(loanRequests).where(eq(loanRequests.id, id)),
      timeline: await db.select().from(requestEvents).where(eq(requestEvents.requestId, id)),
      stages: await db.select().from(slaStages).where(eq(slaStages.requestId, id)),
      events: await db.select({ n: count() }).from(outbox),
      counts: await db
        .select()
        .from(requestsDaily)
        .orderBy(requestsDaily.day, requestsDaily.county, requestsDaily.shard),
    };
  }

  it('claims from its claim state in one statement, undone whole when a breach was recorded since the read', async () => {
    const id = await openRequest();
    await claimFromStaleRead(id, () =>
      t.platform.db
        .update(slaStages)
        .set({ outcome: 'breached', breachedAt: t.now() })
        .where(and(eq(slaStages.requestId, id), isNull(slaStages.completedAt))),
    );
    const [respond] = await t.platform.db
      .select()
      .from(slaStages)
      .where(and(eq(slaStages.requestId, id), eq(slaStages.stage, 'respond')));
    expect(respond).toMatchObject({ outcome: 'breached', completedAt: expect.any(Date) });
  });

  it('claims from its claim state in one statement, undone whole when the request moved to the city pool since the read', async () => {
    const id = await openRequest();
    await claimFromStaleRead(id, () =>
      inTransaction(t.platform.db, (tx) => transition(tx, t.platform.sla, 'escalate', id, { actor: null })),
    );
    const timeline = await ent.agent.get(`${API}/loan-requests/${id}/timeline`).expect(200);
    expect(timeline.body.items.map((e: { to: string }) => e.to)).toEqual(['submitted', 'open', 'open', 'claimed']);
  });

  it('lets exactly one of 200 simultaneous claims win', async () => {
    const id = await openRequest();
    const server = t.platform.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const tokens = await Promise.all(
      ['officer.lcrcb', 'officer.qilu'].map(async (username) => {
        const res = await t.api.post(`${API}/auth/tokens`).send({ username, password: 'demo1234' });
        return res.body.token as string;
      }),
    );
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`http://127.0.0.1:${port}${API}/loan-requests/${id}/claim`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${tokens[i % 2]}` },
        }).then((r) => r.status),
      ),
    );
    server.close();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    const [row] = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, id));
    expect(row!.status).toBe('claimed');
  });
});

describe('the stages', () => {
  it('walks claimed → contacted → investigated → approved → disbursed, recording each step', async () => {
    const id = await openRequest();
    await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    await post(lcrcb, `/loan-requests/${id}/transition`, {
      to: 'contacted',
      visitDate: t.today(),
      note: '已电话联系企业负责人',
    }).expect(200);
    await post(lcrcb, `/loan-requests/${id}/transition`, {
      to: 'investigated',
      visitDate: t.today(),
      note: '已完成实地调查',
    }).expect(200);
    const approved = await post(lcrcb, `/loan-requests/${id}/transition`, {
      to: 'approved',
      approvedAmount: 450_000,
      annualRate: 4.15,
      termMonths: 12,
    });
    expect(approved.body.approval).toEqual({ amount: 450_000, annualRate: 4.15, termMonths: 12 });
    const disbursed = await post(lcrcb, `/loan-requests/${id}/transition`, {
      to: 'disbursed',
      disbursedAmount: 450_000,
    });
    expect(disbursed.body).toMatchObject({ status: 'disbursed', disbursedAmount: 450_000 });

    const timeline = await ent.agent.get(`${API}/loan-requests/${id}/timeline`).expect(200);
    expect(timeline.body.items.map((e: { from: string; to: string }) => `${e.from}→${e.to}`)).toEqual([
      'null→submitted',
      'submitted→open',
      'open→claimed',
      'claimed→contacted',
      'contacted→investigated',
      'investigated→approved',
      'approved→disbursed',
    ]);
    expect(timeline.body.items[3]).toMatchObject({ note: '已电话联系企业负责人', actorId: lcrcb.user.id });
  });

  it('takes an annual rate only as a plain decimal with two places at most, above zero', async () => {
    const id = await openRequest();
    await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: t.today() }).expect(200);
    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'investigated', visitDate: t.today() }).expect(200);
    const approval = { to: 'approved', approvedAmount: 300_000, termMonths: 12 };
    for (const annualRate of [
      5e-12,
      '5e-12',
      0.001,
      0,
      '0.00',
      -4,
      '-4',
      ' 4.15',
      '4.1e0',
      '0x4',
      4.155,
      '4.155',
      true,
    ]) {
      const res = await post(lcrcb, `/loan-requests/${id}/transition`, { ...approval, annualRate }).set(
        'Accept-Language',
        'en',
      );
      expect(res.status, String(annualRate)).toBe(400);
      expect(
        res.body.error.details.map((d: { path: string }) => d.path),
        String(annualRate),
      ).toEqual(['annualRate']);
    }
    const [row] = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, id));
    expect(row).toMatchObject({ status: 'investigated', approvedRateBp: null });
    const approved = await post(lcrcb, `/loan-requests/${id}/transition`, { ...approval, annualRate: '4.15' });
    expect(approved.status).toBe(200);
    expect(approved.body.approval).toEqual({ amount: 300_000, annualRate: 4.15, termMonths: 12 });
  });

  it('refuses steps out of order with 422 naming the current state', async () => {
    const id = await openRequest();
    await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    const res = await post(lcrcb, `/loan-requests/${id}/transition`, {
      to: 'approved',
      approvedAmount: 1,
      annualRate: 4,
      termMonths: 12,
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'INVALID_STATE', details: [{ path: 'status', message: 'claimed' }] });
  });

  it('needs the fields of each step, within the request', async () => {
    const id = await openRequest();
    await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: t.today() }).expect(200);
    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'investigated', visitDate: t.today() }).expect(200);
    const missing = await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'approved', annualRate: 4 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(['approvedAmount', 'termMonths']);
    const tooMuch = await post(lcrcb, `/loan-requests/${id}/transition`, {
      to: 'approved',
      approvedAmount: 900_000,
      annualRate: 4,
      termMonths: 12,
    });
    expect(tooMuch.status).toBe(400);
    const [row] = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, id));
    expect(row!.status).toBe('investigated');
  });

  it('refuses an officer of another institution on a claimed request', async () => {
    const id = await openRequest();
    await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    const res = await post(qilu, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: t.today() });
    expect(res.status).toBe(403);
  });

  it('lets the applicant cancel before approval, once', async () => {
    const id = await openRequest();
    const res = await post(ent, `/loan-requests/${id}/cancel`);
    expect(res.body.status).toBe('cancelled');
    expect((await post(ent, `/loan-requests/${id}/cancel`)).status).toBe(422);
    expect(await poolIds(lcrcb)).not.toContain(id);
    expect((await post(ind, `/loan-requests/${id}/cancel`)).status).toBe(404);
  });

  it('re-opens a rejected request to the pool without the institution that rejected it', async () => {
    const id = await openRequest();
    await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    const rejected = await post(lcrcb, `/loan-requests/${id}/transition`, {
      to: 'rejected',
      reasonCode: 'collateral',
      reason: '缺少有效担保',
    });
    expect(rejected.body.rejection).toEqual({ code: 'collateral', reason: '缺少有效担保' });
    // Rejecting before the investigation ends the contact stage, so it can never breach later.
    expect(rejected.body.deadlines.contact).toMatchObject({ outcome: 'on_time' });
    expect(rejected.body.deadlines.contact.completedAt).not.toBeNull();
    const reopened = await post(ent, `/loan-requests/${id}/reopen`);
    expect(reopened.body).toMatchObject({ status: 'open', claimedBy: null, rejection: null });
    expect(await poolIds(lcrcb)).not.toContain(id);
    expect(await poolIds(qilu)).toContain(id);
    expect((await post(lcrcb, `/loan-requests/${id}/claim`)).status).toBe(403);
    await post(qilu, `/loan-requests/${id}/claim`).expect(200);
  });
});

describe('the 321 deadlines', () => {
  const hoursBetween = (a: string, b: string) => (new Date(b).getTime() - new Date(a).getTime()) / 3600_000;

  it('promises a response within 3 working hours from submission, shown in the 201', async () => {
    const res = await post(ent, '/loan-requests', ordinary);
    const { respond } = res.body.deadlines;
    expect(respond).toMatchObject({ attempt: 1, completedAt: null, outcome: null });
    // The test clock runs from Wed 12 Mar 2025 10:00 Shanghai: a plain working day.
    expect(respond.startsAt).toMatch(/^2025-03-12T10:0\d:\d\d\+08:00$/);
    expect(hoursBetween(respond.startsAt, respond.dueAt)).toBe(3);
    expect(hoursBetween(respond.startsAt, respond.remindAt)).toBe(2);
  });

  it('keeps a directed order’s exclusive hour inside the respond window', async () => {
    const [kuaidai] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
    const res = await post(ent, '/loan-requests', { ...ordinary, productId: kuaidai!.id });
    expect(hoursBetween(res.body.deadlines.respond.startsAt, res.body.deadlines.exclusiveUntil)).toBe(1);
  });

  it('records each stage kept on time: respond at the claim, contact at the investigation, decide at approval', async () => {
    const id = await openRequest();
    const claimed = await post(lcrcb, `/loan-requests/${id}/claim`);
    expect(claimed.body.deadlines.respond.outcome).toBe('on_time');
    const contact = claimed.body.deadlines.contact;
    expect(contact).toMatchObject({ outcome: null, completedAt: null });
    // 2 working days of 8 office hours: Wednesday 10:0x → Friday 10:0x.
    expect(contact.dueAt.slice(0, 13)).toBe('2025-03-14T10');
    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: t.today() }).expect(200);
    const investigated = await post(lcrcb, `/loan-requests/${id}/transition`, {
      to: 'investigated',
      visitDate: t.today(),
    });
    expect(investigated.body.deadlines.contact.outcome).toBe('on_time');
    // 5 working days: the next Wednesday.
    expect(investigated.body.deadlines.decide.dueAt.slice(0, 13)).toBe('2025-03-19T10');
    const approved = await post(lcrcb, `/loan-requests/${id}/transition`, {
      to: 'approved',
      approvedAmount: 500_000,
      annualRate: 4.2,
      termMonths: 12,
    });
    expect(approved.body.deadlines.decide.outcome).toBe('on_time');
    const mine = await ent.agent.get(`${API}/loan-requests/${id}`).expect(200);
    expect(Object.keys(mine.body.deadlines).sort()).toEqual(['contact', 'decide', 'respond', 'waitingSince']);
  });

  it('marks the open stage cancelled when the applicant withdraws, and restarts respond on re-open', async () => {
    const id = await openRequest();
    const cancelled = await post(ent, `/loan-requests/${id}/cancel`);
    expect(cancelled.body.deadlines.respond.outcome).toBe('cancelled');

    const other = await openRequest();
    await post(lcrcb, `/loan-requests/${other}/claim`).expect(200);
    await post(lcrcb, `/loan-requests/${other}/transition`, {
      to: 'rejected',
      reasonCode: 'policy',
      reason: '不符合行业政策',
    });
    const reopened = await post(ent, `/loan-requests/${other}/reopen`);
    expect(reopened.body.deadlines.respond).toMatchObject({ attempt: 2, outcome: null });
  });
});

describe('who sees what', () => {
  it('scopes lists: applicants their own, officers their claims, bureaus their county', async () => {
    const id = await openRequest();
    await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
    const ids = async (who: SignedIn) =>
      ((await who.agent.get(`${API}/loan-requests?pageSize=100`).expect(200)).body.items as { id: string }[]).map(
        (r) => r.id,
      );
    expect(await ids(ent)).toContain(id);
    expect(await ids(ind)).not.toContain(id);
    expect(await ids(lcrcb)).toContain(id);
    expect(await ids(qilu)).not.toContain(id);
    const city = await t.signIn('bureau.city');
    const guanxian = await t.signIn('bureau.guanxian');
    expect(await ids(city)).toContain(id);
    expect(await ids(guanxian)).not.toContain(id);
    await guanxian.agent.get(`${API}/loan-requests/${id}`).expect(404);
    await ind.agent.get(`${API}/loan-requests/${id}`).expect(404);
  });
});
