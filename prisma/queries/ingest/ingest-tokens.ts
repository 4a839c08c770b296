import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../../domain/audit';
import type { SystemPrisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Shown once; only the hash is stored. Recorded with who made it, when made through the API (`actor`). */
export async function createIngestToken(db: TenantDb, name: string, actor?: Actor) {
  const token = `it_${randomBytes(24).toString('base64url')}`;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.ingestToken.create({ data: { tenantId: db.$tenantId(), name, prefix: token.slice(0, 9), tokenHash: hash(token) } });
    if (actor) await recordEvent(tx, { type: 'ingest_token.created', subjectType: 'ingest_token', subjectId: created.id, actor, data: { name } });
    return created;
  });
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt, token };
}

export function listIngestTokens(db: TenantDb) {
  return db.ingestToken.findMany({ orderBy: { createdAt: 'desc' }, select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } });
}

/** Revokes a token at once, recorded with who did it; false when there is no such working token. */
export async function revokeIngestToken(db: TenantDb, id: string, actor: Actor): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.ingestToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 1) await recordEvent(tx, { type: 'ingest_token.revoked', subjectType: 'ingest_token', subjectId: id, actor });
    return count === 1;
  });
}

export interface IngestTokenOwner {
  tenantId: string;
  tokenId: string;
  /** The tenant's limit for each of its ingest tokens. */
  ingestRatePerMinute: number;
}

/** The entry into a tenant for websites and tools: like API keys, a lookup by hash across tenants. */
export async function findIngestToken(prisma: SystemPrisma, token: string): Promise<IngestTokenOwner | null> {
  const row = await prisma.ingestToken.findUnique({
    where: { tokenHash: hash(token) },
    select: { id: true, tenantId: true, revokedAt: true, tenant: { select: { ingestRatePerMinute: true } } },
  });
  if (!row || row.revokedAt) return null;
  await prisma.ingestToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { tenantId: row.tenantId, tokenId: row.id, ingestRatePerMinute: row.tenant.ingestRatePerMinute };
}
