import { AppError, ErrorCodes } from '../../domain/errors';
import { recordInboundMessage, type InboundMessageInput } from '../../prisma/queries/inbound/record-inbound-message';
import { forTenant } from '../../prisma/tenant-scope';
import { inboundStart } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';

/**
 * The one path every inbound message takes — Twilio's webhook and the fake provider's "simulate inbound"
 * alike: stored first (contact, thread, message), then handed to its workflow, which acts on keywords.
 */
export async function ingestInboundMessage(deps: ApiDeps, tenantId: string, input: InboundMessageInput) {
  const db = forTenant(deps.prisma, tenantId);
  const { contact, message, duplicate } = await recordInboundMessage(db, input);
  const spec = inboundStart({ tenantId, messageId: message.id, contactId: contact.id, channel: input.channel });
  const { workflowId } = spec;
  try {
    // A redelivered webhook finds the run that exists (or that ended: "already started").
    const { alreadyStarted } = await deps.temporal.start(spec);
    if (alreadyStarted) return { contact, message, workflowId, duplicate: true };
  } catch (error) {
    throw new AppError(ErrorCodes.UNAVAILABLE, 'Could not start the inbound message workflow', {
      userMessage: 'The workflow engine (Temporal) is unreachable; the message is stored and will be processed when the provider retries.',
      cause: error,
    });
  }
  return { contact, message, workflowId, duplicate };
}
