import type { Channel } from '../../../domain/channels';
import type { Prisma } from '../../client';
import type { TenantTx } from '../../tenant-scope';
import { messageWithContact } from './message-with-contact';

export interface CreateOutboundMessageInput {
  /** New (`newId('msg')`) or derived (domain/derived-ids): a derived id makes the create idempotent. */
  id: string;
  contactId: string;
  channel: Channel;
  body: string;
  subject?: string | null;
  /** null: send now (status queued); otherwise status scheduled. */
  scheduledAt: Date | null;
  workflowId: string;
  /** What created it (reports, and the per-contact bound on compliance replies). */
  origin: 'api' | 'agent' | 'sequence' | 'quote' | 'notification' | 'compliance';
  template?: { contentSid: string; variables: Record<string, string> } | undefined;
  /**
   * WhatsApp: an approved template that stands in for `body` only if the contact's 24-hour window is closed when
   * the message is sent (`body` then becomes `text`, the template as the contact sees it).
   */
  templateWhenWindowClosed?: { contentSid: string; variables: Record<string, string>; text: string } | undefined;
  /** The sender it must go out from (a compliance reply answers from the number it answers); else decided at send time. */
  tenantAddress?: string | null;
}

/**
 * The one way an outbound message row comes into being — API sends, sequence steps, quote messages,
 * compliance replies and owner notifications alike. Idempotent by id: a retried activity or call that derives
 * the same id gets the row that exists (`created: false`). The message joins the contact's thread on its
 * channel (one per contact × channel), so outbound and inbound read as one conversation.
 */
export async function createOutboundMessage(db: TenantTx, input: CreateOutboundMessageInput) {
  const tenantId = db.$tenantId();
  return db.$transaction(async (tx) => {
    const now = new Date();
    const thread = await tx.thread.upsert({
      where: { tenantId_contactId_channel: { tenantId, contactId: input.contactId, channel: input.channel } },
      create: { tenantId, contactId: input.contactId, channel: input.channel, unreadCount: 0, lastMessageAt: now },
      update: { lastMessageAt: now, updatedAt: now },
      select: { id: true },
    });
    const inserted = await tx.message.createMany({
      data: [
        {
          tenantId,
          id: input.id,
          contactId: input.contactId,
          threadId: thread.id,
          direction: 'outbound',
          channel: input.channel,
          body: input.body,
          subject: input.subject ?? null,
          status: input.scheduledAt ? 'scheduled' : 'queued',
          scheduledAt: input.scheduledAt,
          workflowId: input.workflowId,
          origin: input.origin,
          // One key per message for its whole life: every send attempt of it carries the same key.
          idempotencyKey: input.workflowId,
          tenantAddress: input.tenantAddress ?? null,
          ...(input.template ? { templateSid: input.template.contentSid, templateVariables: input.template.variables as Prisma.InputJsonValue } : {}),
          ...(input.templateWhenWindowClosed
            ? {
                templateSid: input.templateWhenWindowClosed.contentSid,
                templateVariables: input.templateWhenWindowClosed.variables as Prisma.InputJsonValue,
                templateOnlyWhenWindowClosed: true,
                templateBody: input.templateWhenWindowClosed.text,
              }
            : {}),
        },
      ],
      skipDuplicates: true,
    });
    const message = await tx.message.findFirstOrThrow({ where: { tenantId, id: input.id }, ...messageWithContact });
    return { message, created: inserted.count === 1 };
  });
}
