import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

import type { Prisma } from './generated/client';

export type { PrismaClient } from './generated/client';
export { Prisma } from './generated/client';

/**
 * Any client that runs raw SQL: the base client, a tenant scope, or either inside a transaction. Raw SQL is
 * not tenant-scoped: a query taking one names the tenant itself, or is cross-tenant by design (and says so).
 */
export type SqlClient = Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'>;

/** One client per process; Prisma pools connections through node-postgres. */
export function createPrismaClient(databaseUrl: string, options: { maxConnections?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}
