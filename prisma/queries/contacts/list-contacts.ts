import type { ResolvedContactFilter } from '../../../domain/contact-filter';
import type { KeysetCursor } from '../../../domain/inbox';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { contactCandidates, contactFilterConditions } from './contact-filter-sql';

/** Rows by id, in the order of `ids`. */
async function contactsInOrder(db: TenantDb, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.contact.findMany({ where: { id: { in: ids } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The WHERE of a filtered list: the tenant, the filter, and the candidates the indexes narrowed it to (if any). */
function filteredWhere(tenantId: string, filter: ResolvedContactFilter, candidates: string[] | null): Prisma.Sql[] {
  const where = [Prisma.sql`c.tenant_id = ${tenantId}`, ...contactFilterConditions(filter)];
  if (candidates) where.push(Prisma.sql`c.id = ANY (${candidates}::text[])`);
  return where;
}

/** The page's SQL (also what bench/explain-contact-filters.ts EXPLAINs). */
export function listContactsSql(tenantId: string, filter: ResolvedContactFilter, candidates: string[] | null, page: { limit: number; cursor?: KeysetCursor | undefined }): Prisma.Sql {
  const where = filteredWhere(tenantId, filter, candidates);
  if (page.cursor) where.push(Prisma.sql`(c.created_at, c.id) < (${page.cursor.at}, ${page.cursor.id})`);
  return Prisma.sql`
    SELECT c.id FROM contacts c WHERE ${Prisma.join(where, ' AND ')}
     ORDER BY c.created_at DESC, c.id DESC LIMIT ${page.limit + 1}`;
}

/**
 * One page of contacts matching a filter, newest first, keyset-paged on (created_at, id): the page's ids are
 * chosen on the tenant's (created_at) index — or among the few candidates the indexes found — then read whole.
 */
export async function listContacts(db: TenantDb, filter: ResolvedContactFilter, page: { limit: number; cursor?: KeysetCursor | undefined }) {
  const candidates = await contactCandidates(db, filter);
  const rows = await db.$queryRaw<Array<{ id: string }>>(listContactsSql(db.$tenantId(), filter, candidates, page));
  const contacts = await contactsInOrder(db, rows.slice(0, page.limit).map((r) => r.id));
  const last = contacts.at(-1);
  return { contacts, next: rows.length > page.limit && last ? { at: last.createdAt, id: last.id } : null };
}

/**
 * The board: per stage (in the order given; null for contacts in no stage), how many contacts match the filter
 * and the first page of them, ordered as the list is — so a stage's next page is the list filtered to it.
 */
export async function contactBoard(db: TenantDb, filter: ResolvedContactFilter, stageIds: Array<string | null>, perStage: number) {
  const conditions = Prisma.join(filteredWhere(db.$tenantId(), filter, await contactCandidates(db, filter)), ' AND ');
  const ids = stageIds.filter((id): id is string => id !== null);
  const [counts, pages] = await Promise.all([
    db.$queryRaw<Array<{ stage_id: string | null; count: number }>>`
      SELECT c.stage_id, count(*)::int AS count FROM contacts c WHERE ${conditions} GROUP BY c.stage_id`,
    db.$queryRaw<Array<{ stage_id: string | null; id: string }>>`
      SELECT s.stage_id, p.id, p.created_at FROM unnest(${ids}::text[]) AS s(stage_id)
       CROSS JOIN LATERAL (
         SELECT c.id, c.created_at FROM contacts c WHERE ${conditions} AND c.stage_id = s.stage_id
          ORDER BY c.created_at DESC, c.id DESC LIMIT ${perStage + 1}) p
      UNION ALL
      SELECT NULL, p.id, p.created_at FROM (
         SELECT c.id, c.created_at FROM contacts c WHERE ${stageIds.includes(null)} AND ${conditions} AND c.stage_id IS NULL
          ORDER BY c.created_at DESC, c.id DESC LIMIT ${perStage + 1}) p
      ORDER BY 1, 3 DESC, 2 DESC`,
  ]);
  const contacts = await contactsInOrder(db, pages.map((p) => p.id));
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return stageIds.map((stageId) => {
    const rows = pages.filter((p) => p.stage_id === stageId).flatMap((p) => byId.get(p.id) ?? []);
    const shown = rows.slice(0, perStage);
    const last = shown.at(-1);
    return {
      stageId,
      count: counts.find((c) => c.stage_id === stageId)?.count ?? 0,
      contacts: shown,
      next: rows.length > perStage && last ? { at: last.createdAt, id: last.id } : null,
    };
  });
}
