import type { KeysetCursor } from '../../../domain/inbox';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

export type TimelineKind = 'message' | 'note' | 'enrollment_started' | 'enrollment_ended' | 'quote' | 'event';

export interface TimelineEntry {
  kind: TimelineKind;
  /** The item's id in the timeline (an enrollment appears twice: `<id>:started`, `<id>:ended`). */
  itemId: string;
  /** The row it comes from. */
  refId: string;
  at: Date;
}

/**
 * One page of a contact's timeline, newest first, keyset-paged on (time, item id): each source — messages,
 * notes on the contact's threads, enrollments started and ended, quotes, and the event log's entries about the
 * contact (and the contacts merged into it) — reads its own newest rows after the cursor on its own index, and
 * one ORDER BY merges them. Ids compare byte by byte (COLLATE "C"), the same whatever the database's collation.
 */
export async function contactTimeline(db: TenantDb, contactId: string, page: { limit: number; cursor?: KeysetCursor | undefined }) {
  const tenantId = db.$tenantId();
  const n = page.limit + 1;
  // What was recorded about contacts merged into this one is its history too.
  const merged = await db.contactMerge.findMany({ where: { intoContactId: contactId }, select: { mergedContactId: true } });
  const contact = { id: contactId, eventSubjectIds: [contactId, ...merged.map((m) => m.mergedContactId)] };
  const after = (atColumn: Prisma.Sql, idExpression: Prisma.Sql) =>
    page.cursor ? Prisma.sql`AND (${atColumn}, ${idExpression} COLLATE "C") < (${page.cursor.at}, ${page.cursor.id} COLLATE "C")` : Prisma.empty;
  const rows = await db.$queryRaw<Array<{ kind: TimelineKind; item_id: string; ref_id: string; at: Date }>>`
    SELECT kind, item_id, ref_id, at FROM (
      (SELECT 'message' AS kind, m.id AS item_id, m.id AS ref_id, m.created_at AS at FROM messages m
        WHERE m.tenant_id = ${tenantId} AND m.contact_id = ${contact.id} ${after(Prisma.sql`m.created_at`, Prisma.sql`m.id`)}
        ORDER BY m.created_at DESC, m.id COLLATE "C" DESC LIMIT ${n})
      UNION ALL
      (SELECT 'note', nt.id, nt.id, nt.created_at FROM notes nt
         JOIN threads t ON t.tenant_id = nt.tenant_id AND t.id = nt.thread_id
        WHERE nt.tenant_id = ${tenantId} AND t.contact_id = ${contact.id} ${after(Prisma.sql`nt.created_at`, Prisma.sql`nt.id`)}
        ORDER BY nt.created_at DESC, nt.id COLLATE "C" DESC LIMIT ${n})
      UNION ALL
      (SELECT 'enrollment_started', e.id || ':started', e.id, e.started_at FROM enrollments e
        WHERE e.tenant_id = ${tenantId} AND e.contact_id = ${contact.id} ${after(Prisma.sql`e.started_at`, Prisma.sql`(e.id || ':started')`)}
        ORDER BY e.started_at DESC, (e.id || ':started') COLLATE "C" DESC LIMIT ${n})
      UNION ALL
      (SELECT 'enrollment_ended', e.id || ':ended', e.id, e.ended_at FROM enrollments e
        WHERE e.tenant_id = ${tenantId} AND e.contact_id = ${contact.id} AND e.ended_at IS NOT NULL ${after(Prisma.sql`e.ended_at`, Prisma.sql`(e.id || ':ended')`)}
        ORDER BY e.ended_at DESC, (e.id || ':ended') COLLATE "C" DESC LIMIT ${n})
      UNION ALL
      (SELECT 'quote', q.id, q.id, q.created_at FROM quotes q
        WHERE q.tenant_id = ${tenantId} AND q.contact_id = ${contact.id} ${after(Prisma.sql`q.created_at`, Prisma.sql`q.id`)}
        ORDER BY q.created_at DESC, q.id COLLATE "C" DESC LIMIT ${n})
      UNION ALL
      (SELECT 'event', l.id, l.id, l.created_at FROM event_logs l
        WHERE l.tenant_id = ${tenantId} AND l.subject_type = 'contact' AND l.subject_id = ANY (${contact.eventSubjectIds}::text[])
          ${after(Prisma.sql`l.created_at`, Prisma.sql`l.id`)}
        ORDER BY l.created_at DESC, l.id COLLATE "C" DESC LIMIT ${n})
    ) x
    ORDER BY at DESC, item_id COLLATE "C" DESC
    LIMIT ${n}`;
  const entries: TimelineEntry[] = rows.map((r) => ({ kind: r.kind, itemId: r.item_id, refId: r.ref_id, at: r.at }));
  const shown = entries.slice(0, page.limit);
  const last = shown.at(-1);
  const byKind = (...kinds: TimelineKind[]) => [...new Set(shown.filter((e) => kinds.includes(e.kind)).map((e) => e.refId))];
  const [messages, notes, enrollments, quotes, events] = await Promise.all([
    db.message.findMany({ where: { id: { in: byKind('message') } }, include: { contact: { select: { firstName: true, lastName: true } } } }),
    db.note.findMany({ where: { id: { in: byKind('note') } }, include: { author: { select: { id: true, name: true } } } }),
    db.enrollment.findMany({ where: { id: { in: byKind('enrollment_started', 'enrollment_ended') } }, include: { sequence: { select: { name: true } } } }),
    db.quote.findMany({ where: { id: { in: byKind('quote') } } }),
    db.eventLog.findMany({ where: { id: { in: byKind('event') } } }),
  ]);
  return {
    entries: shown,
    rows: {
      messages: new Map(messages.map((r) => [r.id, r])),
      notes: new Map(notes.map((r) => [r.id, r])),
      enrollments: new Map(enrollments.map((r) => [r.id, r])),
      quotes: new Map(quotes.map((r) => [r.id, r])),
      events: new Map(events.map((r) => [r.id, r])),
    },
    next: entries.length > page.limit && last ? { at: last.at, id: last.itemId } : null,
  };
}
