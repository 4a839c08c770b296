import { AppError, ErrorCodes } from '../../../domain/errors';
import type { WorkflowOutboxStart } from '../../../domain/workflow-outbox';
import type { Prisma } from '../../client';
import { isLockTimeout } from '../../postgres-errors';
import type { TenantDb, TenantTx } from '../../tenant-scope';

export type IngestWork<T> = (tx: TenantTx, ingestRequestId: string) => Promise<{ response: T; starts: WorkflowOutboxStart[] }>;

export type IngestOutcome<T> = { replay: true; response: unknown } | { replay: false; response: T; starts: WorkflowOutboxStart[] };

/** How long a twin waits for the call holding its key before answering 409, and when it should try again. */
const CLAIM_WAIT_MS = 5_000;
const RETRY_AFTER_SECONDS = 2;

/**
 * Runs `work` once per (tenant, endpoint, Idempotency-Key). One transaction claims the key (a row in
 * ingest_requests, answer still empty), does the work — every write of the call, outbox entries included —
 * and stores the answer; all of it commits together or not at all.
 *
 * A concurrent twin's claim waits on the first one's (the unique key) for up to CLAIM_WAIT_MS: when that
 * commits, the twin returns the stored answer (`replay`); when it fails, the twin claims the key and does the
 * work itself; when it is still running, the twin answers 409 with Retry-After. A failed call leaves nothing
 * behind, so its retry does the whole work again. `ingestRequestId` is the claim's id: ids derived from it
 * (owner alerts) are the same for every retry of the call that reaches the work.
 */
export async function runIngestRequestOnce<T>(db: TenantDb, endpoint: string, idempotencyKey: string, work: IngestWork<T>): Promise<IngestOutcome<T>> {
  const tenantId = db.$tenantId();
  try {
    return await db.$transaction(
      async (tx): Promise<IngestOutcome<T>> => {
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${CLAIM_WAIT_MS}ms'`);
        const claimed = await tx.$queryRaw<Array<{ id: string }>>`
          INSERT INTO ingest_requests (tenant_id, endpoint, idempotency_key) VALUES (${tenantId}, ${endpoint}, ${idempotencyKey})
          ON CONFLICT (tenant_id, endpoint, idempotency_key) DO NOTHING
          RETURNING id`;
        await tx.$executeRawUnsafe('SET LOCAL lock_timeout TO DEFAULT');
        const claim = claimed[0];
        if (!claim) {
          const previous = await tx.ingestRequest.findFirst({ where: { endpoint, idempotencyKey }, select: { response: true } });
          // Committed claims always carry their answer (see the migration); anything else is a bug worth a 500.
          if (previous?.response === null || previous?.response === undefined) throw new Error(`ingest request ${endpoint}/${idempotencyKey} has no stored answer`);
          return { replay: true, response: previous.response };
        }
        const { response, starts } = await work(tx, claim.id);
        await tx.ingestRequest.updateMany({ where: { id: claim.id }, data: { response: response as Prisma.InputJsonValue } });
        return { replay: false, response, starts };
      },
      { maxWait: 10_000, timeout: 30_000 },
    );
  } catch (error) {
    if (!isLockTimeout(error)) throw error;
    throw new AppError(ErrorCodes.CONFLICT, `ingest ${endpoint}: a call with this Idempotency-Key is still running`, {
      userMessage: 'A request with this Idempotency-Key is still being processed; retry it shortly to get its answer.',
      details: { idempotencyKey },
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
}
