import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { ThreadMessageParamsSchema } from '../../../domain/schemas/inbox';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { getMessageOrThrow } from '../../../prisma/queries/messages/get-message-or-throw';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { toInboxMessage } from '../../inbox-views';
import { sendRules } from './timeline-items';

/** GET /threads/:id/messages/:messageId: one message as the conversation shows it (after its status changed). */
export function getThreadMessageRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { id: threadId, messageId } = ThreadMessageParamsSchema.parse(req.params);
    const { db } = tenantOf(res);
    const message = await getMessageOrThrow(db, messageId);
    // Another thread's message by this thread's path is as absent as another tenant's.
    if (message.threadId !== threadId) throw new AppError(ErrorCodes.NOT_FOUND, `Message ${messageId} not found on thread ${threadId}`, { details: { threadId, messageId } });
    const contact = await getContactOrThrow(db, message.contactId);
    res.json({ message: toInboxMessage(message, temporalWeb, await sendRules(db, contact.timeZone, [message])) });
  };
}
