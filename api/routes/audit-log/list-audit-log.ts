import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { eventTypeWords } from '../../../domain/audit';
import { decodeThreadCursor, encodeThreadCursor } from '../../../domain/inbox';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { ListAuditLogQuerySchema, type AuditEntrySchema } from '../../../domain/schemas/audit-log';
import { auditNames } from '../../../prisma/queries/event-logs/audit-names';
import { listAuditLog, type AuditLogRow } from '../../../prisma/queries/event-logs/list-audit-log';
import { tenantOf } from '../../http/authenticate';

const GONE: Record<string, string> = {
  user: 'A former member',
  apiKey: 'A deleted API key',
  ingestToken: 'A deleted ingest token',
  contact: 'A deleted contact',
  system: 'Herald',
};

/** A name the entry recorded for its subject, for a subject that is gone (a deleted template keeps its name). */
function recordedLabel(data: Record<string, unknown>): string | null {
  for (const key of ['name', 'shortcut', 'address'] as const) if (typeof data[key] === 'string') return data[key];
  return null;
}

function toEntry(row: AuditLogRow, names: Map<string, string>): z.infer<typeof AuditEntrySchema> {
  const data = row.data ?? {};
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    type: row.type,
    action: eventTypeWords(row.type),
    actor: {
      type: row.actorType,
      id: row.actorId,
      name: (row.actorId ? names.get(`${row.actorType}:${row.actorId}`) : undefined) ?? GONE[row.actorType] ?? row.actorType,
    },
    subject: { type: row.subjectType, id: row.subjectId, label: names.get(`${row.subjectType}:${row.subjectId}`) ?? recordedLabel(data) },
    data,
  };
}

/** GET /api/audit-log: who did what, when — the event log, newest first, filtered and keyset-paged, with names. */
export function listAuditLogRoute(): RequestHandler {
  return async (req, res) => {
    const query = ListAuditLogQuerySchema.parse(req.query);
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      throw new AppError(ErrorCodes.VALIDATION, 'from: must be before to');
    }
    const { db } = tenantOf(res);
    const page = await listAuditLog(
      db,
      {
        actorType: query.actorType,
        actorId: query.actorId,
        type: query.type,
        subjectType: query.subjectType,
        subjectId: query.subjectId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      { limit: query.limit, cursor: query.cursor ? decodeThreadCursor(query.cursor) : undefined },
    );
    const names = await auditNames(db, [
      ...page.rows.flatMap((r) => (r.actorId ? [{ type: r.actorType, id: r.actorId }] : [])),
      ...page.rows.map((r) => ({ type: r.subjectType, id: r.subjectId })),
    ]);
    res.json({ entries: page.rows.map((row) => toEntry(row, names)), nextCursor: page.next ? encodeThreadCursor(page.next) : null });
  };
}
