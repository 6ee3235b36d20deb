import type { LiveCalendar } from '../calendar/calendar-store';

/**
 * The platform clock: the time now (which tests control) and the process's working calendar. Every
 * deadline, timeline entry and countdown is on it.
 */
export interface SlaContext {
  calendar: LiveCalendar;
  now(): Date;
}
