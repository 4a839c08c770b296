import { Webhook } from 'svix';

/** Resend signs webhooks Svix-style; the check needs the raw body exactly as received. Returns the parsed event or null. */
export function verifyResendSignature(secret: string, rawBody: string, headers: Record<string, string | undefined>): unknown {
  try {
    return new Webhook(secret).verify(rawBody, {
      'svix-id': headers['svix-id'] ?? '',
      'svix-timestamp': headers['svix-timestamp'] ?? '',
      'svix-signature': headers['svix-signature'] ?? '',
    });
  } catch {
    return null;
  }
}
