import type { RequestHandler } from 'express';
import { CreateCannedReplySchema, UpdateCannedReplySchema } from '../../../domain/schemas/inbox';
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from '../../../prisma/queries/canned-replies/canned-replies';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';

type CannedReplyRow = { id: string; shortcut: string; body: string; createdAt: Date; updatedAt: Date };

export function toCannedReplyView(row: CannedReplyRow) {
  return { id: row.id, shortcut: row.shortcut, body: row.body, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export function listCannedRepliesRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ cannedReplies: (await listCannedReplies(tenantOf(res).db)).map(toCannedReplyView) });
  };
}

export function createCannedReplyRoute(): RequestHandler {
  return async (req, res) => {
    const input = CreateCannedReplySchema.parse(req.body);
    res.status(201).json({ cannedReply: toCannedReplyView(await createCannedReply(tenantOf(res).db, input, actorOf(res))) });
  };
}

export function updateCannedReplyRoute(): RequestHandler {
  return async (req, res) => {
    const input = UpdateCannedReplySchema.parse(req.body);
    res.json({ cannedReply: toCannedReplyView(await updateCannedReply(tenantOf(res).db, String(req.params.id), input, actorOf(res))) });
  };
}

export function deleteCannedReplyRoute(): RequestHandler {
  return async (req, res) => {
    await deleteCannedReply(tenantOf(res).db, String(req.params.id), actorOf(res));
    res.status(204).end();
  };
}
