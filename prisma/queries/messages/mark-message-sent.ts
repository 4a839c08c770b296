import type { TenantDb } from '../../tenant-scope';
import { applyPendingDeliveryUpdates, lockProviderMessageId } from '../webhook-events/delivery-events';

/**
 * The provider accepted the message: sending → sent with its provider id. Statuses that arrived for that id
 * before it was recorded here (a callback can beat the send's own answer) are applied in the same transaction.
 * When a callback carrying the send-ledger id attached the id first, the row may already be further along;
 * it then only learns when it was sent and by whom.
 */
export async function markMessageSent(
  db: TenantDb,
  messageId: string,
  result: { provider: string; providerMessageId: string; sentAt: Date },
) {
  await db.$transaction(async (tx) => {
    await lockProviderMessageId(tx, result.providerMessageId);
    const { count } = await tx.message.updateMany({
      where: { id: messageId, status: 'sending' },
      data: { status: 'sent', ...result, errorCode: null, errorMessage: null },
    });
    if (!count) {
      await tx.message.updateMany({
        where: { id: messageId, providerMessageId: result.providerMessageId, sentAt: null },
        data: { provider: result.provider, sentAt: result.sentAt },
      });
    }
    await applyPendingDeliveryUpdates(tx, result.providerMessageId);
  });
}
