import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';

const { IndexedValueType } = proto.temporal.api.enums.v1;

/**
 * Registers Herald's search attributes on a namespace through the operator service; attributes that
 * already exist are left alone. (The dev server gets them as start flags instead; Temporal Cloud manages
 * them in its own console.)
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  let known = new Set<string>();
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    known = new Set(Object.keys({ ...existing.customAttributes, ...existing.systemAttributes }));
  } catch (error) {
    // The time-skipping test server only implements adding; add everything and let it keep what it has.
    if ((error as { code?: number }).code !== 12 /* UNIMPLEMENTED */) throw error;
  }
  const missing = Object.keys(SEARCH_ATTRIBUTES).filter((name) => !known.has(name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((name) => [name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
  });
  return missing;
}
