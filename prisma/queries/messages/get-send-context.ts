import type { TenantDb } from '../../tenant-scope';

/** What the send path needs in one read: the message, its contact's address and consent, the tenant's rules. */
export function getSendContext(db: TenantDb, messageId: string) {
  return db.message.findFirst({
    where: { id: messageId },
    include: {
      contact: true,
      tenant: {
        select: { timeZone: true, quietStartMinute: true, quietEndMinute: true, businessName: true },
      },
    },
  });
}
