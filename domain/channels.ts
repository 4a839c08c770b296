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

/** Which contact field holds a channel's consent. */
export function consentFieldFor(channel: Channel): 'smsConsent' | 'whatsappConsent' | 'emailConsent' {
  return channel === 'sms' ? 'smsConsent' : channel === 'whatsapp' ? 'whatsappConsent' : 'emailConsent';
}

/**
 * Why a contact cannot get a message on a channel right now, or null when it can: no address for it, or an
 * opt-out. The enrollment's step preparation and the schedule preview both ask this.
 */
export function deliveryBlocker(
  contact: { phone: string | null; email: string | null; smsConsent: string; whatsappConsent: string; emailConsent: string },
  channel: Channel,
): 'missing_channel' | 'opted_out' | null {
  if (!contact[addressFieldFor(channel)]) return 'missing_channel';
  if (contact[consentFieldFor(channel)] === 'revoked') return 'opted_out';
  return null;
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
export const MessageStatusSchema = z
  .enum(MESSAGE_STATUSES)
  .describe('Message status: scheduled → queued → sending → sent → delivered (or read, undelivered, failed); cancelled; received (inbound)');
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

/** Statuses in which an outbound message has not left Herald yet and may still be cancelled or moved. */
export const PENDING_STATUSES: readonly MessageStatus[] = ['scheduled', 'queued'];

export function isPending(status: MessageStatus): boolean {
  return PENDING_STATUSES.includes(status);
}
