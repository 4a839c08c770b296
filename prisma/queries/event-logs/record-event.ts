import type { Actor, EventType, SubjectType } from '../../../domain/audit';
import type { Prisma } from '../../client';
import type { TenantTx } from '../../tenant-scope';

export interface EventInput {
  type: EventType;
  subjectType: SubjectType;
  subjectId: string;
  /** Who did it: every entry names one (Herald's own work is the system actor). */
  actor: Actor;
  /** Small facts about the change: ids, field names, a name to show once the subject is gone. Never a message body or a secret. */
  data?: Record<string, unknown>;
}

function eventRow(tenantId: string, event: EventInput): Prisma.EventLogUncheckedCreateInput {
  return {
    tenantId,
    type: event.type,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    actorType: event.actor.kind,
    actorId: event.actor.kind === 'system' ? null : event.actor.id,
    data: (event.data ?? {}) as Prisma.InputJsonValue,
  };
}

/**
 * The one way an entry reaches the event log, Herald's audit trail. Call it with the transaction that makes the
 * change, so the change and its entry commit (or roll back) together.
 */
export function recordEvent(db: TenantTx, event: EventInput) {
  return db.eventLog.create({ data: eventRow(db.$tenantId(), event) });
}

/**
 * The same, inside a transaction of the cross-tenant client, for a change made before its tenant was known to
 * the caller (accepting an invitation by its link).
 */
export function recordTenantEvent(tx: Prisma.TransactionClient, tenantId: string, event: EventInput) {
  return tx.eventLog.create({ data: eventRow(tenantId, event) });
}

/** Several events at once (a change that touched many subjects, e.g. contacts moved out of a deleted stage). */
export function recordEvents(db: TenantTx, events: EventInput[]) {
  return db.eventLog.createMany({ data: events.map((event) => eventRow(db.$tenantId(), event)) });
}
