import type { Request } from 'express';
import { IdempotencyKeySchema } from '../../../domain/schemas/ingest';
import { findIngestResponse, saveIngestResponse } from '../../../prisma/queries/ingest/ingest-requests';
import type { TenantDb } from '../../../prisma/tenant-scope';

/**
 * Runs `work` once per caller-supplied Idempotency-Key: a repeated call gets the first call's answer (200
 * instead of 201). The answer is stored only after the work — rows and workflows — is done, so a call that
 * failed half-way is simply done again (every step is idempotent on its own).
 */
export async function onceFor<T>(req: Request, db: TenantDb, endpoint: string, work: () => Promise<T>): Promise<{ body: T; replay: boolean }> {
  const key = IdempotencyKeySchema.parse(req.header('idempotency-key'));
  const previous = await findIngestResponse(db, endpoint, key);
  if (previous !== null) return { body: previous as T, replay: true };
  const body = await work();
  return { body: (await saveIngestResponse(db, endpoint, key, body)) as T, replay: false };
}

export function idempotencyKeyOf(req: Request): string {
  return IdempotencyKeySchema.parse(req.header('idempotency-key'));
}
