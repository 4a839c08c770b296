import type { Request } from 'express';
import { IdempotencyKeySchema } from '../../../domain/schemas/ingest';
import { runIngestRequestOnce, type IngestWork } from '../../../prisma/queries/ingest/ingest-requests';
import type { TenantDb } from '../../../prisma/tenant-scope';
import type { ApiDeps } from '../../deps';
import { startQueuedWorkflows } from '../../start-queued-workflows';

/**
 * Runs `work` once per caller-supplied Idempotency-Key (see runIngestRequestOnce): the claim on the key, every
 * write of the call and its answer commit in one transaction, so a repeated or concurrent call gets the first
 * call's answer (200 instead of 201) and a failed call leaves nothing behind. The workflows the call queued
 * are started after the commit (the outbox relay starts any that cannot be).
 */
export async function onceFor<T>(deps: ApiDeps, req: Request, db: TenantDb, endpoint: string, work: IngestWork<T>): Promise<{ body: T; replay: boolean }> {
  return onceForKey(deps, IdempotencyKeySchema.parse(req.header('idempotency-key')), db, endpoint, work);
}

/** `onceFor` with the key already read (the lead form's is optional in its header). */
export async function onceForKey<T>(deps: ApiDeps, key: string, db: TenantDb, endpoint: string, work: IngestWork<T>): Promise<{ body: T; replay: boolean }> {
  const outcome = await runIngestRequestOnce(db, endpoint, key, work);
  if (outcome.replay) return { body: outcome.response as T, replay: true };
  await startQueuedWorkflows(deps, outcome.starts);
  return { body: outcome.response, replay: false };
}
