import type { Job, Queue } from 'bullmq';
import type { Database } from '@lcfin/backend/db/client';
import { fireTimer } from '@lcfin/backend/sla/breaches';
import type { Timer } from '@lcfin/backend/outbox/catalogue';
import type { SlaContext } from '@lcfin/backend/clock/clock';

/** What fires, for what, and when: a deadline moved later (a calendar re-plan) gets a timer of its own. */
export const timerJobId = (timer: Timer) => `${timer.kind}-${timer.id}-${new Date(timer.at).getTime()}`;

/**
 * Schedules delayed jobs for the deadlines a change created. The job id makes scheduling
 * idempotent; a timer that fires early (its deadline moved) finds nothing due and does nothing.
 * The delay follows the SLA clock so a controlled clock controls timers too.
 */
export async function scheduleTimers(queue: Queue, sla: Pick<SlaContext, 'now'>, timers: Timer[]): Promise<void> {
  await queue.addBulk(
    timers.map((timer) => ({
      name: timer.kind,
      data: timer,
      opts: {
        jobId: timerJobId(timer),
        delay: Math.max(0, new Date(timer.at).getTime() - sla.now().getTime()),
      },
    })),
  );
}

/** Fires a timer; early or repeated firings change nothing (every step checks the database). */
export function createSlaTimerProcessor(db: Database, sla: SlaContext) {
  return async (job: Job<Timer>): Promise<void> => {
    await fireTimer(db, sla, job.data.kind, job.data.id);
  };
}
