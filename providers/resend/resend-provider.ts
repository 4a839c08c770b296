import { classifyResendError, parseRetryAfter } from '../../domain/provider-errors';
import { fetchWithTimeout, networkFailure } from '../http/request-outcome';
import { ProviderError, type MessagingProvider, type OutboundMessage, type SendReceipt } from '../messaging-provider';

export interface ResendConfig {
  apiKey: string;
  /** "Acme <hello@acme.com>" */
  from: string;
  baseUrl?: string;
  timeoutMs?: number;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Resend email over its REST API. Every send carries the message's idempotency key, which Resend
 * deduplicates for 24 hours — so, unlike Twilio, a send whose answer was lost is simply sent again.
 */
export class ResendProvider implements MessagingProvider {
  readonly name = 'resend';

  constructor(private readonly config: ResendConfig) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    if (message.channel !== 'email') throw new ProviderError('permanent', 'UNSUPPORTED_CHANNEL', `Resend does not send ${message.channel}.`);
    const outcome = await fetchWithTimeout(
      `${(this.config.baseUrl ?? 'https://api.resend.com').replace(/\/+$/, '')}/emails`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.config.apiKey}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': message.idempotencyKey.slice(0, 256),
        },
        body: JSON.stringify({
          from: message.from ?? this.config.from,
          to: [message.to],
          subject: message.subject ?? '',
          text: message.body,
          html: message.html ?? `<p>${escapeHtml(message.body).replace(/\n/g, '<br>')}</p>`,
        }),
      },
      this.config.timeoutMs ?? 15_000,
    );
    if ('error' in outcome) {
      const failure = networkFailure('Resend', outcome.error, outcome.timedOut);
      // The idempotency key makes a resend harmless, so a lost answer is just a retry.
      throw failure.kind === 'ambiguous' ? new ProviderError('transient', failure.code, failure.message) : failure;
    }
    const { response } = outcome;
    const payload = (await response.json().catch(() => ({}))) as { id?: string; name?: string; message?: string };
    if (response.ok && payload.id) return { providerMessageId: payload.id, status: 'sent' };
    const classified = classifyResendError(response.status, payload.name ?? null);
    throw new ProviderError(
      classified.kind,
      payload.name ?? `HTTP_${response.status}`,
      `${classified.explanation}${payload.message ? ` Resend: ${payload.message}` : ''}`,
      parseRetryAfter(response.headers.get('retry-after'), Date.now()),
    );
  }
}
