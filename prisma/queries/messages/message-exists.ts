import type { TenantDb } from '../../tenant-scope';

export async function messageExists(db: TenantDb, messageId: string): Promise<boolean> {
  return (await db.message.count({ where: { id: messageId } })) > 0;
}
