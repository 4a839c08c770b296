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
 * reconnect — or ?lastEventId=, the header winning) and gets every event after it, once; when some of those were
 * pruned (older than the retention), a `reset` comes first (see RealtimeHub). Comments keep idle
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

    // Subscribed before the client hears back: once its stream is open, every later change reaches it.
    let ready = false;
    let ended = false;
    const early: RealtimeEvent[] = [];
    const write = (events: RealtimeEvent[]) => {
      if (!ended) res.write(events.map(frame).join(''));
    };
    let subscription: { close(): void };
    try {
      subscription = await realtime.hub.subscribe(tenantId, resumeFrom !== undefined ? BigInt(resumeFrom) : null, (events) => {
        if (ready) write(events);
        else early.push(...events);
      });
    } catch (error) {
      logger.error({ err: error, tenantId }, 'could not open the realtime stream');
      throw new AppError(ErrorCodes.UNAVAILABLE, 'Realtime events are unavailable right now; try again shortly', { cause: error, retryAfterSeconds: 1 });
    }

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
    ready = true;
    if (early.length) write(early.splice(0));

    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), realtime.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      clearTimeout(limit);
      subscription.close();
      res.end();
    };
    const limit = setTimeout(end, realtime.maxStreamMs ?? DEFAULT_STREAM_MS);
    req.on('close', end);
    res.on('error', end);
    // Gone while it was subscribing: its close event has passed already.
    if (req.socket.destroyed) end();
  };
}
