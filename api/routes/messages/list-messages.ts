import type { RequestHandler } from 'express';
import { ListMessagesQuerySchema } from '../../../domain/schemas/message';
import { listMessages as listMessagesQuery } from '../../../prisma/queries/messages/list-messages';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { toMessageView } from '../../views';

export function listMessages({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const query = ListMessagesQuerySchema.parse(req.query);
    const { messages, nextCursor } = await listMessagesQuery(tenantOf(res).db, query);
    res.json({ messages: messages.map((m) => toMessageView(m, temporalWeb)), nextCursor });
  };
}
