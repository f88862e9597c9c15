import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/setup/build.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration and browser tests start real servers; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
