import type { Logger } from 'pino';
import type { Channel } from '../domain/channels';
import { complianceReply, type ConsentKeyword } from '../domain/consent-keywords';
import { scheduledMessageWorkflowId } from '../domain/derived-ids';
import type { PrismaClient } from '../prisma/client';
import { setConsent } from '../prisma/queries/contacts/set-consent';
import { recordEvent } from '../prisma/queries/event-logs/record-event';
import { forTenant } from '../prisma/tenant-scope';

export interface KeywordInput {
  tenantId: string;
  contactId: string;
  messageId: string;
  channel: Channel;
  keyword: ConsentKeyword;
}

export function createInboundActivities({ prisma, logger }: { prisma: PrismaClient; logger: Logger }) {
  return {
    /**
     * Records the consent change, then names every open workflow of the contact on that channel (read from
     * Postgres, not by querying Temporal run by run) so the inbound workflow can stop them.
     */
    async applyConsentKeyword(input: KeywordInput): Promise<{ workflowIds: string[] }> {
      const db = forTenant(prisma, input.tenantId);
      if (input.keyword === 'help') return { workflowIds: [] };
      const status = input.keyword === 'opt-out' ? 'revoked' : 'granted';
      await setConsent(db, input.contactId, input.channel, status);
      await recordEvent(db, {
        type: input.keyword === 'opt-out' ? 'consent.revoked' : 'consent.granted',
        subjectType: 'contact',
        subjectId: input.contactId,
        data: { channel: input.channel, messageId: input.messageId },
      });
      logger.info({ tenantId: input.tenantId, contactId: input.contactId, channel: input.channel, status }, 'consent changed by keyword');
      if (input.keyword !== 'opt-out') return { workflowIds: [] };
      const pending = await db.message.findMany({
        where: { contactId: input.contactId, channel: input.channel, direction: 'outbound', status: { in: ['scheduled', 'queued', 'sending'] }, workflowId: { not: null } },
        select: { workflowId: true },
      });
      // Sequences and quote follow-ups of this contact stop too (they decide by the channel).
      const enrollments = await db.enrollment.findMany({
        where: { contactId: input.contactId, status: { in: ['active', 'paused'] }, workflowId: { not: null } },
        select: { workflowId: true },
      });
      const quotes =
        input.channel === 'sms'
          ? await db.quote.findMany({ where: { contactId: input.contactId, status: { in: ['open', 'sent'] }, workflowId: { not: null } }, select: { workflowId: true } })
          : [];
      return { workflowIds: [...pending, ...enrollments, ...quotes].map((m) => m.workflowId!) };
    },

    /** The confirmation for a keyword, as an outbound message. Its id derives from the inbound one, so a retry finds it. */
    async createComplianceReply(input: KeywordInput): Promise<{ messageId: string; workflowId: string }> {
      const db = forTenant(prisma, input.tenantId);
      const tenant = await db.tenant.findFirstOrThrow({});
      const inbound = await db.message.findFirstOrThrow({ where: { id: input.messageId } });
      const id = `${input.messageId}r`;
      const workflowId = scheduledMessageWorkflowId(input.tenantId, id);
      await db.message.createMany({
        data: [
          {
            tenantId: input.tenantId,
            id,
            contactId: input.contactId,
            threadId: inbound.threadId,
            direction: 'outbound',
            channel: input.channel,
            body: complianceReply(input.keyword, tenant),
            status: 'queued',
            workflowId,
            idempotencyKey: workflowId,
          },
        ],
        skipDuplicates: true,
      });
      return { messageId: id, workflowId };
    },
  };
}
