import { Context } from '@temporalio/activity';
import { fillApprovedTemplate } from '../domain/approved-templates';
import { SYSTEM_ACTOR } from '../domain/audit';
import { deliveryBlocker } from '../domain/channels';
import type { Logger } from 'pino';
import { renderTemplate, type TemplateProblem } from '../domain/templates';
import type { AppPrisma } from '../prisma/client';
import { recordEvent } from '../prisma/queries/event-logs/record-event';
import { messageExists } from '../prisma/queries/messages/message-exists';
import {
  expireUnansweredQuote,
  getQuoteWithContactOrThrow,
  markQuoteFollowedUp,
  markQuoteSent,
  setQuoteWorkflowId,
} from '../prisma/queries/quotes/quotes';
import { getTenantOrThrow } from '../prisma/queries/tenants/get-tenant-or-throw';
import { forTenant } from '../prisma/tenant-scope';
import { quotePageUrl } from '../domain/quote-page-url';
import { quoteMessageId, scheduledMessageWorkflowId } from '../domain/derived-ids';
import { createOutboundMessage } from '../prisma/queries/messages/create-outbound-message';

export interface QuoteRef {
  tenantId: string;
  quoteId: string;
}

export type QuoteMessageKind = 'initial' | 'follow_up';

export interface QuoteTimeline {
  status: 'draft' | 'open' | 'sent' | 'accepted' | 'rejected' | 'expired';
  contactId: string;
  expiresAt: string | null;
  followUpDays: number;
  /** The zone its times read in (the contact's, else the tenant's); absent in timelines read before it existed. */
  timeZone?: string;
  /** How it is sent; absent in timelines read before quotes had a channel (they were all SMS). */
  channel?: 'sms' | 'whatsapp';
}

export type PreparedQuoteMessage =
  | { kind: 'send'; messageId: string; workflowId: string; contactId: string }
  | { kind: 'skip'; reason: 'closed' | 'no_phone' | 'opted_out' }
  | { kind: 'invalid'; problems: TemplateProblem[] };


