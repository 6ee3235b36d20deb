import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { officialCalendar, type WorkingCalendar } from './working-time';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ExtraYears = z.record(z.string().regex(/^\d{4}$/), z.object({ holidays: z.array(Day), workdays: z.array(Day) }));

/** The official calendar, plus the years an operator supplies in SLA_CALENDAR_FILE. */
export function loadCalendar(file: string | undefined): WorkingCalendar {
  if (!file) return officialCalendar();
  const parsed = ExtraYears.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`SLA_CALENDAR_FILE ${file}: ${parsed.error.message}`);
  return officialCalendar(Object.fromEntries(Object.entries(parsed.data).map(([y, c]) => [Number(y), c])));
}
