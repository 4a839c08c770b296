import type { CreateCustomField, UpdateCustomField } from '../../../domain/schemas/custom-field';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { assertSameIds } from '../../../domain/reorder';
import { isUniqueViolation } from '../../postgres-errors';
import type { TenantDb, TenantTx } from '../../tenant-scope';

/** The tenant's custom fields in their order. */
export function listCustomFields(db: TenantTx) {
  return db.customField.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
}

export async function getCustomFieldOrThrow(db: TenantTx, id: string) {
  const field = await db.customField.findFirst({ where: { id } });
  if (!field) throw new AppError(ErrorCodes.NOT_FOUND, `Custom field ${id} not found`, { details: { customFieldId: id } });
  return field;
}

/** A new field after the others; a key the tenant has already is a 409 naming the field that has it. */
export async function createCustomField(db: TenantDb, input: CreateCustomField) {
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.customField.aggregate({ _max: { position: true } });
      return tx.customField.create({
        data: {
          tenantId: db.$tenantId(),
          key: input.key,
          label: input.label,
          type: input.type,
          options: input.options ?? [],
          position: (last._max.position ?? -1) + 1,
        },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.customField.findFirst({ where: { key: input.key }, select: { id: true } });
    throw new AppError(ErrorCodes.CONFLICT, `A custom field with the key "${input.key}" already exists`, {
      details: { key: input.key, customFieldId: existing?.id ?? null },
    });
  }
}

export async function updateCustomField(db: TenantDb, id: string, input: UpdateCustomField) {
  const field = await getCustomFieldOrThrow(db, id);
  if (input.options && field.type !== 'select') {
    throw new AppError(ErrorCodes.VALIDATION, `options: ${field.label} is a ${field.type} field; only a select field has options`);
  }
  await db.customField.updateMany({
    where: { id },
    data: { ...(input.label !== undefined ? { label: input.label } : {}), ...(input.options ? { options: input.options } : {}), updatedAt: new Date() },
  });
  return getCustomFieldOrThrow(db, id);
}

/** The field goes; contacts keep their values under its key, free-form from now on. */
export async function deleteCustomField(db: TenantDb, id: string) {
  const { count } = await db.customField.deleteMany({ where: { id } });
  if (count === 0) throw new AppError(ErrorCodes.NOT_FOUND, `Custom field ${id} not found`, { details: { customFieldId: id } });
}

/**
 * Puts the fields in the order of `ids`, which must name every field of the tenant once: a list made from a
 * stale copy (a field added or removed meanwhile) is a 409 with the current ids, not a half-applied order.
 */
export async function reorderCustomFields(db: TenantDb, ids: string[]) {
  return db.$transaction(async (tx) => {
    // One writer at a time: two reorders interleaving row by row would mix their orders.
    await tx.$executeRaw`SELECT id FROM custom_fields WHERE tenant_id = ${db.$tenantId()} ORDER BY id FOR UPDATE`;
    const current = await listCustomFields(tx);
    assertSameIds('custom fields', current.map((f) => f.id), ids);
    const now = new Date();
    for (const [position, id] of ids.entries()) await tx.customField.updateMany({ where: { id }, data: { position, updatedAt: now } });
    return listCustomFields(tx);
  });
}
