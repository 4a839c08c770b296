import { AppError, ErrorCodes } from './errors';

/**
 * A new order for a tenant's list (custom fields, pipeline stages) must name each of its items once: one made
 * from a stale copy (an item added or removed meanwhile) is a 409 with the current ids, never half applied.
 */
export function assertSameIds(what: string, current: readonly string[], given: readonly string[]): void {
  const known = new Set(current);
  if (given.length !== current.length || new Set(given).size !== given.length || given.some((id) => !known.has(id))) {
    throw new AppError(ErrorCodes.CONFLICT, `The order must name each of the tenant’s ${current.length} ${what} once; the list has changed since it was read`, {
      details: { ids: [...current] },
    });
  }
}
