import { AppError, ErrorCodes } from '../../../domain/errors';
import type { KeysetCursor } from '../../../domain/inbox';
import type { CreateCompany, UpdateCompany } from '../../../domain/schemas/records';
import type { Prisma } from '../../client';
import { isUniqueViolation } from '../../postgres-errors';
import type { TenantDb, TenantTx } from '../../tenant-scope';
import type { Actor } from '../../../domain/audit';
import { RELATIONSHIP_INCLUDE, recordRelationshipEvents } from '../relationships/record-relationship-events';

export async function getCompanyOrThrow(db: TenantTx, id: string) {
  const company = await db.company.findFirst({ where: { id } });
  if (!company) throw new AppError(ErrorCodes.NOT_FOUND, `Company ${id} not found`, { details: { companyId: id } });
  return company;
}

/** The 409 for a name the tenant has already (any case), naming the company that has it. */
async function nameTaken(db: TenantDb, name: string): Promise<never> {
  const [existing] = await db.$queryRaw<Array<{ id: string }>>`SELECT id FROM companies WHERE tenant_id = ${db.$tenantId()} AND lower(name) = lower(${name})`;
  throw new AppError(ErrorCodes.CONFLICT, `A company named "${name}" already exists`, { details: { name, companyId: existing?.id ?? null } });
}

/** A new company; the unique index on (tenant, lower(name)) decides between two made at once. */
export async function createCompany(db: TenantDb, input: CreateCompany) {
  try {
    return await db.company.create({ data: { tenantId: db.$tenantId(), name: input.name, domain: input.domain ?? null } });
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(db, input.name);
    throw error;
  }
}

export async function updateCompany(db: TenantDb, id: string, input: UpdateCompany) {
  await getCompanyOrThrow(db, id);
  try {
    await db.company.updateMany({
      where: { id },
      data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.domain !== undefined ? { domain: input.domain } : {}), updatedAt: new Date() },
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.name !== undefined) return nameTaken(db, input.name);
    throw error;
  }
  return getCompanyOrThrow(db, id);
}

/** Newest first, keyset-paged; `q` finds part of a name or domain, any case. */
export async function listCompanies(db: TenantDb, query: { q?: string | undefined; limit: number; cursor?: KeysetCursor | undefined }) {
  const where: Prisma.CompanyWhereInput = {
    ...(query.q ? { OR: [{ name: { contains: query.q, mode: 'insensitive' } }, { domain: { contains: query.q, mode: 'insensitive' } }] } : {}),
    ...(query.cursor ? { AND: [{ OR: [{ createdAt: { lt: query.cursor.at } }, { createdAt: query.cursor.at, id: { lt: query.cursor.id } }] }] } : {}),
  };
  const rows = await db.company.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { companies: page, next: rows.length > query.limit && last ? { at: last.createdAt, id: last.id } : null };
}

/**
 * Deletes a company: its relationships go with it (each recorded in its contact's timeline), its projects stay,
 * without a company.
 */
export async function deleteCompany(db: TenantDb, id: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    await getCompanyOrThrow(tx, id);
    const relationships = await tx.relationship.findMany({ where: { companyId: id }, include: RELATIONSHIP_INCLUDE });
    await recordRelationshipEvents(tx, 'relationship.removed', relationships, actor, () => ({ reason: 'company_deleted' }));
    await tx.company.deleteMany({ where: { id } });
  });
}
