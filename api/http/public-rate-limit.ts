import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import type { SystemPrisma } from '../../prisma/client';
import { countPublicRequest } from '../../prisma/queries/rate-limits/count-public-request';

/**
 * Public routes that make accounts, check passwords or take a web page's leads: `max` requests per window and
 * caller address, then 429.
 */
export function publicRateLimit(prisma: SystemPrisma, name: string, limit: { max: number; windowSeconds: number }): RequestHandler {
  return async (req, _res, next) => {
    const seconds = await countPublicRequest(prisma, `${name}:${req.ip ?? 'unknown'}`, limit);
    if (seconds !== null) {
      throw new AppError(ErrorCodes.RATE_LIMITED, `Too many attempts: try again in ${seconds} s.`, {
        retryAfterSeconds: seconds,
        details: { retryAfterSeconds: seconds },
      });
    }
    next();
  };
}
