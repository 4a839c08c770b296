/**
 * `npm run seed`: (re)makes the demo tenant in the running stack — see scripts/lib/demo-seed.ts. An existing
 * demo is replaced (its tenant deleted, its people made again with new passwords). Needs the stack running:
 * `npm start` (found through its data dir), or DATABASE_URL, HERALD_API_URL and HERALD_APP_URL for a stack
 * started another way (docker compose).
 */
import { launcherConfig } from './lib/launcher-config';
import { DEMO_BUSINESS, seedDemo } from './lib/demo-seed';
import { demoUserLines, saveDemoUsers } from './lib/demo-users-file';
import { findRunningStack } from './lib/stack-file';

class SeedError extends Error {}

async function main(): Promise<void> {
  const config = launcherConfig(process.env);
  const fromEnv = process.env.DATABASE_URL && process.env.HERALD_API_URL && process.env.HERALD_APP_URL;
  const stack = fromEnv
    ? { databaseUrl: process.env.DATABASE_URL!, apiUrl: process.env.HERALD_API_URL!, appUrl: process.env.HERALD_APP_URL! }
    : await findRunningStack(config.HERALD_DATA_DIR);
  const notRunning = (why: string) =>
    new SeedError(
      `${why}\nStart Herald first with \`npm start\` (it seeds the demo by itself on an empty database), then run \`npm run seed\` in another terminal.\n` +
        'For a stack started another way, set DATABASE_URL, HERALD_API_URL and HERALD_APP_URL.',
    );
  if (!stack) throw notRunning(`Herald is not running from ${config.HERALD_DATA_DIR}.`);
  const health = await fetch(`${stack.apiUrl}/api/health`)
    .then((res) => res.json() as Promise<{ workers?: string }>)
    .catch(() => null);
  if (!health) throw notRunning(`The API at ${stack.apiUrl} does not answer.`);
  if (health.workers !== 'up') throw notRunning('No Herald worker polls Temporal yet: the demo’s messages and sequence would wait.');

  process.stdout.write(`Seeding the demo tenant "${DEMO_BUSINESS}"…\n`);
  const result = await seedDemo(stack);
  if (!fromEnv) await saveDemoUsers(config.HERALD_DATA_DIR, result.tenantId, result.users);
  process.stdout.write(
    [
      result.replacedTenantIds.length ? `Replaced the previous demo (${result.replacedTenantIds.join(', ')}).` : 'Made the demo.',
      `Sign in at ${stack.appUrl}/sign-in as:`,
      ...demoUserLines(result.users),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof SeedError ? error.message : `Seeding failed: ${error instanceof Error ? error.message : String(error)}`}\n\n`);
  process.exit(1);
});
