import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@lcfin/backend/testing/eventually';
import { AGREEMENT_VERSION } from '@lcfin/backend/auth/agreements';
import { idNumberCheckCharacter } from '@lcfin/backend/auth/identifiers';
import { notifications } from '@lcfin/backend/notifications/schema';
import { API, createTestPlatform, ORDINARY_NEED, type TestPlatform } from '@lcfin/backend/testing/platform';
import { startWorkers, type RunningWorkers } from './start';

let t: TestPlatform;
let workers: RunningWorkers;
beforeAll(async () => {
  t = await createTestPlatform();
  workers = startWorkers(t.platform);
});
afterAll(async () => {
  await workers?.close();
  await t?.close();
});

async function registerIndividual(username: string, idBody: string): Promise<string> {
  const agent = supertest.agent(t.platform.app);
  const { body } = await agent.get(`${API}/auth/csrf`);
  const res = await agent
    .post(`${API}/auth/register`)
    .set('x-csrf-token', body.csrfToken)
    .send({
      role: 'individual',
      agreementVersion: AGREEMENT_VERSION,
      username,
      password: 'Shop2024ok',
      name: '李店主',
      idNumber: idBody + idNumberCheckCharacter(idBody),
      county: '371502',
      phone: '13706351234',
    })
    .expect(201);
  return res.body.id;
}

describe('workers', () => {
  it('turns a registration into exactly one welcome notification (outbox → relay → BullMQ → processor)', async () => {
    const userId = await registerIndividual('li.shopkeeper', '37150219880808123');
    const delivered = await eventually(async () => {
      const rows = await t.platform.db.select().from(notifications).where(eq(notifications.userId, userId));
      return rows.length ? rows : undefined;
    });
    // Give a duplicate delivery the chance to show up before counting.
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.platform.db.select().from(notifications).where(eq(notifications.userId, userId))).toHaveLength(1);
    expect(delivered[0]!.kind).toBe('welcome');

    const { agent } = await t.signIn('li.shopkeeper', 'Shop2024ok');
    const list = await agent.get(`${API}/notifications`).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(list.body.items[0].title).toContain('欢迎');
  });

  it('opens a submitted loan request in the pool (outbox → matcher)', async () => {
    const ent = await t.signIn('ent.demo');
    const res = await ent.agent
      .post(`${API}/loan-requests`)
      .set('x-csrf-token', ent.csrf)
      .send(ORDINARY_NEED)
      .expect(201);
    const opened = await eventually(async () => {
      const view = await ent.agent.get(`${API}/loan-requests/${res.body.id}`);
      return view.body.status === 'open' ? view.body : undefined;
    });
    expect(opened.poolTier).toBe('county');
    const officer = await t.signIn('officer.lcrcb');
    const pool = await officer.agent.get(`${API}/pool`).expect(200);
    expect(pool.body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);
  });

  it('shuts down gracefully, and events recorded meanwhile are delivered after restart', async () => {
    await workers.close();
    const userId = await registerIndividual('zhao.baker', '37150219900101555');
    workers = startWorkers(t.platform);
    const delivered = await eventually(async () => {
      const rows = await t.platform.db.select().from(notifications).where(eq(notifications.userId, userId));
      return rows.length ? rows : undefined;
    });
    expect(delivered).toHaveLength(1);
  });
});
