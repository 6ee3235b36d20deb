import type { Database } from '@lcfin/backend/db/client';
import type { Logger } from '@lcfin/backend/logger';
import { resendLostSubmissions } from '@lcfin/backend/requests/matcher';
import { startPollingLoop } from './polling-loop';

/**
 * Far beyond the matcher's normal delay (milliseconds; seconds under a heavy backlog), so only a
 * lost job is resent.
 */
const GRACE_MS = 60_000;

/** Periodically resends the matcher job of every request that has waited too long to reach the pool. */
export function startSubmissionReconciler(deps: { db: Database; logger: Logger; intervalMs: number }) {
  const { db, logger, intervalMs } = deps;
  return startPollingLoop({
    name: 'submission reconciliation',
    intervalMs,
    logger,
    pass: async () => {
      const resent = await resendLostSubmissions(db, GRACE_MS);
      if (resent) logger.warn({ resent }, 'resent the matcher jobs of requests stuck in submitted');
    },
  });
}
