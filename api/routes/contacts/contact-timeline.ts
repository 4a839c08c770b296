import type { RequestHandler } from 'express';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../../domain/inbox';
import { ContactTimelineQuerySchema, type ContactTimelineItem } from '../../../domain/schemas/contact-timeline';
import { contactTimeline } from '../../../prisma/queries/contacts/contact-timeline';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { memberNames } from '../../../prisma/queries/users/users';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { actorUserIds, toNoteView, toThreadEventView } from '../../inbox-views';
import { toMessageView } from '../../views';

/** A contact's timeline, newest first: what was said, written, enrolled, quoted and changed. */
export function contactTimelineRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const query = ContactTimelineQuerySchema.parse(req.query);
    const { db } = tenantOf(res);
    const contact = await getContactOrThrow(db, String(req.params.id));
    const page = await contactTimeline(db, contact.id, {
      limit: query.limit,
      cursor: query.cursor ? decodeKeysetCursor(query.cursor) : undefined,
    });
    const names = await memberNames(db, actorUserIds([...page.rows.events.values()]));
    const items = page.entries.flatMap((entry): ContactTimelineItem[] => {
      const base = { id: entry.itemId, at: entry.at.toISOString() };
      switch (entry.kind) {
        case 'message': {
          const row = page.rows.messages.get(entry.refId);
          return row ? [{ kind: 'message', ...base, threadId: row.threadId, message: toMessageView(row, temporalWeb) }] : [];
        }
        case 'note': {
          const row = page.rows.notes.get(entry.refId);
          return row ? [{ kind: 'note', ...base, note: toNoteView(row) }] : [];
        }
        case 'enrollment_started':
        case 'enrollment_ended': {
          const row = page.rows.enrollments.get(entry.refId);
          if (!row) return [];
          const enrollment = { id: row.id, sequenceId: row.sequenceId, sequenceName: row.sequence.name, status: row.status, stopReason: row.stopReason };
          return [{ kind: 'enrollment', ...base, change: entry.kind === 'enrollment_started' ? 'started' : 'ended', enrollment }];
        }
        case 'quote': {
          const row = page.rows.quotes.get(entry.refId);
          return row ? [{ kind: 'quote', ...base, quote: { id: row.id, title: row.title, total: row.total.toFixed(2), currency: row.currency, status: row.status } }] : [];
        }
        case 'event': {
          const row = page.rows.events.get(entry.refId);
          return row ? [{ kind: 'event', ...base, event: toThreadEventView(row, names) }] : [];
        }
      }
    });
    res.json({ items, nextCursor: page.next ? encodeKeysetCursor(page.next) : null });
  };
}
