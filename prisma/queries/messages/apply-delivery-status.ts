import type { PrismaClient } from '../../client';

/**
 * Provider statuses move forward only: callbacks repeat and arrive out of order, and "delivered" must never
 * fall back to "sent". Failure keeps its error code. Reads across tenants by the provider's id (the
 * callback names no tenant); returns null when no message has that id (kept for later reconciliation).
 */
const RANK: Record<string, number> = { queued: 1, sending: 1, sent: 2, delivered: 3, read: 4, undelivered: 5, failed: 5 };

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'undelivered' | 'failed';

export async function applyDeliveryStatus(
  prisma: PrismaClient,
  providerMessageId: string,
  update: { status: DeliveryStatus; at: Date; errorCode?: string | null; errorMessage?: string | null },
) {
  const message = await prisma.message.findUnique({ where: { providerMessageId }, select: { id: true, tenantId: true, status: true } });
  if (!message) return null;
  const current = RANK[message.status] ?? 0;
  const next = RANK[update.status]!;
  // Terminal failures do not overwrite delivered/read; read after delivered is progress.
  const forward = next > current && !(next === 5 && current >= 3);
  if (!forward) return { ...message, changed: false };
  await prisma.message.update({
    where: { id: message.id },
    data: {
      status: update.status,
      ...(update.status === 'delivered' ? { deliveredAt: update.at } : {}),
      ...(update.status === 'read' ? { readAt: update.at } : {}),
      ...(update.status === 'failed' || update.status === 'undelivered'
        ? { errorCode: update.errorCode ?? null, errorMessage: update.errorMessage ?? null }
        : {}),
    },
  });
  return { ...message, changed: true };
}
