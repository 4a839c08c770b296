import { AppError, ErrorCodes } from '../../../domain/errors';
import type { ContactFilter } from '../../../domain/schemas/contact-filter';
import type { Prisma } from '../../client';
import { isUniqueViolation } from '../../postgres-errors';
import type { TenantDb } from '../../tenant-scope';

/** What a caller sees: the tenant's shared views and, for a member, their own. */
const visibleTo = (memberId: string | null): Prisma.SavedViewWhereInput => ({ OR: [{ userId: null }, ...(memberId ? [{ userId: memberId }] : [])] });

export function listSavedViews(db: TenantDb, memberId: string | null) {
  return db.savedView.findMany({ where: visibleTo(memberId), orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}

/** A view the caller can see; another member's own view is as absent as one that does not exist. */
export async function getSavedViewOrThrow(db: TenantDb, id: string, memberId: string | null) {
  const view = await db.savedView.findFirst({ where: { id, ...visibleTo(memberId) } });
  if (!view) throw new AppError(ErrorCodes.NOT_FOUND, `Saved view ${id} not found`, { details: { viewId: id } });
  return view;
}

function nameTaken(name: string): never {
  throw new AppError(ErrorCodes.CONFLICT, `A view named "${name}" already exists`, { details: { name } });
}

export async function createSavedView(db: TenantDb, input: { name: string; filter: ContactFilter; userId: string | null }) {
  try {
    return await db.savedView.create({ data: { tenantId: db.$tenantId(), name: input.name, filter: input.filter as Prisma.InputJsonValue, userId: input.userId } });
  } catch (error) {
    if (isUniqueViolation(error)) nameTaken(input.name);
    throw error;
  }
}

export async function updateSavedView(db: TenantDb, id: string, memberId: string | null, input: { name?: string | undefined; filter?: ContactFilter | undefined }) {
  await getSavedViewOrThrow(db, id, memberId);
  try {
    await db.savedView.updateMany({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.filter !== undefined ? { filter: input.filter as Prisma.InputJsonValue } : {}),
        updatedAt: new Date(),
      },
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.name !== undefined) nameTaken(input.name);
    throw error;
  }
  return getSavedViewOrThrow(db, id, memberId);
}

export async function deleteSavedView(db: TenantDb, id: string, memberId: string | null) {
  await getSavedViewOrThrow(db, id, memberId);
  await db.savedView.deleteMany({ where: { id } });
}
