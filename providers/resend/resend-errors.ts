import type { ClassifiedError } from '../../domain/provider-errors';

/** What a Resend error (HTTP status and Resend's error `name`) means. */
export function classifyResendError(httpStatus: number, name: string | null): ClassifiedError {
  if (httpStatus === 429) return { kind: 'transient', explanation: 'Resend is rate limiting the account; the send will be retried.' };
  if (httpStatus >= 500) return { kind: 'transient', explanation: 'Resend had a server error; the send will be retried.' };
  if (httpStatus === 401 || httpStatus === 403) {
    return { kind: 'permanent', explanation: 'Resend rejected the API key or the sending domain: check the API key and the from-address.' };
  }
  if (httpStatus === 400 || httpStatus === 422) {
    return { kind: 'permanent', explanation: `Resend rejected the email as invalid${name ? ` (${name})` : ''}.` };
  }
  if (httpStatus === 404) return { kind: 'permanent', explanation: 'Resend has no such email.' };
  return { kind: 'unknown', explanation: `Resend refused the email${name ? ` (${name})` : ''}.` };
}
