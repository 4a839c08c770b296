/**
 * What a provider's error means for Herald: give up (permanent), try again later (transient), or try a few
 * more times because nobody knows (unknown). Each provider's own codes are read beside its adapter
 * (providers/twilio, providers/resend); what they mean is said here, once, in these words.
 */
export type ErrorClass = 'permanent' | 'transient' | 'unknown';

export interface ClassifiedError {
  kind: ErrorClass;
  /** A sentence an agent can act on. */
  explanation: string;
  /** The recipient opted out at the carrier: turn consent off for the channel. */
  optOut?: boolean;
}

/** Retry-After is either seconds or an HTTP date; returns milliseconds, or undefined when absent/unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Free-form WhatsApp is allowed only within 24 hours of the contact's last inbound WhatsApp message. */
export function whatsappWindowOpen(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < WHATSAPP_WINDOW_MS;
}
