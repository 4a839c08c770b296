import type { SystemPrisma } from '../../client';

/**
 * Counts a request to a public route (sign-up, accepting an invitation) against a fixed window per key (route
 * and address), in the table Better Auth keeps its sign-in counts in, so every API process shares it. Returns
 * null when allowed, else the seconds until the window ends.
 */
export async function countPublicRequest(prisma: SystemPrisma, key: string, limit: { max: number; windowSeconds: number }): Promise<number | null> {
  const now = Date.now();
  const windowStart = now - limit.windowSeconds * 1000;
  const [row] = await prisma.$queryRaw<Array<{ count: number; last_request: bigint }>>`
    INSERT INTO auth_rate_limits AS r (id, key, count, last_request)
    VALUES (${`rl_${crypto.randomUUID().replace(/-/g, '')}`}, ${`herald:${key}`}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN r.last_request <= ${windowStart} THEN 1 ELSE r.count + 1 END,
      last_request = CASE WHEN r.last_request <= ${windowStart} THEN ${now} ELSE r.last_request END
    RETURNING r.count, r.last_request`;
  if (!row || row.count <= limit.max) return null;
  return Math.max(1, Math.ceil((Number(row.last_request) + limit.windowSeconds * 1000 - now) / 1000));
}
