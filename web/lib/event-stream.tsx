'use client';

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { readStreamMessage, streamUrl, type MergeableEvent, type MergeableType } from './event-stream-reader';

export type { MergeableEvent as InboxEvent } from './event-stream-reader';

interface Listener {
  event: (event: MergeableEvent) => void;
  reset: () => void;
}
interface EventStream {
  subscribe(listener: Listener): () => void;
}

const EventStreamContext = createContext<EventStream | null>(null);

const MAX_RETRY_MS = 60_000;

/**
 * One EventSource per tab on GET /api/events (same origin, so the session cookie goes along). The browser
 * reconnects by itself after a dropped connection, sending Last-Event-ID so the API resumes without gaps;
 * when the API refuses the stream (an error status) EventSource gives up, so this opens a new one with
 * backoff, resuming after the last event taken (?lastEventId=). Views merge each event into what they show;
 * whenever that could leave them out of date — an event out of sequence, of a type or shape this page does
 * not know, or a stream opened again with nowhere to resume from — every view is told to reload instead.
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
    let lastId: string | null = null;
    let opened = false;
    const reset = (reason: string) => {
      console.warn(`Reloading what this page shows: ${reason} on /api/events`);
      for (const listener of listeners.current) listener.reset();
    };
    const open = () => {
      source = new EventSource(streamUrl(lastId));
      source.onopen = () => {
        retryMs = 1_000;
        // Connected again (by the browser, sending Last-Event-ID, or here, with ?lastEventId=) with no event
        // taken yet to resume after: whatever happened while it was down is unknown.
        if (opened && lastId === null) reset('a stream opened again with nowhere to resume from');
        opened = true;
      };
      source.onmessage = (message: MessageEvent<string>) => {
        const read = readStreamMessage(lastId, message.data);
        lastId = read.lastId;
        const { step } = read;
        if (step.kind === 'reset') return reset(step.reason);
        if (step.kind === 'event') for (const listener of listeners.current) listener.event(step.event);
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
 * Calls `onEvent` for each realtime event of the given types while the component is mounted, and `onReset`
 * when events may have been missed or cannot be merged: the component must then load what it shows again.
 */
export function useInboxEvents(types: ReadonlyArray<MergeableType>, onEvent: (event: MergeableEvent) => void, onReset: () => void): void {
  const stream = useContext(EventStreamContext);
  const handlers = useRef({ onEvent, onReset });
  handlers.current = { onEvent, onReset };
  const key = types.join(',');
  useEffect(() => {
    if (!stream) return;
    const wanted = new Set(key.split(','));
    return stream.subscribe({
      event: (event) => wanted.has(event.type) && handlers.current.onEvent(event),
      reset: () => handlers.current.onReset(),
    });
  }, [stream, key]);
}
