import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Vitest transforms every module through Vite, which forgives what Node's own ESM loader does not (a named
// import from a CommonJS package, say). The API and the worker run under plain Node with tsx, so their module
// graphs are loaded the same way here — in seconds, instead of waiting for the npm start test to find out.
const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY_GRAPHS = ['api/app.ts', 'api/temporal-gateway.ts', 'activities/index.ts', 'worker/create-worker.ts', 'worker/workflow-outbox-relay.ts', 'providers/create-providers.ts', 'scripts/lib/postgres.ts'];

describe('the runtime module graphs', () => {
  it('load under Node’s own ESM loader (as npm start runs them)', () => {
    const script = ENTRY_GRAPHS.map((file) => `await import(${JSON.stringify(path.join(ROOT, file))});`).join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
