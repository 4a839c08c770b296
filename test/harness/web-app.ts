import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RequestListener } from 'node:http';
import { freePort } from './free-port';
import { logTo } from './log-files';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB = path.join(ROOT, 'web');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
/**
 * Tests build into their own directory (next.config reads HERALD_WEB_DIST_DIR), so a test run never replaces
 * the build `npm start` serves, nor the other way round.
 */
export const TEST_DIST_DIR = '.next-test';
const STAMP = path.join(WEB, TEST_DIST_DIR, 'herald-source-hash');

function filesUnder(dir: string, skip: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, skip));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** What the build depends on: the web app's sources, the domain code it imports, and the lockfile. */
function sourceHash(): string {
  const skip = (name: string) => name.startsWith('.next') || name === 'node_modules' || name === 'next-env.d.ts' || name.endsWith('.tsbuildinfo');
  const files = [...filesUnder(WEB, skip), ...filesUnder(path.join(ROOT, 'domain'), skip), path.join(ROOT, 'package-lock.json')].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function webEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: '1', HERALD_WEB_DIST_DIR: TEST_DIST_DIR, ...extra };
}

function run(args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, [NEXT_BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => log(chunk.toString().trimEnd());
  child.stdout!.on('data', forward);
  child.stderr!.on('data', forward);
  return child;
}

/**
 * `next build` of the web app, once for as long as its sources do not change (a stamp of their hash sits in
 * the build directory): the first browser test file of a run pays ~30 s, the others nothing.
 */
export async function ensureWebBuild(): Promise<void> {
  const hash = sourceHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash && existsSync(path.join(WEB, TEST_DIST_DIR, 'BUILD_ID'))) return;
  const log = logTo('web-build');
  // A closed port at build time: if the API's address were frozen into the build, every test would fail to reach it.
  const child = run(['build', 'web'], webEnv({ HERALD_API_URL: 'http://127.0.0.1:9' }), log);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}); see test-results/logs/web-build.log`);
  writeFileSync(STAMP, hash);
}

export interface RunningWebApp {
  url: string;
  stop(): Promise<void>;
}

/**
 * `next start` of the test build on a free port (or `port`, for a caller that must tell the API the web app's
 * origin before it starts), forwarding /api and the rest to `apiUrl`.
 */
export async function startWebApp(options: { apiUrl: string; port?: number }): Promise<RunningWebApp> {
  await ensureWebBuild();
  const port = options.port ?? (await freePort());
  const child = run(['start', 'web', '-H', '127.0.0.1', '-p', String(port)], webEnv({ HERALD_API_URL: options.apiUrl }), logTo('web'));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}); see test-results/logs/web.log`);
    try {
      if ((await fetch(`${url}/sign-in`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('next start did not answer within 60 s; see test-results/logs/web.log');
    }
    await new Promise((r) => setTimeout(r, 200)); // polling another process's readiness
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** An HTTP handler (the API's Express app) listening on a free local port. */
export async function listen(handler: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether the build stamp is older than a file (debugging help for a stale build). */
