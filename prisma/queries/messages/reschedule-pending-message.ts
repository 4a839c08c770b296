import type { TenantDb } from '../../tenant-scope';

/** Compare-and-set, like cancelling: moves the send time only while the message is still pending. */
export async function reschedulePendingMessage(db: TenantDb, messageId: string, scheduledAt: Date | null) {
  const { count } = await db.message.updateMany({
    where: { id: messageId, status: { in: ['scheduled', 'queued'] } },
    data: { scheduledAt, status: scheduledAt ? 'scheduled' : 'queued' },
  });
  return count === 1;
}
