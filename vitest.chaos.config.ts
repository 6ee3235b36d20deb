import { defineConfig } from 'vitest/config';

/**
 * `npm run test:chaos`: the fault tests (issue #7), kept out of `npm test` because each one starts
 * several real platform processes and breaks something for real (needs PostgreSQL and redis-server).
 */
export default defineConfig({
  test: {
    include: ['scripts/chaos/**/*.chaos.test.ts'],
    // One file at a time: the processes of one test already fill a 2-core machine.
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 360_000,
    hookTimeout: 120_000,
  },
});
