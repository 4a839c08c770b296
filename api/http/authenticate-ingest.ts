import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import type { PrismaClient } from '../../prisma/client';
import { findTenantIdByIngestToken } from '../../prisma/queries/ingest/ingest-tokens';
import { forTenant } from '../../prisma/tenant-scope';

/** Ingest endpoints take a per-tenant ingest token (not an API key): it can only add leads and quotes. */
export function authenticateIngest(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    const token = req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Missing ingest token: send "Authorization: Bearer it_…".');
    const tenantId = await findTenantIdByIngestToken(prisma, token);
    if (!tenantId) throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Invalid or revoked ingest token.');
    Object.assign(res.locals, { tenantId, db: forTenant(prisma, tenantId) });
    next();
  };
}
