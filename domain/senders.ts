import type { Channel } from './channels';
import { isSmsShortCode } from './phone';

/** What a sender is: the form Twilio or Resend takes it in. */
export type SenderKind = 'phone_number' | 'short_code' | 'messaging_service' | 'email';

/** A Twilio Messaging Service SID: Twilio picks the number from the service's pool for each message. */
export function isMessagingServiceSid(value: string): boolean {
  return /^MG[0-9a-fA-F]{32}$/.test(value);
}

export function senderKind(channel: Channel, address: string): SenderKind {
  if (channel === 'email') return 'email';
  if (isMessagingServiceSid(address)) return 'messaging_service';
  if (isSmsShortCode(address)) return 'short_code';
  return 'phone_number';
}

/** RFC 5322 "specials": a display name that holds one is written as a quoted string. */
const SPECIALS = /[()<>[\]:;@\\,."]/;

/**
 * The `from` of an email: `Acme Plumbing <hello@acme.com>`, or the bare address without a name. A display name is
 * stored without quotes, backslashes, angle brackets or line breaks (the schema refuses them), so quoting it is
 * always safe.
 */
export function emailFrom(address: string, displayName: string | null | undefined): string {
  if (!displayName) return address;
  return SPECIALS.test(displayName) ? `"${displayName}" <${address}>` : `${displayName} <${address}>`;
}

/** The bare sender Twilio writes under a channel prefix (`whatsapp:+1…` → `+1…`). */
export function bareTwilioAddress(value: string): string {
  return value.replace(/^whatsapp:/, '');
}

