import type { RequestHandler } from 'express';
import { formatClock, tenantQuietHours } from '../../../domain/quiet-hours';
import type { TenantView } from '../../../domain/schemas/tenant';
import { temporalListUrl } from '../../../domain/temporal-web-links';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';

export function getTenant({ temporalWeb }: ApiDeps): RequestHandler {
  return async (_req, res) => {
    const tenant = await getTenantOrThrow(tenantOf(res).db);
    const quiet = tenantQuietHours(tenant);
    const view: TenantView = {
      id: tenant.id,
      name: tenant.name,
      businessName: tenant.businessName,
      supportContact: tenant.supportContact,
      timeZone: tenant.timeZone,
      quietHours: quiet ? { start: formatClock(quiet.startMinute), end: formatClock(quiet.endMinute) } : null,
      temporalRunsUrl: temporalListUrl(temporalWeb, `TenantId="${tenant.id}"`),
    };
    res.json({ tenant: view });
  };
}
