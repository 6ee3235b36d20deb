import { describe, expect, it } from 'vitest';
import { createReadCoalescer } from './coalesce';

/** A computation the test finishes by hand, counting how often it started. */
function controlled() {
  const finishers: ((value: number) => void)[] = [];
  return {
    started: () => finishers.length,
    compute: () => new Promise<number>((resolve) => finishers.push(resolve)),
    finish: (n: number, value: number) => finishers[n]!(value),
  };
}

describe('read coalescing', () => {
  it('lets the callers who arrive during a computation share the next one, started after they came', async () => {
    const coalesce = createReadCoalescer();
    const c = controlled();
    const first = coalesce('overview', c.compute);
    const during = [coalesce('overview', c.compute), coalesce('overview', c.compute), coalesce('overview', c.compute)];
    expect(c.started()).toBe(1);
    c.finish(0, 1);
    expect(await first).toBe(1);
    await Promise.resolve();
    expect(c.started()).toBe(2);
    c.finish(1, 2);
    expect(await Promise.all(during)).toEqual([2, 2, 2]);
    // All done: the next caller starts afresh.
    const later = coalesce('overview', c.compute);
    expect(c.started()).toBe(3);
    c.finish(2, 3);
    expect(await later).toBe(3);
  });

  it('keeps keys apart and passes a failure to exactly the callers who shared it', async () => {
    const coalesce = createReadCoalescer();
    let calls = 0;
    const failing = () => Promise.reject(new Error(`down ${++calls}`));
    const a = coalesce('a', failing);
    const b = coalesce('b', () => Promise.resolve('b'));
    const a2 = coalesce('a', failing);
    await expect(a).rejects.toThrow('down 1');
    await expect(a2).rejects.toThrow('down 2');
    expect(await b).toBe('b');
    expect(await coalesce('a', () => Promise.resolve('back'))).toBe('back');
  });
});
