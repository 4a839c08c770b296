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
  /**
   * Overrides the adapter's configured sender: an E.164 number or a Twilio Messaging Service SID (`MG…`) for
   * sms/whatsapp, a from-address for email.
   */
  from?: string;
  /** Email: an HTML part to send instead of the one made from `body` (`body` is always the text part). */
  html?: string;
  /** Twilio: where delivery statuses are posted; carries the send-ledger id for reconciliation. */
  statusCallbackUrl?: string;
  /** WhatsApp: an approved template instead of free-form text (required outside the 24-hour window). */
  template?: { contentSid: string; variables: Record<string, string> };
}

/** What an ambiguous send looked like, to find it at a provider without idempotency keys. */
export interface LookupQuery {
  channel: Channel;
  /** The recipient as the send had it: bare E.164 for sms/whatsapp (the adapter adds any channel prefix). */
  to: string;
  /** The `from` the send passed, if it passed one; absent means the adapter's configured sender, as for the send. */
  from?: string;
  /** The free-form text sent; null for a template send, whose text the provider renders itself. */
  body: string | null;
  /** When the first attempt began: only messages created since then can be this one. */
  sentAfter: Date;
  /**
   * Of the provider ids given, those another send already owns. Two sends with the same words to the same person
   * from the same sender look alike; the one whose answer was lost must not take the other's message for its own.
   */
  claimedElsewhere?: (providerMessageIds: string[]) => Promise<ReadonlySet<string>>;
}

export interface CallOptions {
  /** Aborts the call (the activity was cancelled); what it means for the send is reported like any failure. */
  signal?: AbortSignal;
}

export interface SendReceipt {
  providerMessageId: string;
  /** The provider's own status for the message at acceptance (queued, sent, …). */
  status: string;
}

export type ProviderErrorKind = 'permanent' | 'transient' | 'unknown' | 'ambiguous';

/**
 * A provider refused or failed a send. `permanent`: trying again cannot help (invalid number, opted out).
 * `transient`: it may (rate limit, outage, refused connection, or any failure of a call that changes nothing).
 * `unknown`: an error we do not recognise — a few retries, then give up. `ambiguous`: the request may have
 * reached the provider but no readable answer came back (a timeout, a connection dropped after the request
 * left, a 2xx whose body could not be read): look the message up before any resend.
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
  send(message: OutboundMessage, options?: CallOptions): Promise<SendReceipt>;
  /** Finds a message the provider accepted, to settle an ambiguous send (providers without idempotency keys). */
  lookup?(query: LookupQuery, options?: CallOptions): Promise<SendReceipt | null>;
}

export type ProviderSet = Record<Channel, MessagingProvider>;
