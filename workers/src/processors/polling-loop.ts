import type { Logger } from '@lcfin/backend/logger';

/**
 * Runs `pass` now and then `intervalMs` after each pass ends, until stopped; a failing pass is
 * logged and retried on the next round. `stop()` lets the pass in flight finish.
 */
export function startPollingLoop(deps: { name: string; intervalMs: number; logger: Logger; pass(): Promise<void> }) {
  const { name, intervalMs, logger, pass } = deps;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async (): Promise<void> => {
    try {
      await pass();
    } catch (err) {
      logger.warn({ err }, `${name} failed; will retry`);
    }
    if (!stopping) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  running = tick();

  return {
    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(timer);
      await running;
    },
  };
}
