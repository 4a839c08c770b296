import { createHash } from 'node:crypto';
import { leadSummary } from '../../domain/schemas/ingest';
import { scheduledMessageWorkflowId } from '../../domain/derived-ids';
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
    const recipient =
      (await db.contact.findFirst({ where: address })) ??
      (await db.contact.create({ data: { tenantId, ...address, firstName: 'Team', source: 'notification-recipient' } }));
    const id = `msg_${createHash('sha256').update(`${tenantId}:${scope}:${rule.id}`).digest('hex').slice(0, 32)}`;
    const workflowId = scheduledMessageWorkflowId(tenantId, id);
    await db.message.createMany({
      data: [
        {
          tenantId,
          id,
          contactId: recipient.id,
          direction: 'outbound',
          channel: rule.channel,
          body: leadSummary(lead, lead.source),
          subject: rule.channel === 'email' ? 'New lead' : null,
          status: 'queued',
          workflowId,
          idempotencyKey: workflowId,
        },
      ],
      skipDuplicates: true,
    });
    await deps.temporal.start(scheduledMessageStart({ tenantId, messageId: id, contactId: recipient.id, scheduledAt: null }, { derived: true }));
    started.push(workflowId);
  }
  return started;
}
