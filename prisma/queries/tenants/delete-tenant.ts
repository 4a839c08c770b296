import type { SystemPrisma } from '../../client';

/**
 * Deletes a tenant and everything it owns (every business table cascades from tenants); sessions that showed it
 * fall back to their other memberships. Accounts stay: a person may belong to other tenants.
 */
export async function deleteTenant(prisma: SystemPrisma, tenantId: string): Promise<void> {
  await prisma.tenant.delete({ where: { id: tenantId } });
}
