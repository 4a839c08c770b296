import type { Actor } from '../../../domain/audit';
import type { Role } from '../../../domain/roles';
import type { TenantDb } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-hash';

/**
 * Creates a key and returns it in plain text — the only time it exists outside the caller's hands; only its
 * hash is stored. `key` may be supplied (deployment bootstrap with a configured key). Recorded in the event log
 * with who made it, when made through the API (`actor`).
 */
export async function createApiKey(db: TenantDb, input: { name: string; key?: string; role?: Role }, actor?: Actor) {
  const key = input.key ?? generateApiKey();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { tenantId: db.$tenantId(), name: input.name, prefix: displayPrefix(key), keyHash: hashApiKey(key), ...(input.role ? { role: input.role } : {}) },
    });
    if (actor) await recordEvent(tx, { type: 'api_key.created', subjectType: 'api_key', subjectId: created.id, actor, data: { name: created.name, role: created.role } });
    return created;
  });
  return { id: row.id, key, prefix: row.prefix, role: row.role };
}
