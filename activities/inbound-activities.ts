import type { Logger } from 'pino';
import type { Channel } from '../domain/channels';
import { complianceReply, parseConsentKeyword, type ConsentKeyword } from '../domain/consent-keywords';
import { getMessageOrThrow } from '../prisma/queries/messages/get-message-or-throw';
import { complianceReplyMessageId, scheduledMessageWorkflowId } from '../domain/derived-ids';
import { createOutboundMessage } from '../prisma/queries/messages/create-outbound-message';
import type { AppPrisma } from '../prisma/client';
import { currentContactId } from '../prisma/queries/contacts/get-contact-or-throw';
import { setConsent } from '../prisma/queries/contacts/set-consent';
import { findOpenEnrollmentWorkflowIds } from '../prisma/queries/enrollments/enrollments';
import { findOpenMessageWorkflowIds } from '../prisma/queries/messages/find-open-message-workflow-ids';
import { findOpenQuoteWorkflowIds } from '../prisma/queries/quotes/quotes';
import { getTenantOrThrow } from '../prisma/queries/tenants/get-tenant-or-throw';
import { recordEvent } from '../prisma/queries/event-logs/record-event';
import { forTenant, type TenantDb } from '../prisma/tenant-scope';
import { hasProviderCredentials } from '../prisma/queries/provider-credentials/provider-credentials';
import { isTenantSender } from '../prisma/queries/sender-addresses/sender-addresses';

export interface KeywordInput {
  tenantId: string;
  contactId: string;
  messageId: string;
  channel: Channel;
  keyword: ConsentKeyword;
}

/**
 * The sender a keyword's confirmation goes back from: the number the keyword was sent to, when this tenant can
 * send from it — one of its own senders, or (for a tenant on the server's account) the shared number it texted
 * the contact from. Otherwise (a number of another account) the confirmation takes the tenant's default sender.
 */
async function replyFrom(db: TenantDb, channel: Channel, inboundTo: string | null): Promise<string | null> {
  if (!inboundTo) return null;
  if (await isTenantSender(db, channel, inboundTo)) return inboundTo;
  return (await hasProviderCredentials(db, channel === 'email' ? 'resend' : 'twilio')) ? null : inboundTo;
}

export function createInboundActivities({ prisma, logger }: { prisma: AppPrisma; logger: Logger }) {
  return {
    /** Reads an inbound message and says whether it is exactly one consent keyword (never for email). */
    async classifyInboundMessage(input: { tenantId: string; messageId: string }): Promise<{ keyword: ConsentKeyword | null }> {
      const message = await getMessageOrThrow(forTenant(prisma, input.tenantId), input.messageId);
      return { keyword: message.channel === 'email' ? null : parseConsentKeyword(message.body) };
    },

    /**
     * Records the consent change, then names every open workflow of the contact on that channel (read from
     * Postgres, not by querying Temporal run by run) so the inbound workflow can stop them.
     */
    async applyConsentKeyword(input: KeywordInput): Promise<{ workflowIds: string[] }> {
      const db = forTenant(prisma, input.tenantId);
      if (input.keyword === 'help') return { workflowIds: [] };
      const status = input.keyword === 'opt-out' ? 'revoked' : 'granted';
      // A contact merged since the message came in: its keyword counts for the contact kept, never for nobody.
      const contactId = await currentContactId(db, input.contactId);
      await setConsent(db, contactId, input.channel, status);
      await recordEvent(db, {
        type: input.keyword === 'opt-out' ? 'consent.revoked' : 'consent.granted',
        subjectType: 'contact',
        subjectId: contactId,
        // The contact's own keyword.
        actor: { kind: 'contact', id: contactId },
        data: { channel: input.channel, messageId: input.messageId },
      });
      logger.info({ tenantId: input.tenantId, contactId, channel: input.channel, status }, 'consent changed by keyword');
      if (input.keyword !== 'opt-out') return { workflowIds: [] };
      const pending = await findOpenMessageWorkflowIds(db, contactId, input.channel);
      // Sequences and quote follow-ups of this contact stop too (they decide by the channel).
      const enrollments = await findOpenEnrollmentWorkflowIds(db, contactId);
      const quotes = await findOpenQuoteWorkflowIds(db, contactId, input.channel);
      return { workflowIds: [...pending, ...enrollments, ...quotes] };
    },

    /** The confirmation for a keyword, as an outbound message. Its id derives from the inbound one, so a retry finds it. */
    async createComplianceReply(input: KeywordInput): Promise<{ messageId: string; workflowId: string }> {
      const db = forTenant(prisma, input.tenantId);
      const tenant = await getTenantOrThrow(db);
      const inbound = await getMessageOrThrow(db, input.messageId);
      const id = complianceReplyMessageId(input.messageId);
      const workflowId = scheduledMessageWorkflowId(input.tenantId, id);
      await createOutboundMessage(db, {
        id,
        contactId: await currentContactId(db, input.contactId),
        channel: input.channel,
        body: complianceReply(input.keyword, tenant),
        scheduledAt: null,
        workflowId,
        origin: 'compliance',
        tenantAddress: await replyFrom(db, input.channel, inbound.tenantAddress),
      });
      return { messageId: id, workflowId };
    },
  };
}
