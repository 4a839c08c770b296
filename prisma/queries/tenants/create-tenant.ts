import type { SystemPrisma } from '../../client';

export interface CreateTenantInput {
  name: string;
  businessName: string;
  supportContact?: string | null;
  timeZone?: string;
  quietStartMinute?: number | null;
  quietEndMinute?: number | null;
  sendRatePerMinute?: number;
  sendBurst?: number;
  sendDailyCap?: number;
  complianceRepliesPerDay?: number;
  ingestRatePerMinute?: number;
}

/** Creating a tenant is the one write that cannot be tenant-scoped: the tenant does not exist yet. */
export function createTenant(prisma: SystemPrisma, input: CreateTenantInput) {
  return prisma.tenant.create({ data: input });
}
