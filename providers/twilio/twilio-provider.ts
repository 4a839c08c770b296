import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import { parseRetryAfter, type ClassifiedError } from '../../domain/provider-errors';
import { isTransportError } from '../http/http-exchange';
import { transportFailure } from '../http/transport-failure';
import {
  isProviderError,
  ProviderError,
  type CallOptions,
  type LookupQuery,
  type MessagingProvider,
  type OutboundMessage,
  type SendReceipt,
} from '../messaging-provider';
import { AccountRestrictionsCache, readAccountRestrictions } from './twilio-account';
import { resolveSender, twilioAddress, type TwilioChannel, type TwilioSender } from './twilio-address';
import { classifyTwilioError, TRIAL_UNVERIFIED_EXPLANATION, TRIAL_UNVERIFIED_NUMBER } from './twilio-errors';
import { TwilioHttpClient } from './twilio-http-client';

/** One Twilio credential set with its senders: Herald's own, or a tenant's. */
export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** SMS sender: an E.164 number, or a Messaging Service SID (MG…). */
  smsFrom?: string;
  /** WhatsApp sender: an E.164 number (with or without `whatsapp:`), or a Messaging Service SID (MG…). */
  whatsappFrom?: string;
  /** Replaces https://api.twilio.com: tests point it at a local server that speaks Twilio's REST API. */
  baseUrl?: string;
  /** Deadline for each call to Twilio, over the whole response. */
  timeoutMs?: number;
  /** How long the account's trial status and verified numbers are trusted. */
  accountCacheMs?: number;
  /** Reconciliation reads at most `lookupMaxPages` pages of `lookupPageSize` messages. */
  lookupPageSize?: number;
  lookupMaxPages?: number;
}

type SdkError = Error & { status: number; code?: unknown; moreInfo?: unknown; detail?: unknown };

/** Twilio's REST errors (RestException, and the newer RFC 9457 TwilioServiceException) carry the HTTP status. */
const isSdkError = (error: unknown): error is SdkError => error instanceof Error && typeof (error as { status?: unknown }).status === 'number';

/** What the SDK's message pages offer (its nextPage() is typed as the generic Page). */
interface MessagesPage {
  instances: MessageInstance[];
  nextPage(): Promise<MessagesPage> | undefined;
}

/** The SDK leaves a date it cannot parse as the string it got. */
const createdAt = (m: MessageInstance) => (m.dateCreated instanceof Date ? m.dateCreated.getTime() : Date.parse(String(m.dateCreated)));

/** Twilio's clock against Postgres's, and date_created's whole seconds. */
const CLOCK_SKEW_MS = 5_000;
/** Twilio prefixes every message a trial account sends. */
const TRIAL_PREFIX = 'Sent from your Twilio trial account - ';

/**
 * Twilio Programmable Messaging through the official SDK, over Herald's own transport (TwilioHttpClient):
 * it tells a refused connection from one that dropped after the request left, which decides between
 * retrying and reconciling. Twilio has no idempotency key, so an ambiguous send is settled by `lookup`.
 * One instance per credential set; keep it, since it remembers the account's trial status for a while.
 */
export class TwilioProvider implements MessagingProvider {
  readonly name = 'twilio';
  private readonly account: AccountRestrictionsCache;

  constructor(private readonly config: TwilioConfig) {
    this.account = new AccountRestrictionsCache(config.accountCacheMs ?? 5 * 60_000);
  }

  /** An SDK client for one call: its own transport carries the call's abort signal and its last answer. */
  private connect(signal: AbortSignal | undefined) {
    const http = new TwilioHttpClient({
      timeoutMs: this.config.timeoutMs ?? 15_000,
      ...(this.config.baseUrl ? { baseUrl: this.config.baseUrl } : {}),
      ...(signal ? { signal } : {}),
    });
    // The SDK types the option as its own class but only ever calls request().
    const client = twilio(this.config.accountSid, this.config.authToken, { httpClient: http as unknown as RequestClient });
    return { client, http };
  }

  private sender(channel: TwilioChannel, override: string | undefined): TwilioSender {
    return resolveSender(channel, override, channel === 'whatsapp' ? this.config.whatsappFrom : this.config.smsFrom);
  }

  async send(message: OutboundMessage, options: CallOptions = {}): Promise<SendReceipt> {
    if (message.channel === 'email') throw new ProviderError('permanent', 'UNSUPPORTED_CHANNEL', 'Twilio does not send email.');
    const sender = this.sender(message.channel, message.from);
    const { client, http } = this.connect(options.signal);
    try {
      // WhatsApp trial sends go through the sandbox, whose recipients join by code rather than by verification.
      if (message.channel === 'sms') await this.refuseUnverifiedOnTrial(client, message.to);
      const created = await client.messages.create({
        to: twilioAddress(message.channel, message.to),
        ...sender,
        ...(message.template
          ? { contentSid: message.template.contentSid, contentVariables: JSON.stringify(message.template.variables) }
          : { body: message.body }),
        ...(message.mediaUrls?.length ? { mediaUrl: message.mediaUrls } : {}),
        ...(message.statusCallbackUrl ? { statusCallback: message.statusCallbackUrl } : {}),
      });
      if (!created.sid) {
        throw new ProviderError('ambiguous', 'UNREADABLE_ANSWER', 'Twilio answered without a message SID; the message may or may not have been accepted.');
      }
      return { providerMessageId: created.sid, status: created.status ?? 'queued' };
    } catch (error) {
      throw this.failure(error, http, 'send');
    }
  }

