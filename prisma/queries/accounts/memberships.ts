import type { Role } from '../../../domain/roles';
import type { SystemPrisma } from '../../client';

export interface Membership {
  memberId: string;
  tenantId: string;
  businessName: string;
  timeZone: string;
  role: Role;
}

/**
 * Every tenant an account belongs to, oldest membership first. Reads across tenants: a person's memberships
 * are how they enter a tenant at all.
 */
export async function listMemberships(prisma: SystemPrisma, authUserId: string): Promise<Membership[]> {
  const rows = await prisma.member.findMany({
    where: { authUserId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, tenantId: true, role: true, tenant: { select: { businessName: true, timeZone: true } } },
  });
  return rows.map((r) => ({ memberId: r.id, tenantId: r.tenantId, businessName: r.tenant.businessName, timeZone: r.tenant.timeZone, role: r.role }));
}

/** The account's membership of one tenant, or null. */
export async function findMembership(prisma: SystemPrisma, authUserId: string, tenantId: string): Promise<Membership | null> {
  const row = await prisma.member.findUnique({
    where: { tenantId_authUserId: { tenantId, authUserId } },
    select: { id: true, tenantId: true, role: true, tenant: { select: { businessName: true, timeZone: true } } },
  });
  return row ? { memberId: row.id, tenantId: row.tenantId, businessName: row.tenant.businessName, timeZone: row.tenant.timeZone, role: row.role } : null;
}

/** Points the session at a tenant (Better Auth's active organization). */
export async function setSessionTenant(prisma: SystemPrisma, sessionId: string, tenantId: string): Promise<void> {
  await prisma.authSession.update({ where: { id: sessionId }, data: { activeTenantId: tenantId } });
}

/** Points the session with this token (just made by a sign-in) at a tenant. */
export async function setSessionTenantByToken(prisma: SystemPrisma, token: string, tenantId: string): Promise<void> {
  await prisma.authSession.update({ where: { token }, data: { activeTenantId: tenantId } });
}
