import { inboundWorkflowId } from '../../domain/derived-ids';
import { recordInboundMessage, type InboundMessageInput } from '../../prisma/queries/inbound/record-inbound-message';
import { handleWebhookEventOnce, type WebhookEventInput } from '../../prisma/queries/webhook-events/record-webhook-event';
import { forTenant } from '../../prisma/tenant-scope';
import type { TenantTx } from '../../prisma/tenant-scope';
import type { ApiDeps } from '../deps';
import { startQueuedWorkflows } from '../start-queued-workflows';

/**
 * The one path every inbound message takes — Twilio's webhook and the fake provider's "simulate inbound"
 * alike: stored with its workflow start queued in the outbox (and, for a webhook, the event recorded) in one
 * transaction, then its workflow started at once, which acts on keywords. When Temporal is unreachable the
 * message is still stored and the worker's relay starts its workflow later: nothing is left to the provider's
 * retry. Returns null for a webhook delivered before (stored then, with its workflow queued).
 */
export async function ingestInboundMessage(deps: ApiDeps, tenantId: string, input: InboundMessageInput, options: { webhookEvent?: WebhookEventInput } = {}) {
  const db = forTenant(deps.prisma, tenantId);
  const record = (tx: TenantTx) => recordInboundMessage(tx, input);
  const recorded = options.webhookEvent ? await handleWebhookEventOnce(db, options.webhookEvent, record) : await record(db);
  if (!recorded) return null;
  await startQueuedWorkflows(deps, recorded.starts);
  const { contact, message, duplicate } = recorded;
  return { contact, message, workflowId: inboundWorkflowId(tenantId, message.id), duplicate };
}
