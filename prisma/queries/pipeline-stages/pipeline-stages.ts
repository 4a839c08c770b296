import { AppError, ErrorCodes } from '../../../domain/errors';
import { assertSameIds } from '../../../domain/reorder';
import type { CreateStage, UpdateStage } from '../../../domain/schemas/pipeline';
import { isUniqueViolation } from '../../postgres-errors';
import type { TenantDb, TenantTx } from '../../tenant-scope';
import type { Actor } from '../../../domain/audit';
import { recordEvents } from '../event-logs/record-event';

/** The tenant's pipeline in board order. */
export function listStages(db: TenantTx) {
  return db.pipelineStage.findMany({ orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
}

export async function getStageOrThrow(db: TenantTx, id: string) {
  const stage = await db.pipelineStage.findFirst({ where: { id } });
  if (!stage) throw new AppError(ErrorCodes.NOT_FOUND, `Pipeline stage ${id} not found`, { details: { stageId: id } });
  return stage;
}

async function nameTaken(db: TenantDb, name: string): Promise<never> {
  const existing = await db.pipelineStage.findFirst({ where: { name }, select: { id: true } });
  throw new AppError(ErrorCodes.CONFLICT, `A stage named "${name}" already exists`, { details: { name, stageId: existing?.id ?? null } });
}

export async function createStage(db: TenantDb, input: CreateStage) {
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.pipelineStage.aggregate({ _max: { position: true } });
      return tx.pipelineStage.create({ data: { tenantId: db.$tenantId(), name: input.name, kind: input.kind, position: (last._max.position ?? -1) + 1 } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(db, input.name);
    throw error;
  }
}

export async function updateStage(db: TenantDb, id: string, input: UpdateStage) {
  await getStageOrThrow(db, id);
  try {
    await db.pipelineStage.updateMany({
      where: { id },
      data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.kind !== undefined ? { kind: input.kind } : {}), updatedAt: new Date() },
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.name !== undefined) return nameTaken(db, input.name);
    throw error;
  }
  return getStageOrThrow(db, id);
}

export async function reorderStages(db: TenantDb, ids: string[]) {
  return db.$transaction(async (tx) => {
    // One reorder at a time: two interleaving row by row would mix their orders.
    await tx.$executeRaw`SELECT id FROM pipeline_stages WHERE tenant_id = ${db.$tenantId()} ORDER BY id FOR UPDATE`;
    assertSameIds('pipeline stages', (await listStages(tx)).map((s) => s.id), ids);
    const now = new Date();
    for (const [position, id] of ids.entries()) await tx.pipelineStage.updateMany({ where: { id }, data: { position, updatedAt: now } });
    return listStages(tx);
  });
}

/**
 * Deletes a stage. Its contacts move to `moveTo` first, each move recorded in the event log like any other
 * (the stage they left is named, since it will be gone); a stage with contacts and nowhere to move them is a
 * 409 saying how many. The stage row is locked first, so a contact moved into it meanwhile waits and then
 * fails on the foreign key rather than being left pointing at nothing.
 */
export async function deleteStage(db: TenantDb, id: string, options: { moveTo?: string | undefined; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const tenantId = db.$tenantId();
    const [locked] = await tx.$queryRaw<Array<{ id: string; name: string }>>`SELECT id, name FROM pipeline_stages WHERE tenant_id = ${tenantId} AND id = ${id} FOR UPDATE`;
    if (!locked) throw new AppError(ErrorCodes.NOT_FOUND, `Pipeline stage ${id} not found`, { details: { stageId: id } });
    const target = options.moveTo ? await getStageOrThrow(tx, options.moveTo) : null;
    if (target?.id === id) throw new AppError(ErrorCodes.VALIDATION, 'moveTo: the stage being deleted cannot take its own contacts');
    const moved = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM contacts WHERE tenant_id = ${tenantId} AND stage_id = ${id} ORDER BY id FOR UPDATE`;
    if (moved.length > 0 && !target) {
      throw new AppError(ErrorCodes.CONFLICT, `The stage "${locked.name}" has ${moved.length} contact(s): say where they go (moveTo)`, {
        details: { contacts: moved.length },
      });
    }
    if (target && moved.length > 0) {
      const now = new Date();
      await tx.contact.updateMany({ where: { stageId: id }, data: { stageId: target.id, stageChangedAt: now, updatedAt: now } });
      await recordEvents(
        tx,
        moved.map((c) => ({
          type: 'contact.stage_changed',
          subjectType: 'contact',
          subjectId: c.id,
          actor: options.actor,
          data: { from: { id, name: locked.name }, to: { id: target.id, name: target.name }, reason: 'stage_deleted' },
        })),
      );
    }
    await tx.pipelineStage.deleteMany({ where: { id } });
    return { moved: moved.length };
  });
}
