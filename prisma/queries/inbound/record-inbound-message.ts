import type { Channel } from '../../../domain/channels';
import { newId } from '../../ids';
import type { TenantDb } from '../../tenant-scope';

export interface InboundMessageInput {
  channel: Channel;
  /** E.164 (sms/whatsapp) or an email address. */
  from: string;
  body: string;
  mediaUrls: string[];
  providerMessageId: string;
  provider: string;
  receivedAt: Date;
}

/**
 * One transaction: the contact (created on first contact), the thread (contact × channel) with its unread
 * count and last-message time, the message, and for WhatsApp the start of the 24-hour window.
 */
export async function recordInboundMessage(db: TenantDb, input: InboundMessageInput) {
  const tenantId = db.$tenantId();
  return db.$transaction(async (tx) => {
    // A webhook delivered twice records one message.
    const existing = await tx.message.findUnique({ where: { providerMessageId: input.providerMessageId } });
    if (existing && existing.tenantId === tenantId) {
      const contact = await tx.contact.findFirstOrThrow({ where: { tenantId, id: existing.contactId } });
      const thread = await tx.thread.findFirstOrThrow({ where: { tenantId, contactId: existing.contactId, channel: input.channel } });
      return { contact, thread, message: existing, duplicate: true };
    }
    const address = input.channel === 'email' ? { email: input.from } : { phone: input.from };
    const contact =
      (await tx.contact.findFirst({ where: { tenantId, ...address } })) ??
      (await tx.contact.create({ data: { tenantId, ...address, source: `inbound-${input.channel}` } }));
    if (input.channel === 'whatsapp') {
      await tx.contact.updateMany({ where: { tenantId, id: contact.id }, data: { lastInboundWhatsappAt: input.receivedAt } });
    }
    const thread = await tx.thread.upsert({
      where: { tenantId_contactId_channel: { tenantId, contactId: contact.id, channel: input.channel } },
      create: { tenantId, contactId: contact.id, channel: input.channel, unreadCount: 1, lastMessageAt: input.receivedAt },
      update: { unreadCount: { increment: 1 }, lastMessageAt: input.receivedAt, status: 'open' },
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
        mediaUrls: input.mediaUrls,
        status: 'received',
        provider: input.provider,
        providerMessageId: input.providerMessageId,
        createdAt: input.receivedAt,
      },
    });
    return { contact, thread, message, duplicate: false };
  });
}
