import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '@lcfin/backend/testing/eventually';
import { API, createTestPlatform, ORDINARY_NEED, type TestPlatform } from '@lcfin/backend/testing/platform';
import { startWorkers } from './start';

/**
 * Two databases whose outbox ids start alike, one after the other on one Redis prefix — a
 * re-created database, or staging and production sharing a Redis — each get their events processed:
 * the second's are not taken for the first's completed jobs.
 */
const platforms: TestPlatform[] = [];
afterAll(async () => {
  // Each removes the shared prefix's keys; the second finds nothing left to remove.
  for (const t of platforms) await t.close();
});

async function submitAndWaitForPool(t: TestPlatform): Promise<string> {
  const workers = startWorkers(t.platform);
  try {
    const ent = await t.signIn('ent.demo');
    const { body } = await ent.agent
      .post(`${API}/loan-requests`)
      .set('x-csrf-token', ent.csrf)
      .send(ORDINARY_NEED)
      .expect(201);
    const opened = await eventually(async () => {
      const view = await ent.agent.get(`${API}/loan-requests/${body.id}`);
      return view.body.status === 'open' ? view.body : undefined;
    });
    return opened.status;
  } finally {
    await workers.close();
  }
}

describe('two databases in turn on one Redis prefix', () => {
  it('both have their first request matched and opened in the pool', async () => {
    const first = await createTestPlatform();
    platforms.push(first);
    expect(await submitAndWaitForPool(first)).toBe('open');
    // The first one's completed jobs stay in Redis, as they would for a week.
    const second = await createTestPlatform({ REDIS_PREFIX: first.config.REDIS_PREFIX });
    platforms.push(second);
    expect(await submitAndWaitForPool(second)).toBe('open');
  });
});
