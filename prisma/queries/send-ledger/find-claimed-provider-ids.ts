import type { SystemPrisma } from '../../client';

/**
 * Of these provider message ids, those already recorded for a send other than `ledgerId`. Provider ids are
 * unique across every tenant (one provider account may serve several), so this reads across tenants, and
 * returns ids only.
 */
export async function findClaimedProviderIds(prisma: SystemPrisma, providerMessageIds: string[], ledgerId: string): Promise<ReadonlySet<string>> {
  if (providerMessageIds.length === 0) return new Set();
  const [ledger, messages] = await Promise.all([
    prisma.sendLedgerEntry.findMany({ where: { providerMessageId: { in: providerMessageIds }, id: { not: ledgerId } }, select: { providerMessageId: true } }),
    prisma.message.findMany({ where: { providerMessageId: { in: providerMessageIds } }, select: { providerMessageId: true } }),
  ]);
  return new Set([...ledger, ...messages].map((r) => r.providerMessageId!));
}
