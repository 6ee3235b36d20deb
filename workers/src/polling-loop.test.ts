import { describe, expect, it } from 'vitest';
import { createLogger } from '@lcfin/backend/logger';
import { eventually } from '@lcfin/backend/testing/eventually';
import { startPollingLoop } from './processors/polling-loop';

describe('polling loop', () => {
  it('runs a pass at once when woken, and once more after a pass that was running when woken', async () => {
    let passes = 0;
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const loop = startPollingLoop({
      name: 'test loop',
      // Far beyond the test: every pass after the first is one that wake() asked for.
      intervalMs: 600_000,
      logger: createLogger('silent'),
      pass: async () => {
        passes++;
        if (passes === 1) await blocked;
      },
    });
    try {
      expect(passes).toBe(1);
      // Woken twice while the first pass runs (it may have looked before what woke it): one more pass.
      loop.wake();
      loop.wake();
      release();
      await eventually(async () => (passes === 2 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(passes).toBe(2);
      // Woken while idle: a pass starts at once.
      loop.wake();
      expect(passes).toBe(3);
    } finally {
      await loop.stop();
    }
  });
});
