import type { ThreadList, ThreadSummary } from '../../../domain/schemas/inbox';
import type { InboxEvent } from '../../lib/event-stream';

/**
 * How the thread list takes in what changed without loading the list again: which threads to ask for (each
 * under the list's own filters, GET /threads?threadId=) and where each answer goes — moved to its place by
 * newest activity, changed in place, or out of the list when it no longer matches. Pure (tested in
 * thread-list-merge.test.ts).
 */

/** A realtime event, or a local "look at this thread again" after the page changed it itself. */
export type ThreadListChange = InboxEvent | { type: 'look-again'; threadId: string };

/** More threads than this changed in one batch (a sequence sending to many contacts): load the list again. */
export const MAX_THREAD_FETCHES = 8;

/**
 * The threads a batch of changes may have moved, changed or taken in or out of the list; 'reload' when a
 * change cannot be merged. A status change matters only to the message a row previews; notes and other
 * members' reads change nothing the list shows.
 */
export function threadsToRefresh(changes: ThreadListChange[], list: ThreadList, meId: string | null): string[] | 'reload' {
  const ids = new Set<string>();
  for (const change of changes) {
    const { threadId } = change;
    switch (change.type) {
      case 'message.created':
      case 'thread.updated':
      case 'look-again':
        if (threadId) ids.add(threadId);
        break;
      case 'message.updated': {
        const row = list.threads.find((t) => t.id === threadId);
        if (row && row.lastMessage?.id === change.data.messageId) ids.add(row.id);
        break;
      }
      case 'thread.read':
        if (threadId && meId !== null && change.data.userId === meId) ids.add(threadId);
        break;
      case 'note.created':
        break;
      default:
        return 'reload';
    }
  }
  return ids.size > MAX_THREAD_FETCHES ? 'reload' : [...ids];
}

/** Newest activity first, then id (the API's order). */
function compareRows(a: ThreadSummary, b: ThreadSummary): number {
  const [x, y] = [a.lastActivityAt ? Date.parse(a.lastActivityAt) : Number.NEGATIVE_INFINITY, b.lastActivityAt ? Date.parse(b.lastActivityAt) : Number.NEGATIVE_INFINITY];
  if (x !== y) return y - x;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The list with one thread's answer placed: `row` null (it no longer matches the filters, or is gone) takes
 * it out; otherwise it goes where its activity puts it — unless that is past the last row while more pages
 * exist (it belongs to a page not shown). The sidebar's counts come from the same answer.
 */
export function placeThread(list: ThreadList, threadId: string, row: ThreadSummary | null, counts: ThreadList['counts']): ThreadList {
  const others = list.threads.filter((t) => t.id !== threadId);
  let threads = others;
  if (row) {
    const at = others.findIndex((t) => compareRows(row, t) < 0);
    if (at !== -1) threads = [...others.slice(0, at), row, ...others.slice(at)];
    else if (list.nextCursor === null) threads = [...others, row];
  }
  return { ...list, threads, counts };
}
