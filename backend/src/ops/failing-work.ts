import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { users } from '../auth/schema';
import type { Database } from '../db/client';
import { inTransaction } from '../db/transaction';
import { notify } from '../notifications/service';
import { failingWork } from './schema';

/** First retry after a second, doubling each time up to this: a lasting fault costs a try every few minutes. */
const MAX_RETRY_DELAY_MS = 5 * 60_000;
/** Failures in a row after which the platform admins are told (about half a minute of retries). */
export const ALERT_AFTER_FAILURES = 5;

/** How long to wait before the next try of work that has failed `failures` times in a row. */
export function retryDelayMs(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), MAX_RETRY_DELAY_MS);
}

/**
 * What went wrong, from the innermost cause: drizzle wraps a driver's error in one whose message
 * holds the query and its parameters, which may be personal data.
 */
export function rootMessage(error: unknown): string {
  let e = error;
  while (e instanceof Error && e.cause !== undefined) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/** Where work stands after a failure was recorded. */
export interface Failure {
  failures: number;
  /** True when this failure raised the alert: the caller logs it in full once. */
  alerted: boolean;
}

/**
 * Records one more failure of `key` (what: its description for people, in Chinese as the
 * notification centre speaks), schedules its next try, and on the ALERT_AFTER_FAILURES-th failure
 * in a row tells every active platform admin, once per run of failures.
 */
export async function recordFailure(
  db: Database,
  work: { key: string; what: string; error: unknown },
): Promise<Failure> {
  const message = rootMessage(work.error).slice(0, 1000);
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(failingWork)
      .values({
        key: work.key,
        failures: 1,
        firstFailedAt: sql`now()`,
        lastError: message,
        retryAt: sql`now() + ${retryDelayMs(1)} * interval '1 millisecond'`,
      })
      .onConflictDoUpdate({
        target: failingWork.key,
        // A failure after a success starts a new run.
        set: {
          failures: sql`case when ${failingWork.resolvedAt} is null then ${failingWork.failures} + 1 else 1 end`,
          firstFailedAt: sql`case when ${failingWork.resolvedAt} is null then ${failingWork.firstFailedAt} else now() end`,
          alertedAt: sql`case when ${failingWork.resolvedAt} is null then ${failingWork.alertedAt} end`,
          resolvedAt: null,
          lastError: message,
        },
      })
      .returning();
    const failures = row!.failures;
    const alert = failures >= ALERT_AFTER_FAILURES && !row!.alertedAt;
    await tx
      .update(failingWork)
      .set({
        retryAt: sql`now() + ${retryDelayMs(failures)} * interval '1 millisecond'`,
        ...(alert ? { alertedAt: sql`now()`, alerts: sql`${failingWork.alerts} + 1` } : {}),
      })
      .where(eq(failingWork.key, work.key));
    if (alert) {
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.status, 'active')));
      const run = row!.firstFailedAt.getTime();
      for (const admin of admins) {
        await notify(tx, {
          userId: admin.id,
          kind: 'ops.failing_work',
          title: `后台任务持续失败：${work.what}`,
          body:
            `${work.what}（${work.key}）已连续失败 ${failures} 次，最近一次错误：${message}。` +
            `平台按逐步加长的间隔继续重试，原因排除后会自动完成，无需重新提交。`,
          sourceEventId: `ops.failing_work:${work.key}:${run}:${admin.id}`,
        });
      }
    }
    return { failures, alerted: alert };
  });
}

/** Marks work that had failed as done; nothing for keys that never failed. */
export async function resolveFailures(db: Database, keys: string[]): Promise<void> {
  if (!keys.length) return;
  await db
    .update(failingWork)
    .set({ resolvedAt: sql`now()` })
    .where(and(inArray(failingWork.key, keys), isNull(failingWork.resolvedAt)));
}

/**
 * A condition for queries that look for work to do: true unless the work named `key` (an SQL text
 * expression) is failing and waiting for its next try.
 */
export function notBackingOff(key: SQL): SQL {
  return sql`not exists (select 1 from ${failingWork} where ${failingWork.key} = ${key}
    and ${failingWork.resolvedAt} is null and ${failingWork.retryAt} > now())`;
}

/** For `/metrics`: work failing now, and alerts raised ever. */
export async function failingWorkFigures(db: Database): Promise<{ failing: number; alerts: number }> {
  const [row] = await db
    .select({
      failing: sql<number>`count(*) filter (where ${failingWork.resolvedAt} is null)`.mapWith(Number),
      alerts: sql<number>`coalesce(sum(${failingWork.alerts}), 0)`.mapWith(Number),
    })
    .from(failingWork);
  return row!;
}
