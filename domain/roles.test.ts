import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, isRole, roleAtLeast } from './roles';

describe('roles', () => {
  it('orders viewer < agent < admin < owner', () => {
    expect(roleAtLeast('viewer', 'agent')).toBe(false);
    expect(roleAtLeast('agent', 'agent')).toBe(true);
    expect(roleAtLeast('agent', 'admin')).toBe(false);
    expect(roleAtLeast('owner', 'admin')).toBe(true);
  });
  it('is a total order: for any two roles exactly one way holds unless equal', () => {
    const role = fc.constantFrom(...ROLES);
    fc.assert(
      fc.property(role, role, (a, b) => {
        expect(roleAtLeast(a, b) || roleAtLeast(b, a)).toBe(true);
        expect(roleAtLeast(a, b) && roleAtLeast(b, a)).toBe(a === b);
      }),
    );
  });
  it('recognises only the four roles', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('superuser')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
