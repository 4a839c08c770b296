import { randomUUID } from 'node:crypto';
import type { MessagingProvider, OutboundMessage, SendReceipt } from '../messaging-provider';
import { ProviderError } from '../messaging-provider';

export interface FakeSend {
  message: OutboundMessage;
  providerMessageId: string;
  at: Date;
}

export type FakeStatus = 'sent' | 'delivered' | 'undelivered';

export interface FakeStatusFlow {
  /** Delay before each status step (queued → sent → delivered). */
  latencyMs: number;
  /** Share of messages, 0..1, that end undelivered instead of delivered. */
  failureRate: number;
  /** The Twilio-style error code an undelivered message carries. */
  failureCode: string;
  /**
   * Where statuses go: the same handler Twilio's status callbacks reach. Resolving to null means "no message
   * has this id yet" (the sender has not recorded it): the status is offered again shortly.
   */
  onStatus: (providerMessageId: string, status: FakeStatus, errorCode: string | null) => Promise<unknown>;
}

export interface FakeProviderOptions {
  /** Emits realistic delivery statuses after each accepted send. */
  statuses?: FakeStatusFlow;
  /** Called for every accepted send (the launcher logs them so a demo shows what would have gone out). */
  onSend?: (send: FakeSend) => void;
  /** Makes the next sends fail, for tests and demos: one entry per send, in order. */
  failures?: ProviderError[];
}

/**
 * Herald's built-in provider when no Twilio/Resend credentials are configured. It behaves like a real
 * provider where it matters: it deduplicates by idempotency key (as Resend does), so a retried send is
 * accepted once and answers with the same id.
 */
export class FakeProvider implements MessagingProvider {
  readonly name = 'fake';
  /** Every call, including duplicates — what a test counts to prove exactly-once. */
  readonly calls: OutboundMessage[] = [];
  /** Every accepted, distinct send. */
  readonly sent: FakeSend[] = [];
  private readonly byKey = new Map<string, FakeSend>();
  private readonly failures: ProviderError[];

  constructor(private readonly options: FakeProviderOptions = {}) {
    this.failures = [...(options.failures ?? [])];
  }

  failNext(error: ProviderError): void {
    this.failures.push(error);
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    this.calls.push(message);
    const failure = this.failures.shift();
    if (failure) throw failure;
    const previous = this.byKey.get(message.idempotencyKey);
    if (previous) return { providerMessageId: previous.providerMessageId, status: 'queued' };
    const send: FakeSend = {
      message,
      providerMessageId: `FAKE${randomUUID().replace(/-/g, '').slice(0, 28).toUpperCase()}`,
      at: new Date(),
    };
    this.byKey.set(message.idempotencyKey, send);
    this.sent.push(send);
    this.options.onSend?.(send);
    this.emitStatuses(send.providerMessageId);
    return { providerMessageId: send.providerMessageId, status: 'queued' };
  }

  private emitStatuses(id: string): void {
    const flow = this.options.statuses;
    if (!flow) return;
    const fails = Math.random() < flow.failureRate;
    const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    // One status after another, like a carrier; a status that arrives before the sender recorded the id is
    // offered again (Twilio's callbacks can race the send's response too).
    const deliver = async (status: FakeStatus, code: string | null) => {
      for (let attempt = 0; attempt < UNKNOWN_ID_RETRIES; attempt++) {
        if ((await flow.onStatus(id, status, code)) !== null) return;
        await wait(Math.max(flow.latencyMs, 50));
      }
    };
    void (async () => {
      await wait(flow.latencyMs);
      await deliver('sent', null);
      await wait(flow.latencyMs);
      await deliver(fails ? 'undelivered' : 'delivered', fails ? flow.failureCode : null);
    })().catch(() => undefined);
  }
}

/** How often a status for a not-yet-recorded message id is offered again (about 10 s at the minimum spacing). */
const UNKNOWN_ID_RETRIES = 200;

export function fakeProviderError(kind: 'permanent' | 'transient', code: string, message: string): ProviderError {
  return new ProviderError(kind, code, message);
}
