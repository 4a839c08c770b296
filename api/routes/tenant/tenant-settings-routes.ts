import type { RequestHandler } from 'express';
import { UpdateTenantSettingsSchema } from '../../../domain/schemas/tenant';
import { newId } from '../../../prisma/ids';
import { getTenantSettings, updateTenantSettings } from '../../../prisma/queries/tenants/tenant-settings';
import { isTemporalUnreachable, recheckSendsStart } from '../../../workflows/definitions';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';

export function getTenantSettingsRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ settings: await getTenantSettings(tenantOf(res).db) });
  };
}

/**
 * Changes some settings. A change to when sending is allowed (quiet hours, the tenant's zone) reaches the
 * messages already waiting at once: a workflow tells each of them to look again.
 */
export function updateTenantSettingsRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const change = UpdateTenantSettingsSchema.parse(req.body);
    const { tenantId, db } = tenantOf(res);
    const before = await getTenantSettings(db);
    const settings = await updateTenantSettings(db, change, actorOf(res));

    const moved = [
      JSON.stringify(before.quietHours) !== JSON.stringify(settings.quietHours) ? 'quiet hours' : null,
      before.timeZone !== settings.timeZone ? 'time zone' : null,
    ].filter((what): what is string => what !== null);
    let recheck: { workflowId: string } | undefined;
    let warning: string | undefined;
    if (moved.length) {
      try {
        const started = await deps.temporal.start(recheckSendsStart({ tenantId, changeId: newId('chg') }, moved.join(' and ')));
        recheck = { workflowId: started.workflowId };
      } catch (error) {
        if (!isTemporalUnreachable(error)) throw error;
        // Saved; each waiting message still applies the new rules when it next wakes.
        warning = 'Saved; the workflow engine could not be reached, so messages already waiting apply the change when they next wake.';
      }
    }
    res.json({ settings, ...(recheck ? { recheck } : {}), ...(warning ? { warning } : {}) });
  };
}
