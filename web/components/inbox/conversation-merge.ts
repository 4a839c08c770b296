import type { ContactPanel, InboxMessage, NoteView, ThreadTimeline, ThreadView, TimelineItem } from '../../../domain/schemas/inbox';
import type { InboxEvent } from '../../lib/event-stream';

/**
 * How a conversation takes in what changed, without loading the thread view again: which small requests a
 * batch of changes needs (new items since the newest shown; the messages whose status changed) and how their
 * answers merge into what is shown. Pure, so every rule is tested on its own (conversation-merge.test.ts).
 */

/** A realtime event for the open thread, or a local "look again" after the page changed something itself. */
export type ConversationChange = InboxEvent | { type: 'look-again' } | { type: 'scheduled-changed' };

/**
 * New items are asked for from a minute before the newest one shown: an item's time is taken when its
 * transaction starts (or on another machine's clock), so one that commits a little after a newer one is still
 * found; the ones already shown come back and are merged, not repeated.
 */
export const TIMELINE_MARGIN_MS = 60_000;
/** More status changes than this in one batch: one full load is cheaper than a request each. */
export const MAX_MESSAGE_FETCHES = 10;
/** Items asked for per merge; more than this new means loading the whole view. */
export const TIMELINE_FETCH_LIMIT = 100;

const PENDING_STATUSES = new Set(['scheduled', 'queued']);

export const itemId = (item: TimelineItem): string => (item.kind === 'message' ? item.message.id : item.kind === 'note' ? item.note.id : item.event.id);
export const itemKey = (item: TimelineItem): string => `${item.kind[0]}:${itemId(item)}`;

