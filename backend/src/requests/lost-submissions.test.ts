import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { outboxJobId, relayOutboxBatch, type RelayTarget } from '../outbox/outbox';
import { outbox, outboxRelay } from '../outbox/schema';
import { deleteKeysWithPrefix } from '../queue/redis';
import { API, createTestPlatform, ORDINARY_NEED, type TestPlatform } from '../testing/platform';
import { openInPool, resendLostSubmissions } from './matcher';

let t: TestPlatform;
beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

async function submit(): Promise<string> {
  const ent = await t.signIn('ent.demo');
  const res = await ent.agent
    .post(`${API}/loan-requests`)
    .set('x-csrf-token', ent.csrf)
    .send(ORDINARY_NEED)
    .expect(201);
  return res.body.id;
}

async function submittedRow(requestId: string) {
  const [row] = await t.platform.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.eventType, 'loan_request.submitted'), eq(outbox.aggregateId, requestId)));
  return row!;
}

describe('a matcher job lost after the relay sent it', () => {
  it('is sent again for a request stuck in submitted, and never for one the matcher opened', async () => {
    const { db, queues, redis, config } = t.platform;
    const relay: RelayTarget = {
      db,
      queueFor: () => queues.domainEvents,
      redis,
      prefix: config.REDIS_PREFIX,
      logger: createLogger('silent'),
    };
    const stuck = await submit();
    const opened = await submit();
    await relayOutboxBatch(relay);
    const [state] = await db.select().from(outboxRelay);
    const job = outboxJobId(state!.incarnation, (await submittedRow(stuck)).id);
    expect(await queues.domainEvents.getJob(job)).toBeDefined();
    expect(await openInPool(t.platform, opened)).toBe(true);

    // Redis loses the queue (flushed, or a failover without persistence).
    await deleteKeysWithPrefix(redis, `${config.REDIS_PREFIX}:${queues.domainEvents.name}:`);
    expect(await queues.domainEvents.getJob(job)).toBeUndefined();

    expect(await resendLostSubmissions(db, 0)).toBe(1);
    expect((await submittedRow(stuck)).publishedAt).toBeNull();
    expect((await submittedRow(opened)).publishedAt).not.toBeNull();
    await relayOutboxBatch(relay);
    expect((await queues.domainEvents.getJob(job))?.data).toMatchObject({
      type: 'loan_request.submitted',
      aggregateId: stuck,
    });

    // Within the grace period nothing is resent, even while the request is still waiting.
    expect(await resendLostSubmissions(db, 60_000)).toBe(0);
  });
});
