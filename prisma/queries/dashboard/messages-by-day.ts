import type { Channel } from '../../../domain/channels';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { daySql, type DashboardRangeInput } from './dashboard-range';

export interface MessagesByDayRow {
  kind: 'sent' | 'received';
  day: number;
  channel: Channel;
  count: number;
}

/**
 * Outbound messages by the day a provider took them and inbound ones by the day they arrived, per channel:
 * two index-only scans (messages_sent_dashboard_idx, messages_received_dashboard_idx).
 */
export function messagesByDay(db: TenantDb, range: DashboardRangeInput): Promise<MessagesByDayRow[]> {
  return db.$queryRaw<MessagesByDayRow[]>(messagesByDaySql(db.$tenantId(), range));
}

export function messagesByDaySql(tenantId: string, range: DashboardRangeInput): Prisma.Sql {
  return Prisma.sql`
    SELECT 'sent' AS kind, ${daySql(Prisma.sql`m.sent_at`, range)}::int AS day, m.channel::text AS channel, count(*)::int AS count
      FROM messages m
     WHERE m.tenant_id = ${tenantId} AND m.direction = 'outbound' AND m.sent_at IS NOT NULL
       AND m.sent_at >= ${range.from} AND m.sent_at < ${range.to}
     GROUP BY 2, 3
    UNION ALL
    SELECT 'received', ${daySql(Prisma.sql`m.created_at`, range)}::int, m.channel::text, count(*)::int
      FROM messages m
     WHERE m.tenant_id = ${tenantId} AND m.direction = 'inbound'
       AND m.created_at >= ${range.from} AND m.created_at < ${range.to}
     GROUP BY 2, 3`;
}
