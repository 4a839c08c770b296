import type { Channel } from '../../domain/channels';
import { isMessagingServiceSid } from '../../domain/senders';
import type { SystemPrisma } from '../../prisma/client';
import { findTenantBySender } from '../../prisma/queries/inbound/find-tenant-by-sender';
import { findTenantsThatMessaged } from '../../prisma/queries/inbound/find-tenants-that-messaged';

export type TwilioInboundRoute =
  /** Sent to a tenant's registered sender (its number, or the Messaging Service the number belongs to). */
  | { kind: 'sender'; tenantId: string }
  /** Sent to a number no tenant registered (the shared sender): the tenants that messaged this person from it, most recent first. */
  | { kind: 'history'; tenantIds: string[] }
  | { kind: 'none' };

/**
 * Which tenant an inbound Twilio message is for, from the number it was sent to — before its signature is checked,
 * because the tenant decides which Auth Token signed it. Nothing is written here.
 */
export async function routeTwilioInbound(
  prisma: SystemPrisma,
  input: { channel: Channel; to: string; from: string; messagingServiceSid: string | null },
): Promise<TwilioInboundRoute> {
  const service = input.messagingServiceSid && isMessagingServiceSid(input.messagingServiceSid) ? input.messagingServiceSid : null;
  const tenantId =
    (input.to ? await findTenantBySender(prisma, input.channel, input.to) : null) ?? (service ? await findTenantBySender(prisma, input.channel, service) : null);
  if (tenantId) return { kind: 'sender', tenantId };
  const tenantIds = await findTenantsThatMessaged(prisma, { channel: input.channel, contactPhone: input.from, tenantAddresses: [input.to, ...(service ? [service] : [])] });
  return tenantIds.length ? { kind: 'history', tenantIds } : { kind: 'none' };
}
