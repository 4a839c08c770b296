import type { SqlClient } from '../../client';

export interface TokenBucket {
  /** Most tokens the bucket holds (the burst). */
  capacity: number;
  refillPerSecond: number;
}

/**
 * Takes one token from the tenant's bucket in a single statement — refill by elapsed time, then spend — so
 * every API instance shares the limit without a race. Returns null when allowed, or the milliseconds until a
 * token will be available. Raw SQL takes the tenant id explicitly (the bucket is keyed by it); `db` is that
 * tenant's scope, so row-level security holds it to that tenant too.
 */
export async function takeToken(db: SqlClient, tenantId: string, bucket: string, limit: TokenBucket): Promise<number | null> {
  const taken = await db.$queryRaw<Array<{ tokens: number }>>`
    INSERT INTO rate_limit_buckets AS b (tenant_id, bucket, tokens, updated_at)
    VALUES (${tenantId}, ${bucket}, ${limit.capacity - 1}, now())
    ON CONFLICT (tenant_id, bucket) DO UPDATE SET
      tokens = LEAST(${limit.capacity}::float8, b.tokens + EXTRACT(EPOCH FROM (now() - b.updated_at)) * ${limit.refillPerSecond}::float8) - 1,
      updated_at = now()
    WHERE LEAST(${limit.capacity}::float8, b.tokens + EXTRACT(EPOCH FROM (now() - b.updated_at)) * ${limit.refillPerSecond}::float8) >= 1
    RETURNING b.tokens`;
  if (taken.length) return null;
  const [row] = await db.$queryRaw<Array<{ tokens: number }>>`
    SELECT LEAST(${limit.capacity}::float8, tokens + EXTRACT(EPOCH FROM (now() - updated_at)) * ${limit.refillPerSecond}::float8) AS tokens
      FROM rate_limit_buckets WHERE tenant_id = ${tenantId} AND bucket = ${bucket}`;
  const missing = 1 - (row?.tokens ?? 0);
  return Math.max(1, Math.ceil((missing / limit.refillPerSecond) * 1000));
}
