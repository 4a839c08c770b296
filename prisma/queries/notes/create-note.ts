import type { TenantDb } from '../../tenant-scope';
import type { Actor } from '../../../domain/audit';
import { recordEvent } from '../event-logs/record-event';
import { getThreadOrThrow } from '../threads/get-thread-or-throw';

/** A note on a thread by a member (its author) or an API key (no author; the event log names the key). */
export async function createNote(db: TenantDb, threadId: string, input: { body: string; visibility: 'private' | 'public'; authorId: string | null; actor: Actor }) {
  return db.$transaction(async (tx) => {
    await getThreadOrThrow(tx, threadId);
    const note = await tx.note.create({
      data: { tenantId: tx.$tenantId(), threadId, body: input.body, visibility: input.visibility, authorId: input.authorId },
      include: { author: { select: { id: true, name: true } } },
    });
    await recordEvent(tx, { type: 'note.created', subjectType: 'note', subjectId: note.id, actor: input.actor, data: { threadId, visibility: input.visibility } });
    return note;
  });
}

/** Notes on any of a contact's threads, newest first. */
export function listContactNotes(db: TenantDb, contactId: string, limit: number) {
  return db.note.findMany({
    where: { thread: { contactId } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    include: { author: { select: { id: true, name: true } } },
  });
}
