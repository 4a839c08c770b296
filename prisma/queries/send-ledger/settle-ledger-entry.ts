import type { TenantDb } from '../../tenant-scope';

type Outcome =
  | { status: 'accepted'; providerMessageId: string }
  | { status: 'failed' | 'ambiguous' | 'pending'; lastError: string };

export async function settleLedgerEntry(db: TenantDb, idempotencyKey: string, outcome: Outcome): Promise<void> {
  await db.sendLedgerEntry.updateMany({ where: { idempotencyKey }, data: outcome });
}
