import chineseDays from 'chinese-days';

/**
 * Which days are working days, pure: official schedules (chinese-days, or entered by the platform
 * admin) and, for a year without one, a provisional schedule derived from the law. Nothing here is
 * ever refused for want of data: a loan platform keeps taking requests when a notice is late.
 */

/** A year's exceptions to "weekends off": what an official notice (or the statutory rule) lists. */
export interface YearCalendar {
  /** Days off; on a weekday they are what makes a difference (a weekend listed here is off anyway). */
  holidays: string[];
  /** Weekend days that are working days (调休). */
  workdays: string[];
}

/**
 * Where a year's schedule comes from: the State Council's, as chinese-days carries it (`library`) or
 * as the admin entered it (`admin`), both `official`; or the statutory rule (`statutory`), `provisional`.
 */
export type CalendarOrigin = 'library' | 'admin' | 'statutory';
export type CalendarSource = 'official' | 'provisional';
export const sourceOf = (origin: CalendarOrigin): CalendarSource =>
  origin === 'statutory' ? 'provisional' : 'official';

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** Whether the day's year has no official schedule, so that whether it is worked is an estimate. */
  isProvisional(date: string): boolean;
  /** The year's schedule and where it comes from. */
  year(year: number): YearCalendar & { origin: CalendarOrigin };
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => [0, 6].includes(weekday(date));
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Whether chinese-days carries the State Council's schedule for the year (it has none before 2004 or after its last release). */
function libraryHas(year: number): boolean {
  return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}

function libraryYear(year: number): YearCalendar {
  const holidays = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false);
  const workdays = chineseDays.getWorkdaysInRange(`${year}-01-01`, `${year}-12-31`, true).filter(isWeekend);
  return { holidays, workdays };
}

/** A statutory holiday's days in a year, by its name in the law. */
export interface StatutoryDay {
  date: string;
  /** 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节, or 补假 for a compensation day. */
  name: string;
}

const lunarToSolar = (lunarYear: number, month: number, day: number) =>
  chineseDays.getSolarDateFromLunar(`${lunarYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
    .date;

/**
 * The statutory holidays of the 全国年节及纪念日放假办法 (2024 revision) in `year`, with the
 * compensation days (补假) the weekend ones give: each holiday on a Saturday or Sunday moves to the
 * next weekday that is neither a holiday nor already a compensation day, in date order. No make-up
 * working weekends: those are only known once the State Council announces them.
 */
export function statutoryHolidays(year: number): StatutoryDay[] {
  const springFestival = lunarToSolar(year, 1, 1);
  const qingming = chineseDays
    .getSolarTerms(`${year}-04-01`, `${year}-04-30`)
    .find((term) => term.term === 'pure_brightness')!.date;
  const days: StatutoryDay[] = [
    { date: `${year}-01-01`, name: '元旦' },
    // 除夕 is the last day of the twelfth lunar month, whether it is the 29th or the 30th.
    ...[-1, 0, 1, 2].map((offset) => ({ date: addDays(springFestival, offset), name: '春节' })),
    { date: qingming, name: '清明节' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: lunarToSolar(year, 5, 5), name: '端午节' },
    { date: lunarToSolar(year, 8, 15), name: '中秋节' },
    ...[1, 2, 3].map((day) => ({ date: `${year}-10-0${day}`, name: '国庆节' })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const taken = new Set(days.map((d) => d.date));
  const compensation: StatutoryDay[] = [];
  for (const { date } of days.filter((d) => isWeekend(d.date))) {
    let next = addDays(date, 1);
    while (isWeekend(next) || taken.has(next)) next = addDays(next, 1);
    taken.add(next);
    compensation.push({ date: next, name: '补假' });
  }
  return [...days, ...compensation].sort((a, b) => a.date.localeCompare(b.date));
}

/** The provisional schedule of a year without an official one. */
export function provisionalYear(year: number): YearCalendar {
  return { holidays: [...new Set(statutoryHolidays(year).map((d) => d.date))], workdays: [] };
}

/**
 * The calendar: each year the admin entered, else chinese-days' official one, else the statutory
 * rule. Immutable: a changed schedule makes a new calendar (see calendar-store.ts).
 */
export function composeCalendar(adminYears: ReadonlyMap<number, YearCalendar> = new Map()): WorkingCalendar {
  const years = new Map<number, { origin: CalendarOrigin; off: Set<string>; on: Set<string> } & YearCalendar>();
  const yearOf = (year: number) => {
    let known = years.get(year);
    if (!known) {
      const admin = adminYears.get(year);
      const origin: CalendarOrigin = admin ? 'admin' : libraryHas(year) ? 'library' : 'statutory';
      const schedule = admin ?? (origin === 'library' ? libraryYear(year) : provisionalYear(year));
      known = { origin, ...schedule, off: new Set(schedule.holidays), on: new Set(schedule.workdays) };
      years.set(year, known);
    }
    return known;
  };
  // Every view computes countdowns: each day is looked up once per calendar.
  const working = new Map<string, boolean>();
  return {
    isWorkingDay(date) {
      let result = working.get(date);
      if (result === undefined) {
        const { off, on } = yearOf(Number(date.slice(0, 4)));
        result = on.has(date) || (!off.has(date) && !isWeekend(date));
        working.set(date, result);
      }
      return result;
    },
    isProvisional: (date) => yearOf(Number(date.slice(0, 4))).origin === 'statutory',
    year(year) {
      const { origin, holidays, workdays } = yearOf(year);
      return { origin, holidays: [...holidays], workdays: [...workdays] };
    },
  };
}
