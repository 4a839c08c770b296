import type { TenantDb } from '../../tenant-scope';

/**
 * The last step before a provider call. Opening the ledger entry numbers each attempt (`attempts`); the
 * attempt numbered `attempt` may call out only if no later attempt has opened the entry since and nobody has
 * settled it as accepted. An attempt that stalled (a paused worker, a slow lookup) and was overtaken finds
 * the fence closed and never reaches the provider, so two attempts cannot both send.
 */
export async function fenceLedgerEntry(db: TenantDb, ledgerId: string, attempt: number): Promise<boolean> {
  const { count } = await db.sendLedgerEntry.updateMany({
    where: { id: ledgerId, attempts: attempt, status: { not: 'accepted' } },
    data: { lastCalledAt: new Date() },
  });
  return count === 1;
}

export function getLedgerEntry(db: TenantDb, ledgerId: string) {
  return db.sendLedgerEntry.findFirst({ where: { id: ledgerId } });
}
