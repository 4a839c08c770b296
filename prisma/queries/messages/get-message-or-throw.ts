import { AppError, ErrorCodes } from '../../../domain/errors';
import type { TenantDb } from '../../tenant-scope';
import { messageWithContact } from './message-with-contact';

export async function getMessageOrThrow(db: TenantDb, messageId: string) {
  const message = await db.message.findFirst({ where: { id: messageId }, ...messageWithContact });
  if (!message) {
    throw new AppError(ErrorCodes.NOT_FOUND, `Message ${messageId} not found`, { details: { messageId } });
  }
  return message;
}
