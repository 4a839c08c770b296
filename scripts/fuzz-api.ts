/**
 * `npm run fuzz -- [schemathesis options]`: the schemathesis test of `npm test` (test/integration/api-fuzz.test.ts)
 * with a longer profile, on the same real Postgres and Temporal dev server. Options are passed to
 * `schemathesis run` after the short profile's, so they win: e.g. `npm run fuzz -- --max-examples 500`, or
 * `npm run fuzz -- --phases fuzzing,stateful --max-time 600`. Without options: --max-examples 200.
 * schemathesis's full output is in test-results/logs/schemathesis.log.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const result = spawnSync('npx', ['vitest', 'run', 'test/integration/api-fuzz.test.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: {
    ...process.env,
    HERALD_FUZZ_ARGS: JSON.stringify(args.length ? args : ['--max-examples', '200']),
    HERALD_FUZZ_TIMEOUT_MS: process.env.HERALD_FUZZ_TIMEOUT_MS ?? String(6 * 3_600_000),
  },
});
const log = path.join(ROOT, 'test-results', 'logs', 'schemathesis.log');
try {
  const text = readFileSync(log, 'utf8');
  console.log(text.slice(text.lastIndexOf('=== SUMMARY') > 0 ? text.lastIndexOf('\n', text.lastIndexOf('=== SUMMARY')) : -4000));
  console.log(`schemathesis's full output: ${path.relative(process.cwd(), log)}`);
} catch {
  // vitest failed before schemathesis ran; its own output says why.
}
process.exit(result.status ?? 1);
