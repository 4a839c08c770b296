import type { TenantDb } from '../../tenant-scope';

type Outcome =
  | { status: 'accepted'; providerMessageId: string }
  | { status: 'failed' | 'ambiguous' | 'pending'; lastError: string };

/**
 * Records what became of a send. "Accepted" always stands (the provider has the message, whoever learnt it).
 * Any other outcome is written only by the attempt that still owns the entry (`owner`, its number from
 * opening it) and never over an acceptance, so a stalled attempt cannot undo what a later one settled.
 */
export async function settleLedgerEntry(db: TenantDb, idempotencyKey: string, outcome: Outcome, owner?: number): Promise<void> {
  if (outcome.status === 'accepted') {
    await db.sendLedgerEntry.updateMany({ where: { idempotencyKey }, data: outcome });
    return;
  }
  await db.sendLedgerEntry.updateMany({
    where: { idempotencyKey, status: { not: 'accepted' }, ...(owner !== undefined ? { attempts: owner } : {}) },
    data: outcome,
  });
}
