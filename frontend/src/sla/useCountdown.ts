import { countdownAt, type Countdown } from '@lcfin/backend/contract';
import type { LoanRequest } from '../requests/loanRequest';
import { useNow } from '../pool/useNow';
import { openStage, platformNow, type OpenStage } from './stages';

const second = 1000;

/**
 * The request's open stage and its countdown now, renewed every second. The API's snapshot is
 * read forward by the time passed since it arrived, not by this device's clock: the platform's
 * clock (and, in tests, its controlled one) is the only one that counts.
 */
export function useCountdown(request: LoanRequest): (OpenStage & { countdown: Countdown }) | null {
  const now = useNow(second);
  const open = openStage(request.deadlines);
  if (!open) return null;
  const elapsedSeconds = (platformNow(open, request, now) - Date.parse(open.view.clock.asOf)) / second;
  return { ...open, countdown: countdownAt(open.view.clock, open.view, elapsedSeconds) };
}