  private async refuseUnverifiedOnTrial(client: twilio.Twilio, to: string): Promise<void> {
    let restrictions;
    try {
      restrictions = await this.account.get(() => readAccountRestrictions(client));
    } catch {
      // Not knowing must not stop a send: Twilio itself refuses an unverified number (21608, same explanation).
      return;
    }
    if (restrictions.trial && !restrictions.verifiedNumbers.has(to)) {
      throw new ProviderError('permanent', TRIAL_UNVERIFIED_NUMBER, TRIAL_UNVERIFIED_EXPLANATION);
    }
  }

  /**
   * Settles an ambiguous send: Twilio keeps no idempotency key, so look for the message itself. Twilio keeps it
   * under the channel's addresses and fills DateSent only once it leaves the queue, so the search is by To (and
   * From, for a single-number sender), newest first over a bounded number of pages, and the time test is on
   * date_created. Free-form sends match by body; a template's text is rendered by Twilio, so a template send
   * matches by recipient, sender and time alone.
   */
  async lookup(query: LookupQuery, options: CallOptions = {}): Promise<SendReceipt | null> {
    if (query.channel === 'email') return null;
    const sender = this.sender(query.channel, query.from);
    const to = twilioAddress(query.channel, query.to);
    const earliest = query.sentAfter.getTime() - CLOCK_SKEW_MS;
    const isOurs = (m: MessageInstance): boolean => {
      if (m.direction === 'inbound' || m.to !== to || !(createdAt(m) >= earliest)) return false;
      if ('from' in sender ? m.from !== sender.from : m.messagingServiceSid !== sender.messagingServiceSid) return false;
      return query.body === null || m.body === query.body || m.body === `${TRIAL_PREFIX}${query.body}`;
    };
    const { client, http } = this.connect(options.signal);
    try {
      let page: MessagesPage = await client.messages.page({ to, ...('from' in sender ? { from: sender.from } : {}), pageSize: this.config.lookupPageSize ?? 100 });
      for (let read = 1; ; read++) {
        // The earliest match is the one closest to the first attempt — unless another send already owns it.
        const candidates = page.instances.filter(isOurs).sort((a, b) => createdAt(a) - createdAt(b));
        const owned = candidates.length && query.claimedElsewhere ? await query.claimedElsewhere(candidates.map((m) => m.sid)) : new Set<string>();
        const found = candidates.find((m) => !owned.has(m.sid));
        if (found) return { providerMessageId: found.sid, status: found.status };
        const next = read < (this.config.lookupMaxPages ?? 5) ? page.nextPage() : undefined;
        if (!next) return null;
        page = await next;
      }
    } catch (error) {
      throw this.failure(error, http, 'read');
    }
  }

  /** Every failure in one vocabulary. A read changes nothing at Twilio, so whatever broke it is worth a retry. */
  private failure(error: unknown, http: TwilioHttpClient, call: 'send' | 'read'): unknown {
    if (isProviderError(error)) return error;
    if (isTransportError(error)) return transportFailure('Twilio', error, call);
    if (isSdkError(error)) {
      const code = typeof error.code === 'number' ? error.code : null;
      const classified: ClassifiedError =
        call === 'send' ? classifyTwilioError(error.status, code) : { kind: 'transient', explanation: 'Twilio message lookup failed; it will be tried again.' };
      const said = typeof error.detail === 'string' ? error.detail : error.message;
      return new ProviderError(
        classified.kind,
        String(code ?? `HTTP_${error.status}`),
        `${classified.explanation}${said ? ` Twilio: ${said}` : ''}${typeof error.moreInfo === 'string' ? ` (${error.moreInfo})` : ''}`,
        parseRetryAfter(http.lastResponse?.headers['retry-after'], Date.now()),
        classified.optOut ?? false,
      );
    }
    // The SDK failed on an answer it had: after a 2xx to a send, Twilio may well have the message.
    const answered = http.lastResponse && http.lastResponse.statusCode >= 200 && http.lastResponse.statusCode < 300;
    if (call === 'send' && answered) {
      return new ProviderError('ambiguous', 'UNREADABLE_ANSWER', 'Twilio accepted the request but its answer could not be read; the message may or may not have been accepted.');
    }
    return error;
  }
}