export function createQuoteActivities({ prisma, logger, quotePageBaseUrl }: { prisma: AppPrisma; logger: Logger; quotePageBaseUrl: string }) {
  return {
    async getQuoteTimeline(ref: QuoteRef): Promise<QuoteTimeline> {
      const db = forTenant(prisma, ref.tenantId);
      const quote = await getQuoteWithContactOrThrow(db, ref.quoteId);
      const workflowId = Context.current().info.workflowExecution?.workflowId;
      // Quotes inserted by other tools learn their workflow here (the relay started it).
      if (!quote.workflowId && workflowId) await setQuoteWorkflowId(db, quote.id, workflowId);
      const tenant = await getTenantOrThrow(db);
      return {
        status: quote.status,
        contactId: quote.contactId,
        expiresAt: quote.expiresAt?.toISOString() ?? null,
        followUpDays: tenant.quoteFollowUpDays,
        timeZone: quote.contact.timeZone || tenant.timeZone,
        channel: quote.channel === 'whatsapp' ? 'whatsapp' : 'sms',
      };
    },

    /**
     * Renders the tenant's quote message (or follow-up) for the lead and writes its row once. Never a blank
     * in a customer's message: a template that cannot be filled is recorded, and nothing is sent.
     */
    async prepareQuoteMessage(ref: QuoteRef & { kind: QuoteMessageKind }): Promise<PreparedQuoteMessage> {
      const db = forTenant(prisma, ref.tenantId);
      const messageId = quoteMessageId(ref.quoteId, ref.kind);
      const workflowId = scheduledMessageWorkflowId(ref.tenantId, messageId);
      const quote = await getQuoteWithContactOrThrow(db, ref.quoteId);
      if (await messageExists(db, messageId)) return { kind: 'send', messageId, workflowId, contactId: quote.contactId };

      const open = ref.kind === 'initial' ? quote.status === 'open' : quote.status === 'sent' || quote.status === 'open';
      if (!open) return { kind: 'skip', reason: 'closed' };
      const { contact } = quote;
      const channel = quote.channel === 'whatsapp' ? 'whatsapp' : 'sms';
      const blocker = deliveryBlocker(contact, channel);
      if (blocker === 'missing_channel') return { kind: 'skip', reason: 'no_phone' };
      if (blocker === 'opted_out') return { kind: 'skip', reason: 'opted_out' };

      const tenant = await getTenantOrThrow(db);
      const template = ref.kind === 'initial' ? tenant.quoteMessageTemplate : tenant.quoteFollowUpTemplate;
      const context = {
        contact,
        tenant: { businessName: tenant.businessName, supportContact: tenant.supportContact },
        quote: {
          total: quote.total.toString(),
          currency: quote.currency,
          shortUrl: quotePageUrl(quotePageBaseUrl, quote.publicToken),
          title: quote.title,
          expiresAt: quote.expiresAt,
          data: quote.data,
          timeZone: contact.timeZone || tenant.timeZone,
        },
      };
      const rendered = renderTemplate(template, context);
      if (!rendered.ok) {
        await recordEvent(db, {
          type: 'quote.message_invalid',
          subjectType: 'quote',
          subjectId: quote.id,
          actor: SYSTEM_ACTOR,
          data: { kind: ref.kind, problems: rendered.problems.map((p) => p.message) },
        });
        logger.warn({ tenantId: ref.tenantId, quoteId: quote.id, problems: rendered.problems }, 'quote message template could not be filled');
        return { kind: 'invalid', problems: rendered.problems };
      }
      // WhatsApp: the same text as WhatsApp approved it goes instead once the contact's 24-hour window has closed.
      const contentSid = channel === 'whatsapp' ? (ref.kind === 'initial' ? tenant.quoteWhatsappContentSid : tenant.quoteFollowUpWhatsappContentSid) : null;
      const approved = contentSid ? fillApprovedTemplate(template, context) : null;
      if (approved && !approved.ok) {
        logger.warn({ tenantId: ref.tenantId, quoteId: quote.id, variables: approved.problems.map((p) => p.number) }, 'approved quote text cannot be filled; it goes as text only');
      }
      await createOutboundMessage(db, {
        id: messageId,
        contactId: contact.id,
        channel,
        body: rendered.text,
        scheduledAt: null,
        origin: 'quote',
        workflowId,
        ...(contentSid && approved?.ok ? { templateWhenWindowClosed: { contentSid, variables: approved.variables, text: approved.text } } : {}),
      });
      return { kind: 'send', messageId, workflowId, contactId: contact.id };
    },

    async markQuoteSent(ref: QuoteRef): Promise<void> {
      const db = forTenant(prisma, ref.tenantId);
      if (await markQuoteSent(db, ref.quoteId)) await recordEvent(db, { type: 'quote.sent', subjectType: 'quote', subjectId: ref.quoteId, actor: SYSTEM_ACTOR });
    },

    async markQuoteFollowedUp(ref: QuoteRef): Promise<void> {
      const db = forTenant(prisma, ref.tenantId);
      await markQuoteFollowedUp(db, ref.quoteId);
      await recordEvent(db, { type: 'quote.followed_up', subjectType: 'quote', subjectId: ref.quoteId, actor: SYSTEM_ACTOR });
    },

    /** Expires a quote nobody answered; false when it was answered (or expired) first. */
    async expireQuote(ref: QuoteRef): Promise<boolean> {
      const db = forTenant(prisma, ref.tenantId);
      const expired = await expireUnansweredQuote(db, ref.quoteId);
      if (expired) await recordEvent(db, { type: 'quote.expired', subjectType: 'quote', subjectId: ref.quoteId, actor: SYSTEM_ACTOR });
      return expired;
    },

    async recordQuoteNotSent(ref: QuoteRef & { reason: string }): Promise<void> {
      const db = forTenant(prisma, ref.tenantId);
      await recordEvent(db, { type: 'quote.not_sent', subjectType: 'quote', subjectId: ref.quoteId, actor: SYSTEM_ACTOR, data: { reason: ref.reason } });
    },
  };
}
