import { RealtimeEventSchema, type RealtimeEvent } from '../../domain/schemas/inbox';

/**
 * The event types this web app knows how to merge into what it shows. Anything else on the stream (a type
 * added to the API later, a `reset` after the API pruned the events a stale Last-Event-ID asked for) means
 * "what you show may be out of date": every view loads again.
 */
export const MERGEABLE_EVENT_TYPES = ['message.created', 'message.updated', 'note.created', 'thread.updated', 'thread.read'] as const;
export type MergeableType = (typeof MERGEABLE_EVENT_TYPES)[number];
export type MergeableEvent = RealtimeEvent & { type: MergeableType };

const mergeable = new Set<string>(MERGEABLE_EVENT_TYPES);
/** Types the inbox knows and has nothing to show for (a lead form's submission is for the settings page). */
const IGNORED_EVENT_TYPES = new Set<string>(['lead_form.submitted']);

/** What one SSE message means to the page: an event to merge, one to drop (seen already), or "reload everything". */
export type StreamStep = { kind: 'event'; event: MergeableEvent } | { kind: 'skip' } | { kind: 'reset'; reason: string };

/**
 * Reads one SSE message given the id of the last event the page took. A tenant's events are numbered one by
 * one in commit order (the API's realtime_events.seq), so an event that is not the next number means some
 * were missed (or the API started over): the page must reload rather than merge. An event already seen (a
 * number at or below the last) is dropped. Returns the step and the new last id.
 */
export function readStreamMessage(lastId: string | null, data: string): { step: StreamStep; lastId: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { step: { kind: 'reset', reason: 'an event that is not JSON' }, lastId: null };
  }
  const id = eventNumber(parsed);
  // Where the stream stands is unknown after it: the next event is taken as it comes.
  if (id === null) return { step: { kind: 'reset', reason: 'an event without a number' }, lastId: null };
  if (lastId !== null) {
    const last = BigInt(lastId);
    if (id <= last) return { step: { kind: 'skip' }, lastId };
    if (id !== last + 1n) return { step: { kind: 'reset', reason: `a gap after event ${lastId}` }, lastId: id.toString() };
  }
  const event = RealtimeEventSchema.safeParse(parsed);
  if (event.success && IGNORED_EVENT_TYPES.has(event.data.type)) return { step: { kind: 'skip' }, lastId: id.toString() };
  if (!event.success || !mergeable.has(event.data.type)) {
    const type = typeof (parsed as { type?: unknown }).type === 'string' ? (parsed as { type: string }).type : 'unknown';
    return { step: { kind: 'reset', reason: `an event this page cannot merge (${type})` }, lastId: id.toString() };
  }
  return { step: { kind: 'event', event: event.data as MergeableEvent }, lastId: id.toString() };
}

function eventNumber(value: unknown): bigint | null {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' && /^\d{1,18}$/.test(id) ? BigInt(id) : null;
}

/**
 * Where to open the stream: after the last event taken when there is one (a new EventSource does not carry
 * the old one's Last-Event-ID), so a stream opened again after the API refused one resumes without a gap.
 */
export function streamUrl(lastId: string | null): string {
  return lastId === null ? '/api/events' : `/api/events?lastEventId=${encodeURIComponent(lastId)}`;
}
