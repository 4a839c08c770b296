import type { Actor } from '../../../domain/audit';
import { formatClock, parseClock, tenantQuietHours } from '../../../domain/quiet-hours';
import { isoWeekday, weekdayName, type TenantSettings, type UpdateTenantSettings } from '../../../domain/schemas/tenant';
import type { TenantDb } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';
import { getTenantOrThrow } from './get-tenant-or-throw';

type TenantRow = Awaited<ReturnType<typeof getTenantOrThrow>>;

export function toTenantSettings(tenant: TenantRow): TenantSettings {
  const quiet = tenantQuietHours(tenant);
  return {
    businessName: tenant.businessName,
    supportContact: tenant.supportContact,
    timeZone: tenant.timeZone,
    quietHours: quiet ? { start: formatClock(quiet.startMinute), end: formatClock(quiet.endMinute) } : null,
    businessDays: [...tenant.businessDays].sort((a, b) => a - b).map(weekdayName),
    sendLimits: { perMinute: tenant.sendRatePerMinute, burst: tenant.sendBurst, dailyCap: tenant.sendDailyCap },
    complianceRepliesPerDay: tenant.complianceRepliesPerDay,
    ingestRatePerMinute: tenant.ingestRatePerMinute,
  };
}

export async function getTenantSettings(db: TenantDb): Promise<TenantSettings> {
  return toTenantSettings(await getTenantOrThrow(db));
}

/**
 * Applies a partial change in one statement, recorded in the event log (the names of the fields changed) with
 * who changed it in the same transaction, and returns the settings as they now are.
 */
export async function updateTenantSettings(db: TenantDb, change: UpdateTenantSettings, actor: Actor): Promise<TenantSettings> {
  const update = db.tenant.updateMany({
    data: {
      ...(change.businessName !== undefined ? { businessName: change.businessName } : {}),
      ...(change.supportContact !== undefined ? { supportContact: change.supportContact } : {}),
      ...(change.timeZone !== undefined ? { timeZone: change.timeZone } : {}),
      ...(change.quietHours !== undefined
        ? {
            quietStartMinute: change.quietHours ? parseClock(change.quietHours.start) : null,
            quietEndMinute: change.quietHours ? parseClock(change.quietHours.end) : null,
          }
        : {}),
      ...(change.businessDays !== undefined ? { businessDays: change.businessDays.map(isoWeekday).sort((a, b) => a - b) } : {}),
      ...(change.sendLimits?.perMinute !== undefined ? { sendRatePerMinute: change.sendLimits.perMinute } : {}),
      ...(change.sendLimits?.burst !== undefined ? { sendBurst: change.sendLimits.burst } : {}),
      ...(change.sendLimits?.dailyCap !== undefined ? { sendDailyCap: change.sendLimits.dailyCap } : {}),
      ...(change.complianceRepliesPerDay !== undefined ? { complianceRepliesPerDay: change.complianceRepliesPerDay } : {}),
      ...(change.ingestRatePerMinute !== undefined ? { ingestRatePerMinute: change.ingestRatePerMinute } : {}),
      updatedAt: new Date(),
    },
  });
  const fields = Object.entries(change).flatMap(([field, value]) => (value === undefined ? [] : [field]));
  await db.$transaction([update, recordEvent(db, { type: 'tenant.settings_changed', subjectType: 'tenant', subjectId: db.$tenantId(), actor, data: { fields } })]);
  return getTenantSettings(db);
}
