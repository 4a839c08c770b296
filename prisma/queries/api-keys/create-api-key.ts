import type { Role } from '../../../domain/roles';
import type { TenantDb } from '../../tenant-scope';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-hash';

/**
 * Creates a key and returns it in plain text — the only time it exists outside the caller's hands; only its
 * hash is stored. `key` may be supplied (deployment bootstrap with a configured key).
 */
export async function createApiKey(db: TenantDb, input: { name: string; key?: string; role?: Role }) {
  const key = input.key ?? generateApiKey();
  const row = await db.apiKey.create({
    data: { tenantId: db.$tenantId(), name: input.name, prefix: displayPrefix(key), keyHash: hashApiKey(key), ...(input.role ? { role: input.role } : {}) },
  });
  return { id: row.id, key, prefix: row.prefix, role: row.role };
}
