import type { Logger } from 'pino';
import type { RealtimeEvent } from '../../domain/schemas/inbox';
import type { AppPrisma } from '../../prisma/client';
import { listenForNotifications, type NotificationListener } from '../../prisma/listen-notifications';
import { latestRealtimeSeq, readRealtimeEventsAfter } from '../../prisma/queries/realtime-events/realtime-events';
import { forTenant } from '../../prisma/tenant-scope';

/** The channel the realtime triggers notify, with the tenant id as payload (see the inbox migration). */
export const REALTIME_CHANNEL = 'herald_realtime';
const BATCH = 500;

export interface Subscription {
  /** The last event id handed to this subscriber. */
  readonly lastSeq: bigint;
  close(): void;
}

interface Subscriber {
  tenantId: string;
  lastSeq: bigint;
  deliver: (events: RealtimeEvent[]) => void;
}

interface TenantState {
  subscribers: Set<Subscriber>;
  fetching: boolean;
  again: boolean;
}

/**
 * Fans the tenant's realtime events out to every open stream of this API process, over ONE LISTEN connection
 * (opened with the first subscriber, closed with the last). A notification only says "tenant T has news": the
 * hub then reads T's events after the oldest position among T's subscribers — one query per tenant however
 * many tabs are open — and hands each subscriber those after its own position. Because event numbers become
 * visible in order (they are taken at commit), reading "after N" never skips one: no gaps, and no
 * duplicates since each subscriber's position only moves forward.
 *
 * If the LISTEN connection drops, the hub connects again and reads every tenant's events, so notifications
 * lost meanwhile cost latency, never events. Old events are pruned (after the retention): a subscriber whose
 * position is below the tenant's pruning mark gets one `reset` event first — never a silent gap.
 */
/**
 * What a stream sends in place of events that were pruned before it could hand them over (see the realtime
 * pruning): whatever the client shows may be stale, so it loads everything again.
 */
function resetEvent(prunedThroughSeq: bigint): RealtimeEvent {
  return { id: String(prunedThroughSeq), type: 'reset', threadId: null, data: { reason: 'pruned' }, at: new Date().toISOString() };
}

export class RealtimeHub {
  private readonly tenants = new Map<string, TenantState>();
  private listener: Promise<NotificationListener> | null = null;
  private subscriberCount = 0;
  private closed = false;

  constructor(
    private readonly options: { prisma: AppPrisma; databaseUrl: string; logger: Logger; reconnectDelayMs?: number },
  ) {}

  /**
   * Starts delivering the tenant's events after `afterSeq` (null: from now on). The LISTEN connection is up
   * before the starting point is read, so nothing committed in between is missed.
   */
  async subscribe(tenantId: string, afterSeq: bigint | null, deliver: (events: RealtimeEvent[]) => void): Promise<Subscription> {
    if (this.closed) throw new Error('the realtime hub is closed');
    this.subscriberCount++;
    try {
      await this.ensureListening();
    } catch (error) {
      this.subscriberCount--;
      throw error;
    }
    const db = forTenant(this.options.prisma, tenantId);
    const subscriber: Subscriber = { tenantId, lastSeq: afterSeq ?? (await latestRealtimeSeq(db)), deliver };
    const state = this.stateOf(tenantId);
    state.subscribers.add(subscriber);
    this.pump(tenantId);
    return {
      get lastSeq() {
        return subscriber.lastSeq;
      },
      close: () => {
        const { subscribers } = state;
        if (!subscribers.delete(subscriber)) return;
        if (subscribers.size === 0 && !state.fetching) this.forget(tenantId, state);
        if (--this.subscriberCount === 0) void this.stopListening();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.tenants.clear();
    await this.stopListening();
  }

  private forget(tenantId: string, state: TenantState): void {
    const { tenants } = this;
    if (tenants.get(tenantId) === state) tenants.delete(tenantId);
  }

  private stateOf(tenantId: string): TenantState {
    let state = this.tenants.get(tenantId);
    if (!state) this.tenants.set(tenantId, (state = { subscribers: new Set(), fetching: false, again: false }));
    return state;
  }

  private ensureListening(): Promise<NotificationListener> {
    this.listener ??= listenForNotifications(this.options.databaseUrl, REALTIME_CHANNEL, {
      onNotify: (tenantId) => {
        if (this.tenants.has(tenantId)) this.pump(tenantId);
      },
      onLost: (error) => {
        this.options.logger.warn({ err: error }, 'realtime LISTEN connection lost; reconnecting');
        this.listener = null;
        setTimeout(() => void this.reconnect(), this.options.reconnectDelayMs ?? 1000).unref();
      },
    }).catch((error: unknown) => {
      this.listener = null;
      throw error;
    });
    return this.listener;
  }

  private async reconnect(): Promise<void> {
    if (this.closed || this.subscriberCount === 0) return;
    try {
      await this.ensureListening();
      for (const tenantId of this.tenants.keys()) this.pump(tenantId);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'realtime LISTEN reconnect failed; trying again');
      setTimeout(() => void this.reconnect(), this.options.reconnectDelayMs ?? 1000).unref();
    }
  }

  private async stopListening(): Promise<void> {
    const listener = this.listener;
    this.listener = null;
    if (listener) await (await listener.catch(() => null))?.close();
  }

  /** Reads and hands out the tenant's new events; a notification during a read makes it read again after. */
  private pump(tenantId: string): void {
    const state = this.tenants.get(tenantId);
    if (!state) return;
    if (state.fetching) {
      state.again = true;
      return;
    }
    state.fetching = true;
    void (async () => {
      try {
        do {
          state.again = false;
          if (state.subscribers.size === 0) break;
          const from = [...state.subscribers].reduce((min, s) => (s.lastSeq < min ? s.lastSeq : min), [...state.subscribers][0]!.lastSeq);
          const { events: rows, prunedThroughSeq } = await readRealtimeEventsAfter(forTenant(this.options.prisma, tenantId), from, BATCH);
          for (const subscriber of state.subscribers) {
            const out: RealtimeEvent[] = [];
            // Behind the pruning mark: events after its position may be gone. It is told to reload everything
            // (a `reset` numbered as the mark, so a reconnect resumes from there), then gets what is kept.
            if (subscriber.lastSeq < prunedThroughSeq) {
              out.push(resetEvent(prunedThroughSeq));
              subscriber.lastSeq = prunedThroughSeq;
            }
            const fresh = rows.filter((r) => r.seq! > subscriber.lastSeq);
            if (fresh.length > 0) subscriber.lastSeq = fresh.at(-1)!.seq!;
            out.push(
              ...fresh.map((r) => ({ id: String(r.seq), type: r.type as RealtimeEvent['type'], threadId: r.threadId, data: (r.data ?? {}) as Record<string, unknown>, at: r.createdAt.toISOString() })),
            );
            if (out.length > 0) subscriber.deliver(out);
          }
          if (rows.length === BATCH) state.again = true;
        } while (state.again);
      } catch (error) {
        this.options.logger.error({ err: error, tenantId }, 'could not read realtime events; trying again');
        setTimeout(() => this.pump(tenantId), this.options.reconnectDelayMs ?? 1000).unref();
      } finally {
        state.fetching = false;
        if (state.subscribers.size === 0) this.forget(tenantId, state);
      }
    })();
  }
}
