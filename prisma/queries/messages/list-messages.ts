import type { ListMessagesQuery } from '../../../domain/schemas/message';
import type { TenantDb } from '../../tenant-scope';
import { messageWithContact } from './message-with-contact';

/** Newest first, keyset-paged on (created_at, id). Returns one row more than asked to tell if more exist. */
export async function listMessages(db: TenantDb, query: ListMessagesQuery) {
  const rows = await db.message.findMany({
    where: {
      ...(query.status ? { status: query.status } : {}),
      ...(query.contactId ? { contactId: query.contactId } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    ...messageWithContact,
  });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  return { messages: page, nextCursor: hasMore ? (page.at(-1)?.id ?? null) : null };
}
