import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import type { PrismaClient } from '../../prisma/client';
import { takeToken, type TokenBucket } from '../../prisma/queries/rate-limits/take-token';
import { tenantOf } from './authenticate';

/** Per-tenant token bucket: 429 with Retry-After (seconds) when the tenant is sending faster than allowed. */
export function rateLimit(prisma: PrismaClient, bucket: string, limit: TokenBucket): RequestHandler {
  return async (_req, res, next) => {
    const waitMs = await takeToken(prisma, tenantOf(res).tenantId, bucket, limit);
    if (waitMs === null) return next();
    const seconds = Math.ceil(waitMs / 1000);
    res.setHeader('Retry-After', String(seconds));
    throw new AppError(ErrorCodes.RATE_LIMITED, `Too many messages: try again in ${seconds} s.`, {
      details: { retryAfterSeconds: seconds, limitPerMinute: Math.round(limit.refillPerSecond * 60) },
    });
  };
}
