import type { RequestHandler } from 'express';
import { OrderIdsSchema } from '../../../domain/schemas/custom-field';
import { CreateStageSchema, DeleteStageQuerySchema, MoveContactStageSchema, UpdateStageSchema, type StageView } from '../../../domain/schemas/pipeline';
import { moveContactStage } from '../../../prisma/queries/contacts/move-contact-stage';
import { createStage, deleteStage, getStageOrThrow, listStages, reorderStages, updateStage } from '../../../prisma/queries/pipeline-stages/pipeline-stages';
import { tenantOf } from '../../http/authenticate';
import { toContactView } from '../../views';
import { actorOf } from '../../http/actor';

type StageRow = { id: string; name: string; kind: StageView['kind']; position: number; createdAt: Date; updatedAt: Date };

export function toStageView(row: StageRow): StageView {
  return { id: row.id, name: row.name, kind: row.kind, position: row.position, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export function listStagesRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ stages: (await listStages(tenantOf(res).db)).map(toStageView) });
  };
}

export function getStageRoute(): RequestHandler {
  return async (req, res) => {
    res.json({ stage: toStageView(await getStageOrThrow(tenantOf(res).db, String(req.params.id))) });
  };
}

export function createStageRoute(): RequestHandler {
  return async (req, res) => {
    const input = CreateStageSchema.parse(req.body);
    res.status(201).json({ stage: toStageView(await createStage(tenantOf(res).db, input)) });
  };
}

export function updateStageRoute(): RequestHandler {
  return async (req, res) => {
    const input = UpdateStageSchema.parse(req.body);
    res.json({ stage: toStageView(await updateStage(tenantOf(res).db, String(req.params.id), input)) });
  };
}

export function reorderStagesRoute(): RequestHandler {
  return async (req, res) => {
    const { ids } = OrderIdsSchema.parse(req.body);
    res.json({ stages: (await reorderStages(tenantOf(res).db, ids)).map(toStageView) });
  };
}

export function deleteStageRoute(): RequestHandler {
  return async (req, res) => {
    const { moveTo } = DeleteStageQuerySchema.parse(req.query);
    const { moved } = await deleteStage(tenantOf(res).db, String(req.params.id), { moveTo, actor: actorOf(res) });
    res.json({ moved });
  };
}

/** An agent moves a contact between stages (or out of the pipeline); the move is in the contact's timeline. */
export function moveContactStageRoute(): RequestHandler {
  return async (req, res) => {
    const { stageId } = MoveContactStageSchema.parse(req.body);
    const contact = await moveContactStage(tenantOf(res).db, String(req.params.id), stageId, actorOf(res));
    res.json({ contact: toContactView(contact) });
  };
}
