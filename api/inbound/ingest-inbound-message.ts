import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { AppError, ErrorCodes } from '../../domain/errors';
import { recordInboundMessage, type InboundMessageInput } from '../../prisma/queries/inbound/record-inbound-message';
import { forTenant } from '../../prisma/tenant-scope';
import { ContactIdKey, MessageIdKey, TenantIdKey, type InboundMessageInput as WorkflowInput } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';

/**
 * The one path every inbound message takes — Twilio's webhook and the fake provider's "simulate inbound"
 * alike: stored first (contact, thread, message), then handed to its workflow, which acts on keywords.
 */
export async function ingestInboundMessage(deps: ApiDeps, tenantId: string, input: InboundMessageInput) {
  const db = forTenant(deps.prisma, tenantId);
  const { contact, message, duplicate } = await recordInboundMessage(db, input);
  const workflowId = `inbound:${tenantId}:${message.id}`;
  const args: WorkflowInput = { tenantId, messageId: message.id, contactId: contact.id, channel: input.channel, body: input.body };
  try {
    const client = await deps.temporal.client();
    await client.workflow.start('handleInboundMessageWorkflow', {
      taskQueue: deps.temporal.taskQueue,
      workflowId,
      args: [args],
      // A redelivered webhook must not act twice on the same message.
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: TenantIdKey, value: tenantId },
        { key: ContactIdKey, value: contact.id },
        { key: MessageIdKey, value: message.id },
      ],
    });
  } catch (error) {
    if ((error as Error)?.name === 'WorkflowExecutionAlreadyStartedError') return { contact, message, workflowId, duplicate: true };
    throw new AppError(ErrorCodes.UNAVAILABLE, 'Could not start the inbound message workflow', {
      userMessage: 'The workflow engine (Temporal) is unreachable; the message is stored and will be processed when the provider retries.',
      cause: error,
    });
  }
  return { contact, message, workflowId, duplicate };
}
