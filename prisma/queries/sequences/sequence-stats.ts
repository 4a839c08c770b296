import { OPT_OUT_KEYWORDS } from '../../../domain/consent-keywords';
import type { SequenceStats } from '../../../domain/schemas/sequence';
import type { TenantDb } from '../../tenant-scope';

export interface SequenceStatsById {
  /** Every enrollment of the sequence. */
  sequence: SequenceStats;
  /** Per version id; a version nobody was enrolled in is absent (see `emptySequenceStats`). */
  versions: Map<string, SequenceStats>;
}

export const emptySequenceStats = (): SequenceStats => ({ active: 0, paused: 0, completed: 0, stopped: 0, failed: 0, total: 0, replied: 0, replyRate: null });

type Row = { sequence_id: string; version_id: string | null; active: number; paused: number; completed: number; stopped: number; failed: number; total: number; replied: number };

/**
 * Enrollment counts by status and the number of enrollments whose contact wrote in while enrolled, per
 * sequence and per version, counted by Postgres in one pass over the enrollments (index tenant_id,
 * sequence_id, status) with one probe of the contact's received messages each (index tenant_id, contact_id,
 * status). A reply is any received message between the start and the end of the enrollment, except an
 * opt-out keyword: the same words, trimmed and without trailing "." or "!", that parseConsentKeyword treats as
 * an opt-out (domain/consent-keywords.ts) — a contact who only said STOP did not reply.
 */
export async function sequenceStats(db: TenantDb, sequenceIds: string[]): Promise<Map<string, SequenceStatsById>> {
  const out = new Map<string, SequenceStatsById>();
  if (sequenceIds.length === 0) return out;
  const rows = await db.$queryRaw<Row[]>`
    SELECT e.sequence_id,
           e.version_id,
           count(*) FILTER (WHERE e.status = 'active')::int    AS active,
           count(*) FILTER (WHERE e.status = 'paused')::int    AS paused,
           count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
           count(*) FILTER (WHERE e.status = 'stopped')::int   AS stopped,
           count(*) FILTER (WHERE e.status = 'failed')::int    AS failed,
           count(*)::int                                       AS total,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM messages m
              WHERE m.tenant_id = e.tenant_id
                AND m.contact_id = e.contact_id
                AND m.status = 'received'
                AND m.direction = 'inbound'
                AND m.created_at >= e.started_at
                AND (e.ended_at IS NULL OR m.created_at <= e.ended_at)
                AND upper(regexp_replace(m.body, '^\\s+|[.!]*\\s*$', '', 'g')) <> ALL (${[...OPT_OUT_KEYWORDS]}::text[])
           ))::int                                             AS replied
      FROM enrollments e
     WHERE e.tenant_id = ${db.$tenantId()}
       AND e.sequence_id = ANY (${sequenceIds}::text[])
     GROUP BY GROUPING SETS ((e.sequence_id), (e.sequence_id, e.version_id))`;
  for (const row of rows) {
    const stats = withRate(row);
    const entry = out.get(row.sequence_id) ?? { sequence: emptySequenceStats(), versions: new Map<string, SequenceStats>() };
    if (row.version_id === null) entry.sequence = stats;
    else entry.versions.set(row.version_id, stats);
    out.set(row.sequence_id, entry);
  }
  return out;
}

function withRate(row: Row): SequenceStats {
  const { active, paused, completed, stopped, failed, total, replied } = row;
  return { active, paused, completed, stopped, failed, total, replied, replyRate: total === 0 ? null : replied / total };
}
