import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { isOptOutSql, type DashboardRangeInput } from './dashboard-range';

export interface SequenceFunnelRow {
  enrolled: number;
  /** Per step position (0-based), how many of the enrollments had that step's message taken by a provider. */
  stepsSent: number[];
  replied: number;
  optedOut: number;
  completed: number;
  stopped: number;
  failed: number;
  running: number;
}

/**
 * A sequence's enrollments started in the range (on one version, or all), through each of `stepCount` steps to
 * their outcome. A step counts when its message (its id derives from the enrollment and the step,
 * domain/derived-ids stepMessageId) was taken by a provider — found by primary key, so the cost grows with the
 * enrollments, not the tenant's messages. Replied: the enrollment stopped on a reply, or the contact wrote (not
 * an opt-out keyword) while it ran.
 */
export async function sequenceFunnel(
  db: TenantDb,
  sequenceId: string,
  range: DashboardRangeInput,
  options: { versionId: string | null; stepCount: number },
): Promise<SequenceFunnelRow> {
  const [row] = await db.$queryRaw<SequenceFunnelRow[]>(sequenceFunnelSql(db.$tenantId(), sequenceId, range, options));
  return row!;
}

export function sequenceFunnelSql(tenantId: string, sequenceId: string, range: DashboardRangeInput, options: { versionId: string | null; stepCount: number }): Prisma.Sql {
  return Prisma.sql`
    WITH e AS (
      SELECT e.id, e.contact_id, e.status, e.stop_reason, e.started_at, e.ended_at
        FROM enrollments e
       WHERE e.tenant_id = ${tenantId} AND e.sequence_id = ${sequenceId}
         AND e.started_at >= ${range.from} AND e.started_at < ${range.to}
         ${options.versionId ? Prisma.sql`AND e.version_id = ${options.versionId}` : Prisma.empty}
    ), steps AS (
      -- A subquery per enrollment and step, not a join: a join may hash the tenant's whole messages table.
      SELECT p.position,
             count(*) FILTER (WHERE (
               SELECT m.sent_at FROM messages m
                WHERE m.tenant_id = ${tenantId} AND m.origin = 'sequence' AND m.id = 'msg_' || substr(e.id, 5) || 's' || p.position
             ) IS NOT NULL)::int AS sent
        FROM generate_series(0, ${options.stepCount - 1}::int) AS p(position)
        CROSS JOIN e
       GROUP BY p.position
    )
    SELECT count(*)::int AS enrolled,
           coalesce((SELECT array_agg(sent ORDER BY position) FROM steps), '{}') AS "stepsSent",
           count(*) FILTER (WHERE e.stop_reason = 'replied' OR EXISTS (
             SELECT 1 FROM messages r
              WHERE r.tenant_id = ${tenantId} AND r.contact_id = e.contact_id AND r.direction = 'inbound'
                AND r.created_at >= e.started_at AND r.created_at < coalesce(e.ended_at, ${range.to})
                AND NOT ${isOptOutSql('r')}
           ))::int AS replied,
           count(*) FILTER (WHERE e.stop_reason = 'opted_out')::int AS "optedOut",
           count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
           count(*) FILTER (WHERE e.status = 'stopped' AND e.stop_reason IS DISTINCT FROM 'replied' AND e.stop_reason IS DISTINCT FROM 'opted_out')::int AS stopped,
           count(*) FILTER (WHERE e.status = 'failed')::int AS failed,
           count(*) FILTER (WHERE e.status IN ('active', 'paused'))::int AS running
      FROM e`;
}
