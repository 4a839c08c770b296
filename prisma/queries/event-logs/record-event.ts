import type { Prisma } from '../../client';
import type { TenantTx } from '../../tenant-scope';

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
