import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import type { DashboardRangeInput } from './dashboard-range';

export interface QuoteOutcomesRow {
  sent: number;
  viewed: number;
  accepted: number;
  declined: number;
  expired: number;
  awaiting: number;
}

/** Quotes texted in the range, by what became of them (quotes_outcomes_dashboard_idx, index only). */
export async function quoteOutcomes(db: TenantDb, range: DashboardRangeInput): Promise<QuoteOutcomesRow> {
  const [row] = await db.$queryRaw<QuoteOutcomesRow[]>(quoteOutcomesSql(db.$tenantId(), range));
  return row ?? { sent: 0, viewed: 0, accepted: 0, declined: 0, expired: 0, awaiting: 0 };
}

export function quoteOutcomesSql(tenantId: string, range: DashboardRangeInput): Prisma.Sql {
  return Prisma.sql`
    SELECT count(*)::int AS sent,
           count(*) FILTER (WHERE q.viewed_at IS NOT NULL)::int AS viewed,
           count(*) FILTER (WHERE q.status = 'accepted')::int AS accepted,
           count(*) FILTER (WHERE q.status = 'rejected')::int AS declined,
           count(*) FILTER (WHERE q.status = 'expired')::int AS expired,
           count(*) FILTER (WHERE q.status IN ('open', 'sent'))::int AS awaiting
      FROM quotes q
     WHERE q.tenant_id = ${tenantId} AND q.sent_at IS NOT NULL AND q.sent_at >= ${range.from} AND q.sent_at < ${range.to}`;
}
