import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** HERALD_TEST_LOG_DIR lets a nested test run (the exit-code test) keep its logs apart from the outer run's. */
export const LOG_DIR = process.env.HERALD_TEST_LOG_DIR ?? path.resolve(import.meta.dirname, '../../test-results/logs');

/** Server output goes to files, printed by the reporter only when a test fails. */
export function logTo(name: string): (line: string) => void {
  mkdirSync(LOG_DIR, { recursive: true });
  const file = path.join(LOG_DIR, `${name}.log`);
  return (line) => appendFileSync(file, `${line}\n`);
}
