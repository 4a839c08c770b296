/**
 * What a provider's error means for Herald: give up (permanent), try again later (transient), or try a few
 * more times because nobody knows (unknown). Twilio advises an allow-list over hard logic on every code, so
 * only codes we understand are permanent; the rest get a small, bounded number of retries.
 */
export type ErrorClass = 'permanent' | 'transient' | 'unknown';

export interface ClassifiedError {
  kind: ErrorClass;
  /** A sentence an agent can act on. */
  explanation: string;
  /** The recipient opted out at the carrier: turn consent off for the channel. */
  optOut?: boolean;
}

const TWILIO: Record<number, ClassifiedError> = {
  21211: { kind: 'permanent', explanation: "The phone number is not valid: check the contact's number." },
  21214: { kind: 'permanent', explanation: 'The phone number cannot be reached (not a valid mobile number).' },
  21408: { kind: 'permanent', explanation: 'Sending to this country is not enabled on the Twilio account.' },
  21606: { kind: 'permanent', explanation: "The sender number cannot send this kind of message; check the tenant's sender number." },
  21610: {
    kind: 'permanent',
    explanation: 'The recipient replied STOP and is unsubscribed; they must text START to receive messages again.',
    optOut: true,
  },
  21612: { kind: 'permanent', explanation: 'Twilio cannot route a message between this sender and recipient.' },
  21614: { kind: 'permanent', explanation: 'The number is not a mobile number (probably a landline) and cannot receive SMS.' },
  63016: {
    kind: 'permanent',
    explanation: "Outside WhatsApp's 24-hour window: the contact has not written in the last 24 hours, so only an approved template can be sent.",
  },
  20429: { kind: 'transient', explanation: 'Twilio is rate limiting the account; the send will be retried.' },
};

export function classifyTwilioError(httpStatus: number, code: number | null): ClassifiedError {
  if (code !== null && TWILIO[code]) return TWILIO[code]!;
  if (httpStatus === 429) return { kind: 'transient', explanation: 'Twilio is rate limiting the account; the send will be retried.' };
  if (httpStatus >= 500) return { kind: 'transient', explanation: 'Twilio had a server error; the send will be retried.' };
  if (httpStatus === 401 || httpStatus === 403) {
    return { kind: 'permanent', explanation: 'Twilio rejected the credentials: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.' };
  }
  return { kind: 'unknown', explanation: `Twilio refused the message${code ? ` (error ${code})` : ''}.` };
}

export function classifyResendError(httpStatus: number, name: string | null): ClassifiedError {
  if (httpStatus === 429) return { kind: 'transient', explanation: 'Resend is rate limiting the account; the send will be retried.' };
  if (httpStatus >= 500) return { kind: 'transient', explanation: 'Resend had a server error; the send will be retried.' };
  if (httpStatus === 401 || httpStatus === 403) {
    return { kind: 'permanent', explanation: 'Resend rejected the API key or the sending domain: check RESEND_API_KEY and RESEND_FROM.' };
  }
  if (httpStatus === 400 || httpStatus === 422) {
    return { kind: 'permanent', explanation: `Resend rejected the email as invalid${name ? ` (${name})` : ''}.` };
  }
  return { kind: 'unknown', explanation: `Resend refused the email${name ? ` (${name})` : ''}.` };
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
