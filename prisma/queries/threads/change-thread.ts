import type { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { recordEvent, type Actor } from '../event-logs/record-event';
import { getThreadOrThrow } from './get-thread-or-throw';

export type { Actor } from '../event-logs/record-event';

export interface ThreadChange {
  assigneeId?: string | null;
  status?: 'open' | 'closed';
  snoozedUntil?: Date | null;
  labels?: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies a change an agent made to a thread and records it in the event log with its author, in one
 * transaction (the realtime trigger adds its thread.updated event to the same one). A change that changes
 * nothing records nothing. Returns the thread as it now is.
 */
export async function changeThread(db: TenantDb, threadId: string, change: ThreadChange, event: { type: string; actor: Actor; data?: Record<string, unknown> }) {
  return db.$transaction(async (tx) => {
    const before = await getThreadOrThrow(tx, threadId);
    const data: Prisma.ThreadUncheckedUpdateManyInput = {};
    if (change.assigneeId !== undefined && change.assigneeId !== before.assigneeId) data.assigneeId = change.assigneeId;
    if (change.status !== undefined && change.status !== before.status) data.status = change.status;
    if (change.snoozedUntil !== undefined && before.snoozedUntil?.getTime() !== change.snoozedUntil?.getTime()) data.snoozedUntil = change.snoozedUntil;
    if (change.labels !== undefined && !same(change.labels, before.labels)) data.labels = change.labels;
    if (Object.keys(data).length === 0) return before;
    await tx.thread.updateMany({ where: { id: threadId }, data: { ...data, updatedAt: new Date() } });
    await recordEvent(tx, { type: event.type, subjectType: 'thread', subjectId: threadId, data: { ...event.data, actor: event.actor } });
    return getThreadOrThrow(tx, threadId);
  });
}
