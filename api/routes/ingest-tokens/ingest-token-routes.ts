import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { CreateIngestTokenSchema } from '../../../domain/schemas/ingest';
import { createIngestToken, listIngestTokens, revokeIngestToken } from '../../../prisma/queries/ingest/ingest-tokens';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';

export function createIngestTokenRoute(): RequestHandler {
  return async (req, res) => {
    const { name } = CreateIngestTokenSchema.parse(req.body);
    const created = await createIngestToken(tenantOf(res).db, name, actorOf(res));
    res.status(201).json({ ingestToken: { ...created, createdAt: created.createdAt.toISOString() }, note: 'The token is shown only now; store it safely.' });
  };
}

export function listIngestTokensRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ ingestTokens: await listIngestTokens(tenantOf(res).db) });
  };
}

export function revokeIngestTokenRoute(): RequestHandler {
  return async (req, res) => {
    if (!(await revokeIngestToken(tenantOf(res).db, String(req.params.id), actorOf(res)))) {
      throw new AppError(ErrorCodes.NOT_FOUND, `Ingest token ${String(req.params.id)} not found or already revoked`);
    }
    res.status(204).end();
  };
}
