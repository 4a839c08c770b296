import type { TenantDb } from '../../tenant-scope';

/**
 * Compare-and-set: cancels the message only if it has not started sending. The database decides the race
 * with the send activity, which claims the row the same way; exactly one of them wins.
 */
export async function cancelPendingMessage(db: TenantDb, messageId: string, why?: { errorCode: string; errorMessage: string }): Promise<boolean> {
  const { count } = await db.message.updateMany({
    where: { id: messageId, status: { in: ['scheduled', 'queued'] } },
    data: { status: 'cancelled', cancelledAt: new Date(), ...(why ?? {}) },
  });
  return count === 1;
}

/** An opt-out arrived while the message waited: cancelled, with the reason on the row. */
export async function cancelPendingMessageForOptOut(db: TenantDb, messageId: string): Promise<boolean> {
  const { count } = await db.message.updateMany({
    where: { id: messageId, status: { in: ['scheduled', 'queued'] } },
    data: {
      status: 'cancelled',
      cancelledAt: new Date(),
      errorCode: 'CONSENT_REVOKED',
      errorMessage: 'The contact opted out of this channel before the message was due.',
    },
  });
  return count === 1;
}
