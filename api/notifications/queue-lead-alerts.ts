import { leadSummary } from '../../domain/schemas/ingest';
import { notificationMessageId, scheduledMessageWorkflowId } from '../../domain/derived-ids';
import type { WorkflowOutboxStart } from '../../domain/workflow-outbox';
import { findOrCreateContactByAddress } from '../../prisma/queries/contacts/find-or-create-contact-by-address';
import { createOutboundMessage } from '../../prisma/queries/messages/create-outbound-message';
import { listNotificationRules } from '../../prisma/queries/notification-rules/notification-rules';
import { enqueueWorkflowStarts } from '../../prisma/queries/workflow-outbox/enqueue-workflow-starts';
import type { TenantTx } from '../../prisma/tenant-scope';

/**
 * "Tell me when a lead comes in": one message per rule, each its own workflow like every other message.
 * Written in the caller's transaction (the ingest call's), with each message's workflow start queued in the
 * outbox beside it, so an alert is never lost and never left `queued` without a workflow, even when Temporal
 * is down. Ids derive from the claimed ingest request, so a retried call finds the same messages. Returns the
 * starts to make once the transaction commits.
 */
export async function queueLeadAlerts(
  tx: TenantTx,
  ingestRequestId: string,
  lead: { firstName: string | null; lastName: string | null; phone: string | null; email: string | null; source: string | null },
): Promise<WorkflowOutboxStart[]> {
  const tenantId = tx.$tenantId();
  const rules = await listNotificationRules(tx, 'lead.created');
  const starts: WorkflowOutboxStart[] = [];
  for (const rule of rules) {
    const address = rule.channel === 'email' ? { email: rule.recipient } : { phone: rule.recipient };
    const recipient = await findOrCreateContactByAddress(tx, address, { firstName: 'Team', source: 'notification-recipient' });
    const id = notificationMessageId(ingestRequestId, rule.id);
    await createOutboundMessage(tx, {
      id,
      contactId: recipient.id,
      channel: rule.channel,
      body: leadSummary(lead, lead.source),
      subject: rule.channel === 'email' ? 'New lead' : null,
      scheduledAt: null,
      workflowId: scheduledMessageWorkflowId(tenantId, id),
      origin: 'notification',
    });
    starts.push({ kind: 'message', tenantId, messageId: id, contactId: recipient.id, scheduledAt: null, channel: rule.channel, origin: 'notification' });
  }
  return enqueueWorkflowStarts(tx, starts);
}
