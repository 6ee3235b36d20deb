import { describe, expect, it } from 'vitest';
import { composeCalendar } from './calendar';
import {
  addWorkingDays,
  addWorkingHours,
  addWorkingMinutes,
  DEFAULT_OFFICE_HOURS,
  firstProvisionalDay,
  spansProvisionalDay,
  workingMinutesBetween,
  workingPeriodsBetween,
} from './working-time';

/** Calendar cases the 321 SLA relies on; times are Asia/Shanghai (+08:00). */
const at = (local: string) => new Date(`${local}+08:00`);
const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const calendar = composeCalendar();
const hours = DEFAULT_OFFICE_HOURS;
const withLunch = { start: '09:00', end: '17:30', lunch: { start: '12:00', end: '13:30' } };

describe('adding working hours', () => {
  it('matches the domain example across the 2025 National Day holiday', () => {
    // 1 hour on Tue 30 Sep, holiday 1–8 Oct, 2 hours on Thu 9 Oct.
    expect(shanghai(addWorkingHours(at('2025-09-30T16:00'), 3, calendar, hours))).toBe('2025-10-09 11:00');
  });

  it('starts the clock at opening time for a request placed at night or on a holiday', () => {
    expect(shanghai(addWorkingHours(at('2025-10-03T22:15'), 3, calendar, hours))).toBe('2025-10-09 12:00');
    expect(shanghai(addWorkingHours(at('2025-03-12T02:00'), 3, calendar, hours))).toBe('2025-03-12 12:00');
  });

  it('counts a 调休 make-up Saturday as a working day', () => {
    // Sat 11 Oct 2025 is a make-up working day after the National Day holiday.
    expect(shanghai(addWorkingHours(at('2025-10-10T16:00'), 3, calendar, hours))).toBe('2025-10-11 11:00');
    // An ordinary Saturday is not: Fri 17 Oct 16:00 + 3 h → Mon 20 Oct 11:00.
    expect(shanghai(addWorkingHours(at('2025-10-17T16:00'), 3, calendar, hours))).toBe('2025-10-20 11:00');
  });

  it('skips the whole Spring Festival holiday', () => {
    // 2025: 28 Jan – 4 Feb off; Sun 26 Jan and Sat 8 Feb are make-up days.
    expect(shanghai(addWorkingHours(at('2025-01-27T15:00'), 3, calendar, hours))).toBe('2025-02-05 10:00');
    expect(shanghai(addWorkingHours(at('2025-01-25T10:00'), 2, calendar, hours))).toBe('2025-01-26 11:00');
  });

  it('lets a deadline fall exactly at close of business, and starts the next morning from close', () => {
    expect(shanghai(addWorkingHours(at('2025-03-12T14:00'), 3, calendar, hours))).toBe('2025-03-12 17:00');
    expect(shanghai(addWorkingHours(at('2025-03-12T17:00'), 1, calendar, hours))).toBe('2025-03-13 10:00');
  });

  it('pauses over the lunch break when one is configured', () => {
    expect(shanghai(addWorkingHours(at('2025-03-12T11:00'), 2, calendar, withLunch))).toBe('2025-03-12 14:30');
    expect(shanghai(addWorkingHours(at('2025-03-12T12:30'), 1, calendar, withLunch))).toBe('2025-03-12 14:30');
    expect(shanghai(addWorkingHours(at('2025-03-12T11:00'), 2, calendar, hours))).toBe('2025-03-12 13:00');
  });

  it('finds the 2/3 reminder point of a window', () => {
    expect(shanghai(addWorkingMinutes(at('2025-09-30T16:00'), 120, calendar, hours))).toBe('2025-10-09 10:00');
  });
});

describe('adding working days', () => {
  it('keeps the time of day: claimed Tuesday 10:00 + 2 working days → Thursday 10:00', () => {
    expect(shanghai(addWorkingDays(at('2025-03-11T10:00'), 2, calendar, hours))).toBe('2025-03-13 10:00');
  });

  it('skips the day before a long holiday’s days off', () => {
    // Claimed the afternoon before National Day 2025: 5 working days end after the holiday.
    expect(shanghai(addWorkingDays(at('2025-09-30T15:00'), 5, calendar, hours))).toBe('2025-10-14 15:00');
  });
});

describe('elapsed working time', () => {
  it('counts only office hours on working days', () => {
    expect(workingMinutesBetween(at('2025-09-30T16:00'), at('2025-10-09T11:00'), calendar, hours)).toBe(180);
    expect(workingMinutesBetween(at('2025-03-12T11:00'), at('2025-03-12T14:30'), calendar, withLunch)).toBe(120);
    expect(workingMinutesBetween(at('2025-03-12T11:00'), at('2025-03-12T10:00'), calendar, hours)).toBe(0);
  });

  it('lists when working time passes: cut to the span, lunch and the holiday left out', () => {
    const periods = (from: string, to: string, office = hours) =>
      workingPeriodsBetween(at(from), at(to), calendar, office).map(([a, b]) => `${shanghai(a)}–${shanghai(b)}`);
    expect(periods('2025-03-12T11:00', '2025-03-13T10:00', withLunch)).toEqual([
      '2025-03-12 11:00–2025-03-12 12:00',
      '2025-03-12 13:30–2025-03-12 17:30',
      '2025-03-13 09:00–2025-03-13 10:00',
    ]);
    expect(periods('2025-09-30T16:30', '2025-10-09T09:30')).toEqual([
      '2025-09-30 16:30–2025-09-30 17:00',
      '2025-10-09 09:00–2025-10-09 09:30',
    ]);
    expect(periods('2025-10-01T10:00', '2025-10-02T10:00')).toEqual([]);
  });
});

describe('provisional days', () => {
  it('names the first provisional day ahead, so the operator hears of it before a deadline does', () => {
    expect(firstProvisionalDay(at('2026-12-05T10:00'), 60, calendar)).toBe('2027-01-01');
    expect(firstProvisionalDay(at('2026-12-31T23:59'), 1, calendar)).toBeNull();
    expect(firstProvisionalDay(at('2026-09-01T10:00'), 60, calendar)).toBeNull();
    const with2027 = composeCalendar(new Map([[2027, { holidays: ['2027-01-01'], workdays: [] }]]));
    expect(firstProvisionalDay(at('2026-12-05T10:00'), 60, with2027)).toBeNull();
  });

  it('tells whether a span counted a provisional day, from its first day through its last', () => {
    expect(spansProvisionalDay(at('2026-12-24T09:00'), at('2026-12-31T17:00'), calendar)).toBe(false);
    expect(spansProvisionalDay(at('2026-12-31T16:00'), at('2027-01-04T11:00'), calendar)).toBe(true);
    expect(spansProvisionalDay(at('2027-03-01T09:00'), at('2027-03-01T12:00'), calendar)).toBe(true);
  });

  it('counts working time on an admin’s official year', () => {
    // 2027's Spring Festival as an admin might enter it: 6–12 Feb off, Sat 13 Feb worked (调休).
    const holidays = ['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'];
    const with2027 = composeCalendar(new Map([[2027, { holidays, workdays: ['2027-02-13'] }]]));
    expect(shanghai(addWorkingHours(at('2027-02-05T16:00'), 2, with2027, hours))).toBe('2027-02-13 10:00');
    expect(with2027.isProvisional('2027-02-13')).toBe(false);
  });
});
