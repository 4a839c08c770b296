import type { TenantDb } from '../../tenant-scope';

/**
 * The newest `limit` items of a thread before `before` — messages, notes and the thread's changes from the
 * event log — each source read on its own index and merged by the caller. One more of each is read to tell
 * whether older items exist.
 */
export async function threadTimeline(db: TenantDb, threadId: string, page: { before?: Date | undefined; limit: number }) {
  return readTimeline(db, threadId, page.before ? { lt: page.before } : undefined, 'desc', page.limit);
}

/**
 * The oldest `limit` items of a thread created at or after `after` (what a live view lacks since its newest
 * item), oldest first per source; one more of each is read to tell whether there are more.
 */
export async function threadTimelineAfter(db: TenantDb, threadId: string, page: { after: Date; limit: number }) {
  return readTimeline(db, threadId, { gte: page.after }, 'asc', page.limit);
}

async function readTimeline(db: TenantDb, threadId: string, createdAt: { lt: Date } | { gte: Date } | undefined, order: 'asc' | 'desc', limit: number) {
  const orderBy = [{ createdAt: order }, { id: order }];
  const [messages, notes, events] = await Promise.all([
    db.message.findMany({
      where: { threadId, ...(createdAt ? { createdAt } : {}) },
      orderBy,
      take: limit + 1,
      include: { contact: { select: { firstName: true, lastName: true } } },
    }),
    db.note.findMany({
      where: { threadId, ...(createdAt ? { createdAt } : {}) },
      orderBy,
      take: limit + 1,
      include: { author: { select: { id: true, name: true } } },
    }),
    db.eventLog.findMany({
      where: { subjectType: 'thread', subjectId: threadId, ...(createdAt ? { createdAt } : {}) },
      orderBy,
      take: limit + 1,
    }),
  ]);
  return { messages, notes, events };
}

/** Messages still to go out on the thread, soonest first. */
export function listPendingThreadMessages(db: TenantDb, threadId: string) {
  return db.message.findMany({
    where: { threadId, direction: 'outbound', status: { in: ['scheduled', 'queued'] } },
    orderBy: [{ scheduledAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }],
    take: 50,
    include: { contact: { select: { firstName: true, lastName: true } } },
  });
}

/** The most recent subject on an email thread: a reply keeps it. */
export async function lastThreadSubject(db: TenantDb, threadId: string): Promise<string | null> {
  const row = await db.message.findFirst({ where: { threadId, subject: { not: null } }, orderBy: { createdAt: 'desc' }, select: { subject: true } });
  return row?.subject ?? null;
}
