import type { Database } from '@lcfin/backend/db/client';
import type { Logger } from '@lcfin/backend/logger';
import { replanRecentlyEntered, warnAdminsOfProvisionalYear } from '@lcfin/backend/sla/calendars';
import type { SlaContext } from '@lcfin/backend/clock/clock';
import { startPollingLoop } from './polling-loop';

/**
 * Watches for deadlines coming near a year without an official holiday schedule and tells the
 * platform admins (once per year and admin: the notification is keyed on both), so the State
 * Council's schedule is entered before provisional deadlines pile up; and goes over a newly
 * entered year again, for stages started by a process that had not yet read it.
 */
export function startCalendarWatch(deps: { db: Database; sla: SlaContext; logger: Logger; intervalMs: number }) {
  const { db, sla, logger, intervalMs } = deps;
  return startPollingLoop({
    name: 'calendar watch',
    intervalMs,
    logger,
    pass: async () => {
      await warnAdminsOfProvisionalYear(db, sla);
      const moved = await replanRecentlyEntered(db, sla);
      if (moved > 0) logger.info({ stages: moved }, 're-planned stages started on a superseded calendar');
    },
  });
}
