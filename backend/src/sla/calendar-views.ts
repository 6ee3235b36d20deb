import { z } from '../http/zod';

/** The years a calendar can be entered for: the lunar tables chinese-days carries end in 2100. */
export const CALENDAR_YEARS = { min: 2000, max: 2099 } as const;

export const CalendarYearParam = z.object({
  year: z.coerce.number().int().min(CALENDAR_YEARS.min).max(CALENDAR_YEARS.max),
});

const Day = z.iso.date();

/** An official schedule as the admin enters it: the notice's days off and make-up working days. */
export const CalendarYearBody = z
  .object({
    /** Days off; a range of the notice may include its weekend days. */
    holidays: z.array(Day).max(366),
    /** Make-up working days (调休): Saturdays or Sundays. */
    workdays: z.array(Day).max(366),
    /** Where the schedule was taken from, e.g. 国办发明电〔2026〕7号. */
    source: z.string().trim().min(1).max(200).optional(),
  })
  .openapi('SlaCalendarInput');
/** What a client sends (`PUT /sla/calendars/:year`). */
export type CalendarYearBody = z.input<typeof CalendarYearBody>;

/** The schedule checked against its year: every day within it, listed once, make-up days on weekends only. */
export function calendarYearInput(year: number) {
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
  return CalendarYearBody.superRefine((input, ctx) => {
    for (const list of ['holidays', 'workdays'] as const) {
      const seen = new Set<string>();
      input[list].forEach((d, i) => {
        const path = [list, i];
        if (!inYear(d)) ctx.addIssue({ code: 'custom', path, message: 'calendar.outsideYear' });
        else if (seen.has(d)) ctx.addIssue({ code: 'custom', path, message: 'calendar.duplicate' });
        else if (list === 'workdays' && !weekend(d))
          ctx.addIssue({ code: 'custom', path, message: 'calendar.workdayNotWeekend' });
        else if (list === 'workdays' && input.holidays.includes(d))
          ctx.addIssue({ code: 'custom', path, message: 'calendar.inBothLists' });
        seen.add(d);
      });
    }
  });
}
export type CalendarYearInput = z.output<ReturnType<typeof calendarYearInput>>;

export const Deadline = z.object({
  startsAt: z.string(),
  remindAt: z.string(),
  dueAt: z.string(),
  /** Whether it counted a day whose year has no official holiday schedule yet (estimated from the law). */
  provisional: z.boolean(),
});

/** `GET /sla/preview`: the promise a request entering the pool at a given time would get. */
export const SlaPreview = z
  .object({ policyVersion: z.number().int(), respond: Deadline, exclusiveUntil: z.string().optional() })
  .openapi('SlaPreview');
export type SlaPreview = z.output<typeof SlaPreview>;

export const CalendarYearSummary = z
  .object({
    year: z.number().int(),
    /** `official`: the State Council's schedule; `provisional`: estimated from the statutory holidays. */
    source: z.enum(['official', 'provisional']),
    /** Where it comes from: chinese-days (`library`), the platform admin (`admin`), the statutory rule (`statutory`). */
    origin: z.enum(['library', 'admin', 'statutory']),
    /** The admin's note on where the schedule was taken from. */
    note: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('SlaCalendarSummary');
export type CalendarYearSummary = z.output<typeof CalendarYearSummary>;

export const CalendarYearView = CalendarYearSummary.extend({
  /** Days off (weekdays, plus any weekend day the notice lists), sorted. */
  holidays: z.array(z.string()),
  /** Weekend days that are working days (调休), sorted. */
  workdays: z.array(z.string()),
  /** The statutory holidays and compensation days (补假) by name: what a provisional year is made of. */
  statutory: z.array(z.object({ date: z.string(), name: z.string() })),
}).openapi('SlaCalendarYear');
export type CalendarYearView = z.output<typeof CalendarYearView>;

export const CalendarList = z
  .object({
    items: z.array(CalendarYearSummary),
    /**
     * The first provisional day deadlines may reach within the warning period (60 days), when there
     * is one: the admin should enter that year's official schedule.
     */
    upcomingProvisional: z.object({ year: z.number().int(), firstDay: z.string() }).nullable(),
  })
  .openapi('SlaCalendarList');
export type CalendarList = z.output<typeof CalendarList>;

export const CalendarSaved = CalendarYearView.extend({
  /** What saving re-planned: open stages whose provisional deadlines moved, and their requests. */
  replanned: z.object({ stages: z.number().int(), requests: z.number().int() }),
}).openapi('SlaCalendarSaved');
export type CalendarSaved = z.output<typeof CalendarSaved>;
