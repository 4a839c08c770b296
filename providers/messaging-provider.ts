import type { Channel } from '../domain/channels';

export interface OutboundMessage {
  channel: Channel;
  /** E.164 for sms/whatsapp, an address for email. */
  to: string;
  body: string;
  subject?: string | null;
  mediaUrls?: string[];
  /** Stable for the life of the message: every attempt to send it carries the same key. */
  idempotencyKey: string;
  /** Overrides the configured sender (a tenant's own number or address). */
  from?: string;
  /** Email: the HTML part (`body` is the text part). */
  html?: string;
  /** Twilio: where delivery statuses are posted; carries the send-ledger id for reconciliation. */
  statusCallbackUrl?: string;
  /** WhatsApp: an approved template instead of free-form text (required outside the 24-hour window). */
  template?: { contentSid: string; variables: Record<string, string> };
}

export interface LookupQuery {
  to: string;
  from?: string;
  body: string;
  sentAfter: Date;
}

export interface SendReceipt {
  providerMessageId: string;
  /** The provider's own status for the message at acceptance (queued, sent, …). */
  status: string;
}

export type ProviderErrorKind = 'permanent' | 'transient' | 'unknown' | 'ambiguous';

/**
 * A provider refused or failed a send. `permanent`: trying again cannot help (invalid number, opted out).
 * `transient`: it may (rate limit, outage, refused connection). `unknown`: an error we do not recognise — a
 * few retries, then give up. `ambiguous`: the request may have reached the provider but no answer came back;
 * look the message up before any resend.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
    /** The provider says the recipient opted out (Twilio 21610). */
    readonly optOut = false,
  ) {
    super(message);
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof Error && error.name === 'ProviderError';
}

export interface MessagingProvider {
  /** Stable name recorded on each message (`fake`, `twilio`, `resend`). */
  readonly name: string;
  send(message: OutboundMessage): Promise<SendReceipt>;
  /** Finds a message the provider accepted, to settle an ambiguous send (providers without idempotency keys). */
  lookup?(query: LookupQuery): Promise<SendReceipt | null>;
}

export type ProviderSet = Record<Channel, MessagingProvider>;
