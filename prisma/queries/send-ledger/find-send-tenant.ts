import type { SystemPrisma } from '../../client';

/**
 * The tenant a Twilio status callback is about: the send-ledger entry named in its URL, else the message that
 * carries its SID. Cross-tenant by design: the callback's signature is checked with that tenant's Auth Token.
 */
export async function findSendTenant(prisma: SystemPrisma, ref: { ledgerId: string | null; providerMessageId: string | null }): Promise<string | null> {
  if (ref.ledgerId) {
    const entry = await prisma.sendLedgerEntry.findUnique({ where: { id: ref.ledgerId }, select: { tenantId: true } });
    if (entry) return entry.tenantId;
  }
  if (ref.providerMessageId) {
    const message = await prisma.message.findUnique({ where: { providerMessageId: ref.providerMessageId }, select: { tenantId: true } });
    if (message) return message.tenantId;
  }
  return null;
}
