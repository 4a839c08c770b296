import type { AppPrisma, SystemPrisma } from '../../client';
import { createApiKey } from '../api-keys/create-api-key';
import { hashApiKey } from '../api-keys/api-key-hash';
import { forTenant } from '../../tenant-scope';

export const DEFAULT_TENANT_NAME = 'default';

export interface EnsureDefaultTenantResult {
  tenantId: string;
  created: boolean;
  /** Present when a key was created now (the only time it is readable). */
  newApiKey: string | null;
}

/**
 * First start: creates the default tenant (quiet hours 21:00–08:00) and an API key. Later starts find it.
 * With `apiKey` (deployments that configure the key, such as docker compose) that key is made to exist.
 */
export async function ensureDefaultTenant(
  // System: it looks for the default tenant (and whose the configured key is) before any tenant is known.
  prisma: SystemPrisma,
  app: AppPrisma,
  options: { apiKey?: string; timeZone?: string } = {},
): Promise<EnsureDefaultTenantResult> {
  let tenant = await prisma.tenant.findFirst({ where: { name: DEFAULT_TENANT_NAME }, orderBy: { createdAt: 'asc' } });
  const created = !tenant;
  tenant ??= await prisma.tenant.create({
    data: {
      name: DEFAULT_TENANT_NAME,
      businessName: 'Herald Demo Co.',
      supportContact: 'support@example.com',
      timeZone: options.timeZone ?? 'UTC',
      quietStartMinute: 21 * 60,
      quietEndMinute: 8 * 60,
    },
  });
  const db = forTenant(app, tenant.id);
  let newApiKey: string | null = null;
  if (options.apiKey) {
    const exists = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(options.apiKey) } });
    if (exists && exists.tenantId !== tenant.id) throw new Error('The configured API key belongs to another tenant');
    if (!exists) newApiKey = (await createApiKey(db, { name: 'configured', key: options.apiKey })).key;
  } else if ((await db.apiKey.count({ where: { revokedAt: null } })) === 0) {
    newApiKey = (await createApiKey(db, { name: 'default' })).key;
  }
  return { tenantId: tenant.id, created, newApiKey };
}
