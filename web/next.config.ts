import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The web app lives inside the Herald repo and shares its node_modules and lockfile; pinning both roots keeps
// Turbopack and output tracing in agreement instead of relying on lockfile detection. When node_modules is a
// symlink to another checkout (git worktrees share one install), Turbopack refuses files outside its root, so
// the root is the nearest directory holding both the repo and the real node_modules.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function commonAncestor(a: string, b: string): string {
  const partsA = a.split(path.sep);
  const partsB = b.split(path.sep);
  let i = 0;
  while (i < partsA.length && i < partsB.length && partsA[i] === partsB[i]) i++;
  return partsA.slice(0, i).join(path.sep) || path.sep;
}

function workspaceRoot(): string {
  try {
    return commonAncestor(repoRoot, path.dirname(realpathSync(path.join(repoRoot, 'node_modules'))));
  } catch {
    return repoRoot; // no node_modules yet: Next reports that itself
  }
}

const root = workspaceRoot();

const nextConfig: NextConfig = {
  // Browser tests build into their own directory (test/harness/web-app.ts), apart from `npm start`'s build.
  distDir: process.env.HERALD_WEB_DIST_DIR || '.next',
  turbopack: { root },
  outputFileTracingRoot: root,
  poweredByHeader: false,
  reactStrictMode: true,
  // The API is reached through proxy.ts (a runtime rewrite, so HERALD_API_URL is read at start, not build).
  // Its responses (SSE included) must pass through as they come: no compression of proxied bodies here.
  compress: false,
};

export default nextConfig;
