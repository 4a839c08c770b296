import type { RequestHandler } from 'express';
import { cancelPendingMessage } from '../../../prisma/queries/messages/cancel-pending-message';
import { getMessageOrThrow } from '../../../prisma/queries/messages/get-message-or-throw';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import { cancelSignal } from '../../../workflows/definitions';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';
import { toMessageView } from '../../views';
import { tooLate } from './too-late';
import { wakeWorkflow } from './wake-workflow';

export function cancelMessage(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const id = String(req.params.id);
    const before = await getMessageOrThrow(db, id);
    if (!(await cancelPendingMessage(db, id))) {
      throw tooLate('cancelled', id, (await getMessageOrThrow(db, id)).status);
    }
    await recordEvent(db, { type: 'message.cancelled', subjectType: 'message', subjectId: id, actor: actorOf(res) });
    const warning = before.workflowId
      ? await wakeWorkflow(deps, before.workflowId, (h) => h.signal(cancelSignal, { reason: 'api' }))
      : null;
    const message = await getMessageOrThrow(db, id);
    res.json({ message: toMessageView(message, deps.temporalWeb), ...(warning ? { warning } : {}) });
  };
}
