import { SLA_STAGES, type StageClock } from '@lcfin/backend/contract';
import type { LoanRequest, RequestDeadlines, SlaStage, StageView } from '../requests/loanRequest';

/** The 321 stages in the order a request goes through them. */
export const slaStages: readonly SlaStage[] = SLA_STAGES;

export interface OpenStage {
  stage: SlaStage;
  view: StageView & { clock: StageClock };
}

/** The stage under way, whose clock runs; null when none is (not yet in the pool, or past the decision). */
export function openStage(deadlines: RequestDeadlines): OpenStage | null {
  for (const stage of slaStages) {
    const view = deadlines[stage];
    if (view?.clock) return { stage, view: { ...view, clock: view.clock } };
  }
  return null;
}

/** The day (YYYY-MM-DD) an instant falls on in Shanghai, the platform's calendar: the days the API checks. */
export const shanghaiDay = (instant: number) => new Date(instant + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The platform's time at this device's `now`, as the open stage's clock tells it: the snapshot's time
 * plus what has passed since the request arrived. Deadlines run on that clock, not on the device's.
 */
export function platformNow(open: OpenStage, request: LoanRequest, now: number): number {
  return Date.parse(open.view.clock.asOf) + Math.max(0, now - request.receivedAt);
}

/** How a promise stands: kept (按时), missed (超时), under way (进行中), withdrawn (已取消), or not started. */
export type PromiseState = 'kept' | 'missed' | 'inProgress' | 'cancelled' | 'pending';

export function promiseState(view: StageView | undefined): PromiseState {
  if (!view) return 'pending';
  if (view.outcome === 'on_time') return 'kept';
  if (view.outcome === 'breached') return 'missed';
  if (view.outcome === 'cancelled') return 'cancelled';
  return 'inProgress';
}
