import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// CI trusts the test command's exit code. A dependency once turned every failed run into exit 0 (a
// 'beforeExit' hook calling process.exit(0)); this runs a failing test through the real global setup.
describe('the test command', () => {
  it('exits non-zero when a test fails', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/harness/fixtures/always-fails.config.ts'], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', HERALD_TEST_LOG_DIR: path.join(ROOT, 'test-results/nested-logs') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toContain('fails on purpose');
    expect(code, output.slice(-2000)).toBe(1);
  }, 180_000);
});
