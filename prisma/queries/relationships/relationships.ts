import { AppError, ErrorCodes } from '../../../domain/errors';
import type { KeysetCursor } from '../../../domain/inbox';
import type { CreateRelationship, UpdateRelationship } from '../../../domain/schemas/records';
import type { Prisma } from '../../client';
import { isUniqueViolation } from '../../postgres-errors';
import type { TenantDb, TenantTx } from '../../tenant-scope';
import { getCompanyOrThrow } from '../companies/companies';
import { getContactOrThrow } from '../contacts/get-contact-or-throw';
import type { Actor } from '../../../domain/audit';
import { getProjectOrThrow } from '../projects/projects';
import { RELATIONSHIP_INCLUDE, recordRelationshipEvents } from './record-relationship-events';

export async function getRelationshipOrThrow(db: TenantTx, id: string) {
  const row = await db.relationship.findFirst({ where: { id }, include: RELATIONSHIP_INCLUDE });
  if (!row) throw new AppError(ErrorCodes.NOT_FOUND, `Relationship ${id} not found`, { details: { relationshipId: id } });
  return row;
}

/**
 * Ties a contact to a company or a project, in one or both roles, and records it in the contact's timeline. The
 * contact already tied to it is a 409 naming that relationship (change its roles there) — also when two are made at
 * once (the unique index decides).
 */
export async function createRelationship(db: TenantDb, input: CreateRelationship, actor: Actor) {
  const target = input.companyId ? { companyId: input.companyId } : { projectId: input.projectId! };
  try {
    return await db.$transaction(async (tx) => {
      await getContactOrThrow(tx, input.contactId);
      if (input.companyId) await getCompanyOrThrow(tx, input.companyId);
      if (input.projectId) await getProjectOrThrow(tx, input.projectId);
      const row = await tx.relationship.create({
        data: { tenantId: db.$tenantId(), contactId: input.contactId, ...target, roles: input.roles, title: input.title ?? null },
        include: RELATIONSHIP_INCLUDE,
      });
      await recordRelationshipEvents(tx, 'relationship.added', [row], actor);
      return row;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.relationship.findFirst({ where: { contactId: input.contactId, ...target }, select: { id: true } });
    throw new AppError(ErrorCodes.CONFLICT, `The contact is already tied to this ${input.companyId ? 'company' : 'project'}: change that relationship’s roles`, {
      details: { relationshipId: existing?.id ?? null },
    });
  }
}

export async function updateRelationship(db: TenantDb, id: string, input: UpdateRelationship, actor: Actor) {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM relationships WHERE tenant_id = ${db.$tenantId()} AND id = ${id} FOR UPDATE`;
    if (!locked) return getRelationshipOrThrow(tx, id);
    const before = await getRelationshipOrThrow(tx, id);
    const rolesChanged = input.roles !== undefined && JSON.stringify(input.roles) !== JSON.stringify([...before.roles].sort());
    const titleChanged = input.title !== undefined && input.title !== before.title;
    if (!rolesChanged && !titleChanged) return before;
    await tx.relationship.updateMany({
      where: { id },
      data: { ...(rolesChanged ? { roles: input.roles } : {}), ...(titleChanged ? { title: input.title } : {}), updatedAt: new Date() },
    });
    const after = await getRelationshipOrThrow(tx, id);
    await recordRelationshipEvents(tx, 'relationship.changed', [after], actor, () => ({ before: { roles: before.roles, title: before.title } }));
    return after;
  });
}

export async function deleteRelationship(db: TenantDb, id: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const row = await getRelationshipOrThrow(tx, id);
    const { count } = await tx.relationship.deleteMany({ where: { id } });
    if (count === 0) throw new AppError(ErrorCodes.NOT_FOUND, `Relationship ${id} not found`, { details: { relationshipId: id } });
    await recordRelationshipEvents(tx, 'relationship.removed', [row], actor);
  });
}

/** A contact's, a company's or a project's relationships, newest first, keyset-paged. */
export async function listRelationships(
  db: TenantDb,
  query: { contactId?: string | undefined; companyId?: string | undefined; projectId?: string | undefined; role?: 'client' | 'candidate' | undefined; limit: number; cursor?: KeysetCursor | undefined },
) {
  const where: Prisma.RelationshipWhereInput = {
    ...(query.contactId ? { contactId: query.contactId } : {}),
    ...(query.companyId ? { companyId: query.companyId } : {}),
    ...(query.projectId ? { projectId: query.projectId } : {}),
    ...(query.role ? { roles: { has: query.role } } : {}),
    ...(query.cursor ? { OR: [{ createdAt: { lt: query.cursor.at } }, { createdAt: query.cursor.at, id: { lt: query.cursor.id } }] } : {}),
  };
  const rows = await db.relationship.findMany({ where, include: RELATIONSHIP_INCLUDE, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { relationships: page, next: rows.length > query.limit && last ? { at: last.createdAt, id: last.id } : null };
}
