/** Calendar days as the API writes them (YYYY-MM-DD), counted in UTC so that no time zone shifts them. */

const dayMs = 86_400_000;

/** The day, or null when there is no such day (2月30日). */
export function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** 0 for Sunday … 6 for Saturday. */
export const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

export const isWeekend = (day: string) => [0, 6].includes(weekdayOf(day));

/** Every day of a month (1–12), in order. */
export function monthDays(year: number, month: number): string[] {
  const days: string[] = [];
  for (
    let day = `${year}-${String(month).padStart(2, '0')}-01`;
    Number(day.slice(5, 7)) === month;
    day = addDays(day, 1)
  ) {
    days.push(day);
  }
  return days;
}
