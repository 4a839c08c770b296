import { defineConfig } from 'vitest/config';

// Benchmarks need no servers: no global setup here.
export default defineConfig({
  test: { pool: 'forks', include: ['bench/**/*.bench.ts'], benchmark: { include: ['bench/**/*.bench.ts'] } },
});
