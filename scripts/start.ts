/**
 * `npm start`: the whole product on embedded defaults — Postgres, a Temporal dev server with its Web UI,
 * the worker, the API and the web app — with one combined log, and an orderly stop on Ctrl-C.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { isAppError } from '../domain/errors';
import { createPrismaClient, createSystemPrismaClient } from '../prisma/client';
import { createApiKey } from '../prisma/queries/api-keys/create-api-key';
import { findApiKeyBySecret } from '../prisma/queries/api-keys/find-api-key-by-secret';
import { findAccountByEmail } from '../prisma/queries/accounts/find-account';
import { anyAccountExists } from '../prisma/queries/seed/demo-accounts';
import { ensureDefaultTenant } from '../prisma/queries/tenants/ensure-default-tenant';
import { forTenant } from '../prisma/tenant-scope';
import { SEARCH_ATTRIBUTES } from '../workflows/definitions';
import { clientHost, DEFAULT_BIND_ADDRESS, displayHost, urlHost } from './lib/bind-address';
import { DEMO_BUSINESS as DEMO_TENANT_LABEL, seedDemo, type DemoUser } from './lib/demo-seed';
import { demoUserLines, readDemoUsers, saveDemoUsers } from './lib/demo-users-file';
import { signalGroup, startChild, type Child } from './lib/launcher-children';
import { launcherConfig, ROOT, type LauncherConfig } from './lib/launcher-config';
import { localSecretsKey } from './lib/local-secrets-key';
import { logger, logLine } from './lib/launcher-log';
import { describeTaken, takenPorts, type PortClaim } from './lib/launcher-ports';
import { ensureDatabase, migrate, startEmbeddedPostgres, withDatabase } from './lib/postgres';
import { registerSearchAttributes } from './lib/search-attributes';
import { removeRunningStack, saveRunningStack } from './lib/stack-file';
import { resolveTemporalBinary } from './lib/temporal-binaries';
import { startTemporalDevServer } from './lib/temporal-dev-server';

const say = logger('herald');
const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
const children: Child[] = [];
let shuttingDown: Promise<never> | null = null;
let firstSignalAt = 0;
/** Processes to kill outright on a forced stop (the dev server is not a Child, but must not be left behind). */
const forceKill: Array<() => void> = [];

class StartupError extends Error {}

async function shutdown(code: number): Promise<never> {
  shuttingDown ??= (async () => {
    say('stopping…');
    for (const child of [...children].reverse()) await child.stop();
    for (const { name, stop } of [...stops].reverse()) {
      await stop().catch((error: unknown) => say(`could not stop ${name}: ${String(error)}`));
    }
    say(code === 0 ? 'stopped cleanly' : 'stopped');
    process.exit(code);
  })();
  return shuttingDown;
}

// Every server runs in its own process group, so Ctrl-C reaches only the launcher, which stops them in order.
process.on('SIGINT', () => {
  // npm and tsx pass the terminal's Ctrl-C on to us as well, so one key press can arrive twice.
  if (shuttingDown && Date.now() - firstSignalAt > 2000) {
    say('second Ctrl-C: killing everything now');
    for (const child of children) signalGroup(child.process, 'SIGKILL');
    for (const kill of forceKill) kill();
    process.exit(130);
  }
  firstSignalAt ||= Date.now();
  void shutdown(0);
});
process.on('SIGTERM', () => void shutdown(0));
// Last resort (an uncaught crash of the launcher itself): never leave child process groups behind.
process.on('exit', () => {
  for (const child of children) if (child.process.exitCode === null) signalGroup(child.process, 'SIGKILL');
  if (!shuttingDown) for (const kill of forceKill) kill();
});

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (shuttingDown) await shuttingDown;
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new StartupError(`${what} did not come up within ${timeoutMs / 1000}s; see its log lines above.`);
}

async function startDatabase(config: LauncherConfig): Promise<string> {
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(config.HERALD_DATA_DIR, 'postgres'),
      port: config.HERALD_PG_PORT,
      host: config.HERALD_BIND_ADDRESS,
      onLog: logger('postgres'),
    });
    stops.push({ name: 'postgres', stop: pg.stop });
    forceKill.push(() => signalGroup(pg.process, 'SIGKILL'));
    await ensureDatabase(pg.serverUrl, 'herald');
    databaseUrl = withDatabase(pg.serverUrl, 'herald');
  }
  await migrate(databaseUrl, logger('dbmate'));
  return databaseUrl;
}

