import type { TenantDb } from '../../tenant-scope';
import { getThreadOrThrow } from './get-thread-or-throw';

/** The member has read the thread up to now: its unread count for them drops to 0 (and a thread.read event goes out). */
export async function markThreadRead(db: TenantDb, threadId: string, userId: string, at: Date) {
  const tenantId = db.$tenantId();
  await getThreadOrThrow(db, threadId);
  await db.threadRead.upsert({
    where: { tenantId_threadId_userId: { tenantId, threadId, userId } },
    create: { tenantId, threadId, userId, readAt: at },
    update: { readAt: at },
  });
}
