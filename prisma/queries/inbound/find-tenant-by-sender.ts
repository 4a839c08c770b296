import type { Channel } from '../../../domain/channels';
import type { SystemPrisma } from '../../client';

/**
 * An inbound webhook names the tenant only through the number it was sent to — like API-key
 * authentication, this is the entry into a tenant, so it reads across tenants.
 */
export async function findTenantBySender(prisma: SystemPrisma, channel: Channel, address: string): Promise<string | null> {
  const row = await prisma.senderAddress.findUnique({ where: { channel_address: { channel, address } }, select: { tenantId: true } });
  return row?.tenantId ?? null;
}
