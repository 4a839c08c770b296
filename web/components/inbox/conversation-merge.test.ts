import { describe, expect, it } from 'vitest';
import type { InboxMessage, NoteView, ThreadTimeline, ThreadView, TimelineItem } from '../../../domain/schemas/inbox';
import type { InboxEvent } from '../../lib/event-stream';
import {
  addPanelNotes,
  applyTimeline,
  mergeItems,
  missingExpected,
  planConversationSync,
  timelineCursor,
  TIMELINE_MARGIN_MS,
  upsertMessage,
  upsertScheduled,
  type ConversationPlan,
} from './conversation-merge';

const THREAD = 'thr_1';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute)).toISOString();

function message(id: string, minute: number, over: Partial<InboxMessage> = {}): InboxMessage {
  return {
    id,
    contactId: 'ctc_1',
    contactName: 'Ada',
    direction: 'outbound',
    channel: 'sms',
    body: `body of ${id}`,
    subject: null,
    status: 'sent',
    provider: 'fake',
    providerMessageId: null,
    tenantAddress: null,
    errorCode: null,
    errorMessage: null,
    scheduledAt: null,
    sentAt: null,
    deliveredAt: null,
    cancelledAt: null,
    createdAt: at(minute),
    workflowId: null,
    temporalUrl: null,
    threadId: THREAD,
    mediaUrls: [],
    readAt: null,
    failureReason: null,
    automation: null,
    ...over,
  };
}
const messageItem = (m: InboxMessage): TimelineItem => ({ kind: 'message', at: m.createdAt, message: m });
const note = (id: string, minute: number): NoteView => ({ id, threadId: THREAD, body: `note ${id}`, visibility: 'private', author: null, createdAt: at(minute) });
const noteItem = (n: NoteView): TimelineItem => ({ kind: 'note', at: n.createdAt, note: n });

function view(items: TimelineItem[], over: Partial<ThreadView> = {}): ThreadView {
  return {
    thread: {
      id: THREAD,
      channel: 'sms',
      status: 'open',
      assignee: null,
      contact: { id: 'ctc_1', name: 'Ada', phone: '+14155550100', email: null },
      lastMessage: null,
      lastActivityAt: null,
      unreadCount: 0,
      labels: [],
      snoozedUntil: null,
    },
    contact: {} as ThreadView['contact'],
    timeline: items,
    nextBefore: null,
    scheduled: [],
    ...over,
  };
}

const ev = (type: InboxEvent['type'], data: Record<string, unknown>): InboxEvent => ({ id: '1', type, threadId: THREAD, data, at: at(0) });
const keys = (v: ThreadView) => v.timeline.map((i) => (i.kind === 'message' ? i.message.id : i.kind === 'note' ? i.note.id : i.event.id));

