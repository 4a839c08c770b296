import { AppError, ErrorCodes } from '../../../domain/errors';
import type { TenantTx } from '../../tenant-scope';

export async function getThreadOrThrow(db: TenantTx, threadId: string) {
  const thread = await db.thread.findFirst({ where: { id: threadId } });
  if (!thread) throw new AppError(ErrorCodes.NOT_FOUND, `Thread ${threadId} not found`, { details: { threadId } });
  return thread;
}
