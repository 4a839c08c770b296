import type { TenantDb } from '../../tenant-scope';

/** Records a permanent failure with its code and a sentence a person can act on. */
export async function markMessageFailed(
  db: TenantDb,
  messageId: string,
  failure: { errorCode: string; errorMessage: string; provider?: string | null },
) {
  await db.message.updateMany({
    where: { id: messageId, status: { in: ['scheduled', 'queued', 'sending'] } },
    data: { status: 'failed', ...failure },
  });
}
