import { AppError, ErrorCodes } from '../../../domain/errors';
import type { KeysetCursor } from '../../../domain/inbox';
import { statusProblem, type CreateProject, type UpdateProject } from '../../../domain/schemas/records';
import type { Prisma } from '../../client';
import type { TenantDb, TenantTx } from '../../tenant-scope';
import { getCompanyOrThrow } from '../companies/companies';
import type { Actor } from '../../../domain/audit';
import { RELATIONSHIP_INCLUDE, recordRelationshipEvents } from '../relationships/record-relationship-events';

const WITH_COMPANY = { company: { select: { id: true, name: true } } } as const;

export async function getProjectOrThrow(db: TenantTx, id: string) {
  const project = await db.project.findFirst({ where: { id }, include: WITH_COMPANY });
  if (!project) throw new AppError(ErrorCodes.NOT_FOUND, `Project ${id} not found`, { details: { projectId: id } });
  return project;
}

export async function createProject(db: TenantDb, input: CreateProject) {
  return db.$transaction(async (tx) => {
    if (input.companyId) await getCompanyOrThrow(tx, input.companyId);
    const row = await tx.project.create({
      data: {
        tenantId: db.$tenantId(),
        name: input.name,
        kind: input.kind,
        status: input.status,
        companyId: input.companyId ?? null,
        value: input.value ?? null,
        currency: input.value === undefined || input.value === null ? null : (input.currency ?? null),
      },
    });
    return getProjectOrThrow(tx, row.id);
  });
}

export async function updateProject(db: TenantDb, id: string, input: UpdateProject) {
  return db.$transaction(async (tx) => {
    const before = await getProjectOrThrow(tx, id);
    if (input.status) {
      const problem = statusProblem(before.kind, input.status);
      if (problem) throw new AppError(ErrorCodes.VALIDATION, `status: ${problem}`, { details: { issues: [{ path: 'status', message: problem }] } });
    }
    if (input.companyId) await getCompanyOrThrow(tx, input.companyId);
    const value = input.value === undefined ? (before.value === null ? null : Number(before.value)) : input.value;
    const currency = input.currency === undefined ? before.currency : input.currency;
    if ((value === null) !== (currency === null)) {
      throw new AppError(ErrorCodes.VALIDATION, 'currency: give value and currency together (null both to clear)', { details: { issues: [{ path: 'currency', message: 'give value and currency together' }] } });
    }
    await tx.project.updateMany({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.companyId !== undefined ? { companyId: input.companyId } : {}),
        value,
        currency,
        updatedAt: new Date(),
      },
    });
    return getProjectOrThrow(tx, id);
  });
}

export async function listProjects(
  db: TenantDb,
  query: { q?: string | undefined; kind?: 'opportunity' | 'position' | undefined; status?: UpdateProject['status']; companyId?: string | undefined; limit: number; cursor?: KeysetCursor | undefined },
) {
  const where: Prisma.ProjectWhereInput = {
    ...(query.q ? { name: { contains: query.q, mode: 'insensitive' } } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.companyId ? { companyId: query.companyId } : {}),
    ...(query.cursor ? { OR: [{ createdAt: { lt: query.cursor.at } }, { createdAt: query.cursor.at, id: { lt: query.cursor.id } }] } : {}),
  };
  const rows = await db.project.findMany({ where, include: WITH_COMPANY, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { projects: page, next: rows.length > query.limit && last ? { at: last.createdAt, id: last.id } : null };
}

/** Deletes a project; its relationships go with it, each recorded in its contact's timeline. */
export async function deleteProject(db: TenantDb, id: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    await getProjectOrThrow(tx, id);
    const relationships = await tx.relationship.findMany({ where: { projectId: id }, include: RELATIONSHIP_INCLUDE });
    await recordRelationshipEvents(tx, 'relationship.removed', relationships, actor, () => ({ reason: 'project_deleted' }));
    await tx.project.deleteMany({ where: { id } });
  });
}
