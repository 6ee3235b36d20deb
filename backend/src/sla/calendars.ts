import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import { users } from '../auth/schema';
import type { Database, Executor } from '../db/client';
import { inTransaction } from '../db/transaction';
import { notify } from '../notifications/service';
import { composeCalendar, sourceOf, statutoryHolidays, type WorkingCalendar } from '../calendar/calendar';
import { adminYears } from '../calendar/calendar-store';
import {
  calendarYearInput,
  type CalendarList,
  type CalendarSaved,
  type CalendarYearInput,
  type CalendarYearView,
} from './calendar-views';
import { replanOpenStages } from './replan';
import { slaCalendars } from '../calendar/schema';
import type { SlaContext } from '../clock/clock';
import { firstProvisionalDay } from '../calendar/working-time';

/**
 * From this many days before deadlines can reach a provisional day, the admin is warned: the
 * longest stage (5 working days) across the Spring Festival fits well within it.
 */
const PROVISIONAL_WARNING_DAYS = 60;

const shanghaiYear = (instant: Date) => new Date(instant.getTime() + 8 * 3600_000).getUTCFullYear();

/** The first provisional day deadlines may reach within the warning period, if any. */
export function upcomingProvisional(sla: SlaContext): CalendarList['upcomingProvisional'] {
  const firstDay = firstProvisionalDay(sla.now(), PROVISIONAL_WARNING_DAYS, sla.calendar);
  return firstDay ? { year: Number(firstDay.slice(0, 4)), firstDay } : null;
}

function yearView(
  calendar: WorkingCalendar,
  year: number,
  stored: { note: string | null; updatedAt: Date } | undefined,
): CalendarYearView {
  const { origin, holidays, workdays } = calendar.year(year);
  return {
    year,
    source: sourceOf(origin),
    origin,
    note: stored?.note ?? null,
    updatedAt: stored?.updatedAt.toISOString() ?? null,
    holidays: [...holidays].sort(),
    workdays: [...workdays].sort(),
    statutory: statutoryHolidays(year),
  };
}

/** The years in use — last year to the year after next — and every year an admin entered. */
export async function listCalendars(db: Executor, sla: SlaContext): Promise<CalendarList> {
  const entered = await adminYears(db);
  const thisYear = shanghaiYear(sla.now());
  const years = new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, ...entered.keys()]);
  return {
    items: [...years]
      .sort((a, b) => a - b)
      .map((year) => {
        const {
          holidays: _h,
          workdays: _w,
          statutory: _s,
          ...summary
        } = yearView(sla.calendar, year, entered.get(year));
        return summary;
      }),
    upcomingProvisional: upcomingProvisional(sla),
  };
}

export async function calendarYear(db: Executor, sla: SlaContext, year: number): Promise<CalendarYearView> {
  return yearView(sla.calendar, year, (await adminYears(db)).get(year));
}

const replanReason = (year: number) => `${year} 年节假日安排已按国务院办公厅公布的安排录入，期限重新计算`;

const sameDays = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Saves a year's official schedule and, in the same transaction, re-plans the open stages whose
 * promises counted a day of it (replan.ts). Saves are taken one at a time, so each re-plans on
 * every schedule saved before it. Saving what is already there changes nothing. Every process
 * follows within seconds (calendar-store.ts); this one at once.
 */
