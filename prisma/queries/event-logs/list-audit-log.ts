import type { ActorKind, EventType, SubjectType } from '../../../domain/audit';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

export interface AuditLogFilters {
  actorType?: ActorKind | undefined;
  actorId?: string | undefined;
  type?: EventType | undefined;
  subjectType?: SubjectType | undefined;
  subjectId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface AuditLogRow {
  id: string;
  type: string;
  subjectType: string;
  subjectId: string;
  actorType: ActorKind;
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

/**
 * The tenant's event log, newest first, keyset-paged by (created_at, id). Every filter is a plain comparison
 * (leakproof under row-level security), so each can be an index condition: by actor, by action type, by subject,
 * or the whole log (event_logs' indexes in 20261130000000_dashboard_and_audit_log.sql).
 */
export async function listAuditLog(
  db: TenantDb,
  filters: AuditLogFilters,
  page: { limit: number; cursor?: { at: Date; id: string } | undefined },
): Promise<{ rows: AuditLogRow[]; next: { at: Date; id: string } | null }> {
  const rows = await db.$queryRaw<AuditLogRow[]>(listAuditLogSql(db.$tenantId(), filters, page));
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return { rows: shown, next: more && last ? { at: last.createdAt, id: last.id } : null };
}

export function listAuditLogSql(tenantId: string, filters: AuditLogFilters, page: { limit: number; cursor?: { at: Date; id: string } | undefined }): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`e.tenant_id = ${tenantId}`];
  if (filters.actorType) where.push(Prisma.sql`e.actor_type = ${filters.actorType}`);
  if (filters.actorId) where.push(Prisma.sql`e.actor_id = ${filters.actorId}`);
  if (filters.type) where.push(Prisma.sql`e.type = ${filters.type}`);
  if (filters.subjectType) where.push(Prisma.sql`e.subject_type = ${filters.subjectType}`);
  if (filters.subjectId) where.push(Prisma.sql`e.subject_id = ${filters.subjectId}`);
  if (filters.from) where.push(Prisma.sql`e.created_at >= ${filters.from}`);
  if (filters.to) where.push(Prisma.sql`e.created_at < ${filters.to}`);
  if (page.cursor) where.push(Prisma.sql`(e.created_at, e.id) < (${page.cursor.at}, ${page.cursor.id})`);
  return Prisma.sql`
    SELECT e.id, e.type, e.subject_type AS "subjectType", e.subject_id AS "subjectId", e.actor_type AS "actorType",
           e.actor_id AS "actorId", e.data, e.created_at AS "createdAt"
      FROM event_logs e
     WHERE ${Prisma.join(where, ' AND ')}
     ORDER BY e.created_at DESC, e.id DESC
     LIMIT ${page.limit + 1}`;
}
