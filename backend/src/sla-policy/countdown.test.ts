import { describe, expect, it } from 'vitest';
import { countdownAt } from './countdown';
import { stageClock } from '../requests/stages';
import { composeCalendar } from '../calendar/calendar';
import { DEFAULT_OFFICE_HOURS } from '../calendar/working-time';

/** The countdown's two halves: the snapshot the API takes, and the reading a client makes of it later. */
const at = (local: string) => new Date(`${local}+08:00`);
const calendar = composeCalendar();
const hours = DEFAULT_OFFICE_HOURS;
const hour = 3600;
const stage = (remindAt: string, dueAt: string) => ({ remindAt: `${remindAt}:00+08:00`, dueAt: `${dueAt}:00+08:00` });

describe('the snapshot of a stage’s clock', () => {
  it('counts working time left and lists when it passes in the next day', () => {
    // Wednesday 16:30, due Thursday 10:00: half an hour today, an hour tomorrow morning.
    const clock = stageClock(at('2025-03-12T16:30'), at('2025-03-13T10:00'), calendar, hours);
    expect(clock).toEqual({
      asOf: '2025-03-12T16:30:00+08:00',
      workingSecondsLeft: 1.5 * hour,
      runs: [
        [0, 0.5 * hour],
        [16.5 * hour, 24 * hour],
      ],
      workingSecondsPerDay: 8 * hour,
    });
  });

  it('stands still over a holiday and counts overdue time in working time too', () => {
    // National Day 2025: nothing passes on 2 October; due 30 September 16:00 is overdue by one working hour.
    const clock = stageClock(at('2025-10-02T10:00'), at('2025-09-30T16:00'), calendar, hours);
    expect(clock.runs).toEqual([]);
    expect(clock.workingSecondsLeft).toBe(-hour);
  });
});

describe('reading a countdown forward', () => {
  const clock = stageClock(at('2025-03-12T16:30'), at('2025-03-13T10:00'), calendar, hours);
  const promise = stage('2025-03-13T09:00', '2025-03-13T10:00');

  it('runs during office hours and pauses after close of business', () => {
    expect(countdownAt(clock, promise, 600)).toEqual({
      workingSecondsLeft: 1.5 * hour - 600,
      running: true,
      state: 'on_track',
    });
    expect(countdownAt(clock, promise, 3 * hour)).toEqual({
      workingSecondsLeft: hour,
      running: false,
      state: 'on_track',
    });
  });

  it('resumes the next morning, due soon after the reminder point, overdue after the due time', () => {
    expect(countdownAt(clock, promise, 16.5 * hour + 600)).toEqual({
      workingSecondsLeft: hour - 600,
      running: true,
      state: 'due_soon',
    });
    expect(countdownAt(clock, promise, 17.5 * hour + 60)).toEqual({
      workingSecondsLeft: -60,
      running: true,
      state: 'overdue',
    });
  });

  it('pauses over a lunch break when the policy has one', () => {
    const withLunch = { start: '09:00', end: '17:30', lunch: { start: '12:00', end: '13:30' } };
    const beforeLunch = stageClock(at('2025-03-12T11:30'), at('2025-03-12T14:30'), calendar, withLunch);
    expect(beforeLunch.workingSecondsLeft).toBe(1.5 * hour);
    const during = countdownAt(beforeLunch, stage('2025-03-12T13:30', '2025-03-12T14:30'), hour);
    expect(during).toEqual({ workingSecondsLeft: hour, running: false, state: 'on_track' });
  });
});
