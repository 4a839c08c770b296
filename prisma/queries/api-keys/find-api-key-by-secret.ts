import type { Role } from '../../../domain/roles';
import type { SystemPrisma } from '../../client';
import { hashApiKey } from './api-key-hash';

export interface ApiKeyPrincipal {
  apiKeyId: string;
  tenantId: string;
  role: Role;
}

/**
 * Authentication is the entry into a tenant, so it reads across tenants by the key's hash — the one
 * lookup that is not tenant-scoped. Returns null for unknown or revoked keys.
 */
export async function findApiKeyBySecret(prisma: SystemPrisma, key: string): Promise<ApiKeyPrincipal | null> {
  const row = await prisma.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, tenantId: true, role: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  // Touch last_used_at at most once a minute, so that authentication is not a write per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { apiKeyId: row.id, tenantId: row.tenantId, role: row.role };
}
