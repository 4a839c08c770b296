import { statusesAdvancingTo, type DeliveryStatus } from '../../../domain/delivery-status';
import { Prisma, type SqlClient } from '../../client';

export type { DeliveryStatus } from '../../../domain/delivery-status';

/**
 * Applies a provider's status to the message with that provider id, forward only (domain/delivery-status).
 * One conditional UPDATE: the forward rule is its WHERE clause, which Postgres re-checks against the latest
 * row when two callbacks race, so "read" and "delivered" arriving together always end "read". Reads across
 * tenants by the provider's id (a callback names no tenant). Returns null when no message has that id.
 */
export async function applyDeliveryStatus(
  db: SqlClient,
  providerMessageId: string,
  update: { status: DeliveryStatus; at: Date; errorCode?: string | null; errorMessage?: string | null },
): Promise<{ id: string; tenantId: string; changed: boolean } | null> {
  const set =
    update.status === 'delivered'
      ? Prisma.sql`, delivered_at = ${update.at}`
      : update.status === 'read'
        ? Prisma.sql`, read_at = ${update.at}`
        : update.status === 'failed' || update.status === 'undelivered'
          ? Prisma.sql`, error_code = ${update.errorCode ?? null}, error_message = ${update.errorMessage ?? null}`
          : Prisma.empty;
  const changed = await db.$queryRaw<Array<{ id: string; tenant_id: string }>>`
    UPDATE messages SET status = ${update.status}::message_status ${set}
     WHERE provider_message_id = ${providerMessageId}
       AND status = ANY(${statusesAdvancingTo(update.status)}::message_status[])
    RETURNING id, tenant_id`;
  if (changed[0]) return { id: changed[0].id, tenantId: changed[0].tenant_id, changed: true };
  const existing = await db.$queryRaw<Array<{ id: string; tenant_id: string }>>`
    SELECT id, tenant_id FROM messages WHERE provider_message_id = ${providerMessageId}`;
  return existing[0] ? { id: existing[0].id, tenantId: existing[0].tenant_id, changed: false } : null;
}
