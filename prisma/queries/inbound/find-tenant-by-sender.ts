import type { Channel } from '../../../domain/channels';
import type { PrismaClient } from '../../client';

/**
 * An inbound webhook names the tenant only through the number it was sent to — like API-key
 * authentication, this is the entry into a tenant, so it reads across tenants.
 */
export async function findTenantBySender(prisma: PrismaClient, channel: Channel, address: string): Promise<string | null> {
  const row = await prisma.senderAddress.findUnique({ where: { channel_address: { channel, address } }, select: { tenantId: true } });
  return row?.tenantId ?? null;
}
