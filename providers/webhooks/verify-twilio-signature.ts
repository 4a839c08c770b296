import twilio from 'twilio';

/**
 * X-Twilio-Signature over the exact public URL Twilio called (scheme, host, path and query) and the
 * form-decoded body. Checked before anything is written.
 */
export function verifyTwilioSignature(authToken: string, signature: string | undefined, url: string, params: Record<string, unknown>): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params as Record<string, string>);
}

export function twilioSignatureFor(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
