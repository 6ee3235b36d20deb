import type { StageClock } from './views';

export type { StageClock };

/**
 * A stage's countdown in working time, read forward from a snapshot. The API takes the snapshot
 * when it answers (`stageClock` in stages.ts, with working-time.ts: the one place that knows the
 * calendar, the policy's office hours and the platform's clock); a client then only subtracts
 * the working periods the snapshot lists, so the countdown pauses outside office hours without
 * the client knowing any calendar. Pure: the web app imports it.
 */
/** On track; past the reminder point (due soon, 即将到期); past the due time (overdue, 已超时). */
export type CountdownState = 'on_track' | 'due_soon' | 'overdue';

export interface Countdown {
  workingSecondsLeft: number;
  /** Whether working time is passing now, i.e. the countdown is moving. */
  running: boolean;
  state: CountdownState;
}

/** The countdown of a stage (its `remindAt` and `dueAt`) `elapsedSeconds` after its clock's snapshot. */
export function countdownAt(
  clock: StageClock,
  stage: { remindAt: string; dueAt: string },
  elapsedSeconds: number,
): Countdown {
  const worked = clock.runs.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(to, elapsedSeconds) - from), 0);
  const now = Date.parse(clock.asOf) + elapsedSeconds * 1000;
  const state =
    now >= Date.parse(stage.dueAt) ? 'overdue' : now >= Date.parse(stage.remindAt) ? 'due_soon' : 'on_track';
  return {
    workingSecondsLeft: clock.workingSecondsLeft - worked,
    running: clock.runs.some(([from, to]) => from <= elapsedSeconds && elapsedSeconds < to),
    state,
  };
}
