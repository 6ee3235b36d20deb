import type { WorkingCalendar } from './calendar';

/**
 * Working-time arithmetic for the 321 SLA, pure: Asia/Shanghai, the working calendar (calendar.ts:
 * statutory holidays off, 调休 make-up weekend days on), configurable office hours with an
 * optional lunch break. China has kept UTC+8 without daylight saving since 1991, so local
 * wall time is the instant plus eight hours.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const MINUTE_MS = 60_000;
/** No SLA window spans more than this; beyond it something is misconfigured. */
const MAX_DAYS_SCANNED = 800;

export interface OfficeHours {
  /** 'HH:MM' local time. */
  start: string;
  end: string;
  lunch?: { start: string; end: string } | undefined;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { start: '09:00', end: '17:00' };

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** The working periods of a day as [start, end) minutes after local midnight. */
function periods(hours: OfficeHours): [number, number][] {
  const [start, end] = [minutesOf(hours.start), minutesOf(hours.end)];
  if (!hours.lunch) return [[start, end]];
  return [
    [start, minutesOf(hours.lunch.start)],
    [minutesOf(hours.lunch.end), end],
  ];
}

export function workingMinutesPerDay(hours: OfficeHours): number {
  return periods(hours).reduce((sum, [a, b]) => sum + (b - a), 0);
}

/** Local midnight (as an instant) of the Shanghai day containing `instant`, and its date string. */
function shanghaiDay(instant: number): { midnight: number; date: string } {
  const local = instant + SHANGHAI_OFFSET_MS;
  const localMidnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  return {
    midnight: localMidnight - SHANGHAI_OFFSET_MS,
    date: new Date(localMidnight).toISOString().slice(0, 10),
  };
}

/** The first Shanghai day within `days` of `from` whose schedule is provisional, or null: the operator's warning. */
export function firstProvisionalDay(from: Date, days: number, calendar: WorkingCalendar): string | null {
  let { midnight } = shanghaiDay(from.getTime());
  for (let day = 0; day < days; day++, midnight += DAY_MS) {
    const { date } = shanghaiDay(midnight);
    if (calendar.isProvisional(date)) return date;
  }
  return null;
}

/** Whether a span counted any provisional day (from the day of `from` through the day of `to`). */
export function spansProvisionalDay(from: Date, to: Date, calendar: WorkingCalendar): boolean {
  const last = shanghaiDay(to.getTime()).date;
  for (let { midnight } = shanghaiDay(from.getTime()); ; midnight += DAY_MS) {
    const { date } = shanghaiDay(midnight);
    if (calendar.isProvisional(date)) return true;
    if (date >= last) return false;
  }
}

/** Yields each working period [from, to) as instants, from the day of `start` on. */
function* workingPeriods(start: number, calendar: WorkingCalendar, hours: OfficeHours) {
  let { midnight } = shanghaiDay(start);
  for (let day = 0; day < MAX_DAYS_SCANNED; day++, midnight += DAY_MS) {
    const { date } = shanghaiDay(midnight);
    if (!calendar.isWorkingDay(date)) continue;
    for (const [a, b] of periods(hours)) yield [midnight + a * MINUTE_MS, midnight + b * MINUTE_MS] as const;
  }
  throw new Error(`no end found within ${MAX_DAYS_SCANNED} days`);
}

/** The instant `minutes` working minutes after `from`; a deadline may fall exactly at close of business. */
export function addWorkingMinutes(from: Date, minutes: number, calendar: WorkingCalendar, hours: OfficeHours): Date {
  let remaining = minutes * MINUTE_MS;
  const start = from.getTime();
  for (const [a, b] of workingPeriods(start, calendar, hours)) {
    const begin = Math.max(a, start);
    if (begin >= b) continue;
    if (remaining <= b - begin) return new Date(begin + remaining);
    remaining -= b - begin;
  }
  throw new Error('unreachable');
}

export function addWorkingHours(from: Date, hoursToAdd: number, calendar: WorkingCalendar, hours: OfficeHours): Date {
  return addWorkingMinutes(from, hoursToAdd * 60, calendar, hours);
}

/** N working days = N full working days of office time: claimed Tuesday 10:00 + 2 → Thursday 10:00. */
export function addWorkingDays(from: Date, days: number, calendar: WorkingCalendar, hours: OfficeHours): Date {
  return addWorkingMinutes(from, days * workingMinutesPerDay(hours), calendar, hours);
}

/** The working time within [from, to): its working periods, cut to that span (none if `to` is not after `from`). */
export function workingPeriodsBetween(
  from: Date,
  to: Date,
  calendar: WorkingCalendar,
  hours: OfficeHours,
): [Date, Date][] {
  const [start, end] = [from.getTime(), to.getTime()];
  const result: [Date, Date][] = [];
  if (end <= start) return result;
  for (const [a, b] of workingPeriods(start, calendar, hours)) {
    if (a >= end) break;
    if (b > start) result.push([new Date(Math.max(a, start)), new Date(Math.min(b, end))]);
  }
  return result;
}

/** Working minutes elapsed between two instants (0 if `to` is not after `from`). */
export function workingMinutesBetween(from: Date, to: Date, calendar: WorkingCalendar, hours: OfficeHours): number {
  const periods = workingPeriodsBetween(from, to, calendar, hours);
  return periods.reduce((total, [a, b]) => total + (b.getTime() - a.getTime()), 0) / MINUTE_MS;
}