describe('planConversationSync', () => {
  const shown = view([messageItem(message('msg_a', 1))]);

  it('asks for new items on a new message, note or thread change, expecting the announced ones', () => {
    const plan = planConversationSync(
      [ev('message.created', { messageId: 'msg_b', direction: 'inbound' }), ev('note.created', { noteId: 'not_1' }), ev('thread.updated', { status: 'closed' })],
      shown,
      'usr_me',
    ) as ConversationPlan;
    expect(plan).toEqual({ timeline: true, messageIds: [], expected: ['m:msg_b', 'n:not_1'], reloadPanel: true, reloadComposer: true });
  });

  it('asks for each message whose status changed, once, and nothing else', () => {
    const plan = planConversationSync([ev('message.updated', { messageId: 'msg_a', status: 'delivered' }), ev('message.updated', { messageId: 'msg_a', status: 'read' })], shown, null);
    expect(plan).toEqual({ timeline: false, messageIds: ['msg_a'], expected: [], reloadPanel: false, reloadComposer: false });
  });

  it('reloads the composer only for an inbound message', () => {
    const plan = planConversationSync([ev('message.created', { messageId: 'msg_b', direction: 'outbound' })], shown, null) as ConversationPlan;
    expect(plan.reloadComposer).toBe(false);
    expect(plan.reloadPanel).toBe(true);
  });

  it('cares about a read only when it is this member’s and the view still counts unread messages', () => {
    const unread = view([], { thread: { ...shown.thread, unreadCount: 2 } });
    expect((planConversationSync([ev('thread.read', { userId: 'usr_me' })], unread, 'usr_me') as ConversationPlan).timeline).toBe(true);
    expect((planConversationSync([ev('thread.read', { userId: 'usr_other' })], unread, 'usr_me') as ConversationPlan).timeline).toBe(false);
    expect((planConversationSync([ev('thread.read', { userId: 'usr_me' })], shown, 'usr_me') as ConversationPlan).timeline).toBe(false);
  });

  it('asks for every message still to go out after one of them changed here', () => {
    const waiting = view([], { scheduled: [message('msg_s1', 1, { status: 'scheduled' }), message('msg_s2', 2, { status: 'scheduled' })] });
    expect((planConversationSync([{ type: 'scheduled-changed' }], waiting, null) as ConversationPlan).messageIds).toEqual(['msg_s1', 'msg_s2']);
  });

  it('reloads on an event without its id, a kind it does not know, or too many status changes', () => {
    expect(planConversationSync([ev('message.created', {})], shown, null)).toBe('reload');
    expect(planConversationSync([ev('note.created', { noteId: 7 })], shown, null)).toBe('reload');
    expect(planConversationSync([{ ...ev('thread.updated', {}), type: 'contact.merged' } as unknown as InboxEvent], shown, null)).toBe('reload');
    const many = Array.from({ length: 11 }, (_, i) => ev('message.updated', { messageId: `msg_${i}` }));
    expect(planConversationSync(many, shown, null)).toBe('reload');
    expect(planConversationSync(many.slice(0, 10), shown, null)).not.toBe('reload');
  });
});

