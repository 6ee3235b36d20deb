import type { AddressInfo, Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, type TestPlatform } from '@lcfin/backend/testing/platform';
import { openSse, type SseConnection } from '@lcfin/backend/testing/sse';
import { startWorkers, type RunningWorkers } from './start';

/** The live path end to end: API → outbox → relay → BullMQ → processor → Redis → every API's stream. */
let t: TestPlatform;
let workers: RunningWorkers;
let server: Server;
let base: string;
const tokens: Record<string, string> = {};
const open: SseConnection[] = [];

beforeAll(async () => {
  t = await createTestPlatform();
  workers = startWorkers(t.platform);
  await t.platform.streamHub.ready;
  server = t.platform.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${API}`;
  for (const username of ['ent.demo', 'officer.lcrcb', 'officer.qilu']) {
    const res = await t.api.post(`${API}/auth/tokens`).send({ username, password: 'demo1234' });
    tokens[username] = res.body.token;
  }
});
afterAll(async () => {
  for (const c of open) c.close();
  server?.close();
  await workers?.close();
  await t?.close();
});

async function stream(username: string, lastEventId?: string): Promise<SseConnection> {
  const headers: Record<string, string> = { Authorization: `Bearer ${tokens[username]}` };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  const connection = await openSse(`${base}/stream`, headers);
  open.push(connection);
  if (!lastEventId) await connection.waitFor((e) => e.event === 'ready');
  return connection;
}

async function call(username: string, method: string, path: string, body?: object) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${tokens[username]}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string } };
}

const submit = () =>
  call('ent.demo', 'POST', '/loan-requests', {
    amount: 500_000,
    termMonths: 12,
    purpose: '夜间下单：采购设备',
    collateral: 'credit',
    county: '371502',
    industry: 'C',
  });

describe('GET /stream', () => {
  it('shows officers a new request appear, and vanish when another institution claims it; the applicant sees each step', async () => {
    const [lcrcb, qilu, applicant] = [
      await stream('officer.lcrcb'),
      await stream('officer.qilu'),
      await stream('ent.demo'),
    ];
    const { body } = await submit();
    const id = body.id;
    await lcrcb.waitFor((e) => e.event === 'pool.added' && e.data.requestId === id);
    await qilu.waitFor((e) => e.event === 'pool.added' && e.data.requestId === id);
    await applicant.waitFor(
      (e) => e.event === 'request.updated' && e.data.requestId === id && e.data.status === 'open',
    );

    expect((await call('officer.qilu', 'POST', `/loan-requests/${id}/claim`)).status).toBe(200);
    await lcrcb.waitFor((e) => e.event === 'pool.removed' && e.data.requestId === id);
    await applicant.waitFor(
      (e) => e.event === 'request.updated' && e.data.requestId === id && e.data.status === 'claimed',
    );
    await call('officer.qilu', 'POST', `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: t.today() });
    await applicant.waitFor((e) => e.data.requestId === id && e.data.status === 'contacted');
    await qilu.waitFor((e) => e.event === 'request.updated' && e.data.status === 'contacted');
    // Another institution's progress is none of lcrcb's business.
    expect(lcrcb.events.filter((e) => e.event === 'request.updated')).toEqual([]);
  });

  it('resumes from the last event id without losing what happened while disconnected', async () => {
    const first = await stream('officer.lcrcb');
    const before = await submit();
    const seen = await first.waitFor((e) => e.event === 'pool.added' && e.data.requestId === before.body.id);
    first.close();

    const missed = await submit();
    // Wait until the event has gone out (to someone still connected) before reconnecting.
    const watcher = await stream('officer.qilu');
    await watcher.waitFor((e) => e.event === 'pool.added' && e.data.requestId === missed.body.id);

    const resumed = await stream('officer.lcrcb', seen.id);
    const replayed = await resumed.waitFor((e) => e.event === 'pool.added' && e.data.requestId === missed.body.id);
    expect(Number(replayed.id)).toBeGreaterThan(Number(seen.id));
    expect(resumed.events.filter((e) => e.data.requestId === before.body.id && e.event === 'pool.added')).toEqual([]);
  });

  it('tells only the officers a directed order was offered to that it left the pool', async () => {
    const me = await call('officer.qilu', 'GET', '/auth/me');
    const qiluId = (me.body.user as { institutionId: string }).institutionId;
    const catalog = await call('ent.demo', 'GET', `/products?institutionId=${qiluId}&customerType=enterprise`);
    const product = (catalog.body.items as { id: string }[])[0]!;
    const [lcrcb, qilu, applicant] = [
      await stream('officer.lcrcb'),
      await stream('officer.qilu'),
      await stream('ent.demo'),
    ];
    const directed = await call('ent.demo', 'POST', '/loan-requests', {
      amount: 300_000,
      termMonths: 12,
      purpose: '定向下单：采购原材料',
      collateral: 'credit',
      county: '371502',
      industry: 'C',
      productId: product.id,
    });
    expect(directed.status).toBe(201);
    await qilu.waitFor((e) => e.event === 'pool.added' && e.data.requestId === directed.body.id);
    expect((await call('officer.qilu', 'POST', `/loan-requests/${directed.body.id}/claim`)).status).toBe(200);
    await qilu.waitFor((e) => e.event === 'pool.removed' && e.data.requestId === directed.body.id);
    await applicant.waitFor((e) => e.data.requestId === directed.body.id && e.data.status === 'claimed');
    // Events reach each stream in order: once lcrcb hears of a later request, it has heard all before.
    const later = await submit();
    await lcrcb.waitFor((e) => e.event === 'pool.added' && e.data.requestId === later.body.id);
    expect(lcrcb.events.filter((e) => e.data.requestId === directed.body.id)).toEqual([]);
  });

  it('refuses anonymous listeners', async () => {
    const res = await fetch(`${base}/stream`);
    expect(res.status).toBe(401);
  });
});
