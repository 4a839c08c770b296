import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { DeleteTenantSchema } from '../../../domain/schemas/accounts';
import { deleteTenant } from '../../../prisma/queries/tenants/delete-tenant';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';

/** DELETE /api/tenant (owners): the tenant and all it holds; members' accounts stay for their other tenants. */
export function deleteTenantRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { confirmBusinessName } = DeleteTenantSchema.parse(req.body);
    const { db, tenantId } = tenantOf(res);
    const tenant = await getTenantOrThrow(db);
    if (confirmBusinessName !== tenant.businessName) {
      throw new AppError(ErrorCodes.CONFLICT, 'confirmBusinessName is not this tenant’s business name: nothing was deleted.', { details: { reason: 'confirmation_mismatch' } });
    }
    await deleteTenant(deps.systemPrisma, tenantId);
    res.status(204).end();
  };
}
