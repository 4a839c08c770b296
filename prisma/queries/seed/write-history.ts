import { randomUUID } from 'node:crypto';
import type { Channel, MessageStatus } from '../../../domain/channels';
import { newId } from '../../ids';
import type { TenantDb } from '../../tenant-scope';

/** A message of the past, for the demo: history to read, never sent (no workflow, no provider call). */
export interface HistoricalMessage {
  contactId: string;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  body: string;
  subject?: string;
  /** Where it ended; received for inbound ones. */
  status: Extract<MessageStatus, 'received' | 'sent' | 'delivered' | 'read' | 'undelivered' | 'failed' | 'cancelled'>;
  at: Date;
  errorCode?: string;
  origin?: 'api' | 'agent' | 'sequence' | 'quote';
}

const STEP_MS = { sent: 2_000, delivered: 9_000, read: 4 * 60_000 } as const;
const fakeId = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 28).toUpperCase()}`;

/**
 * Seed only: writes demo history with its own (past) timestamps into the contacts' threads, one transaction.
 * Live messages never come this way — they go through createOutboundMessage and a workflow, or through the
 * inbound path. Each thread's last activity and last inbound time follow the history written here.
 */
export async function writeHistory(db: TenantDb, messages: HistoricalMessage[]): Promise<void> {
  const tenantId = db.$tenantId();
  await db.$transaction(async (tx) => {
    const threads = new Map<string, string>();
    for (const key of new Set(messages.map((m) => `${m.contactId}|${m.channel}`))) {
      const [contactId, channel] = key.split('|') as [string, Channel];
      const mine = messages.filter((m) => m.contactId === contactId && m.channel === channel);
      const last = new Date(Math.max(...mine.map((m) => m.at.getTime())));
      const inbound = mine.filter((m) => m.direction === 'inbound').map((m) => m.at.getTime());
      const lastInboundAt = inbound.length ? new Date(Math.max(...inbound)) : null;
      const thread = await tx.thread.upsert({
        where: { tenantId_contactId_channel: { tenantId, contactId, channel } },
        create: { tenantId, contactId, channel, lastMessageAt: last, lastInboundAt, createdAt: new Date(Math.min(...mine.map((m) => m.at.getTime()))) },
        update: { lastMessageAt: last, lastInboundAt },
        select: { id: true },
      });
      threads.set(key, thread.id);
    }
    await tx.message.createMany({
      data: messages.map((m) => {
        const after = (ms: number) => new Date(m.at.getTime() + ms);
        const reached = (step: keyof typeof STEP_MS) =>
          m.direction === 'outbound' && ['sent', 'delivered', 'read', 'undelivered'].includes(m.status) && (step === 'sent' || m.status === step || (step === 'delivered' && m.status === 'read'));
        return {
          tenantId,
          id: newId('msg'),
          contactId: m.contactId,
          threadId: threads.get(`${m.contactId}|${m.channel}`)!,
          direction: m.direction,
          channel: m.channel,
          body: m.body,
          subject: m.subject ?? null,
          status: m.status,
          provider: m.status === 'cancelled' ? null : 'fake',
          providerMessageId: m.status === 'cancelled' || (m.status === 'failed' && m.direction === 'outbound') ? null : fakeId(m.direction === 'inbound' ? 'FAKEIN' : 'FAKE'),
          errorCode: m.errorCode ?? null,
          scheduledAt: m.status === 'cancelled' ? after(24 * 3600_000) : null,
          sentAt: reached('sent') ? after(STEP_MS.sent) : null,
          deliveredAt: reached('delivered') ? after(STEP_MS.delivered) : null,
          readAt: reached('read') ? after(STEP_MS.read) : null,
          cancelledAt: m.status === 'cancelled' ? after(3600_000) : null,
          origin: m.direction === 'outbound' ? (m.origin ?? 'agent') : null,
          createdAt: m.at,
          updatedAt: m.at,
        };
      }),
    });
  });
}
