import type { ClassifiedError } from '../../domain/provider-errors';

/** Herald's own code for a trial account asked to text a number it has not verified. */
export const TRIAL_UNVERIFIED_NUMBER = 'TRIAL_UNVERIFIED_NUMBER';

export const TRIAL_UNVERIFIED_EXPLANATION =
  'This Twilio account is a trial account, which can only text numbers verified in the Twilio console (Phone Numbers → Verified Caller IDs). ' +
  'Verify this number there, or upgrade the account, and send again.';

/**
 * Twilio advises an allow-list over hard logic on every code: only codes we understand are permanent; the
 * rest get a small, bounded number of retries (`unknown`).
 */
const TWILIO: Record<number, ClassifiedError> = {
  21211: { kind: 'permanent', explanation: "The phone number is not valid: check the contact's number." },
  21214: { kind: 'permanent', explanation: 'The phone number cannot be reached (not a valid mobile number).' },
  21408: { kind: 'permanent', explanation: 'Sending to this country is not enabled on the Twilio account.' },
  21606: { kind: 'permanent', explanation: "The sender number cannot send this kind of message; check the tenant's sender number." },
  21608: { kind: 'permanent', explanation: TRIAL_UNVERIFIED_EXPLANATION },
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

/** What a Twilio error (HTTP status and Twilio error code, from a response or a status callback) means. */
export function classifyTwilioError(httpStatus: number, code: number | null): ClassifiedError {
  if (code !== null && TWILIO[code]) return TWILIO[code]!;
  if (httpStatus === 429) return { kind: 'transient', explanation: 'Twilio is rate limiting the account; the send will be retried.' };
  if (httpStatus >= 500) return { kind: 'transient', explanation: 'Twilio had a server error; the send will be retried.' };
  if (httpStatus === 401 || httpStatus === 403) {
    return { kind: 'permanent', explanation: 'Twilio rejected the credentials: check the account SID and auth token.' };
  }
  return { kind: 'unknown', explanation: `Twilio refused the message${code ? ` (error ${code})` : ''}.` };
}
