import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { LOG_DIR } from './log-files';

/** When anything failed, prints the tail of each server's log so the failure can be diagnosed from CI output. */
export default class ServerLogsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const failed = unhandledErrors.length > 0 || testModules.some((m) => !m.ok());
    if (!failed || !existsSync(LOG_DIR)) return;
    for (const file of readdirSync(LOG_DIR)) {
      const lines = readFileSync(path.join(LOG_DIR, file), 'utf8').trimEnd().split('\n');
      console.log(`\n──── last ${Math.min(lines.length, 60)} lines of ${file} ────`);
      console.log(lines.slice(-60).join('\n'));
    }
  }
}
