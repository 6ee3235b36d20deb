import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'backend/src/**/*.test.ts',
      'workers/src/**/*.test.ts',
      'frontend/src/**/*.test.ts',
      'frontend/e2e/**/*.test.ts',
    ],
    // Each test file runs a whole platform (database, Redis prefix); two at a time suit a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