async function startTemporal(config: LauncherConfig): Promise<{ address: string; uiUrl: string }> {
  if (config.TEMPORAL_ADDRESS) {
    const uiUrl = config.TEMPORAL_UI_URL ?? 'http://localhost:8233';
    try {
      const connection = await Connection.connect({
        address: config.TEMPORAL_ADDRESS,
        ...(process.env.TEMPORAL_API_KEY ? { apiKey: process.env.TEMPORAL_API_KEY, tls: true } : {}),
      });
      const added = await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
      if (added.length) say(`registered search attributes ${added.join(', ')}`);
      await connection.close();
    } catch (error) {
      say(
        `could not register search attributes on ${config.TEMPORAL_ADDRESS} (${error instanceof Error ? error.message : String(error)}). ` +
          `On Temporal Cloud add them in the namespace settings: ${Object.keys(SEARCH_ATTRIBUTES).join(', ')} (Keyword).`,
      );
    }
    return { address: config.TEMPORAL_ADDRESS, uiUrl };
  }
  let binary: string;
  try {
    binary = resolveTemporalBinary('temporal', { install: true, onLog: say });
  } catch (error) {
    throw new StartupError(error instanceof Error ? error.message : String(error));
  }
  const dev = await startTemporalDevServer({
    binary,
    ip: config.HERALD_BIND_ADDRESS,
    port: config.TEMPORAL_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
    dbFile: path.join(config.HERALD_DATA_DIR, 'temporal.db'),
    onLog: logger('temporal'),
  });
  stops.push({ name: 'temporal', stop: dev.stop });
  forceKill.push(() => signalGroup(dev.process, 'SIGKILL'));
  const uiUrl = config.TEMPORAL_UI_URL ?? `http://${displayHost(config.HERALD_BIND_ADDRESS)}:${config.TEMPORAL_UI_PORT}`;
  return { address: dev.address, uiUrl };
}

/**
 * The database keeps only key hashes; for local use the launcher keeps its own key's plain text in the
 * data dir (mode 600) so the web app and the banner can use it on every start.
 */
async function localApiKey(databaseUrl: string, keyFile: string): Promise<{ key: string; tenantId: string }> {
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 1 });
  // Bootstrap finds the default tenant, and whose a saved key is, before it knows a tenant.
  const systemPrisma = createSystemPrismaClient(databaseUrl, { maxConnections: 1 });
  try {
    const { tenantId, newApiKey } = await ensureDefaultTenant(systemPrisma, prisma);
    let key = newApiKey;
    if (!key) {
      const saved = existsSync(keyFile) ? (await readFile(keyFile, 'utf8')).trim() : '';
      if (saved && (await findApiKeyBySecret(systemPrisma, saved))?.tenantId === tenantId) return { key: saved, tenantId };
      key = (await createApiKey(forTenant(prisma, tenantId), { name: 'local' })).key;
    }
    await writeFile(keyFile, `${key}\n`, { mode: 0o600 });
    return { key, tenantId };
  } finally {
    await Promise.all([prisma.$disconnect(), systemPrisma.$disconnect()]);
  }
}

/**
 * The demo people to show in the banner. On an empty database (nobody has an account yet) the demo is made
 * first, through the running API; later starts show the saved details of the demo accounts that still exist.
 */
async function demoUsers(config: LauncherConfig, stack: { databaseUrl: string; apiUrl: string; appUrl: string }): Promise<DemoUser[]> {
  // Whether anyone has an account, and which demo accounts still exist, are questions across tenants.
  const systemPrisma = createSystemPrismaClient(stack.databaseUrl, { maxConnections: 1 });
  try {
    if (!(await anyAccountExists(systemPrisma))) {
      say('empty database: seeding the demo tenant (npm run seed makes it again any time)');
      const { tenantId, users } = await seedDemo(stack);
      await saveDemoUsers(config.HERALD_DATA_DIR, tenantId, users);
      return users;
    }
    const saved = await readDemoUsers(config.HERALD_DATA_DIR);
    const present = await Promise.all((saved?.users ?? []).map(async (u) => ((await findAccountByEmail(systemPrisma, u.email)) ? u : null)));
    return present.filter((u): u is DemoUser => u !== null);
  } finally {
    await systemPrisma.$disconnect();
  }
}

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '─'.repeat(width);
  const out = [`┌${bar}┐`, ...lines.map((l) => `│  ${l.padEnd(width - 4)}  │`), `└${bar}┘`];
  process.stdout.write(`\n${out.join('\n')}\n\n`);
}

