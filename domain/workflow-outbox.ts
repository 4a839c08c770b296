import type { Channel } from './channels';

/**
 * A workflow start Herald owes, written to the outbox (workflow_outbox) in the same transaction as the rows
 * it is for, so that no committed row is left without its workflow. The worker's relay and the API (right
 * after its commit) build the start from it with workflows/start.ts; the workflow id makes a second start
 * harmless.
 *
 * - quote: the quote's sendQuoteWorkflow (queued by a trigger when a quote is, or becomes, open);
 * - message: an outbound message's sendScheduledMessageWorkflow (owner alerts);
 * - inbound: an inbound message's handleInboundMessageWorkflow (ids only: the message's text stays in Postgres,
 *   out of workflow histories; the workflow reads what it needs through an activity).
 */
export type WorkflowOutboxStart =
  | { kind: 'quote'; tenantId: string; quoteId: string; contactId: string; followUpDays?: number | null }
  | {
      kind: 'message';
      tenantId: string;
      messageId: string;
      contactId: string;
      scheduledAt: string | null;
      /** For the run's summary in Temporal Web. */
      channel?: Channel;
      origin?: 'api' | 'sequence' | 'quote' | 'notification' | 'compliance' | null;
    }
  | { kind: 'inbound'; tenantId: string; messageId: string; contactId: string; channel: Channel };

export type WorkflowOutboxKind = WorkflowOutboxStart['kind'];
