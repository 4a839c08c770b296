import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

import type { Prisma } from './generated/client';

export type { PrismaClient } from './generated/client';
export { Prisma } from './generated/client';

declare const appClient: unique symbol;
declare const systemClient: unique symbol;

/**
 * The application's client: connected as `herald_app`, which Postgres row-level security confines to the
 * tenant set for the transaction (see prisma/migrations/*_row_level_security.sql). Without a tenant it sees no
 * rows at all: reach tenants' data through `forTenant(prisma, tenantId)` (prisma/tenant-scope.ts).
 */
export type AppPrisma = PrismaClient & { readonly [appClient]: true };

/**
 * The cross-tenant client: connected as `herald_system`, which row-level security lets see every tenant. Only for
 * work that has no tenant yet or spans tenants by design (finding the tenant of an API key, an ingest token, a
 * webhook or a quote link; the workflow outbox relay; bootstrap; health). Each use says why. A distinct type, so
 * it cannot be handed to `forTenant` or taken for the application's client by mistake.
 */
export type SystemPrisma = PrismaClient & { readonly [systemClient]: true };

/** The Postgres roles the two clients switch to (created by the row-level-security migration). */
export const APP_ROLE = 'herald_app';
export const SYSTEM_ROLE = 'herald_system';

/**
 * Any client that runs raw SQL: the base client, a tenant scope, or either inside a transaction. Raw SQL is
 * tenant-scoped only by row-level security (through a tenant scope): a query taking one still names the
 * tenant itself, or is cross-tenant by design (and takes a SystemPrisma). Never the bare AppPrisma: with no
 * tenant set it would see nothing, so passing it is a type error.
 */
export type SqlClient = Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'> & { readonly [appClient]?: never };

/**
 * A pooled client whose every connection runs as `role`: the connecting user (a superuser locally, a managed
 * Postgres owner elsewhere) switches to it through the `role` startup option, so no statement on these
 * connections runs with the user's own rights. Any `options` already in the URL are kept.
 */
function clientAs(role: string, databaseUrl: string, maxConnections: number): PrismaClient {
  const fromUrl = new URL(databaseUrl).searchParams.get('options');
  const options = [fromUrl, `-c role=${role}`].filter(Boolean).join(' ');
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: maxConnections, options }) });
}

/** The application's client, one per process; Prisma pools connections through node-postgres. */
export function createPrismaClient(databaseUrl: string, options: { maxConnections?: number } = {}): AppPrisma {
  return clientAs(APP_ROLE, databaseUrl, options.maxConnections ?? 10) as AppPrisma;
}

/** The cross-tenant client (see SystemPrisma): a small pool of its own beside the application's. */
export function createSystemPrismaClient(databaseUrl: string, options: { maxConnections?: number } = {}): SystemPrisma {
  return clientAs(SYSTEM_ROLE, databaseUrl, options.maxConnections ?? 3) as SystemPrisma;
}
