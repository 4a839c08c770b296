import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { DeleteTenantSchema } from '../../../domain/schemas/accounts';
import { deleteTenant } from '../../../prisma/queries/tenants/delete-tenant';
import { findTenantOpenWorkflowIds } from '../../../prisma/queries/tenants/find-tenant-open-workflow-ids';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';

/**
 * DELETE /api/tenant (owners): the tenant and all it holds; members' accounts stay for their other tenants. Its
 * running workflows are terminated first, so nothing it scheduled is sent after it is gone; if Temporal cannot be
 * reached nothing is deleted (503), and calling again finishes the job.
 */
export function deleteTenantRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { confirmBusinessName } = DeleteTenantSchema.parse(req.body);
    const { db, tenantId } = tenantOf(res);
    const tenant = await getTenantOrThrow(db);
    if (confirmBusinessName !== tenant.businessName) {
      throw new AppError(ErrorCodes.CONFLICT, 'confirmBusinessName is not this tenant’s business name: nothing was deleted.', { details: { reason: 'confirmation_mismatch' } });
    }
    const terminated = await deps.temporal.terminateTenantRuns(tenantId, await findTenantOpenWorkflowIds(db), 'The tenant was deleted by its owner');
    await deleteTenant(deps.systemPrisma, tenantId);
    deps.logger.info({ tenantId, terminated }, 'tenant deleted');
    res.status(204).end();
  };
}
