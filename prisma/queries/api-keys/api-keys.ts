import type { Actor } from '../../../domain/audit';
import type { TenantDb } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';

const VIEW = { id: true, name: true, prefix: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** The tenant's API keys (never the keys themselves), newest first. */
export function listApiKeys(db: TenantDb) {
  return db.apiKey.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: VIEW });
}

/**
 * Revokes a key at once (the next request with it is a 401), recorded with who did it; false when there is no
 * such working key.
 */
export async function revokeApiKey(db: TenantDb, id: string, actor: Actor): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 1) await recordEvent(tx, { type: 'api_key.revoked', subjectType: 'api_key', subjectId: id, actor });
    return count === 1;
  });
}
