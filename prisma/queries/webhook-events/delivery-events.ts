import { DeliveryUpdateSchema, type DeliveryUpdate } from '../../../domain/delivery-status';
import type { SystemPrisma, SqlClient } from '../../client';
import { revokeEmailConsentForMessage } from '../contacts/revoke-email-consent-for-message';
import { applyDeliveryStatus } from '../messages/apply-delivery-status';
import { applyEmailEngagement } from '../messages/apply-email-engagement';
import { finishWebhookEvent, recordWebhookEvent, type WebhookEventInput } from './record-webhook-event';

/**
 * Serialises, per provider message id, a delivery event with the recording of that id on its message. Without
 * it an event could find no message, the send could record the id and look for pending events, and only then
 * the event be stored as pending — applied never. Held until the transaction ends.
 */
export async function lockProviderMessageId(db: SqlClient, providerMessageId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`delivery:${providerMessageId}`}, 0))`;
}

/** Applies one event's meaning to the message with this provider id; null when there is no such message. */
async function applyDeliveryUpdate(db: SqlClient, providerMessageId: string, update: DeliveryUpdate): Promise<{ tenantId: string } | null> {
  const at = new Date(update.at);
  let applied: { tenantId: string } | null = null;
  if (update.status) {
    applied = await applyDeliveryStatus(db, providerMessageId, { status: update.status, at, errorCode: update.errorCode ?? null, errorMessage: update.errorMessage ?? null });
    if (!applied) return null;
  }
  if (update.revokeEmailConsent) applied = await revokeEmailConsentForMessage(db, providerMessageId, at);
  if (update.engagement) applied = await applyEmailEngagement(db, providerMessageId, update.engagement, at);
  return applied;
}

/**
 * Applies, forward only, the delivery events that arrived for this provider id before any message carried it,
 * and marks them processed. Called in the transaction that records the id on a message (the send's own answer,
 * or a callback carrying the send-ledger id), after `lockProviderMessageId`. Cross-tenant by design: a provider
 * id names one message of one tenant.
 */
export async function applyPendingDeliveryUpdates(db: SqlClient, providerMessageId: string): Promise<number> {
  const pending = await db.$queryRaw<Array<{ id: string; delivery_update: unknown }>>`
    SELECT id, delivery_update FROM webhook_events
     WHERE provider_message_id = ${providerMessageId} AND processed_at IS NULL AND delivery_update IS NOT NULL
     ORDER BY received_at, id
       FOR UPDATE`;
  let applied = 0;
  for (const event of pending) {
    const update = DeliveryUpdateSchema.safeParse(event.delivery_update);
    if (!update.success) {
      await finishWebhookEvent(db, event.id, { processed: false, error: 'unreadable delivery_update' });
      continue;
    }
    const message = await applyDeliveryUpdate(db, providerMessageId, update.data);
    if (!message) continue;
    await finishWebhookEvent(db, event.id, { tenantId: message.tenantId, processed: true });
    applied++;
  }
  return applied;
}

export type DeliveryEventOutcome = 'applied' | 'pending' | 'ignored' | 'duplicate';

/**
 * A provider's delivery event (Twilio status callback, Resend email event), recorded and applied in one
 * transaction: a retry of an event whose first delivery failed mid-way finds no record and is applied; a retry
 * of one that committed is a duplicate. An event for a provider id no message carries yet is kept pending with
 * its meaning, and applied when the send records the id (markMessageSent, attachProviderIdFromLedger).
 * `beforeApply` runs first in the same transaction (a callback naming its send-ledger entry attaches the id).
 * System client: the event names a provider message id, whose tenant may not be known yet (or ever).
 */
export async function recordDeliveryEvent(
  prisma: SystemPrisma,
  event: Omit<WebhookEventInput, 'providerMessageId' | 'deliveryUpdate' | 'tenantId' | 'error'> & {
    providerMessageId: string;
    /** null: an event Herald does not act on (recorded, marked processed). */
    update: DeliveryUpdate | null;
  },
  beforeApply?: (tx: SqlClient) => Promise<void>,
): Promise<DeliveryEventOutcome> {
  const { update, ...record } = event;
  return prisma.$transaction(async (tx) => {
    await lockProviderMessageId(tx, event.providerMessageId);
    const id = await recordWebhookEvent(tx, { ...record, ...(update ? { deliveryUpdate: update } : {}) });
    if (!id) return 'duplicate';
    await beforeApply?.(tx);
    if (!update) {
      await finishWebhookEvent(tx, id, { processed: true });
      return 'ignored';
    }
    const applied = await applyDeliveryUpdate(tx, event.providerMessageId, update);
    if (!applied) {
      await finishWebhookEvent(tx, id, { processed: false, error: 'no message with this provider id yet; applied when the send records it' });
      return 'pending';
    }
    await finishWebhookEvent(tx, id, { tenantId: applied.tenantId, processed: true });
    return 'applied';
  });
}
