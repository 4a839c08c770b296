import { AppError, ErrorCodes } from '../../../domain/errors';
import type { ThreadSummary } from '../../../domain/schemas/inbox';
import { listThreads } from '../../../prisma/queries/threads/list-threads';
import type { TenantDb } from '../../../prisma/tenant-scope';
import { toThreadSummary } from '../../inbox-views';

/** One thread as the list shows it, for the member (unread count) — after a change, or at the top of its view. */
export async function threadSummary(db: TenantDb, threadId: string, userId: string | null, now = new Date()): Promise<ThreadSummary> {
  const { rows } = await listThreads(db, { userId, threadId }, { limit: 1, now });
  const row = rows[0];
  if (!row) throw new AppError(ErrorCodes.NOT_FOUND, `Thread ${threadId} not found`, { details: { threadId } });
  return toThreadSummary(row, now);
}
