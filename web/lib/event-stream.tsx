'use client';

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { REALTIME_EVENT_TYPES, RealtimeEventSchema, type RealtimeEvent } from '../../domain/schemas/inbox';

type Listener = (event: RealtimeEvent) => void;
interface EventStream {
  subscribe(listener: Listener): () => void;
}

const EventStreamContext = createContext<EventStream | null>(null);

const MAX_RETRY_MS = 60_000;

/**
 * One EventSource per tab on GET /api/events (same origin, so the session cookie goes along). The browser
 * reconnects by itself after a dropped connection, sending Last-Event-ID so the API resumes without gaps;
 * when the API refuses the stream (an error status) EventSource gives up, so this opens a new one with
 * backoff. Events that do not match the schema are dropped (and logged), never passed on — but one of a type
 * this page does not know is passed on as `reset` (reload everything), since its change would otherwise be lost.
 */
export function EventStreamProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [stream] = useState<EventStream>(() => ({
    subscribe(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  }));

  useEffect(() => {
    let source: EventSource | null = null;
    let retryMs = 1_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource('/api/events');
      source.onopen = () => (retryMs = 1_000);
      source.onmessage = (message: MessageEvent<string>) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(message.data);
        } catch {
          parsed = undefined;
        }
        const event = RealtimeEventSchema.safeParse(parsed);
        // A type this page does not know (a newer API): it cannot be merged, so it counts as `reset`.
        const type = (parsed as { type?: unknown } | undefined)?.type;
        const unknownType = !event.success && typeof type === 'string' && !(REALTIME_EVENT_TYPES as readonly string[]).includes(type);
        if (!event.success && !unknownType) return console.error('Dropped an event of an unexpected shape from /api/events');
        const delivered: RealtimeEvent = event.success ? event.data : { id: message.lastEventId, type: 'reset', threadId: null, data: {}, at: new Date().toISOString() };
        for (const listener of listeners.current) listener(delivered);
      };
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED || stopped) return; // CONNECTING: the browser retries itself
        timer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, []);

  return <EventStreamContext.Provider value={stream}>{children}</EventStreamContext.Provider>;
}

/**
 * Calls `onEvent` for each realtime event of the given types while the component is mounted, and for every
 * `reset` whatever the types: events were missed (pruned while the tab was away, or of a type this page does
 * not know), so the component must reload everything it shows.
 */
export function useInboxEvents(types: ReadonlyArray<RealtimeEvent['type']>, onEvent: (event: RealtimeEvent) => void): void {
  const stream = useContext(EventStreamContext);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = types.join(',');
  useEffect(() => {
    if (!stream) return;
    const wanted = new Set(key.split(','));
    return stream.subscribe((event) => (event.type === 'reset' || wanted.has(event.type)) && handler.current(event));
  }, [stream, key]);
}
