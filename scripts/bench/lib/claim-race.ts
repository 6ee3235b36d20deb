import type { ApiClient } from './api-client';
import { Latencies } from './latency';
import { API, type Officer } from './lending';

/*
 * The claim race of issue #4's benchmark, shared by the platform's suites (`claims`,
 * `claims.multi`), their floor (`baseline.claim-race`) and the multi-process chaos test.
 */

/** The workload: every officer client tries to claim every request. */
export const REQUESTS = 500;
export const INSTITUTIONS = 20;
export const OFFICERS_PER_INSTITUTION = 5;
/** The latency target. */
export const TARGET_P99_MS = 50;

export function claim(api: ApiClient, officer: Officer, id: string) {
  return api.request('POST', `${API}/loan-requests/${id}/claim`, { token: officer.token });
}

interface RaceTally {
  elapsedSeconds: number;
  /** Latency of every attempt, of the 200s and of the 409s. */
  all: Latencies;
  won: Latencies;
  lost: Latencies;
  statuses: Map<number, number>;
  /** Request id → the institution of each officer that got a 200 for it. */
  winners: Map<string, string[]>;
  unexpectedSample?: string;
}

/** Every officer claims every request, in its own random order, one claim at a time. */
export async function race(
  api: ApiClient,
  officers: readonly Officer[],
  ids: readonly string[],
  deadline: number,
): Promise<RaceTally> {
  const tally: RaceTally = {
    elapsedSeconds: 0,
    all: new Latencies(),
    won: new Latencies(),
    lost: new Latencies(),
    statuses: new Map(),
    winners: new Map(),
  };
  const orders = officers.map(() => shuffled(ids));
  const started = performance.now();
  await Promise.all(
    officers.map(async (officer, i) => {
      for (const id of orders[i]!) {
        if (performance.now() > deadline) return;
        const begun = process.hrtime.bigint();
        const { status, body } = await claim(api, officer, id);
        const ns = process.hrtime.bigint() - begun;
        tally.all.recordNs(ns);
        tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
        if (status === 200) {
          tally.won.recordNs(ns);
          tally.winners.set(id, [...(tally.winners.get(id) ?? []), officer.institutionId]);
        } else if (status === 409) {
          tally.lost.recordNs(ns);
        } else {
          tally.unexpectedSample ??= `${status} ${body.slice(0, 200)}`;
        }
      }
    }),
  );
  tally.elapsedSeconds = (performance.now() - started) / 1000;
  return tally;
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
