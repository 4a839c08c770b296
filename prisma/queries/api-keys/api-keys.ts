import type { TenantDb } from '../../tenant-scope';

const VIEW = { id: true, name: true, prefix: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** The tenant's API keys (never the keys themselves), newest first. */
export function listApiKeys(db: TenantDb) {
  return db.apiKey.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: VIEW });
}

/** Revokes a key at once (the next request with it is a 401); false when there is no such working key. */
export async function revokeApiKey(db: TenantDb, id: string): Promise<boolean> {
  const { count } = await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}
