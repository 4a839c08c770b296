import type { TenantDb } from '../../tenant-scope';

export async function markMessageSent(
  db: TenantDb,
  messageId: string,
  result: { provider: string; providerMessageId: string; sentAt: Date },
) {
  await db.message.updateMany({
    where: { id: messageId, status: 'sending' },
    data: { status: 'sent', ...result, errorCode: null, errorMessage: null },
  });
}
