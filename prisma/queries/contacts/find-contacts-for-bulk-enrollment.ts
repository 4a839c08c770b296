import type { BulkEnroll } from '../../../domain/schemas/sequence';
import type { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

function whereFor(criteria: BulkEnroll): Prisma.ContactWhereInput {
  if ('contactIds' in criteria) return { id: { in: criteria.contactIds } };
  const { filter } = criteria;
  const and: Prisma.ContactWhereInput[] = [];
  if (filter.source !== undefined) and.push({ source: filter.source });
  if (filter.hasPhone !== undefined) and.push({ phone: filter.hasPhone ? { not: null } : null });
  if (filter.hasEmail !== undefined) and.push({ email: filter.hasEmail ? { not: null } : null });
  if (filter.createdAfter) and.push({ createdAt: { gte: new Date(filter.createdAfter) } });
  if (filter.createdBefore) and.push({ createdAt: { lt: new Date(filter.createdBefore) } });
  for (const [key, value] of Object.entries(filter.properties ?? {})) {
    and.push({ customProperties: { path: [key], equals: value } });
  }
  return { AND: and };
}

/** A page of the contacts a bulk enrollment covers, by id, after `afterContactId`. */
export async function findContactsForBulkEnrollment(
  db: TenantDb,
  criteria: BulkEnroll,
  page: { afterContactId: string | null; limit: number },
): Promise<string[]> {
  const rows = await db.contact.findMany({
    where: { AND: [whereFor(criteria), ...(page.afterContactId ? [{ id: { gt: page.afterContactId } }] : [])] },
    orderBy: { id: 'asc' },
    take: page.limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export function countContactsForBulkEnrollment(db: TenantDb, criteria: BulkEnroll): Promise<number> {
  return db.contact.count({ where: whereFor(criteria) });
}
