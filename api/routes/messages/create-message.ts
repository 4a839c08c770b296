import type { RequestHandler } from 'express';
import { addressFieldFor } from '../../../domain/channels';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { CreateMessageSchema } from '../../../domain/schemas/message';
import { scheduledMessageWorkflowId } from '../../../domain/derived-ids';
import { newId } from '../../../prisma/ids';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import { messageRunSummary } from '../../../domain/run-summaries';
import { createOutboundMessage } from '../../../prisma/queries/messages/create-outbound-message';
import { deleteMessage } from '../../../prisma/queries/messages/delete-message';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import { scheduledMessageStart } from '../../../workflows/definitions';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { toMessageView } from '../../views';

export function createMessage({ temporal, temporalWeb, logger }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = CreateMessageSchema.parse(req.body);
    const { tenantId, db } = tenantOf(res);
    const [contact, tenant] = await Promise.all([getContactOrThrow(db, input.contactId), getTenantOrThrow(db)]);
    const field = addressFieldFor(input.channel);
    if (!contact[field]) {
      throw new AppError(
        ErrorCodes.CONTACT_UNREACHABLE,
        `Contact ${contact.id} has no ${field === 'phone' ? 'phone number' : 'email address'} for ${input.channel}`,
      );
    }
    // Fail before writing anything when Temporal is down, so no row waits for a workflow that never starts.
    await temporal.client();

    const sendAt = input.sendAt ? new Date(input.sendAt) : null;
    const scheduledAt = sendAt && sendAt.getTime() > Date.now() ? sendAt : null;
    const id = newId('msg');
    const workflowId = scheduledMessageWorkflowId(tenantId, id);
    const { message: row } = await createOutboundMessage(db, {
      id,
      contactId: contact.id,
      channel: input.channel,
      body: input.body,
      subject: input.subject ?? null,
      scheduledAt,
      workflowId,
      origin: 'api',
      template: input.template,
    });

    let runId: string | null;
    try {
      ({ runId } = await temporal.start(
        scheduledMessageStart(
          { tenantId, messageId: id, contactId: contact.id, scheduledAt: scheduledAt?.toISOString() ?? null, timeZone: contact.timeZone ?? tenant.timeZone },
          { staticSummary: messageRunSummary(input.channel, { kind: 'api', scheduled: scheduledAt !== null }) },
        ),
      ));
    } catch (error) {
      // Undo the row: a message with no workflow would sit "scheduled" forever.
      await deleteMessage(db, id);
      logger.error({ err: error, tenantId, messageId: id }, 'could not start the message workflow');
      throw new AppError(ErrorCodes.UNAVAILABLE, 'Could not start the message workflow', {
        userMessage: 'The workflow engine (Temporal) did not accept the message; nothing was scheduled. Try again shortly.',
        cause: error,
      });
    }
    await recordEvent(db, {
      type: scheduledAt ? 'message.scheduled' : 'message.queued',
      subjectType: 'message',
      subjectId: id,
      data: { channel: input.channel, scheduledAt: scheduledAt?.toISOString() ?? null, workflowId, runId },
    });
    res.status(201).json({ message: toMessageView(row, temporalWeb, runId ?? undefined) });
  };
}
