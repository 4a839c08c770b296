import type { Channel } from '../../../domain/channels';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import type { DashboardRangeInput } from './dashboard-range';

export interface DeliveryRow {
  channel: Channel;
  sent: number;
  delivered: number;
  failed: number;
  notSent: number;
}

/**
 * Per channel: the outbound messages a provider took in the range and how they ended (delivered or read; failed
 * or undelivered), and those created in the range that failed before any provider took them.
 */
export function deliveryRates(db: TenantDb, range: DashboardRangeInput): Promise<DeliveryRow[]> {
  return db.$queryRaw<DeliveryRow[]>(deliveryRatesSql(db.$tenantId(), range));
}

export function deliveryRatesSql(tenantId: string, range: DashboardRangeInput): Prisma.Sql {
  return Prisma.sql`
    WITH sent AS (
      SELECT m.channel,
             count(*)::int AS sent,
             count(*) FILTER (WHERE m.status IN ('delivered', 'read'))::int AS delivered,
             count(*) FILTER (WHERE m.status IN ('failed', 'undelivered'))::int AS failed
        FROM messages m
       WHERE m.tenant_id = ${tenantId} AND m.direction = 'outbound' AND m.sent_at IS NOT NULL
         AND m.sent_at >= ${range.from} AND m.sent_at < ${range.to}
       GROUP BY m.channel
    ), not_sent AS (
      SELECT m.channel, count(*)::int AS not_sent
        FROM messages m
       WHERE m.tenant_id = ${tenantId} AND m.direction = 'outbound' AND m.status IN ('failed', 'undelivered')
         AND m.created_at >= ${range.from} AND m.created_at < ${range.to} AND m.sent_at IS NULL
       GROUP BY m.channel
    )
    SELECT coalesce(s.channel, n.channel)::text AS channel, coalesce(s.sent, 0) AS sent, coalesce(s.delivered, 0) AS delivered,
           coalesce(s.failed, 0) AS failed, coalesce(n.not_sent, 0) AS "notSent"
      FROM sent s FULL JOIN not_sent n ON n.channel = s.channel`;
}
