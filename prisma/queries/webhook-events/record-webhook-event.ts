import type { SqlClient } from '../../client';
import type { TenantDb, TenantTx } from '../../tenant-scope';

export interface WebhookEventInput {
  provider: string;
  providerEventId: string;
  type: string;
  payload: unknown;
  tenantId?: string | null;
  /** The provider's id of the message the event is about, when it is about one. */
  providerMessageId?: string | null;
  /** A delivery event's meaning (domain/delivery-status), kept until its message is known. */
  deliveryUpdate?: unknown;
  /** Why the event was not processed, when that is already known. */
  error?: string | null;
}

export interface WebhookEventOutcome {
  tenantId?: string | null;
  processed: boolean;
  error?: string | null;
}

/**
 * Providers retry webhooks; the (provider, event id) unique key makes the first delivery the only one that
 * is recorded. Returns the new row's id, or null when this event was already recorded. A concurrent delivery
 * of the same event waits here until the first one's transaction ends: it is a duplicate if that committed,
 * and records the event itself if that rolled back. Cross-tenant by design (the tenant may be unknown yet).
 */
export async function recordWebhookEvent(db: SqlClient, event: WebhookEventInput): Promise<string | null> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    INSERT INTO webhook_events (provider, provider_event_id, type, payload, tenant_id, provider_message_id, delivery_update, error)
    VALUES (${event.provider}, ${event.providerEventId}, ${event.type}, ${JSON.stringify(event.payload ?? {})}::jsonb,
            ${event.tenantId ?? null}, ${event.providerMessageId ?? null},
            ${event.deliveryUpdate === undefined ? null : JSON.stringify(event.deliveryUpdate)}::jsonb, ${event.error ?? null})
    ON CONFLICT (provider, provider_event_id) DO NOTHING
    RETURNING id`;
  return rows[0]?.id ?? null;
}

export async function finishWebhookEvent(db: SqlClient, id: string, outcome: WebhookEventOutcome): Promise<void> {
  await db.$executeRaw`
    UPDATE webhook_events
       SET tenant_id = COALESCE(${outcome.tenantId ?? null}, tenant_id),
           error = ${outcome.error ?? null},
           processed_at = CASE WHEN ${outcome.processed} THEN now() END
     WHERE id = ${id}`;
}

/**
 * Records a tenant's webhook event and does its work in one transaction, so it is never "seen" without being
 * handled: a retried delivery of an event whose work committed gets null (a duplicate); if the work fails,
 * nothing of it — record included — remains, and the provider's retry does it again.
 */
export async function handleWebhookEventOnce<T>(db: TenantDb, event: WebhookEventInput, work: (tx: TenantTx) => Promise<T>): Promise<T | null> {
  return db.$transaction(async (tx) => {
    const id = await recordWebhookEvent(tx, { ...event, tenantId: db.$tenantId() });
    if (!id) return null;
    const result = await work(tx);
    await finishWebhookEvent(tx, id, { tenantId: db.$tenantId(), processed: true });
    return result;
  });
}
