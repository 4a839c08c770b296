import type { Prisma, PrismaClient } from '../../client';

/**
 * Providers retry webhooks; the (provider, event id) unique key makes the first delivery the only one that
 * is processed. Returns null when this event was already recorded.
 */
export async function recordWebhookEvent(
  prisma: PrismaClient,
  event: { provider: string; providerEventId: string; type: string; payload: unknown; tenantId?: string | null },
) {
  const rows = await prisma.webhookEvent.createManyAndReturn({
    data: [
      {
        provider: event.provider,
        providerEventId: event.providerEventId,
        type: event.type,
        payload: event.payload as Prisma.InputJsonValue,
        tenantId: event.tenantId ?? null,
      },
    ],
    skipDuplicates: true,
  });
  return rows[0] ?? null;
}

export async function finishWebhookEvent(prisma: PrismaClient, id: string, outcome: { tenantId?: string | null; error?: string | null; processed: boolean }) {
  await prisma.webhookEvent.update({
    where: { id },
    data: { tenantId: outcome.tenantId ?? undefined, error: outcome.error ?? null, processedAt: outcome.processed ? new Date() : null },
  });
}

export async function forgetWebhookEvent(prisma: PrismaClient, id: string) {
  await prisma.webhookEvent.deleteMany({ where: { id } });
}
