import { Resend } from 'resend';

// verify() is local (the Standard Webhooks scheme Svix signs with) and never calls the API, but the SDK's
// constructor insists on a key.
const resend = new Resend('re_webhook_verification_only');

/**
 * Resend signs webhooks Svix-style (svix-id, svix-timestamp, svix-signature); the check needs the raw body
 * exactly as received and refuses stale timestamps. Returns the parsed event, or null when it is not Resend's.
 */
export function verifyResendSignature(secret: string, rawBody: string, headers: Record<string, string | undefined>): unknown {
  try {
    return resend.webhooks.verify({
      payload: rawBody,
      headers: { id: headers['svix-id'] ?? '', timestamp: headers['svix-timestamp'] ?? '', signature: headers['svix-signature'] ?? '' },
      webhookSecret: secret,
    });
  } catch {
    return null;
  }
}
