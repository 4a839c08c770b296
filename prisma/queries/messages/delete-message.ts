import type { TenantDb } from '../../tenant-scope';

/** Only for undoing a create whose workflow could not be started, so no row is left half-made. */
export async function deleteMessage(db: TenantDb, messageId: string): Promise<void> {
  await db.message.deleteMany({ where: { id: messageId } });
}
