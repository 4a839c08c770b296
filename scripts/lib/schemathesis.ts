import { resolvePinnedPypiTool, type ResolvedTool } from './pinned-pypi-tools';

/** Property-based API testing against the OpenAPI document (`npm test` runs a short profile, `npm run fuzz` a longer one). */
export const SCHEMATHESIS_PACKAGE = 'schemathesis==4.32.5';

export function resolveSchemathesis(options: { install?: boolean; onLog?: (line: string) => void } = {}): ResolvedTool {
  return resolvePinnedPypiTool(
    { name: 'schemathesis', envVar: 'SCHEMATHESIS_PATH', pipPackage: SCHEMATHESIS_PACKAGE, python: true, otherWays: ['with pipx:            pipx install ' + SCHEMATHESIS_PACKAGE] },
    options,
  );
}
