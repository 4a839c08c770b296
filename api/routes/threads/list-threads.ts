import type { RequestHandler } from 'express';
import { decodeThreadCursor, encodeThreadCursor } from '../../../domain/inbox';
import { ListThreadsQuerySchema } from '../../../domain/schemas/inbox';
import { countThreads, listThreads } from '../../../prisma/queries/threads/list-threads';
import { tenantOf } from '../../http/authenticate';
import { toThreadSummary } from '../../inbox-views';
import { memberIdOf, requireMember } from './caller';

export function listThreadsRoute(): RequestHandler {
  return async (req, res) => {
    const query = ListThreadsQuerySchema.parse(req.query);
    const { db } = tenantOf(res);
    const userId = memberIdOf(res);
    if (query.filter === 'mine') requireMember(res, 'filter=mine (threads assigned to you)');
    if (query.unread) requireMember(res, 'unread=true (your unread threads)');
    const cursor = query.cursor ? decodeThreadCursor(query.cursor) : undefined;
    const now = new Date();
    const [page, counts] = await Promise.all([
      listThreads(
        db,
        {
          userId,
          ...(query.filter !== 'all' ? { assignee: query.filter } : {}),
          unread: query.unread,
          channel: query.channel,
          status: query.status,
          label: query.label,
          q: query.q,
          threadId: query.threadId,
        },
        { limit: query.limit, cursor, now },
      ),
      countThreads(db, userId, now),
    ]);
    res.json({
      threads: page.rows.map((row) => toThreadSummary(row, now)),
      nextCursor: page.next ? encodeThreadCursor(page.next) : null,
      counts,
    });
  };
}
