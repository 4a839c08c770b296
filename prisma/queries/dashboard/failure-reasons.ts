import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import type { DashboardRangeInput } from './dashboard-range';

export interface FailureReasonRow {
  errorCode: string | null;
  count: number;
  /** One of the failures' own explanation, for a code without plain words of Herald's. */
  errorMessage: string | null;
}

/** Failed or undelivered outbound messages created in the range, by error code, most frequent first. */
export async function failureReasons(db: TenantDb, range: DashboardRangeInput, limit: number): Promise<{ failed: number; reasons: FailureReasonRow[] }> {
  const rows = await db.$queryRaw<Array<FailureReasonRow & { failed: number }>>(failureReasonsSql(db.$tenantId(), range, limit));
  return { failed: rows[0]?.failed ?? 0, reasons: rows.map(({ failed: _failed, ...row }) => row) };
}

export function failureReasonsSql(tenantId: string, range: DashboardRangeInput, limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH codes AS (
      SELECT m.error_code, count(*)::int AS count, min(m.error_message) AS error_message
        FROM messages m
       WHERE m.tenant_id = ${tenantId} AND m.direction = 'outbound' AND m.status IN ('failed', 'undelivered')
         AND m.created_at >= ${range.from} AND m.created_at < ${range.to}
       GROUP BY m.error_code
    )
    SELECT error_code AS "errorCode", count, error_message AS "errorMessage", (sum(count) OVER ())::int AS failed
      FROM codes
     ORDER BY count DESC, error_code NULLS LAST
     LIMIT ${limit}`;
}
