import { isUnavailable } from '@lcfin/backend/http/errors';
import type { Logger } from '@lcfin/backend/logger';

/**
 * Runs `pass` now and then `intervalMs` after each pass ends, until stopped; a failing pass is
 * logged and retried on the next round. `wake()` runs a pass at once (or right after the one in
 * flight, which may have started too early to see what woke it). `stop()` lets the pass in flight finish.
 */
export function startPollingLoop(deps: { name: string; intervalMs: number; logger: Logger; pass(): Promise<void> }) {
  const { name, intervalMs, logger, pass } = deps;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let passing = false;
  let woken = false;
  // A database or Redis that does not answer fails every pass until it is back: said once.
  let unavailable = false;

  const tick = async (): Promise<void> => {
    passing = true;
    woken = false;
    try {
      await pass();
      unavailable = false;
    } catch (err) {
      if (!isUnavailable(err)) logger.warn({ err }, `${name} failed; will retry`);
      else if (!unavailable) logger.warn({ err }, `${name} failed; will retry until the service answers`);
      unavailable ||= isUnavailable(err);
    }
    passing = false;
    if (!stopping) timer = setTimeout(() => (running = tick()), woken ? 0 : intervalMs);
  };
  running = tick();

  return {
    wake(): void {
      if (stopping) return;
      if (passing) {
        woken = true;
        return;
      }
      clearTimeout(timer);
      running = tick();
    },
    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(timer);
      await running;
    },
  };
}
