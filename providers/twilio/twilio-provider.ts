import { classifyTwilioError, parseRetryAfter } from '../../domain/provider-errors';
import { fetchWithTimeout, networkFailure } from '../http/request-outcome';
import { ProviderError, type LookupQuery, type MessagingProvider, type OutboundMessage, type SendReceipt } from '../messaging-provider';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** E.164 sender for SMS. */
  smsFrom?: string;
  /** E.164 WhatsApp sender (without the whatsapp: prefix). */
  whatsappFrom?: string;
  /** Tests point this at a local server that speaks Twilio's REST API. */
  baseUrl?: string;
  timeoutMs?: number;
}

interface TwilioMessage {
  sid: string;
  status: string;
  body?: string;
  to?: string;
  from?: string;
  date_created?: string;
}

const whatsapp = (address: string) => (address.startsWith('whatsapp:') ? address : `whatsapp:${address}`);

/**
 * Twilio Programmable Messaging over its REST API (fetch, not the SDK: the adapter needs to tell a refused
 * connection from one that dropped after the request left, which decides between retrying and reconciling).
 */
export class TwilioProvider implements MessagingProvider {
  readonly name = 'twilio';
  private readonly base: string;

  constructor(private readonly config: TwilioConfig) {
    this.base = `${(config.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}`;
  }

  private get auth(): string {
    return `Basic ${Buffer.from(`${this.config.accountSid}:${this.config.authToken}`).toString('base64')}`;
  }

  private addresses(message: OutboundMessage): { to: string; from: string } {
    const configured = message.channel === 'whatsapp' ? this.config.whatsappFrom : this.config.smsFrom;
    const from = message.from ?? configured;
    if (!from) {
      throw new ProviderError('permanent', 'NO_SENDER', `No ${message.channel} sender number is configured for Twilio.`);
    }
    return message.channel === 'whatsapp' ? { to: whatsapp(message.to), from: whatsapp(from) } : { to: message.to, from };
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    if (message.channel === 'email') throw new ProviderError('permanent', 'UNSUPPORTED_CHANNEL', 'Twilio does not send email.');
    const { to, from } = this.addresses(message);
    const form = new URLSearchParams({ To: to, From: from });
    if (message.template) {
      form.set('ContentSid', message.template.contentSid);
      form.set('ContentVariables', JSON.stringify(message.template.variables));
    } else {
      form.set('Body', message.body);
    }
    for (const url of message.mediaUrls ?? []) form.append('MediaUrl', url);
    if (message.statusCallbackUrl) form.set('StatusCallback', message.statusCallbackUrl);

    const outcome = await fetchWithTimeout(
      `${this.base}/Messages.json`,
      { method: 'POST', headers: { Authorization: this.auth, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form },
      this.config.timeoutMs ?? 15_000,
    );
    if ('error' in outcome) throw networkFailure('Twilio', outcome.error, outcome.timedOut);
    const { response } = outcome;
    const payload = (await response.json().catch(() => ({}))) as Partial<TwilioMessage> & { code?: number; message?: string };
    if (response.ok && payload.sid) return { providerMessageId: payload.sid, status: payload.status ?? 'queued' };

    const code = typeof payload.code === 'number' ? payload.code : null;
    const classified = classifyTwilioError(response.status, code);
    throw new ProviderError(
      classified.kind,
      String(code ?? `HTTP_${response.status}`),
      `${classified.explanation}${payload.message ? ` Twilio: ${payload.message}` : ''}`,
      parseRetryAfter(response.headers.get('retry-after'), Date.now()),
      classified.optOut ?? false,
    );
  }

  /** Settles an ambiguous send: Twilio keeps no idempotency key, so look for the message itself. */
  async lookup(query: LookupQuery): Promise<SendReceipt | null> {
    const channel = query.to.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
    const params = new URLSearchParams({ To: query.to, PageSize: '50' });
    if (query.from) params.set('From', channel === 'whatsapp' ? whatsapp(query.from) : query.from);
    params.set('DateSent>', query.sentAfter.toISOString().slice(0, 10));
    const outcome = await fetchWithTimeout(`${this.base}/Messages.json?${params}`, { headers: { Authorization: this.auth } }, this.config.timeoutMs ?? 15_000);
    if ('error' in outcome) throw networkFailure('Twilio', outcome.error, outcome.timedOut);
    if (!outcome.response.ok) {
      throw new ProviderError('transient', `HTTP_${outcome.response.status}`, 'Twilio message lookup failed; will try again.');
    }
    const { messages = [] } = (await outcome.response.json()) as { messages?: TwilioMessage[] };
    const found = messages.find(
      (m) => m.body === query.body && (!m.date_created || Date.parse(m.date_created) >= query.sentAfter.getTime() - 60_000),
    );
    return found ? { providerMessageId: found.sid, status: found.status } : null;
  }
}
