import type { Channel } from '../../../domain/channels';
import { Prisma, type SystemPrisma } from '../../client';

/**
 * The tenants that sent this person a message on this channel from one of these addresses (a number, and the
 * Messaging Service it belongs to), the most recent sender first. An inbound message to a number no tenant
 * registered — the server's shared sender — finds its tenants here. Cross-tenant by design, like
 * findTenantBySender: it is the entry into a tenant.
 */
export async function findTenantsThatMessaged(
  prisma: SystemPrisma,
  input: { channel: Channel; contactPhone: string; tenantAddresses: string[] },
): Promise<string[]> {
  const addresses = input.tenantAddresses.filter(Boolean);
  if (!input.contactPhone || addresses.length === 0) return [];
  const rows = await prisma.$queryRaw<Array<{ tenant_id: string }>>`
    SELECT m.tenant_id
      FROM contacts c
      JOIN messages m ON m.tenant_id = c.tenant_id AND m.contact_id = c.id
     WHERE c.phone = ${input.contactPhone}
       AND m.direction = 'outbound' AND m.channel = ${input.channel}::channel
       AND m.sent_at IS NOT NULL
       AND m.tenant_address IN (${Prisma.join(addresses)})
     GROUP BY m.tenant_id
     ORDER BY max(m.sent_at) DESC, m.tenant_id`;
  return rows.map((r) => r.tenant_id);
}
