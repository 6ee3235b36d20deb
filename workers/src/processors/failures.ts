import type { Logger } from '@lcfin/backend/logger';
import { ALERT_AFTER_FAILURES, rootMessage, type Failure } from '@lcfin/backend/ops/failing-work';

/**
 * Logs a failure of background work: in full (with its stack) the first time and when it raises the
 * admins' alert, in one line otherwise — work that keeps failing is retried for as long as it takes,
 * and must not fill the log with the same stack trace.
 */
export function logFailure(logger: Logger, what: string, error: unknown, failure: Failure | undefined): void {
  if (!failure || failure.failures === 1) logger.warn({ err: error }, `${what} failed; will retry`);
  else if (failure.alerted)
    logger.error(
      { err: error, failures: failure.failures },
      `${what} has failed ${ALERT_AFTER_FAILURES} times in a row; the platform admins are alerted; retrying with backoff`,
    );
  else logger.warn({ failures: failure.failures, error: rootMessage(error) }, `${what} failed again; will retry`);
}