async function main(): Promise<void> {
  const config = launcherConfig(process.env);
  await mkdir(config.HERALD_DATA_DIR, { recursive: true });

  const claims: PortClaim[] = [
    ...(config.DATABASE_URL ? [] : [{ port: config.HERALD_PG_PORT, what: 'embedded Postgres', envVar: 'HERALD_PG_PORT' }]),
    ...(config.TEMPORAL_ADDRESS
      ? []
      : [
          { port: config.TEMPORAL_PORT, what: 'Temporal dev server', envVar: 'TEMPORAL_PORT' },
          { port: config.TEMPORAL_UI_PORT, what: 'Temporal Web UI', envVar: 'TEMPORAL_UI_PORT' },
        ]),
    { port: config.HERALD_API_PORT, what: 'Herald API', envVar: 'HERALD_API_PORT' },
    { port: config.HERALD_WEB_PORT, what: 'Herald web app', envVar: 'HERALD_WEB_PORT' },
  ];
  const taken = await takenPorts(claims, config.HERALD_BIND_ADDRESS);
  if (taken.length) throw new StartupError(describeTaken(taken));

  say(`data in ${config.HERALD_DATA_DIR}`);
  if (config.HERALD_BIND_ADDRESS !== DEFAULT_BIND_ADDRESS) {
    say(`listening on ${config.HERALD_BIND_ADDRESS} (HERALD_BIND_ADDRESS): Postgres, Temporal, the API and the web app are reachable from other machines there`);
  }
  const databaseUrl = await startDatabase(config);
  const temporal = await startTemporal(config);
  const { key } = await localApiKey(databaseUrl, path.join(config.HERALD_DATA_DIR, 'api-key'));
  // Seals tenants' own provider credentials; kept beside the data it opens unless HERALD_SECRETS_KEY is set.
  let secretsKey = process.env.HERALD_SECRETS_KEY;
  if (!secretsKey) {
    const keyFile = path.join(config.HERALD_DATA_DIR, 'secrets-key');
    try {
      const local = await localSecretsKey(keyFile);
      if (local.created) say(`made HERALD_SECRETS_KEY for tenants' provider credentials, kept in ${keyFile}`);
      secretsKey = local.key;
    } catch (error) {
      throw new StartupError((error as Error).message);
    }
  }

  // Signs session cookies; made once and kept like the secrets key unless HERALD_AUTH_SECRET is set.
  let authSecret = process.env.HERALD_AUTH_SECRET;
  if (!authSecret) {
    const secretFile = path.join(config.HERALD_DATA_DIR, 'auth-secret');
    try {
      authSecret = (await localSecretsKey(secretFile)).key;
    } catch (error) {
      throw new StartupError((error as Error).message.replace('HERALD_SECRETS_KEY', 'HERALD_AUTH_SECRET'));
    }
  }

  const local = urlHost(clientHost(config.HERALD_BIND_ADDRESS));
  const shown = displayHost(config.HERALD_BIND_ADDRESS);
  const apiUrl = `http://${local}:${config.HERALD_API_PORT}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_UI_URL: temporal.uiUrl,
    HERALD_API_PORT: String(config.HERALD_API_PORT),
    HERALD_API_HOST: config.HERALD_BIND_ADDRESS,
    HERALD_API_URL: apiUrl,
    HERALD_API_KEY: key,
    HERALD_SECRETS_KEY: secretsKey,
    HERALD_AUTH_SECRET: authSecret,
    HERALD_APP_URL: process.env.HERALD_APP_URL ?? `http://${local}:${config.HERALD_WEB_PORT}`,
    LOG_LEVEL: config.LOG_LEVEL,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const tsx = (file: string) => ['--import', 'tsx', file];
  const next = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  children.push(startChild('worker', process.execPath, tsx('worker/main.ts'), env, ROOT));
  children.push(startChild('api', process.execPath, tsx('api/server.ts'), env, ROOT));
  if (config.HERALD_WEB_MODE === 'production' && !existsSync(path.join(ROOT, 'web', '.next', 'BUILD_ID'))) {
    say('building the web app (first production start only)…');
    const build = startChild('web-build', process.execPath, [next, 'build', 'web'], env, ROOT);
    if ((await build.exited) !== 0) throw new StartupError('next build failed; see the [web-build] lines above.');
  }
  const webArgs = [config.HERALD_WEB_MODE === 'dev' ? 'dev' : 'start', 'web', '-H', config.HERALD_BIND_ADDRESS, '-p', String(config.HERALD_WEB_PORT)];
  children.push(startChild('web', process.execPath, [next, ...webArgs], env, ROOT));
  for (const child of children) {
    void child.exited.then((code) => {
      if (child.stopping || shuttingDown) return;
      say(`${child.name} exited unexpectedly (code ${code}); stopping everything`);
      void shutdown(1);
    });
  }

  await waitFor('The API', 90_000, async () => (await fetch(`${apiUrl}/api/health`)).status === 200);
  // The worker bundles the workflow code before it polls; until then, runs would be accepted and wait.
  await waitFor('The worker', 120_000, async () => (await (await fetch(`${apiUrl}/api/health`)).json()).workers === 'up');
  const webUrl = `http://${shown}:${config.HERALD_WEB_PORT}`;
  // The first request in dev mode compiles the page; wait for it so the banner's link answers at once.
  await waitFor('The web app', 180_000, async () => (await fetch(`http://${local}:${config.HERALD_WEB_PORT}/`)).status < 500);

  const appUrl = env.HERALD_APP_URL!;
  await saveRunningStack(config.HERALD_DATA_DIR, { databaseUrl, apiUrl, appUrl });
  stops.push({ name: 'stack file', stop: () => removeRunningStack(config.HERALD_DATA_DIR) });
  let demo: DemoUser[] = [];
  try {
    demo = await demoUsers(config, { databaseUrl, apiUrl, appUrl });
  } catch (error) {
    // Herald itself is up; a demo that could not be made is worth a line, not a stop.
    say(`could not seed the demo tenant: ${error instanceof Error ? error.message : String(error)} (try \`npm run seed\`)`);
  }

  const sendAt = new Date(Date.now() + 2 * 60_000).toISOString();
  banner([
    'Herald is running',
    '',
    `Web app       ${webUrl}`,
    ...(demo.length ? [`Sign in       ${webUrl}/sign-in  (demo: ${DEMO_TENANT_LABEL})`, ...demoUserLines(demo)] : []),
    `API           http://${shown}:${config.HERALD_API_PORT}/api`,
    `Temporal Web  ${temporal.uiUrl}`,
    `Data          ${config.HERALD_DATA_DIR}`,
    `API key       ${key}`,
    '',
    'Try it:',
    `  curl -s ${shown}:${config.HERALD_API_PORT}/api/contacts -H "Authorization: Bearer ${key}" \\`,
    `    -H 'content-type: application/json' -d '{"firstName":"Ada","phone":"+14155550100"}'`,
    `  curl -s ${shown}:${config.HERALD_API_PORT}/api/messages -H "Authorization: Bearer ${key}" \\`,
    `    -H 'content-type: application/json' \\`,
    `    -d '{"contactId":"ctc_…","channel":"sms","body":"Hi!","sendAt":"${sendAt}"}'`,
    '',
    'Press Ctrl-C to stop.',
  ]);
  logLine('herald', 'ready');
}

main().catch(async (error: unknown) => {
  const message =
    error instanceof StartupError || isAppError(error)
      ? error.message
      : `Herald could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`\n${message}\n\n`);
  if (!(error instanceof StartupError) && !isAppError(error) && process.env.LOG_LEVEL === 'debug') console.error(error);
  await shutdown(1);
});
