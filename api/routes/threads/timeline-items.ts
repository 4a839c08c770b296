import { stepOfMessageId } from '../../../domain/derived-ids';
import { tenantQuietHours } from '../../../domain/quiet-hours';
import type { TimelineItem } from '../../../domain/schemas/inbox';
import type { TemporalWebConfig } from '../../../domain/temporal-web-links';
import { findStepWaits } from '../../../prisma/queries/sequences/find-step-waits';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import type { threadTimeline } from '../../../prisma/queries/threads/thread-timeline';
import { memberNames } from '../../../prisma/queries/users/users';
import type { TenantDb } from '../../../prisma/tenant-scope';
import { actorUserIds, toInboxMessage, toNoteView, toThreadEventView, type SendRules } from '../../inbox-views';

type TimelineRows = Awaited<ReturnType<typeof threadTimeline>>;

/** The tenant's sending rules as they bear on this contact's messages, with the waits of the sequence steps among them. */
export async function sendRules(db: TenantDb, contactTimeZone: string | null, messages: Array<{ id: string; origin: string | null }>): Promise<SendRules> {
  const tenant = await getTenantOrThrow(db);
  const steps = messages.flatMap((m) => (m.origin === 'sequence' ? [stepOfMessageId(m.id)].filter((s) => s !== null) : []));
  return { quietHours: tenantQuietHours(tenant), contactTimeZone, tenantTimeZone: tenant.timeZone, stepWaits: await findStepWaits(db, steps) };
}

/** A timeline item with what orders it (its time, then its id). */
export interface OrderedItem {
  at: Date;
  id: string;
  item: TimelineItem;
}

/**
 * Messages, notes and the thread's changes as timeline items, oldest first (time, then id: the order the
 * thread view and its "what is new" answer share). The event log's authors are named here.
 */
export async function timelineItems(db: TenantDb, rows: TimelineRows, web: TemporalWebConfig, rules: SendRules): Promise<OrderedItem[]> {
  const names = await memberNames(db, actorUserIds(rows.events));
  const ordered: OrderedItem[] = [
    ...rows.messages.map((m) => ({ at: m.createdAt, id: m.id, item: { kind: 'message' as const, at: m.createdAt.toISOString(), message: toInboxMessage(m, web, rules) } })),
    ...rows.notes.map((n) => ({ at: n.createdAt, id: n.id, item: { kind: 'note' as const, at: n.createdAt.toISOString(), note: toNoteView(n) } })),
    ...rows.events.map((e) => ({ at: e.createdAt, id: e.id, item: { kind: 'event' as const, at: e.createdAt.toISOString(), event: toThreadEventView(e, names) } })),
  ];
  return ordered.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
