import type { Actor } from '../../../domain/audit';
import type { CreateNotificationRule } from '../../../domain/schemas/ingest';
import type { TenantDb, TenantTx } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';

/** A new rule, recorded with who made it (its event and channel; the recipient is on the rule). */
export function createNotificationRule(db: TenantDb, rule: CreateNotificationRule, actor: Actor) {
  return db.$transaction(async (tx) => {
    const created = await tx.notificationRule.create({ data: { tenantId: db.$tenantId(), ...rule } });
    await recordEvent(tx, { type: 'notification_rule.created', subjectType: 'notification_rule', subjectId: created.id, actor, data: { event: created.event, channel: created.channel } });
    return created;
  });
}

export function listNotificationRules(db: TenantTx, event?: string) {
  return db.notificationRule.findMany({ where: { ...(event ? { event, enabled: true } : {}) }, orderBy: { createdAt: 'asc' } });
}
