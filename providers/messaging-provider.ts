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
}

export interface SendReceipt {
  providerMessageId: string;
  /** The provider's own status for the message at acceptance (queued, sent, …). */
  status: string;
}

export type ProviderErrorKind = 'permanent' | 'transient';

/**
 * A provider refused or failed a send. `permanent` means trying again cannot help (invalid number, opted
 * out); `transient` means it may (rate limit, outage, network).
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
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
}

export type ProviderSet = Record<Channel, MessagingProvider>;
