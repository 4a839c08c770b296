import type { Channel } from '../../../domain/channels';
import { scheduledMessageWorkflowId } from '../../../domain/derived-ids';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { messageRunSummary } from '../../../domain/run-summaries';
import { newId } from '../../../prisma/ids';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import { createOutboundMessage } from '../../../prisma/queries/messages/create-outbound-message';
import { deleteMessage } from '../../../prisma/queries/messages/delete-message';
import type { Actor } from '../../../domain/audit';
import type { TenantDb } from '../../../prisma/tenant-scope';
import { scheduledMessageStart } from '../../../workflows/definitions';
import type { ApiDeps } from '../../deps';

export interface OutboundMessageRequest {
  contactId: string;
  /** The contact's zone, else the tenant's: quiet hours are read in it. */
  timeZone: string;
  channel: Channel;
  body: string;
  subject: string | null;
  sendAt: Date | null;
  origin: 'api' | 'agent';
  template?: { contentSid: string; variables: Record<string, string> } | undefined;
  /** Who asked, for the event log. */
  actor: Actor;
}

/**
 * The API's one way to send a message now or later: the row (createOutboundMessage), then its workflow
 * (scheduledMessageStart). Temporal is asked before anything is written, and a start that fails removes the
 * row, so no message waits for a workflow that never starts.
 */
export async function startOutboundMessage({ temporal, logger }: ApiDeps, tenantId: string, db: TenantDb, input: OutboundMessageRequest) {
  await temporal.client();
  const scheduledAt = input.sendAt && input.sendAt.getTime() > Date.now() ? input.sendAt : null;
  const id = newId('msg');
  const workflowId = scheduledMessageWorkflowId(tenantId, id);
  const { message: row } = await createOutboundMessage(db, {
    id,
    contactId: input.contactId,
    channel: input.channel,
    body: input.body,
    subject: input.subject,
    scheduledAt,
    workflowId,
    origin: input.origin,
    template: input.template,
  });

  let runId: string | null;
  try {
    ({ runId } = await temporal.start(
      scheduledMessageStart(
        { tenantId, messageId: id, contactId: input.contactId, scheduledAt: scheduledAt?.toISOString() ?? null, timeZone: input.timeZone },
        { staticSummary: messageRunSummary(input.channel, { kind: input.origin, scheduled: scheduledAt !== null }) },
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
    actor: input.actor,
    data: { channel: input.channel, scheduledAt: scheduledAt?.toISOString() ?? null, workflowId, runId },
  });
  return { row, runId };
}
