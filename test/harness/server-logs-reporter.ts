import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { LOG_DIR } from './log-files';

/**
 * When anything failed, prints the tail of each server's log so the failure can be diagnosed from CI output —
 * and then, last, which tests failed and why in a few lines: CI may keep only the end of the output, and the
 * logs would otherwise push the failures out of it.
 */
export default class ServerLogsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const failed = unhandledErrors.length > 0 || testModules.some((m) => !m.ok());
    if (!failed) return;
    if (existsSync(LOG_DIR)) {
      for (const file of readdirSync(LOG_DIR)) {
        const lines = readFileSync(path.join(LOG_DIR, file), 'utf8').trimEnd().split('\n');
        console.log(`\n──── last ${Math.min(lines.length, 60)} lines of ${file} ────`);
        console.log(lines.slice(-60).join('\n'));
      }
    }
    console.log('\n──── what failed ────');
    for (const module of testModules) {
      for (const error of module.errors()) console.log(`${module.moduleId}: ${firstLine(error.message)}`);
      for (const test of module.children.allTests('failed')) {
        const error = test.result().errors?.[0];
        console.log(`${path.relative(process.cwd(), module.moduleId)} > ${test.fullName}: ${firstLine(error?.message ?? 'failed')}`);
      }
    }
    for (const error of unhandledErrors) console.log(`unhandled: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
}

const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 300);
