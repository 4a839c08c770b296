import type { RequestHandler } from 'express';
import { ThreadViewQuerySchema } from '../../../domain/schemas/inbox';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { listPendingThreadMessages, threadTimeline } from '../../../prisma/queries/threads/thread-timeline';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { toInboxMessage } from '../../inbox-views';
import { toContactView } from '../../views';
import { memberIdOf } from './caller';
import { threadSummary } from './thread-summary';
import { sendRules, timelineItems } from './timeline-items';

export function getThreadRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const query = ThreadViewQuerySchema.parse(req.query);
    const { db } = tenantOf(res);
    const threadId = String(req.params.id);
    const thread = await threadSummary(db, threadId, memberIdOf(res));
    const [contact, rows, scheduled] = await Promise.all([
      getContactOrThrow(db, thread.contact.id),
      threadTimeline(db, threadId, { before: query.before ? new Date(query.before) : undefined, limit: query.limit }),
      listPendingThreadMessages(db, threadId),
    ]);
    const rules = await sendRules(db, contact.timeZone, [...rows.messages, ...scheduled]);
    const items = await timelineItems(db, rows, temporalWeb, rules);
    // Each source read one more than the page: the newest `limit` of them all are shown.
    const shown = items.slice(-query.limit);
    const more = items.length > query.limit;
    res.json({
      thread,
      contact: toContactView(contact),
      timeline: shown.map((o) => o.item),
      nextBefore: more ? (shown[0]?.at.toISOString() ?? null) : null,
      scheduled: scheduled.map((m) => toInboxMessage(m, temporalWeb, rules)),
    });
  };
}
