import type { TenantDb } from '../../tenant-scope';

/**
 * Pins the sender an outbound message goes out from, before its first provider call: every later attempt, and
 * the reconciliation of an ambiguous one, uses the same sender even if the tenant's default changes meanwhile.
 * Returns the pinned sender — an earlier attempt's, when one pinned first.
 */
export async function pinMessageSender(db: TenantDb, messageId: string, from: string): Promise<string> {
  await db.message.updateMany({ where: { id: messageId, direction: 'outbound', tenantAddress: null }, data: { tenantAddress: from } });
  const row = await db.message.findFirst({ where: { id: messageId }, select: { tenantAddress: true } });
  return row?.tenantAddress ?? from;
}
