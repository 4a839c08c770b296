import type { SystemPrisma } from '../../client';
import { deleteTenant } from '../tenants/delete-tenant';

/** Whether anyone has an account yet: the launcher seeds the demo only into a database nobody has used. */
export async function anyAccountExists(prisma: SystemPrisma): Promise<boolean> {
  return (await prisma.authUser.findFirst({ select: { id: true } })) !== null;
}

/**
 * Seed only: removes a previous demo — every tenant one of these accounts owns (as DELETE /api/tenant does,
 * everything in it cascading), then the accounts themselves, so the demo can be made again with the same
 * addresses. Across tenants by nature. Answers the tenants it removed.
 */
export async function removeDemoAccounts(prisma: SystemPrisma, emails: string[]): Promise<string[]> {
  const accounts = await prisma.authUser.findMany({ where: { email: { in: emails.map((e) => e.toLowerCase()) } }, select: { id: true } });
  const ids = accounts.map((a) => a.id);
  const owned = await prisma.member.findMany({ where: { authUserId: { in: ids }, role: 'owner' }, select: { tenantId: true }, distinct: ['tenantId'] });
  for (const { tenantId } of owned) await deleteTenant(prisma, tenantId);
  await prisma.authUser.deleteMany({ where: { id: { in: ids } } });
  return owned.map((o) => o.tenantId);
}
