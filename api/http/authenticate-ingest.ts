import type { RequestHandler, Response } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import type { AppPrisma, SystemPrisma } from '../../prisma/client';
import { findIngestToken } from '../../prisma/queries/ingest/ingest-tokens';
import { forTenant, type TenantDb } from '../../prisma/tenant-scope';

/** The ingest token a request authenticated with, and its tenant's limit for it. */
export interface IngestTokenLocals {
  ingestTokenId: string;
  ingestRatePerMinute: number;
}

/** Ingest endpoints take a per-tenant ingest token (not an API key): it can only add leads and quotes. */
export function authenticateIngest(prisma: AppPrisma, systemPrisma: SystemPrisma): RequestHandler {
  return async (req, res, next) => {
    const token = req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Missing ingest token: send "Authorization: Bearer it_…".');
    const owner = await findIngestToken(systemPrisma, token);
    if (!owner) throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Invalid or revoked ingest token.');
    const locals: IngestTokenLocals = { ingestTokenId: owner.tokenId, ingestRatePerMinute: owner.ingestRatePerMinute };
    Object.assign(res.locals, { tenantId: owner.tenantId, db: forTenant(prisma, owner.tenantId), ...locals });
    next();
  };
}

/**
 * The tenant an ingest token acts for and its scoped client. Not `tenantOf`: an ingest token is no Principal (no
 * member, no role), and ingest routes must not look like tenant routes that have one.
 */
export function ingestTenantOf(res: Response): { tenantId: string; db: TenantDb } {
  const { tenantId, db } = res.locals as { tenantId?: string; db?: TenantDb };
  if (!tenantId || !db) throw new Error('ingestTenantOf used on a route without an ingest token');
  return { tenantId, db };
}

export function ingestTokenOf(res: Response): IngestTokenLocals {
  const { ingestTokenId, ingestRatePerMinute } = res.locals as Partial<IngestTokenLocals>;
  if (!ingestTokenId || !ingestRatePerMinute) throw new Error('ingestTokenOf used on a route without an ingest token');
  return { ingestTokenId, ingestRatePerMinute };
}
