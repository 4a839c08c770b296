import { describe, expect, it } from 'vitest';
import type { ThreadList, ThreadSummary } from '../../../domain/schemas/inbox';
import type { InboxEvent } from '../../lib/event-stream';
import { MAX_THREAD_FETCHES, placeThread, threadsToRefresh } from './thread-list-merge';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute)).toISOString();

function row(id: string, minute: number, over: Partial<ThreadSummary> = {}): ThreadSummary {
  return {
    id,
    channel: 'sms',
    status: 'open',
    assignee: null,
    contact: { id: `ctc_${id}`, name: id, phone: null, email: null },
    lastMessage: { id: `msg_${id}`, direction: 'inbound', preview: `from ${id}`, status: 'received', at: at(minute) },
    lastActivityAt: at(minute),
    unreadCount: 0,
    labels: [],
    snoozedUntil: null,
    ...over,
  };
}
const counts = { all: 3, mine: 0, unassigned: 3, unread: 0 };
const list = (threads: ThreadSummary[], nextCursor: string | null = null): ThreadList => ({ threads, nextCursor, counts });
const ids = (l: ThreadList) => l.threads.map((t) => t.id);
const ev = (type: InboxEvent['type'], threadId: string | null, data: Record<string, unknown> = {}): InboxEvent => ({ id: '1', type, threadId, data, at: at(0) });

describe('threadsToRefresh', () => {
  const shown = list([row('thr_a', 9), row('thr_b', 5)]);

  it('asks for each thread with a new message or a change once, wherever it is (in the list or not)', () => {
    expect(threadsToRefresh([ev('message.created', 'thr_b'), ev('thread.updated', 'thr_b'), ev('message.created', 'thr_new')], shown, 'usr_me')).toEqual(['thr_b', 'thr_new']);
  });

  it('asks again after a status change only when it is the message a row previews', () => {
    expect(threadsToRefresh([ev('message.updated', 'thr_a', { messageId: 'msg_thr_a' })], shown, null)).toEqual(['thr_a']);
    expect(threadsToRefresh([ev('message.updated', 'thr_a', { messageId: 'msg_older' })], shown, null)).toEqual([]);
    expect(threadsToRefresh([ev('message.updated', 'thr_elsewhere', { messageId: 'msg_x' })], shown, null)).toEqual([]);
  });

  it('asks after this member’s own read only; notes change nothing the list shows', () => {
    expect(threadsToRefresh([ev('thread.read', 'thr_a', { userId: 'usr_me' })], shown, 'usr_me')).toEqual(['thr_a']);
    expect(threadsToRefresh([ev('thread.read', 'thr_a', { userId: 'usr_other' })], shown, 'usr_me')).toEqual([]);
    expect(threadsToRefresh([ev('note.created', 'thr_a', { noteId: 'not_1' })], shown, 'usr_me')).toEqual([]);
    expect(threadsToRefresh([{ type: 'look-again', threadId: 'thr_b' }], shown, null)).toEqual(['thr_b']);
  });

  it('reloads for a burst over many threads, or a change it does not know', () => {
    const burst = Array.from({ length: MAX_THREAD_FETCHES + 1 }, (_, i) => ev('message.created', `thr_${i}`));
    expect(threadsToRefresh(burst, shown, null)).toBe('reload');
    expect(threadsToRefresh(burst.slice(1), shown, null)).toHaveLength(MAX_THREAD_FETCHES);
    expect(threadsToRefresh([{ ...ev('thread.updated', 'thr_a'), type: 'reset' } as unknown as InboxEvent], shown, null)).toBe('reload');
  });
});

describe('placeThread', () => {
  const shown = list([row('thr_a', 9), row('thr_b', 5), row('thr_c', 1)]);
  const fresh = { ...counts, unread: 1 };

  it('moves a thread with new activity to the top, with its new preview and unread count, and takes the counts', () => {
    const next = placeThread(shown, 'thr_c', row('thr_c', 12, { unreadCount: 2 }), fresh);
    expect(ids(next)).toEqual(['thr_c', 'thr_a', 'thr_b']);
    expect(next.threads[0]!.unreadCount).toBe(2);
    expect(next.counts).toBe(fresh);
  });

  it('changes a thread in place when its activity did not move (an assignment, a read)', () => {
    const next = placeThread(shown, 'thr_b', row('thr_b', 5, { assignee: { id: 'usr_1', name: 'Grace' } }), counts);
    expect(ids(next)).toEqual(['thr_a', 'thr_b', 'thr_c']);
    expect(next.threads[1]!.assignee?.name).toBe('Grace');
  });

  it('takes a thread out when it no longer matches the filters, and adds one that now does', () => {
    expect(ids(placeThread(shown, 'thr_a', null, counts))).toEqual(['thr_b', 'thr_c']);
    expect(ids(placeThread(shown, 'thr_new', row('thr_new', 7), counts))).toEqual(['thr_a', 'thr_new', 'thr_b', 'thr_c']);
    expect(ids(placeThread(shown, 'thr_gone', null, counts))).toEqual(ids(shown));
  });

  it('leaves out a thread whose place is on a page not shown', () => {
    const paged = list(shown.threads, 'cursor');
    expect(ids(placeThread(paged, 'thr_old', row('thr_old', 0), counts))).toEqual(['thr_a', 'thr_b', 'thr_c']);
    expect(ids(placeThread(shown, 'thr_old', row('thr_old', 0), counts))).toEqual(['thr_a', 'thr_b', 'thr_c', 'thr_old']);
  });

  it('orders threads of the same moment by id, as the API does', () => {
    expect(ids(placeThread(list([row('thr_b', 5)]), 'thr_c', row('thr_c', 5), counts))).toEqual(['thr_c', 'thr_b']);
  });
});
