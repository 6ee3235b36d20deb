import type { Database } from '@lcfin/backend/db/client';
import type { Logger } from '@lcfin/backend/logger';
import { reconcileDue } from '@lcfin/backend/sla/breaches';
import type { SlaContext } from '@lcfin/backend/sla/stages';
import { startPollingLoop } from './polling-loop';

/** Timers fire within milliseconds of the due time; what is later than this they have missed. */
const TIMER_GRACE_MS = 1_000;

/**
 * Periodically records every reminder and breach that is due and unhandled. The database holds
 * the deadlines, so this alone guarantees nothing is missed, whatever happened to Redis.
 */
export function startSlaReconciler(deps: { db: Database; sla: SlaContext; logger: Logger; intervalMs: number }) {
  const { db, sla, logger, intervalMs } = deps;
  return startPollingLoop({
    name: 'SLA reconciliation',
    intervalMs,
    logger,
    pass: async () => {
      const { failed, ...handled } = await reconcileDue(db, sla, { graceMs: TIMER_GRACE_MS });
      for (const { id, error } of failed)
        logger.warn({ err: error, id }, 'SLA reconciliation of one item failed; will retry');
      if (handled.reminders + handled.breaches + handled.exclusiveEnded > 0) logger.info(handled, 'SLA reconciled');
    },
  });
}
