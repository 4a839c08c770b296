import type { RequestHandler } from 'express';
import { ThreadTimelineQuerySchema } from '../../../domain/schemas/inbox';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { threadTimelineAfter } from '../../../prisma/queries/threads/thread-timeline';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { memberIdOf } from './caller';
import { threadSummary } from './thread-summary';
import { sendRules, timelineItems } from './timeline-items';

/**
 * GET /threads/:id/timeline?after=: what a live conversation lacks since its newest item — the items created
 * at or after `after` and the thread as it now is — instead of the whole thread view on every event.
 */
export function getThreadTimelineRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const query = ThreadTimelineQuerySchema.parse(req.query);
    const { db } = tenantOf(res);
    const threadId = String(req.params.id);
    // It answers on every live event: the reads that do not depend on each other go together.
    const [thread, rows] = await Promise.all([threadSummary(db, threadId, memberIdOf(res)), threadTimelineAfter(db, threadId, { after: new Date(query.after), limit: query.limit })]);
    const contact = await getContactOrThrow(db, thread.contact.id);
    const items = await timelineItems(db, rows, temporalWeb, await sendRules(db, contact.timeZone, rows.messages));
    res.json({ thread, timeline: items.slice(0, query.limit).map((o) => o.item), more: items.length > query.limit });
  };
}
