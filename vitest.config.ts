import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Temporal's native module crashes in worker threads, and time-skipping servers and a shared dev server
    // make file-level parallelism more trouble than it saves on two cores.
    pool: 'forks',
    fileParallelism: false,
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/.next/**', 'web/.next-test/**', '.data/**', '.tools/**'],
    globalSetup: ['test/harness/global-setup.ts'],
    reporters: ['default', './test/harness/server-logs-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
