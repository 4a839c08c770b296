import type { TenantDb } from '../../tenant-scope';

/**
 * The send activity's compare-and-set: pending → sending, but only if the message is still due at the time
 * the workflow waited for. A cancel or reschedule that landed first makes the claim fail, so an old timer
 * can never send a message that was cancelled or moved.
 */
export async function claimMessageForSend(
  db: TenantDb,
  messageId: string,
  expectedScheduledAt: Date | null,
): Promise<boolean> {
  const { count } = await db.message.updateMany({
    where: { id: messageId, status: { in: ['scheduled', 'queued'] }, scheduledAt: expectedScheduledAt },
    data: { status: 'sending' },
  });
  return count === 1;
}
