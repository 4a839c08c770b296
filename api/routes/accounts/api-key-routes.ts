import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { CreateApiKeySchema } from '../../../domain/schemas/accounts';
import { listApiKeys, revokeApiKey } from '../../../prisma/queries/api-keys/api-keys';
import { createApiKey } from '../../../prisma/queries/api-keys/create-api-key';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';
import { assertMayGrant } from './member-routes';

type KeyRow = { id: string; name: string; prefix: string; role: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };
const view = (k: KeyRow) => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export function listApiKeysRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ apiKeys: (await listApiKeys(tenantOf(res).db)).map(view) });
  };
}

/** The key is in this answer and nowhere else, ever: only its hash is stored. */
export function createApiKeyRoute(): RequestHandler {
  return async (req, res) => {
    const input = CreateApiKeySchema.parse(req.body);
    const { db, principal } = tenantOf(res);
    assertMayGrant(principal.role, input.role);
    const created = await createApiKey(db, input, actorOf(res));
    const [row] = (await listApiKeys(db)).filter((k) => k.id === created.id);
    if (!row) throw new Error(`API key ${created.id} vanished right after it was made`);
    res.status(201).json({ apiKey: view(row), key: created.key });
  };
}

export function revokeApiKeyRoute(): RequestHandler {
  return async (req, res) => {
    if (!(await revokeApiKey(tenantOf(res).db, String(req.params.id), actorOf(res)))) {
      throw new AppError(ErrorCodes.NOT_FOUND, `API key ${String(req.params.id)} not found or already revoked`);
    }
    res.status(204).end();
  };
}
