import { officeHoursOf, type SlaPolicyInputType } from './policy';
import type { WorkingCalendar } from '../calendar/calendar';
import { addWorkingDays, addWorkingMinutes, spansProvisionalDay, workingMinutesPerDay } from '../calendar/working-time';

/** A stage's promise: when it started, when its owner is reminded, when it is due. */
export interface StageDeadline {
  startsAt: Date;
  remindAt: Date;
  dueAt: Date;
}

/** Deadlines of the respond stage (and a directed order's exclusive window) for a request entering the pool at `at`. */
export function respondDeadlines(policy: SlaPolicyInputType, calendar: WorkingCalendar, at: Date, directed: boolean) {
  const hours = officeHoursOf(policy);
  const windowMinutes = policy.respond.workingHours * 60;
  const respond: StageDeadline = {
    startsAt: at,
    remindAt: addWorkingMinutes(at, Math.round(windowMinutes * policy.reminderAt), calendar, hours),
    dueAt: addWorkingMinutes(at, windowMinutes, calendar, hours),
  };
  const exclusiveUntil = directed
    ? addWorkingMinutes(at, policy.exclusive.workingHours * 60, calendar, hours)
    : undefined;
  return { respond, exclusiveUntil };
}

/** Deadlines of a stage measured in working days (contact & investigate, decide). */
export function dayStageDeadline(
  policy: SlaPolicyInputType,
  calendar: WorkingCalendar,
  at: Date,
  days: number,
): StageDeadline {
  const hours = officeHoursOf(policy);
  const reminderMinutes = Math.round(days * policy.reminderAt * workingMinutesPerDay(hours));
  return {
    startsAt: at,
    remindAt: addWorkingMinutes(at, reminderMinutes, calendar, hours),
    dueAt: addWorkingDays(at, days, calendar, hours),
  };
}

/** ISO-8601 in Asia/Shanghai, as the API contract shows times: 2025-10-09T11:00:00+08:00. */
export function shanghaiIso(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
}

/** A promise as the API shows it: in Shanghai time, and whether it counted a day of a provisional year. */
export function stageDeadlineView(deadline: StageDeadline, calendar: WorkingCalendar) {
  return {
    startsAt: shanghaiIso(deadline.startsAt),
    remindAt: shanghaiIso(deadline.remindAt),
    dueAt: shanghaiIso(deadline.dueAt),
    provisional: spansProvisionalDay(deadline.startsAt, deadline.dueAt, calendar),
  };
}
