import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps a local path with its query', () => {
    expect(safeNextPath('/settings/members?x=1')).toBe('/settings/members?x=1');
  });
  it.each([undefined, null, '', 'https://evil.test/', '//evil.test/x', '/\\evil.test', 'inbox'])('falls back for %j', (value) => {
    expect(safeNextPath(value)).toBe('/inbox');
  });
  it('takes the first of repeated parameters', () => {
    expect(safeNextPath(['/contacts', '/x'])).toBe('/contacts');
  });
});
