import type { TenantDb } from '../../tenant-scope';

/**
 * Written before every provider call. The first attempt creates the entry; every later attempt (a retry,
 * or a worker that crashed mid-call) finds it with `attempts > 1` and its last known status.
 */
export function openLedgerEntry(db: TenantDb, input: { messageId: string; idempotencyKey: string; provider: string }) {
  return db.sendLedgerEntry.upsert({
    where: { idempotencyKey: input.idempotencyKey },
    create: { tenantId: db.$tenantId(), ...input, attempts: 1 },
    update: { attempts: { increment: 1 } },
  });
}
