import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { isOptOutSql, type DashboardRangeInput } from './dashboard-range';

/**
 * Of the contacts a provider took an outbound message for in the range, how many wrote back after their first
 * one, before the range ends. An opt-out keyword is not a reply; every other inbound message is (as for
 * sequences that stop on reply).
 */
export async function replyRate(db: TenantDb, range: DashboardRangeInput): Promise<{ messaged: number; replied: number }> {
  const [row] = await db.$queryRaw<Array<{ messaged: number; replied: number }>>(replyRateSql(db.$tenantId(), range));
  return row ?? { messaged: 0, replied: 0 };
}

export function replyRateSql(tenantId: string, range: DashboardRangeInput): Prisma.Sql {
  return Prisma.sql`
    WITH messaged AS (
      SELECT m.contact_id, min(m.sent_at) AS first_sent
        FROM messages m
       WHERE m.tenant_id = ${tenantId} AND m.direction = 'outbound' AND m.sent_at IS NOT NULL
         AND m.sent_at >= ${range.from} AND m.sent_at < ${range.to}
       GROUP BY m.contact_id
    )
    SELECT count(*)::int AS messaged,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM messages r
              WHERE r.tenant_id = ${tenantId} AND r.contact_id = c.contact_id AND r.direction = 'inbound'
                AND r.created_at > c.first_sent AND r.created_at < ${range.to}
                AND NOT ${isOptOutSql('r')}
           ))::int AS replied
      FROM messaged c`;
}
