import type { RequestHandler, Response } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import type { Role } from '../../domain/roles';
import type { AppPrisma, SystemPrisma } from '../../prisma/client';
import { findApiKeyBySecret } from '../../prisma/queries/api-keys/find-api-key-by-secret';
import { forTenant, type TenantDb } from '../../prisma/tenant-scope';

/**
 * Who is calling, in which tenant, with which role: a member signed in to the app (`userId` is their Herald
 * user in that tenant, the author of notes and the assignee of threads) or a machine with an API key.
 */
export type Principal =
  | { kind: 'user'; tenantId: string; role: Role; userId: string }
  | { kind: 'apiKey'; tenantId: string; role: Role; apiKeyId: string };

interface TenantLocals {
  tenantId: string;
  db: TenantDb;
  principal: Principal;
}

/** Resolves the API key to its tenant and role and hands routes a tenant-scoped client — the only one they get. */
export function authenticate(prisma: AppPrisma, systemPrisma: SystemPrisma): RequestHandler {
  return async (req, res, next) => {
    const header = req.header('authorization');
    const key = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? req.header('x-api-key');
    if (!key) {
      throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Missing API key: send "Authorization: Bearer <key>".');
    }
    const found = await findApiKeyBySecret(systemPrisma, key);
    if (!found) throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Invalid or revoked API key.');
    const principal: Principal = { kind: 'apiKey', tenantId: found.tenantId, role: found.role, apiKeyId: found.apiKeyId };
    const locals: TenantLocals = { tenantId: found.tenantId, db: forTenant(prisma, found.tenantId), principal };
    Object.assign(res.locals, locals);
    next();
  };
}

export function tenantOf(res: Response): TenantLocals {
  const { tenantId, db, principal } = res.locals as Partial<TenantLocals>;
  if (!tenantId || !db || !principal) throw new Error('tenantOf used on an unauthenticated route');
  return { tenantId, db, principal };
}

export function principalOf(res: Response): Principal {
  return tenantOf(res).principal;
}
