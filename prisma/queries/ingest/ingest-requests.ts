import type { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

export async function findIngestResponse(db: TenantDb, endpoint: string, idempotencyKey: string): Promise<unknown | null> {
  const row = await db.ingestRequest.findFirst({ where: { endpoint, idempotencyKey } });
  return row?.response ?? null;
}

/** Stores the answer under the caller's key; a concurrent twin that stored first wins, and its answer is returned. */
export async function saveIngestResponse(db: TenantDb, endpoint: string, idempotencyKey: string, response: unknown): Promise<unknown> {
  const rows = await db.ingestRequest.createManyAndReturn({
    data: [{ tenantId: db.$tenantId(), endpoint, idempotencyKey, response: response as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  return rows.length ? response : await findIngestResponse(db, endpoint, idempotencyKey);
}
