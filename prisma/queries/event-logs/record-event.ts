import type { Prisma } from '../../client';
import type { TenantTx } from '../../tenant-scope';

/** Who made a change, as the event log records it (`data.actor`). */
export type Actor = { kind: 'user'; id: string } | { kind: 'apiKey'; id: string } | { kind: 'system' };

export function recordEvent(
  db: TenantTx,
  event: { type: string; subjectType: string; subjectId: string; data?: Record<string, unknown> },
) {
  return db.eventLog.create({
    data: {
      tenantId: db.$tenantId(),
      type: event.type,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      data: (event.data ?? {}) as Prisma.InputJsonValue,
    },
  });
}

/** Several events at once (a change that touched many subjects, e.g. contacts moved out of a deleted stage). */
export function recordEvents(db: TenantTx, events: Array<{ type: string; subjectType: string; subjectId: string; data?: Record<string, unknown> }>) {
  return db.eventLog.createMany({
    data: events.map((event) => ({
      tenantId: db.$tenantId(),
      type: event.type,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      data: (event.data ?? {}) as Prisma.InputJsonValue,
    })),
  });
}
