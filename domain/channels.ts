import { z } from 'zod';

export const CHANNELS = ['sms', 'whatsapp', 'email'] as const;
export const ChannelSchema = z.enum(CHANNELS).describe('Delivery channel: sms, whatsapp or email');
export type Channel = z.infer<typeof ChannelSchema>;

/**
 * Longest body each channel accepts. Twilio rejects SMS bodies over 1,600 characters (it splits longer
 * texts into segments up to that limit); WhatsApp free-form text is capped at 4,096; email is bounded
 * only to keep payloads far below Temporal's 2 MB limit.
 */
export const MAX_BODY_LENGTH: Record<Channel, number> = {
  sms: 1600,
  whatsapp: 4096,
  email: 100_000,
};

export const MAX_SUBJECT_LENGTH = 998;

/** Which contact field a channel needs. */
export function addressFieldFor(channel: Channel): 'phone' | 'email' {
  return channel === 'email' ? 'email' : 'phone';
}

export const MESSAGE_STATUSES = [
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'undelivered',
  'failed',
  'cancelled',
  'received',
] as const;
export const MessageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

/** Statuses in which an outbound message has not left Herald yet and may still be cancelled or moved. */
export const PENDING_STATUSES: readonly MessageStatus[] = ['scheduled', 'queued'];

export function isPending(status: MessageStatus): boolean {
  return PENDING_STATUSES.includes(status);
}
