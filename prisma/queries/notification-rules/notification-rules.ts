import type { CreateNotificationRule } from '../../../domain/schemas/ingest';
import type { TenantDb, TenantTx } from '../../tenant-scope';

export function createNotificationRule(db: TenantDb, rule: CreateNotificationRule) {
  return db.notificationRule.create({ data: { tenantId: db.$tenantId(), ...rule } });
}

export function listNotificationRules(db: TenantTx, event?: string) {
  return db.notificationRule.findMany({ where: { ...(event ? { event, enabled: true } : {}) }, orderBy: { createdAt: 'asc' } });
}
