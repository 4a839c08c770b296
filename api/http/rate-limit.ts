import type { RequestHandler, Response } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import { ingestTokenBucket } from '../../domain/ingest-rate-limit';
import { takeToken, type TokenBucket } from '../../prisma/queries/rate-limits/take-token';
import { tenantScopeOf } from './authenticate';
import { ingestTokenOf } from './authenticate-ingest';
import { leadFormOf } from './lead-form-access';

/** Takes a token from the tenant's `bucket`; 429 with Retry-After (seconds) when there is none. */
async function takeOrRefuse(res: Response, bucket: string, limit: TokenBucket, tooMany: string): Promise<void> {
  const { tenantId, db } = tenantScopeOf(res);
  const waitMs = await takeToken(db, tenantId, bucket, limit);
  if (waitMs === null) return;
  const seconds = Math.ceil(waitMs / 1000);
  throw new AppError(ErrorCodes.RATE_LIMITED, `${tooMany}: try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
    details: { retryAfterSeconds: seconds, limitPerMinute: Math.round(limit.refillPerSecond * 60) },
  });
}

/** Per-tenant token bucket: 429 with Retry-After (seconds) when the tenant is sending faster than allowed. */
export function rateLimit(bucket: string, limit: TokenBucket): RequestHandler {
  return async (_req, res, next) => {
    await takeOrRefuse(res, bucket, limit, 'Too many messages');
    next();
  };
}

/**
 * Each ingest token its own bucket at its tenant's `ingest_rate_per_minute` (domain/ingest-rate-limit.ts): a
 * runaway form or script is held back without touching the tenant's other tokens or its API keys. Every call
 * counts, refused ones included, so it runs right after authentication.
 */
export function ingestTokenRateLimit(): RequestHandler {
  return async (_req, res, next) => {
    const { ingestTokenId, ingestRatePerMinute } = ingestTokenOf(res);
    await takeOrRefuse(res, `ingest-token:${ingestTokenId}`, ingestTokenBucket(ingestRatePerMinute), 'Too many requests with this ingest token');
    next();
  };
}

/**
 * Each embeddable lead form its own bucket, at its tenant's ingest rate (like each ingest token): a page under
 * attack from many addresses holds back only that form. Counts every submission, refused ones included.
 */
export function leadFormRateLimit(): RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'POST') return next();
    const form = leadFormOf(res);
    await takeOrRefuse(res, `lead-form:${form.id}`, ingestTokenBucket(form.ingestRatePerMinute), 'Too many submissions to this form');
    next();
  };
}
