/**
 * A Server-Sent Events client for tests, over fetch: it keeps every event and comment it reads and lets a
 * test wait for a condition on them (no sleeps).
 */
export interface StreamEvent {
  id: string | null;
  data: unknown;
}

export interface OpenStream {
  status: number;
  contentType: string | null;
  events: StreamEvent[];
  comments: string[];
  /** Resolves when `predicate` holds on what has arrived, rejects after `timeoutMs`. */
  until(predicate: (s: OpenStream) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openEventStream(url: string, headers: Record<string, string>): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const waiters = new Set<() => void>();
  const stream: OpenStream = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events: [],
    comments: [],
    until(predicate, timeoutMs = 10_000) {
      if (predicate(stream)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(stream)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`stream condition not met in ${timeoutMs} ms; got ${JSON.stringify(stream.events)}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  stream.ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id: string | null = null;
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) stream.events.push({ id, data: JSON.parse(data.join('\n')) });
          for (const waiter of [...waiters]) waiter();
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  })();
  return stream;
}
