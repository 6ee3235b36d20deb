import type { RequestStatus, TimelineEntry } from './loanRequest';
import { progressPath, type PathStatus } from './vocabulary';

export interface ProgressStep {
  step: PathStatus;
  state: 'finish' | 'process' | 'wait' | 'error';
  /** When it was reached, from the timeline. */
  at: string | null;
  /** Where a request that left the usual path ended (rejected, cancelled, expired), shown in this step's place. */
  outcome?: RequestStatus;
}

const pathIndex = (status: RequestStatus | null | undefined) => progressPath.indexOf(status as PathStatus);

/**
 * The request's progress along the usual path: the steps reached are done, the next is under way.
 * A request that left the path shows how it ended in place of the step it did not reach.
 */
export function progressSteps(status: RequestStatus, timeline: readonly TimelineEntry[]): ProgressStep[] {
  const reachedAt = (reached: RequestStatus) => timeline.findLast((entry) => entry.to === reached)?.at ?? null;
  const onPath = pathIndex(status) >= 0;
  const leftFrom = timeline.findLast((entry) => entry.to === status)?.from;
  const reached = onPath ? pathIndex(status) : Math.max(0, pathIndex(leftFrom));
  return progressPath.map((step, index): ProgressStep => {
    if (index <= reached) return { step, state: 'finish', at: reachedAt(step) };
    if (index > reached + 1) return { step, state: 'wait', at: null };
    return onPath
      ? { step, state: 'process', at: null }
      : { step, state: 'error', at: reachedAt(status), outcome: status };
  });
}

/** How far along the usual path, as a share for a compact bar; null once it left the path. */
export function progressShare(status: RequestStatus): number | null {
  const index = pathIndex(status);
  return index < 0 ? null : (index + 1) / progressPath.length;
}
