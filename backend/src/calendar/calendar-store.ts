import type { Executor } from '../db/client';
import type { Logger } from '../logger';
import { composeCalendar, type WorkingCalendar, type YearCalendar } from './calendar';
import { slaCalendars } from './schema';

/** The official years the admin entered, as the database holds them. */
export async function adminYears(
  db: Executor,
): Promise<Map<number, YearCalendar & { note: string | null; updatedAt: Date }>> {
  const rows = await db.select().from(slaCalendars);
  return new Map(
    rows.map((r) => [r.year, { holidays: r.holidays, workdays: r.workdays, note: r.note, updatedAt: r.updatedAt }]),
  );
}

/**
 * A process's working calendar, kept in step with the database: the admin's years are read again
 * every `refreshMs` (and at once after this process saves one), so every API and worker process
 * follows a saved schedule within seconds, with no restart. Lookups stay synchronous: deadline
 * arithmetic runs on whichever calendar was read last.
 */
export interface LiveCalendar extends WorkingCalendar {
  refresh(): Promise<void>;
  close(): void;
}

export async function createLiveCalendar(db: Executor, refreshMs: number, logger?: Logger): Promise<LiveCalendar> {
  let current = composeCalendar();
  let version = '';
  const refresh = async () => {
    const years = await adminYears(db);
    const next = [...years].map(([year, y]) => `${year}@${y.updatedAt.getTime()}`).join(',');
    if (next === version) return;
    current = composeCalendar(years);
    version = next;
  };
  await refresh();
  const timer = setInterval(() => {
    // The last calendar read stays in force while the database cannot be reached.
    refresh().catch((err: unknown) => logger?.warn({ err }, 'could not read the working calendars; keeping the last'));
  }, refreshMs);
  timer.unref();
  return {
    isWorkingDay: (date) => current.isWorkingDay(date),
    isProvisional: (date) => current.isProvisional(date),
    year: (year) => current.year(year),
    refresh,
    close: () => clearInterval(timer),
  };
}
