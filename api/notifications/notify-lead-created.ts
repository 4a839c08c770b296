import { createHash } from 'node:crypto';
import { leadSummary } from '../../domain/schemas/ingest';
import { scheduledMessageWorkflowId } from '../../domain/derived-ids';
import { findOrCreateContactByAddress } from '../../prisma/queries/contacts/find-or-create-contact-by-address';
import { createOutboundMessage } from '../../prisma/queries/messages/create-outbound-message';
import { listNotificationRules } from '../../prisma/queries/notification-rules/notification-rules';
import type { TenantDb } from '../../prisma/tenant-scope';
import { scheduledMessageStart } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';

/**
 * "Tell me when a lead comes in": one message per rule, each its own workflow like every other message.
 * Ids derive from the ingest call's key, so a retried call finds the same messages and workflows.
 */
export async function notifyLeadCreated(
  deps: ApiDeps,
  db: TenantDb,
  scope: string,
  lead: { firstName: string | null; lastName: string | null; phone: string | null; email: string | null; source: string | null },
): Promise<string[]> {
  const tenantId = db.$tenantId();
  const rules = await listNotificationRules(db, 'lead.created');
  if (!rules.length) return [];
  const started: string[] = [];
  for (const rule of rules) {
    const address = rule.channel === 'email' ? { email: rule.recipient } : { phone: rule.recipient };
    const recipient = await findOrCreateContactByAddress(db, address, { firstName: 'Team', source: 'notification-recipient' });
    const id = `msg_${createHash('sha256').update(`${tenantId}:${scope}:${rule.id}`).digest('hex').slice(0, 32)}`;
    const workflowId = scheduledMessageWorkflowId(tenantId, id);
    await createOutboundMessage(db, {
      id,
      contactId: recipient.id,
      channel: rule.channel,
      body: leadSummary(lead, lead.source),
      subject: rule.channel === 'email' ? 'New lead' : null,
      scheduledAt: null,
      workflowId,
      origin: 'notification',
    });
    await deps.temporal.start(scheduledMessageStart({ tenantId, messageId: id, contactId: recipient.id, scheduledAt: null }, { derived: true }));
    started.push(workflowId);
  }
  return started;
}
