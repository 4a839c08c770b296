import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import { ingestTokenBucket } from '../../domain/ingest-rate-limit';
import type { PrismaClient } from '../../prisma/client';
import { takeToken, type TokenBucket } from '../../prisma/queries/rate-limits/take-token';
import { tenantOf } from './authenticate';
import { ingestTenantOf, ingestTokenOf } from './authenticate-ingest';

/** Takes a token from the tenant's `bucket`; 429 with Retry-After (seconds) when there is none. */
async function takeOrRefuse(prisma: PrismaClient, tenantId: string, bucket: string, limit: TokenBucket, tooMany: string): Promise<void> {
  const waitMs = await takeToken(prisma, tenantId, bucket, limit);
  if (waitMs === null) return;
  const seconds = Math.ceil(waitMs / 1000);
  throw new AppError(ErrorCodes.RATE_LIMITED, `${tooMany}: try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
    details: { retryAfterSeconds: seconds, limitPerMinute: Math.round(limit.refillPerSecond * 60) },
  });
}

/** Per-tenant token bucket: 429 with Retry-After (seconds) when the tenant is sending faster than allowed. */
export function rateLimit(prisma: PrismaClient, bucket: string, limit: TokenBucket): RequestHandler {
  return async (_req, res, next) => {
    await takeOrRefuse(prisma, tenantOf(res).tenantId, bucket, limit, 'Too many messages');
    next();
  };
}

/**
 * Each ingest token its own bucket at its tenant's `ingest_rate_per_minute` (domain/ingest-rate-limit.ts): a
 * runaway form or script is held back without touching the tenant's other tokens or its API keys. Every call
 * counts, refused ones included, so it runs right after authentication.
 */
export function ingestTokenRateLimit(prisma: PrismaClient): RequestHandler {
  return async (_req, res, next) => {
    const { ingestTokenId, ingestRatePerMinute } = ingestTokenOf(res);
    await takeOrRefuse(prisma, ingestTenantOf(res).tenantId, `ingest-token:${ingestTokenId}`, ingestTokenBucket(ingestRatePerMinute), 'Too many requests with this ingest token');
    next();
  };
}
