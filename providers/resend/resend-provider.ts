import { Resend } from 'resend';
import { emailHtmlFromText } from '../../domain/html';
import { parseRetryAfter } from '../../domain/provider-errors';
import { ProviderError, type CallOptions, type MessagingProvider, type OutboundMessage, type SendReceipt } from '../messaging-provider';
import { toInboundEmail, type InboundEmail } from './inbound-email';
import { classifyResendError } from './resend-errors';

/** One Resend credential set with its sender: Herald's own, or a tenant's. */
export interface ResendConfig {
  apiKey: string;
  /** "Acme <hello@acme.com>"; a tenant's own account has none: each send names its `from`. */
  from?: string;
  /** Replaces https://api.resend.com (the SDK's `baseUrl` option): tests point it at a local server. */
  baseUrl?: string;
  /** Deadline for each call to Resend, over the whole response. */
  timeoutMs?: number;
}

/** The SDK's `{ data, error, headers }`, as far as Herald reads it. */
interface SdkResult<T> {
  data: T | null;
  error: { name: string; message: string; statusCode: number | null } | null;
  headers: Record<string, string> | null;
}

/**
 * Resend email through the official SDK. Every send carries the message's idempotency key, which Resend
 * deduplicates for 24 hours — so, unlike Twilio, a send whose answer was lost is simply sent again: every
 * failure without an HTTP status (refused, dropped, timed out, unreadable) is transient.
 */
export class ResendProvider implements MessagingProvider {
  readonly name = 'resend';
  private readonly client: Resend;

  constructor(private readonly config: ResendConfig) {
    this.client = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl.replace(/\/+$/, '') } : undefined);
  }

  /** Runs one SDK call under the deadline and the caller's signal, turning its `error` into a ProviderError. */
  private async call<T>(run: (signal: AbortSignal) => Promise<SdkResult<T>>, options: CallOptions): Promise<T> {
    const deadline = AbortSignal.timeout(this.config.timeoutMs ?? 15_000);
    // The SDK hands the signal to fetch, which keeps it over the body too: the deadline covers the whole answer.
    const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
    const { data, error, headers } = await run(signal);
    if (error || !data) {
      if (error && typeof error.statusCode === 'number') {
        const classified = classifyResendError(error.statusCode, error.name);
        throw new ProviderError(
          classified.kind,
          error.name ?? `HTTP_${error.statusCode}`,
          `${classified.explanation}${error.message ? ` Resend: ${error.message}` : ''}`,
          parseRetryAfter(headers?.['retry-after'], Date.now()),
        );
      }
      // No HTTP status: the SDK could not complete the exchange, or the error it got was not Resend's (a proxy's
      // 502 page, say); it does not tell which.
      const code = options.signal?.aborted ? 'ABORTED' : deadline.aborted ? 'TIMEOUT' : 'NETWORK';
      const what =
        code === 'ABORTED' ? 'The call to Resend was cancelled' : code === 'TIMEOUT' ? 'Resend did not answer in time' : 'Resend could not be reached, or its answer could not be read';
      throw new ProviderError('transient', code, `${what}; it will be tried again.`);
    }
    return data;
  }

  async send(message: OutboundMessage, options: CallOptions = {}): Promise<SendReceipt> {
    if (message.channel !== 'email') throw new ProviderError('permanent', 'UNSUPPORTED_CHANNEL', `Resend does not send ${message.channel}.`);
    const from = message.from ?? this.config.from;
    if (!from) throw new ProviderError('permanent', 'NO_SENDER', 'No email from-address is configured for Resend.');
    const sent = await this.call(
      (signal) =>
        this.client.emails.send(
          {
            from,
            to: [message.to],
            subject: message.subject ?? '',
            text: message.body,
            html: message.html ?? emailHtmlFromText(message.body),
          },
          { idempotencyKey: message.idempotencyKey.slice(0, 256), signal },
        ),
      options,
    );
    if (!sent.id) throw new ProviderError('transient', 'UNREADABLE_ANSWER', 'Resend answered without an email id; it will be tried again.');
    return { providerMessageId: sent.id, status: 'sent' };
  }

  /**
   * A received email's content and threading headers (the `email.received` webhook carries only metadata).
   * Inline images stay `cid:` references: as data URIs (Resend's default) they would swell the HTML by megabytes.
   */
  async fetchInboundEmail(emailId: string, options: CallOptions = {}): Promise<InboundEmail> {
    const email = await this.call((signal) => this.client.emails.receiving.get(emailId, { html_format: 'cid' }, { signal }), options);
    return toInboundEmail(email);
  }
}
