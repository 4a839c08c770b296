import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const StackSchema = z.object({ databaseUrl: z.string(), apiUrl: z.string(), appUrl: z.string(), pid: z.number().int() });
export type RunningStack = z.infer<typeof StackSchema>;

/**
 * While `npm start` runs, where its parts are (mode 600: the database URL carries a password), so `npm run seed`
 * in another terminal finds them. Removed on an orderly stop; a file left by a crash names a pid that is gone.
 */
const stackFile = (dataDir: string) => path.join(dataDir, 'stack.json');

export async function saveRunningStack(dataDir: string, stack: Omit<RunningStack, 'pid'>): Promise<void> {
  await writeFile(stackFile(dataDir), `${JSON.stringify({ ...stack, pid: process.pid })}\n`, { mode: 0o600 });
}

export async function removeRunningStack(dataDir: string): Promise<void> {
  await rm(stackFile(dataDir), { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The stack `npm start` runs from this data dir, or null when it is not running. */
export async function findRunningStack(dataDir: string): Promise<RunningStack | null> {
  const file = stackFile(dataDir);
  if (!existsSync(file)) return null;
  const parsed = StackSchema.safeParse(JSON.parse(await readFile(file, 'utf8').catch(() => 'null')));
  return parsed.success && alive(parsed.data.pid) ? parsed.data : null;
}