describe('timelineCursor', () => {
  it('is a margin before the newest item shown, whatever the order they arrived in', () => {
    const v = view([messageItem(message('msg_a', 5)), noteItem(note('not_1', 9)), messageItem(message('msg_b', 7))]);
    expect(timelineCursor(v)).toBe(new Date(Date.parse(at(9)) - TIMELINE_MARGIN_MS).toISOString());
  });
  it('is the start of time for an empty thread', () => {
    expect(timelineCursor(view([]))).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('applyTimeline', () => {
  it('adds new items in time order, replaces the fresh copies of shown ones and takes the thread as it now is', () => {
    const a = message('msg_a', 1);
    const b = message('msg_b', 3, { status: 'queued' });
    const v = view([messageItem(a), messageItem(b)]);
    const fresh: ThreadTimeline = {
      thread: { ...v.thread, status: 'closed' },
      timeline: [messageItem({ ...b, status: 'sent' }), noteItem(note('not_1', 2)), messageItem(message('msg_c', 4, { direction: 'inbound' }))],
      more: false,
    };
    const merged = applyTimeline(v, fresh);
    expect(keys(merged)).toEqual(['msg_a', 'not_1', 'msg_b', 'msg_c']);
    expect((merged.timeline[2] as { message: InboxMessage }).message.status).toBe('sent');
    expect(merged.thread.status).toBe('closed');
    // An item nothing changed keeps its identity: its bubble does not render again.
    expect(merged.timeline[0]).toBe(v.timeline[0]);
  });

  it('never shows an item twice, and changes nothing when nothing is new', () => {
    const a = message('msg_a', 1);
    const v = view([messageItem(a)]);
    const same = applyTimeline(v, { thread: v.thread, timeline: [messageItem({ ...a })], more: false });
    expect(same).toBe(v);
  });

  it('orders items of the same millisecond by id, as the API does', () => {
    const v = view([messageItem(message('msg_b', 1))]);
    expect(keys(mergeItems(v, [messageItem(message('msg_a', 1)), noteItem(note('not_0', 1))]))).toEqual(['msg_a', 'msg_b', 'not_0']);
  });

  it('puts a new message waiting to go out on the scheduled list', () => {
    const v = view([]);
    const later = message('msg_l', 2, { status: 'scheduled', scheduledAt: at(50) });
    const merged = applyTimeline(v, { thread: v.thread, timeline: [messageItem(later)], more: false });
    expect(merged.scheduled.map((m) => m.id)).toEqual(['msg_l']);
  });
});

describe('upsertMessage', () => {
  it('updates the one bubble whose status changed, leaving the others as they were', () => {
    const a = message('msg_a', 1);
    const b = message('msg_b', 2);
    const v = view([messageItem(a), messageItem(b)]);
    const next = upsertMessage(v, { ...a, status: 'failed', failureReason: 'The number does not exist.' });
    expect((next.timeline[0] as { message: InboxMessage }).message).toMatchObject({ status: 'failed', failureReason: 'The number does not exist.' });
    expect(next.timeline[1]).toBe(v.timeline[1]);
  });

  it('adds a message that belongs among the items shown, not one older than the oldest shown when older ones exist', () => {
    const v = view([messageItem(message('msg_m', 10))], { nextBefore: at(10) });
    expect(keys(upsertMessage(v, message('msg_new', 12)))).toEqual(['msg_m', 'msg_new']);
    expect(keys(upsertMessage(v, message('msg_old', 5)))).toEqual(['msg_m']);
    // With nothing older left to load, every message of the thread belongs.
    expect(keys(upsertMessage({ ...v, nextBefore: null }, message('msg_old', 5)))).toEqual(['msg_old', 'msg_m']);
  });

  it('ignores a message of another thread', () => {
    const v = view([]);
    expect(upsertMessage(v, message('msg_x', 1, { threadId: 'thr_2' }))).toBe(v);
  });

  it('takes a message off the scheduled list once it goes, and moves a rescheduled one to its new place', () => {
    const s1 = message('msg_s1', 1, { status: 'scheduled', scheduledAt: at(40) });
    const s2 = message('msg_s2', 2, { status: 'scheduled', scheduledAt: at(50) });
    const v = view([], { scheduled: [s1, s2], nextBefore: at(30) });
    expect(upsertMessage(v, { ...s1, status: 'sending' }).scheduled.map((m) => m.id)).toEqual(['msg_s2']);
    expect(upsertMessage(v, { ...s1, status: 'cancelled' }).scheduled.map((m) => m.id)).toEqual(['msg_s2']);
    expect(upsertMessage(v, { ...s1, scheduledAt: at(55) }).scheduled.map((m) => m.id)).toEqual(['msg_s2', 'msg_s1']);
  });
});

describe('upsertScheduled', () => {
  it('orders as the API does: due now first, then soonest, then oldest', () => {
    const now = message('msg_now', 3, { status: 'queued' });
    const soon = message('msg_soon', 1, { status: 'scheduled', scheduledAt: at(20) });
    const sameDue = message('msg_same', 2, { status: 'scheduled', scheduledAt: at(20) });
    let list: InboxMessage[] = [];
    for (const m of [sameDue, soon, now]) list = upsertScheduled(list, m, THREAD);
    expect(list.map((m) => m.id)).toEqual(['msg_now', 'msg_soon', 'msg_same']);
    expect(upsertScheduled(list, message('msg_in', 4, { direction: 'inbound', status: 'queued' }), THREAD)).toBe(list);
  });
});

describe('missingExpected', () => {
  it('says when an announced item is not there after merging (an item older than the cursor: the page reloads)', () => {
    const plan: ConversationPlan = { timeline: true, messageIds: [], expected: ['m:msg_a', 'n:not_1'], reloadPanel: false, reloadComposer: false };
    expect(missingExpected(plan, view([messageItem(message('msg_a', 1)), noteItem(note('not_1', 2))]))).toBe(false);
    expect(missingExpected(plan, view([messageItem(message('msg_a', 1))]))).toBe(true);
  });
});

describe('addPanelNotes', () => {
  it('puts new notes first, once each, at most 50', () => {
    const panel = { notes: Array.from({ length: 50 }, (_, i) => note(`not_${i}`, 0)) } as unknown as Parameters<typeof addPanelNotes>[0];
    const next = addPanelNotes(panel, [note('not_new', 30), note('not_3', 0)]);
    expect(next.notes).toHaveLength(50);
    expect(next.notes[0]!.id).toBe('not_new');
    expect(next.notes.filter((n) => n.id === 'not_3')).toHaveLength(1);
    expect(addPanelNotes(next, [note('not_new', 30)])).toBe(next);
  });
});
