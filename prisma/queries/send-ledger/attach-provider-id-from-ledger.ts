import type { SqlClient } from '../../client';
import { applyPendingDeliveryUpdates, lockProviderMessageId } from '../webhook-events/delivery-events';

/**
 * A status callback for a send whose own answer was lost: the ledger id in its URL names the message, so
 * the provider's id is recorded and the entry settled, before any retry would look it up — and the statuses
 * that arrived for that id before (kept pending) are applied with it. Run it inside a transaction.
 */
export async function attachProviderIdFromLedger(db: SqlClient, ledgerId: string, providerMessageId: string): Promise<void> {
  await lockProviderMessageId(db, providerMessageId);
  const entries = await db.$queryRaw<Array<{ tenant_id: string; message_id: string }>>`
    UPDATE send_ledger SET provider_message_id = ${providerMessageId}, status = 'accepted'
     WHERE id = ${ledgerId} AND provider_message_id IS NULL
    RETURNING tenant_id, message_id`;
  const entry = entries[0];
  if (!entry) return;
  const attached = await db.$executeRaw`
    UPDATE messages SET provider_message_id = ${providerMessageId}
     WHERE tenant_id = ${entry.tenant_id} AND id = ${entry.message_id} AND provider_message_id IS NULL`;
  if (attached) await applyPendingDeliveryUpdates(db, providerMessageId);
}
