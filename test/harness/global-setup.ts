import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropDatabase, ensureDatabase, migrate, startEmbeddedPostgres, withDatabase } from '../../scripts/lib/postgres';
import { startTemporalDevServer } from '../../scripts/lib/temporal-dev-server';
import { resolveTemporalBinary } from '../../scripts/lib/temporal-binaries';
import { freePort } from './free-port';
import { LOG_DIR, logTo } from './log-files';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    temporalTestServerPath: string;
    /** HERALD_SECRETS_KEY of this run: every file's API and worker open each other's sealed credentials with it. */
    secretsKey: string;
  }
}

/**
 * Provisions the real servers every suite runs against: a fresh Postgres database (embedded, or on the
 * server given by DATABASE_URL), migrated with dbmate; a Temporal dev server; and the path of the
 * time-skipping test server, which suites start themselves (time is global per server).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await rm(LOG_DIR, { recursive: true, force: true });
  const cleanups: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error('teardown:', e));
  };
  try {
    const testDb = `herald_test_${process.pid}_${Date.now().toString(36)}`;
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'herald-test-pg-'));
      // Under root, Postgres runs as the `postgres` user. This fresh directory is ours to open to it, so the
      // test cluster stays here in tmp rather than staged under /var/lib/herald, which an aborted run would
      // leave behind (see scripts/lib/postgres-access.ts; binaries in a private project are staged there).
      await chmod(dataDir, 0o755);
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), onLog: logTo('postgres') });
      cleanups.push(async () => {
        await pg.stop();
        await rm(dataDir, { recursive: true, force: true });
      });
      serverUrl = pg.serverUrl;
    }
    await ensureDatabase(serverUrl, testDb);
    cleanups.push(() => dropDatabase(serverUrl, testDb));
    const databaseUrl = withDatabase(serverUrl, testDb);
    await migrate(databaseUrl, logTo('dbmate'));

    const temporal = resolveTemporalBinary('temporal', { install: true });
    const testServer = resolveTemporalBinary('temporal-test-server', { install: true });
    const dev = await startTemporalDevServer({
      binary: temporal,
      port: await freePort(),
      headless: true,
      // Free ports for its HTTP API and metrics too: their defaults, derived from the gRPC port, can be taken.
      extraArgs: ['--http-port', String(await freePort()), '--metrics-port', String(await freePort())],
      onLog: logTo('temporal-dev-server'),
    });
    cleanups.push(() => dev.stop());

    project.provide('databaseUrl', databaseUrl);
    project.provide('temporalAddress', dev.address);
    project.provide('temporalTestServerPath', testServer);
    project.provide('secretsKey', randomBytes(32).toString('base64'));
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
