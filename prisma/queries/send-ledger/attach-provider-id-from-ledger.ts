import type { PrismaClient } from '../../client';

/**
 * A status callback for a send whose own answer was lost: the ledger id in its URL names the message, so
 * the provider's id is recorded and the entry settled, before any retry would look it up.
 */
export async function attachProviderIdFromLedger(prisma: PrismaClient, ledgerId: string, providerMessageId: string): Promise<void> {
  const entry = await prisma.sendLedgerEntry.findUnique({ where: { id: ledgerId } });
  if (!entry || entry.providerMessageId) return;
  await prisma.$transaction([
    prisma.sendLedgerEntry.update({ where: { id: entry.id }, data: { providerMessageId, status: 'accepted' } }),
    prisma.message.updateMany({ where: { id: entry.messageId, tenantId: entry.tenantId, providerMessageId: null }, data: { providerMessageId } }),
  ]);
}
