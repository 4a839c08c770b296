import type { Channel } from '../../../domain/channels';
import { newId } from '../../ids';
import { retryOnUniqueViolation } from '../../postgres-errors';
import type { TenantTx } from '../../tenant-scope';
import { findOrCreateContactByAddress } from '../contacts/find-or-create-contact-by-address';
import { enqueueWorkflowStarts } from '../workflow-outbox/enqueue-workflow-starts';

export interface InboundMessageInput {
  channel: Channel;
  /** E.164 (sms/whatsapp) or an email address. */
  from: string;
  /** Email: the subject line. */
  subject?: string | null;
  body: string;
  mediaUrls: string[];
  providerMessageId: string;
  provider: string;
  receivedAt: Date;
  /** The tenant's number or address it was sent to (Twilio's `To`), when the provider says. */
  tenantAddress?: string | null;
}

/**
 * One transaction: the contact (created on first contact), the thread (contact × channel) with its unread
 * count and last-message time, the message, for WhatsApp the start of the 24-hour window, and the start of
 * the message's workflow in the outbox — so a stored message always gets its workflow, whether or not
 * Temporal is reachable right now. `starts` is what this call queued (empty for a duplicate).
 *
 * Race-free: concurrent messages from one new number make one contact and one thread, and one message
 * delivered several times at once is recorded once (a unique value taken meanwhile runs it again).
 */
export async function recordInboundMessage(db: TenantTx, input: InboundMessageInput) {
  return retryOnUniqueViolation(db, async (tx) => {
    const tenantId = tx.$tenantId();
    // A webhook delivered twice records one message.
    const existing = await tx.message.findUnique({ where: { providerMessageId: input.providerMessageId } });
    if (existing) {
      const contact = await tx.contact.findFirstOrThrow({ where: { id: existing.contactId } });
      const thread = await tx.thread.findFirstOrThrow({ where: { contactId: existing.contactId, channel: input.channel } });
      return { contact, thread, message: existing, duplicate: true, starts: [] };
    }
    const address = input.channel === 'email' ? { email: input.from } : { phone: input.from };
    const contact = await findOrCreateContactByAddress(tx, address, { source: `inbound-${input.channel}` });
    if (input.channel === 'whatsapp') {
      await tx.contact.updateMany({ where: { id: contact.id }, data: { lastInboundWhatsappAt: input.receivedAt } });
    }
    const thread = await tx.thread.upsert({
      where: { tenantId_contactId_channel: { tenantId, contactId: contact.id, channel: input.channel } },
      create: { tenantId, contactId: contact.id, channel: input.channel, unreadCount: 1, lastMessageAt: input.receivedAt, lastInboundAt: input.receivedAt },
      // The contact writing reopens the thread and ends a snooze.
      update: { unreadCount: { increment: 1 }, lastMessageAt: input.receivedAt, lastInboundAt: input.receivedAt, status: 'open', snoozedUntil: null },
    });
    const message = await tx.message.create({
      data: {
        id: newId('msg'),
        tenantId,
        contactId: contact.id,
        threadId: thread.id,
        direction: 'inbound',
        channel: input.channel,
        body: input.body,
        subject: input.subject ?? null,
        mediaUrls: input.mediaUrls,
        status: 'received',
        provider: input.provider,
        providerMessageId: input.providerMessageId,
        tenantAddress: input.tenantAddress ?? null,
        createdAt: input.receivedAt,
      },
    });
    const starts = await enqueueWorkflowStarts(tx, [
      { kind: 'inbound', tenantId, messageId: message.id, contactId: contact.id, channel: input.channel },
    ]);
    return { contact, thread, message, duplicate: false, starts };
  });
}
