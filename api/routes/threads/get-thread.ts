import type { RequestHandler } from 'express';
import { stepOfMessageId } from '../../../domain/derived-ids';
import { tenantQuietHours } from '../../../domain/quiet-hours';
import { ThreadViewQuerySchema } from '../../../domain/schemas/inbox';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { findStepWaits } from '../../../prisma/queries/sequences/find-step-waits';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import { listPendingThreadMessages, threadTimeline } from '../../../prisma/queries/threads/thread-timeline';
import { memberNames } from '../../../prisma/queries/users/users';
import type { TenantDb } from '../../../prisma/tenant-scope';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { actorUserIds, toInboxMessage, toNoteView, toThreadEventView, type SendRules } from '../../inbox-views';
import { toContactView } from '../../views';
import { memberIdOf } from './caller';
import { threadSummary } from './thread-summary';

/** The tenant's sending rules as they bear on this contact's messages, with the waits of the sequence steps among them. */
async function sendRules(db: TenantDb, contactTimeZone: string | null, messageIds: Array<{ id: string; origin: string | null }>): Promise<SendRules> {
  const tenant = await getTenantOrThrow(db);
  const steps = messageIds.flatMap((m) => (m.origin === 'sequence' ? [stepOfMessageId(m.id)].filter((s) => s !== null) : []));
  return { quietHours: tenantQuietHours(tenant), contactTimeZone, tenantTimeZone: tenant.timeZone, stepWaits: await findStepWaits(db, steps) };
}

export function getThreadRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const query = ThreadViewQuerySchema.parse(req.query);
    const { db } = tenantOf(res);
    const threadId = String(req.params.id);
    const thread = await threadSummary(db, threadId, memberIdOf(res));
    const [contact, timeline, scheduled] = await Promise.all([
      getContactOrThrow(db, thread.contact.id),
      threadTimeline(db, threadId, { before: query.before ? new Date(query.before) : undefined, limit: query.limit }),
      listPendingThreadMessages(db, threadId),
    ]);
    const [rules, names] = await Promise.all([
      sendRules(db, contact.timeZone, [...timeline.messages, ...scheduled]),
      memberNames(db, actorUserIds(timeline.events)),
    ]);
    const items = [
      ...timeline.messages.map((m) => ({ kind: 'message' as const, at: m.createdAt, id: m.id, message: toInboxMessage(m, temporalWeb, rules) })),
      ...timeline.notes.map((n) => ({ kind: 'note' as const, at: n.createdAt, id: n.id, note: toNoteView(n) })),
      ...timeline.events.map((e) => ({ kind: 'event' as const, at: e.createdAt, id: e.id, event: toThreadEventView(e, names) })),
    ].sort((a, b) => b.at.getTime() - a.at.getTime() || (b.id < a.id ? -1 : 1));
    const shown = items.slice(0, query.limit);
    const more = items.length > query.limit;
    res.json({
      thread,
      contact: toContactView(contact),
      timeline: shown.reverse().map(({ id: _id, at, ...item }) => ({ ...item, at: at.toISOString() })),
      nextBefore: more ? (shown[0]?.at.toISOString() ?? null) : null,
      scheduled: scheduled.map((m) => toInboxMessage(m, temporalWeb, rules)),
    });
  };
}