/** The API's order: time, then id. */
export function compareItems(a: TimelineItem, b: TimelineItem): number {
  const byTime = Date.parse(a.at) - Date.parse(b.at);
  if (byTime !== 0) return byTime;
  const [x, y] = [itemId(a), itemId(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Where to ask for new items from (see TIMELINE_MARGIN_MS); the start of time for an empty thread. */
export function timelineCursor(view: ThreadView): string {
  const newest = view.timeline.reduce((max, item) => Math.max(max, Date.parse(item.at)), Number.NEGATIVE_INFINITY);
  return Number.isFinite(newest) ? new Date(newest - TIMELINE_MARGIN_MS).toISOString() : new Date(0).toISOString();
}

export interface ConversationPlan {
  /** Ask for the items since the newest shown, and the thread as it now is. */
  timeline: boolean;
  /** Ask for these messages again (their status changed). */
  messageIds: string[];
  /** Items the events announced: after merging they must be there, or the page reloads. */
  expected: string[];
  /** Something the contact panel shows may have changed (consent after an inbound STOP, an enrollment's step). */
  reloadPanel: boolean;
  /** What can be sent may have changed (an inbound message opens WhatsApp's window). */
  reloadComposer: boolean;
}

const idIn = (data: Record<string, unknown>, name: string): string | null => (typeof data[name] === 'string' ? (data[name] as string) : null);

/**
 * What a batch of changes to the open thread needs. 'reload' when it cannot be merged: a change of a kind this
 * page does not know, an event without the id it should carry, or too many messages to ask for one by one.
 */
export function planConversationSync(changes: ConversationChange[], view: ThreadView, meId: string | null): ConversationPlan | 'reload' {
  const plan: ConversationPlan = { timeline: false, messageIds: [], expected: [], reloadPanel: false, reloadComposer: false };
  const messageIds = new Set<string>();
  for (const change of changes) {
    switch (change.type) {
      case 'message.created': {
        const id = idIn(change.data, 'messageId');
        if (!id) return 'reload';
        plan.timeline = true;
        plan.expected.push(`m:${id}`);
        plan.reloadPanel = true;
        if (change.data.direction === 'inbound') plan.reloadComposer = true;
        break;
      }
      case 'message.updated': {
        const id = idIn(change.data, 'messageId');
        if (!id) return 'reload';
        messageIds.add(id);
        break;
      }
      case 'note.created': {
        const id = idIn(change.data, 'noteId');
        if (!id) return 'reload';
        plan.timeline = true;
        plan.expected.push(`n:${id}`);
        break;
      }
      case 'thread.updated':
      case 'look-again':
        plan.timeline = true;
        break;
      case 'thread.read':
        // Another member's read state is theirs; this page only cares that its own unread count is right.
        if (meId !== null && change.data.userId === meId && view.thread.unreadCount > 0) plan.timeline = true;
        break;
      case 'scheduled-changed':
        for (const message of view.scheduled) messageIds.add(message.id);
        break;
      default:
        return 'reload';
    }
  }
  if (messageIds.size > MAX_MESSAGE_FETCHES) return 'reload';
  plan.messageIds = [...messageIds];
  return plan;
}

/** Whether an item the events announced is still nowhere to be seen after merging (then the page reloads). */
export function missingExpected(plan: ConversationPlan, view: ThreadView): boolean {
  if (plan.expected.length === 0) return false;
  const shown = new Set(view.timeline.map(itemKey));
  return plan.expected.some((key) => !shown.has(key));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Items merged into the timeline: a new one in its place, one shown already replaced by its fresh copy (kept
 * as it was when nothing changed, so its bubble does not render again).
 */
export function mergeItems(view: ThreadView, items: TimelineItem[]): ThreadView {
  if (items.length === 0) return view;
  const byKey = new Map(view.timeline.map((item) => [itemKey(item), item]));
  let changed = false;
  for (const item of items) {
    const key = itemKey(item);
    const shown = byKey.get(key);
    if (shown && same(shown, item)) continue;
    byKey.set(key, item);
    changed = true;
  }
  if (!changed) return view;
  let scheduled = view.scheduled;
  for (const item of items) if (item.kind === 'message') scheduled = upsertScheduled(scheduled, item.message, view.thread.id);
  return { ...view, timeline: [...byKey.values()].sort(compareItems), scheduled };
}

/** What is new on the thread (GET /threads/:id/timeline) merged in, with the thread as it now is. */
export function applyTimeline(view: ThreadView, fresh: ThreadTimeline): ThreadView {
  const merged = mergeItems(view, fresh.timeline);
  return same(merged.thread, fresh.thread) ? merged : { ...merged, thread: fresh.thread };
}

/**
 * A message as it now is (its status changed, or it was just sent): its bubble updated, or added when it is
 * recent enough to belong among the items shown; on the "still to go out" list while it waits, off it after.
 */
export function upsertMessage(view: ThreadView, message: InboxMessage): ThreadView {
  if (message.threadId !== view.thread.id) return view;
  const item: TimelineItem = { kind: 'message', at: message.createdAt, message };
  const key = itemKey(item);
  const shown = view.timeline.some((i) => itemKey(i) === key);
  const oldest = view.timeline[0];
  const belongs = shown || view.nextBefore === null || (oldest !== undefined && compareItems(item, oldest) >= 0);
  const withItem = belongs ? mergeItems(view, [item]) : view;
  const scheduled = upsertScheduled(withItem.scheduled, message, view.thread.id);
  return scheduled === withItem.scheduled ? withItem : { ...withItem, scheduled };
}

/** The "still to go out" list with this message in its place (soonest first, as the API orders it) or off it. */
export function upsertScheduled(scheduled: InboxMessage[], message: InboxMessage, threadId: string): InboxMessage[] {
  const waiting = message.direction === 'outbound' && message.threadId === threadId && PENDING_STATUSES.has(message.status);
  const at = scheduled.findIndex((m) => m.id === message.id);
  if (!waiting) return at === -1 ? scheduled : scheduled.filter((m) => m.id !== message.id);
  if (at !== -1 && same(scheduled[at], message)) return scheduled;
  return [...scheduled.filter((m) => m.id !== message.id), message].sort(compareScheduled);
}

function compareScheduled(a: InboxMessage, b: InboxMessage): number {
  if (a.scheduledAt === null || b.scheduledAt === null) {
    if (a.scheduledAt !== b.scheduledAt) return a.scheduledAt === null ? -1 : 1;
  } else {
    const byDue = Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt);
    if (byDue !== 0) return byDue;
  }
  return Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

/** New notes on the contact panel's list (newest first, at most 50, as the API answers it). */
export function addPanelNotes(panel: ContactPanel, notes: NoteView[]): ContactPanel {
  const fresh = notes.filter((n) => !panel.notes.some((shown) => shown.id === n.id));
  if (fresh.length === 0) return panel;
  const all = [...fresh, ...panel.notes].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : -1));
  return { ...panel, notes: all.slice(0, 50) };
}
