import type { RequestHandler } from 'express';
import { getMessageOrThrow } from '../../../prisma/queries/messages/get-message-or-throw';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { toMessageView } from '../../views';

export function getMessage({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const message = await getMessageOrThrow(tenantOf(res).db, String(req.params.id));
    res.json({ message: toMessageView(message, temporalWeb) });
  };
}
