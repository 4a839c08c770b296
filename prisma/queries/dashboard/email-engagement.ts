import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { daySql, type DashboardRangeInput } from './dashboard-range';

export interface EmailEngagementRow {
  /** null: the whole range. */
  day: number | null;
  sent: number;
  opened: number;
  clicked: number;
  opens: number;
  clicks: number;
}

/** Emails Resend took in the range, with their opens and clicks, per day and in all (messages_email_engagement_dashboard_idx). */
export function emailEngagement(db: TenantDb, range: DashboardRangeInput): Promise<EmailEngagementRow[]> {
  return db.$queryRaw<EmailEngagementRow[]>(emailEngagementSql(db.$tenantId(), range));
}

export function emailEngagementSql(tenantId: string, range: DashboardRangeInput): Prisma.Sql {
  return Prisma.sql`
    SELECT day, count(*)::int AS sent,
           count(*) FILTER (WHERE opened_at IS NOT NULL)::int AS opened,
           count(*) FILTER (WHERE clicked_at IS NOT NULL)::int AS clicked,
           coalesce(sum(open_count), 0)::int AS opens,
           coalesce(sum(click_count), 0)::int AS clicks
      FROM (
        SELECT ${daySql(Prisma.sql`m.sent_at`, range)}::int AS day, m.opened_at, m.clicked_at, m.open_count, m.click_count
          FROM messages m
         WHERE m.tenant_id = ${tenantId} AND m.direction = 'outbound' AND m.channel = 'email' AND m.sent_at IS NOT NULL
           AND m.sent_at >= ${range.from} AND m.sent_at < ${range.to}
      ) e
     GROUP BY GROUPING SETS ((day), ())`;
}