export async function saveCalendarYear(
  db: Database,
  sla: SlaContext,
  actor: Actor | null,
  year: number,
  input: CalendarYearInput,
): Promise<CalendarSaved> {
  const replanned = await inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sla_calendars'))`);
    const years = await adminYears(tx);
    const before = years.get(year);
    const note = input.source ?? null;
    if (
      before &&
      sameDays(before.holidays, input.holidays) &&
      sameDays(before.workdays, input.workdays) &&
      before.note === note
    ) {
      return { stages: 0, requests: 0 };
    }
    const row = {
      holidays: input.holidays,
      workdays: input.workdays,
      note,
      updatedBy: actor?.id ?? null,
      updatedAt: sla.now(),
    };
    await tx
      .insert(slaCalendars)
      .values({ year, ...row })
      .onConflictDoUpdate({ target: slaCalendars.year, set: row });
    if (actor) {
      await recordAudit(tx, actor, 'sla_calendar.save', String(year), {
        holidays: input.holidays.length,
        workdays: input.workdays.length,
        note,
      });
    }
    years.set(year, { ...row, note });
    return replanOpenStages(tx, sla, composeCalendar(years), actor, year, replanReason(year));
  });
  await sla.calendar.refresh();
  return { ...(await calendarYear(db, sla, year)), replanned };
}

const CalendarFile = z.record(
  z.string().regex(/^\d{4}$/),
  z.object({ holidays: z.array(z.string()), workdays: z.array(z.string()) }),
);

/**
 * SLA_CALENDAR_FILE: official years to seed, as {"2027": {"holidays": [...], "workdays": [...]}}.
 * A year already in the database is left as the admin keeps it; a new one is saved (and re-plans)
 * as if the admin had entered it.
 */
export async function seedCalendarFile(db: Database, sla: SlaContext, file: string): Promise<number[]> {
  const parsed = CalendarFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`SLA_CALENDAR_FILE ${file}: ${parsed.error.message}`);
  const entered = await adminYears(db);
  const seeded: number[] = [];
  for (const [key, value] of Object.entries(parsed.data)) {
    const year = Number(key);
    if (entered.has(year)) continue;
    const input = calendarYearInput(year).safeParse({ ...value, source: 'SLA_CALENDAR_FILE' });
    if (!input.success) throw new Error(`SLA_CALENDAR_FILE ${file}, ${year}: ${input.error.message}`);
    await saveCalendarYear(db, sla, null, year, input.data);
    seeded.push(year);
  }
  return seeded;
}

/**
 * Tells every active platform admin, once per year, that deadlines are about to reach a year
 * without an official schedule (from `PROVISIONAL_WARNING_DAYS` before its first provisional day).
 * Returns that year, or null when there is nothing to say.
 */
export async function warnAdminsOfProvisionalYear(db: Database, sla: SlaContext): Promise<number | null> {
  const upcoming = upcomingProvisional(sla);
  if (!upcoming) return null;
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.status, 'active')));
  for (const admin of admins) {
    await notify(db, {
      userId: admin.id,
      kind: 'sla.calendar_provisional',
      title: `${upcoming.year} 年节假日安排尚未录入`,
      body:
        `自 ${upcoming.firstDay} 起的期限当前按法定节假日预估，以国务院办公厅公布的安排为准。` +
        `安排公布后，请在“工作日历”中录入 ${upcoming.year} 年的放假和调休上班日期，受影响的期限将自动重新计算。`,
      sourceEventId: `sla.calendar_provisional:${upcoming.year}:${admin.id}`,
    });
  }
  return upcoming.year;
}

/** How long after a save the workers re-plan its year once more (see `replanRecentlyEntered`). */
const SETTLING_MS = 10 * 60_000;

/**
 * Re-plans the years entered in the last few minutes once more. A process that had not yet read a
 * new schedule (it does within seconds) may have started a stage on the provisional calendar after
 * the save's own re-plan; re-planning is idempotent, so going over the year again only moves those.
 */
export async function replanRecentlyEntered(db: Database, sla: SlaContext): Promise<number> {
  let moved = 0;
  const since = sla.now().getTime() - SETTLING_MS;
  for (const [year, entered] of await adminYears(db)) {
    if (entered.updatedAt.getTime() < since) continue;
    const replanned = await inTransaction(db, async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sla_calendars'))`);
      return replanOpenStages(tx, sla, composeCalendar(await adminYears(tx)), null, year, replanReason(year));
    });
    moved += replanned.stages;
  }
  return moved;
}
