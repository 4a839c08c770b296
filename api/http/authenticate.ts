import type { RequestHandler, Response } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import type { PrismaClient } from '../../prisma/client';
import { findTenantIdByApiKey } from '../../prisma/queries/api-keys/find-tenant-id-by-api-key';
import { forTenant, type TenantDb } from '../../prisma/tenant-scope';

interface TenantLocals {
  tenantId: string;
  db: TenantDb;
}

/** Resolves the API key to its tenant and hands routes a tenant-scoped client — the only one they get. */
export function authenticate(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    const header = req.header('authorization');
    const key = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? req.header('x-api-key');
    if (!key) {
      throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Missing API key: send "Authorization: Bearer <key>".');
    }
    const tenantId = await findTenantIdByApiKey(prisma, key);
    if (!tenantId) throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Invalid or revoked API key.');
    const locals: TenantLocals = { tenantId, db: forTenant(prisma, tenantId) };
    Object.assign(res.locals, locals);
    next();
  };
}

export function tenantOf(res: Response): TenantLocals {
  const { tenantId, db } = res.locals as Partial<TenantLocals>;
  if (!tenantId || !db) throw new Error('tenantOf used on an unauthenticated route');
  return { tenantId, db };
}
