import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ROLES } from '../../domain/roles';
import type { DemoUser } from './demo-seed';

const DemoUsersSchema = z.object({
  tenantId: z.string(),
  users: z.array(z.object({ role: z.enum(ROLES), name: z.string(), email: z.string(), password: z.string() })),
});

/** Where the launcher keeps the demo's sign-in details (mode 600, like the API key): the banner shows them on every start. */
export const demoUsersFile = (dataDir: string) => path.join(dataDir, 'demo-users.json');

export async function saveDemoUsers(dataDir: string, tenantId: string, users: DemoUser[]): Promise<void> {
  await writeFile(demoUsersFile(dataDir), `${JSON.stringify({ tenantId, users }, null, 2)}\n`, { mode: 0o600 });
}

/** The saved demo users, or null when there are none (or the file is not ours to read). */
export async function readDemoUsers(dataDir: string): Promise<z.infer<typeof DemoUsersSchema> | null> {
  const file = demoUsersFile(dataDir);
  if (!existsSync(file)) return null;
  const parsed = DemoUsersSchema.safeParse(JSON.parse(await readFile(file, 'utf8').catch(() => 'null')));
  return parsed.success ? parsed.data : null;
}

/** Banner lines for the demo people: role, email, password. */
export function demoUserLines(users: Array<Pick<DemoUser, 'role' | 'email' | 'password'>>): string[] {
  const width = Math.max(...users.map((u) => u.email.length));
  return users.map((u) => `  ${u.role.padEnd(7)} ${u.email.padEnd(width)}  ${u.password}`);
}
