import type { CreateNotificationRule } from '../../../domain/schemas/ingest';
import type { TenantDb } from '../../tenant-scope';

export function createNotificationRule(db: TenantDb, rule: CreateNotificationRule) {
  return db.notificationRule.create({ data: { tenantId: db.$tenantId(), ...rule } });
}

export function listNotificationRules(db: TenantDb, event?: string) {
  return db.notificationRule.findMany({ where: { ...(event ? { event, enabled: true } : {}) }, orderBy: { createdAt: 'asc' } });
}
