import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../auth/schema';
import { notifications } from '../notifications/schema';
import { openInPool } from '../requests/matcher';
import { reconcileDue } from '../sla/breaches';
import { slaStages } from '../requests/schema';
import { API, createTestPlatform, ORDINARY_NEED, TEST_EPOCH, type TestPlatform } from '../testing/platform';
import { ALERT_AFTER_FAILURES, retryDelayMs } from './failing-work';
import { failingWork } from './schema';

let t: TestPlatform;
beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

const reconcile = () => reconcileDue(t.platform.db, t.platform.sla);

async function adminAlerts() {
  const [admin] = await t.platform.db.select().from(users).where(eq(users.username, 'admin'));
  return t.platform.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, admin!.id), eq(notifications.kind, 'ops.failing_work')));
}

async function metric(name: string): Promise<number> {
  const { text } = await t.api.get('/metrics').expect(200);
  const line = text.split('\n').find((l: string) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

/** The pause before the next try is over (the test does not wait minutes for it). */
const pauseOver = (key: string) =>
  t.platform.db
    .update(failingWork)
    .set({ retryAt: sql`now() - interval '1 second'` })
    .where(eq(failingWork.key, key));

describe('an SLA breach that cannot be recorded', () => {
  it('is retried with backoff, alerts the platform admin once, and is recorded once the cause is fixed', async () => {
    const { db } = t.platform;
    t.setNow(TEST_EPOCH);
    const ent = await t.signIn('ent.demo');
    const { body } = await ent.agent.post(`${API}/loan-requests`).set('x-csrf-token', ent.csrf).send(ORDINARY_NEED);
    await openInPool(t.platform, body.id);
    const [stage] = await db.select().from(slaStages).where(eq(slaStages.requestId, body.id));
    const key = `sla.breaches:${stage!.id}`;
    // The fault: the database refuses to record this breach, as it would for any lasting cause.
    await db.execute(sql`create function refuse_breach() returns trigger language plpgsql as $$
      begin raise exception 'the breach cannot be recorded'; end $$`);
    await db.execute(
      sql.raw(`create trigger refuse_breach before update on sla_stages for each row
      when (new.breached_at is not null and new.id = '${stage!.id}') execute function refuse_breach()`),
    );
    // Past the respond deadline (and its reminder), Wednesday afternoon.
    t.setNow(new Date('2025-03-12T16:00:00+08:00'));

    const first = await reconcile();
    expect(first.failed.map((f) => [f.id, f.failure?.failures])).toEqual([[stage!.id, 1]]);
    // Tried again only once its pause is over, not at every pass.
    expect((await reconcile()).failed).toEqual([]);
    const [row] = await db.select().from(failingWork).where(eq(failingWork.key, key));
    expect(row!.retryAt.getTime() - Date.now()).toBeGreaterThan(retryDelayMs(1) / 2);
    expect(row!.lastError).toBe('the breach cannot be recorded');

    for (let failures = 2; failures <= ALERT_AFTER_FAILURES + 1; failures++) {
      await pauseOver(key);
      const { failed } = await reconcile();
      expect(failed.map((f) => f.failure)).toEqual([{ failures, alerted: failures === ALERT_AFTER_FAILURES }]);
    }
    // One alert to the admin, in the notification centre and on /metrics.
    const alerts = await adminAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body).toContain('the breach cannot be recorded');
    expect(await metric('lcfin_failing_work')).toBe(1);
    expect(await metric('lcfin_failing_work_alerts_total')).toBe(1);
    const [stillDue] = await db.select().from(slaStages).where(eq(slaStages.id, stage!.id));
    expect(stillDue!.breachedAt).toBeNull();

    // The cause is fixed: at its next try the breach is recorded, once.
    await db.execute(sql`drop trigger refuse_breach on sla_stages`);
    await pauseOver(key);
    expect(await reconcile()).toMatchObject({ breaches: 1, failed: [] });
    const [breached] = await db.select().from(slaStages).where(eq(slaStages.id, stage!.id));
    expect(breached!.outcome).toBe('breached');
    expect(await metric('lcfin_failing_work')).toBe(0);
    expect(await metric('lcfin_failing_work_alerts_total')).toBe(1);
    expect(await adminAlerts()).toHaveLength(1);
  });
});
