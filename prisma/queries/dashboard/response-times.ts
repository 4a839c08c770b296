import type { Channel } from '../../../domain/channels';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { daySql, type DashboardRangeInput } from './dashboard-range';

export interface ResponseTimeRow {
  /** Which grouping the row is: the whole range, one day, or one channel. */
  scope: 'total' | 'day' | 'channel';
  day: number | null;
  channel: Channel | null;
  answered: number;
  averageSeconds: number | null;
  medianSeconds: number | null;
}

/**
 * First response times. Every inbound message in the range looks for the next agent reply (origin agent) on its
 * thread before the range ends; the inbound messages one reply answers form one wait, timed from the first of
 * them. Grouped three ways at once: the whole range, the day the wait began, the channel. `unanswered` counts
 * threads with an inbound message in the range that no agent reply followed yet.
 */
export async function responseTimes(db: TenantDb, range: DashboardRangeInput): Promise<{ rows: ResponseTimeRow[]; unanswered: number }> {
  const rows = await db.$queryRaw<Array<ResponseTimeRow & { unanswered: number }>>(responseTimesSql(db.$tenantId(), range));
  // The grouping set () always yields a row (the whole range): the threads waiting are counted on it.
  return { rows: rows.map(({ unanswered: _unanswered, ...row }) => row), unanswered: rows.find((r) => r.scope === 'total')?.unanswered ?? 0 };
}

/** Each inbound message of the range with the time of the next agent reply on its thread (null: none yet). */
function askedSql(tenantId: string, range: DashboardRangeInput): Prisma.Sql {
  return Prisma.sql`
    SELECT i.thread_id, i.channel, i.created_at AS asked_at, r.created_at AS answered_at
      FROM messages i
      LEFT JOIN LATERAL (
        SELECT a.created_at FROM messages a
         WHERE a.tenant_id = i.tenant_id AND a.thread_id = i.thread_id AND a.origin = 'agent'
           AND a.created_at > i.created_at AND a.created_at < ${range.to}
         ORDER BY a.created_at
         LIMIT 1
      ) r ON true
     WHERE i.tenant_id = ${tenantId} AND i.direction = 'inbound' AND i.thread_id IS NOT NULL
       AND i.created_at >= ${range.from} AND i.created_at < ${range.to}`;
}

export function responseTimesSql(tenantId: string, range: DashboardRangeInput): Prisma.Sql {
  // One pass over the inbound messages: waits are grouped by the reply that ended them (none yet: NULL), so the
  // times and the threads still waiting come from the same rows.
  return Prisma.sql`
    WITH asked AS (${askedSql(tenantId, range)}),
    waits AS (
      SELECT thread_id, channel, answered_at, min(asked_at) AS asked_at
        FROM asked
       GROUP BY thread_id, channel, answered_at
    )
    SELECT CASE WHEN GROUPING(day) = 0 THEN 'day' WHEN GROUPING(channel) = 0 THEN 'channel' ELSE 'total' END AS scope,
           day, channel::text AS channel, count(seconds)::int AS answered,
           avg(seconds)::float8 AS "averageSeconds",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds)::float8 AS "medianSeconds",
           count(DISTINCT thread_id) FILTER (WHERE seconds IS NULL)::int AS unanswered
      FROM (
        SELECT ${daySql(Prisma.sql`asked_at`, range)}::int AS day, channel, thread_id, extract(epoch FROM answered_at - asked_at) AS seconds
          FROM waits
      ) w
     GROUP BY GROUPING SETS ((day), (channel), ())`;
}
