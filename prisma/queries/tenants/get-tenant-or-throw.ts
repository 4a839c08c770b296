import { AppError, ErrorCodes } from '../../../domain/errors';
import type { TenantDb } from '../../tenant-scope';

export async function getTenantOrThrow(db: TenantDb) {
  const tenant = await db.tenant.findFirst({});
  if (!tenant) throw new AppError(ErrorCodes.NOT_FOUND, 'Tenant not found');
  return tenant;
}
