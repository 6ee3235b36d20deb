import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { composeCalendar, provisionalYear, statutoryHolidays } from './calendar';
import { DEFAULT_POLICY } from '../sla-policy/policy';
import { respondDeadlines, stageDeadlineView } from '../sla-policy/deadlines';

const at = (local: string) => new Date(`${local}+08:00`);
const policy = { ...DEFAULT_POLICY, version: 1, createdAt: '2025-01-01T00:00:00Z' };
const calendar = composeCalendar();
const respondDue = (local: string) =>
  stageDeadlineView(respondDeadlines(policy, calendar, at(local), false).respond, calendar);

describe('the statutory rule for a year without an official schedule', () => {
  it('gives the law’s holidays, with weekend ones compensated by the next free weekday, in date order', () => {
    const days = (year: number) => statutoryHolidays(year).map((d) => `${d.date.slice(5)} ${d.name}`);
    expect(days(2027)).toEqual([
      '01-01 元旦',
      // 除夕 (Fri 5 Feb) to 初三 (Mon 8 Feb); Saturday and Sunday compensated on Tuesday and Wednesday.
      '02-05 春节',
      '02-06 春节',
      '02-07 春节',
      '02-08 春节',
      '02-09 补假',
      '02-10 补假',
      '04-05 清明节',
      '05-01 劳动节',
      '05-02 劳动节',
      '05-03 补假',
      '05-04 补假',
      '06-09 端午节',
      '09-15 中秋节',
      '10-01 国庆节',
      '10-02 国庆节',
      '10-03 国庆节',
      '10-04 补假',
      '10-05 补假',
    ]);
  });

  it('takes 除夕 as the last day of the twelfth lunar month when that month has 29 days', () => {
    // Lunar year 2024 (乙巳 begins 29 Jan 2025): its twelfth month ends on the 29th, Tue 28 Jan 2025.
    expect(
      statutoryHolidays(2025)
        .filter((d) => d.name === '春节')
        .map((d) => d.date),
    ).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
  });

  it('compensates 元旦 on a Saturday on the Monday after', () => {
    expect(statutoryHolidays(2028).slice(0, 2)).toEqual([
      { date: '2028-01-01', name: '元旦' },
      { date: '2028-01-03', name: '补假' },
    ]);
  });

  it.each([2025, 2026])('agrees with the official %i schedule: every day it gives off is off', (year) => {
    for (const { date } of statutoryHolidays(year)) expect(chineseDays.isWorkday(date), date).toBe(false);
  });

  it('makes a provisional year’s schedule: its days off, no make-up working days', () => {
    const year = provisionalYear(2027);
    expect(year.workdays).toEqual([]);
    expect(year.holidays).toContain('2027-02-10');
    expect(calendar.year(2027).origin).toBe('statutory');
    expect(calendar.isWorkingDay('2027-02-10')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-11')).toBe(true);
    expect(calendar.isProvisional('2027-06-01')).toBe(true);
    expect(calendar.isProvisional('2026-06-01')).toBe(false);
  });
});

describe('deadlines on the provisional calendar', () => {
  it.each([
    ['2027-02-04T16:00', '2027-02-11T11:00:00+08:00'],
    ['2026-12-31T16:00', '2027-01-04T11:00:00+08:00'],
    ['2027-04-30T15:00', '2027-05-05T10:00:00+08:00'],
    ['2027-09-30T16:00', '2027-10-06T11:00:00+08:00'],
  ])('a request entering the pool at %s must be answered by %s, provisionally', (from, due) => {
    expect(respondDue(from)).toMatchObject({ dueAt: due, provisional: true });
  });

  it('is not provisional where every day counted has an official schedule', () => {
    expect(respondDue('2025-09-30T16:00')).toMatchObject({ dueAt: '2025-10-09T11:00:00+08:00', provisional: false });
  });
});

describe('composing the calendar', () => {
  it('prefers a year the admin entered to the library’s and the rule’s', () => {
    const entered = composeCalendar(
      new Map([
        [2026, { holidays: ['2026-03-02'], workdays: [] }],
        [2027, { holidays: ['2027-01-01', '2027-01-04'], workdays: ['2027-01-09'] }],
      ]),
    );
    expect(entered.year(2026).origin).toBe('admin');
    expect(entered.isWorkingDay('2026-03-02')).toBe(false);
    expect(entered.isWorkingDay('2026-10-01')).toBe(true);
    expect(entered.isWorkingDay('2027-01-04')).toBe(false);
    expect(entered.isWorkingDay('2027-01-09')).toBe(true);
    expect(entered.isProvisional('2027-05-01')).toBe(false);
    expect(calendar.year(2026)).toMatchObject({
      origin: 'library',
      workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    });
  });
});
