import type { RequestHandler } from 'express';
import { RescheduleMessageSchema } from '../../../domain/schemas/message';
import { getMessageOrThrow } from '../../../prisma/queries/messages/get-message-or-throw';
import { reschedulePendingMessage } from '../../../prisma/queries/messages/reschedule-pending-message';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import { rescheduleSignal } from '../../../workflows/definitions';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';
import { toMessageView } from '../../views';
import { tooLate } from './too-late';
import { wakeWorkflow } from './wake-workflow';

export function rescheduleMessage(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = RescheduleMessageSchema.parse(req.body);
    const { db } = tenantOf(res);
    const id = String(req.params.id);
    const before = await getMessageOrThrow(db, id);
    const sendAt = new Date(input.sendAt);
    const scheduledAt = sendAt.getTime() > Date.now() ? sendAt : null;
    if (!(await reschedulePendingMessage(db, id, scheduledAt))) {
      throw tooLate('rescheduled', id, (await getMessageOrThrow(db, id)).status);
    }
    await recordEvent(db, {
      type: 'message.rescheduled',
      subjectType: 'message',
      subjectId: id,
      actor: actorOf(res),
      data: { from: before.scheduledAt?.toISOString() ?? null, to: scheduledAt?.toISOString() ?? null },
    });
    const warning = before.workflowId
      ? await wakeWorkflow(deps, before.workflowId, (h) =>
          h.signal(rescheduleSignal, { scheduledAt: scheduledAt?.toISOString() ?? null }),
        )
      : null;
    const message = await getMessageOrThrow(db, id);
    res.json({ message: toMessageView(message, deps.temporalWeb), ...(warning ? { warning } : {}) });
  };
}
