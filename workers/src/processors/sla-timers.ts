import type { Job, Queue } from 'bullmq';
import type { Database } from '@lcfin/backend/db/client';
import { fireTimer, type TimerKind } from '@lcfin/backend/sla/breaches';
import type { SlaContext } from '@lcfin/backend/sla/stages';

export interface TimerRequest {
  kind: TimerKind;
  /** The stage id (remind, breach) or the request id (exclusive-end). */
  id: string;
  at: string;
}

/**
 * Schedules delayed jobs for the deadlines a change created. The job id makes scheduling
 * idempotent; the delay follows the SLA clock so a controlled clock controls timers too.
 */
export async function scheduleTimers(
  queue: Queue,
  sla: Pick<SlaContext, 'now'>,
  timers: TimerRequest[],
): Promise<void> {
  await queue.addBulk(
    timers.map((timer) => ({
      name: timer.kind,
      data: timer,
      opts: {
        jobId: `${timer.kind}-${timer.id}`,
        delay: Math.max(0, new Date(timer.at).getTime() - sla.now().getTime()),
      },
    })),
  );
}

/** Fires a timer; early or repeated firings change nothing (every step checks the database). */
export function createSlaTimerProcessor(db: Database, sla: SlaContext) {
  return async (job: Job<TimerRequest>): Promise<void> => {
    await fireTimer(db, sla, job.data.kind, job.data.id);
  };
}
