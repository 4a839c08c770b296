import type { SystemPrisma } from '../../client';

export interface InboundEmailRoute {
  tenantId: string;
  /** `sender-address`: a recipient is the tenant's registered email sender; `last-emailed`: the shared-sender fallback. */
  via: 'sender-address' | 'last-emailed';
}

/**
 * The tenant a received email belongs to — like API-key authentication, the entry into a tenant, so it reads
 * across tenants. First the tenant whose registered email sender address (sender_addresses) is a recipient, in
 * the recipients' order. Failing that, when the email went to an address Herald sends every tenant's email from
 * (`sharedSenders`), the tenant that most recently sent the sender an email. Null when neither finds one.
 * Addresses are bare and lower-cased, as sender addresses and contacts keep them.
 */
export async function findTenantForInboundEmail(
  prisma: SystemPrisma,
  input: { recipients: string[]; sender: string; sharedSenders: string[] },
): Promise<InboundEmailRoute | null> {
  const registered = await prisma.senderAddress.findMany({ where: { channel: 'email', address: { in: input.recipients } }, select: { tenantId: true, address: true } });
  for (const recipient of input.recipients) {
    const owner = registered.find((row) => row.address === recipient);
    if (owner) return { tenantId: owner.tenantId, via: 'sender-address' };
  }
  // Outbound email records no from-address of its own: every email a tenant sent without a registered sender
  // went out from a shared one.
  if (!input.recipients.some((recipient) => input.sharedSenders.includes(recipient))) return null;
  const last = await prisma.message.findFirst({
    where: { direction: 'outbound', channel: 'email', sentAt: { not: null }, contact: { is: { email: input.sender } } },
    orderBy: { sentAt: 'desc' },
    select: { tenantId: true },
  });
  return last ? { tenantId: last.tenantId, via: 'last-emailed' } : null;
}
