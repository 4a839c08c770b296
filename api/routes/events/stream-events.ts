import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { EventStreamHeadersSchema, EventStreamQuerySchema, type RealtimeEvent } from '../../../domain/schemas/inbox';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';

/** A stream ends after this long by default; EventSource reconnects at once with Last-Event-ID. */
export const DEFAULT_STREAM_MS = 5 * 60_000;
export const DEFAULT_HEARTBEAT_MS = 25_000;
/** How soon EventSource reconnects after a stream ends. */
const RETRY_MS = 1000;

const frame = (event: RealtimeEvent) => `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * GET /api/events: the tenant's realtime events as Server-Sent Events. Each event is one `data:` line of JSON
 * with its number as the SSE `id`; a client resumes with Last-Event-ID (header — what EventSource sends on
 * reconnect — or ?lastEventId=, the header winning) and gets every event after it, once. Comments keep idle
 * connections alive through proxies. A stream ends after a bounded time (the client reconnects where it was), so
 * no request is open forever.
 */
export function streamEventsRoute({ realtime, logger }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const query = EventStreamQuerySchema.parse(req.query);
    const headers = EventStreamHeadersSchema.parse(req.headers);
    const { tenantId } = tenantOf(res);
    if (!realtime) throw new AppError(ErrorCodes.UNAVAILABLE, 'Realtime events are not set up on this server');
    const resumeFrom = headers['last-event-id'] ?? query.lastEventId;

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write(`retry: ${RETRY_MS}\n: connected\n\n`);

    let ended = false;
    const timers: NodeJS.Timeout[] = [];
    let subscription: { close(): void } | null = null;
    const end = () => {
      if (ended) return;
      ended = true;
      for (const timer of timers) clearInterval(timer);
      subscription?.close();
      res.end();
    };
    req.on('close', end);
    res.on('error', end);
    timers.push(setInterval(() => res.write(': heartbeat\n\n'), realtime.heartbeatMs ?? DEFAULT_HEARTBEAT_MS));
    timers.push(setTimeout(end, realtime.maxStreamMs ?? DEFAULT_STREAM_MS));
    try {
      const opened = await realtime.hub.subscribe(tenantId, resumeFrom !== undefined ? BigInt(resumeFrom) : null, (events) => {
        if (!ended) res.write(events.map(frame).join(''));
      });
      if (ended) opened.close();
      else subscription = opened;
    } catch (error) {
      // Headers are sent: the client sees the stream end and reconnects.
      logger.error({ err: error, tenantId }, 'could not open the realtime stream');
      end();
    }
  };
}
