import type { PrismaClient } from './client';

/**
 * Tenant isolation lives here and only here: a client obtained from `forTenant` adds `tenant_id = <tenant>`
 * to every read, update and delete, and sets it on every create, for every tenant-owned model. A row of
 * another tenant is therefore indistinguishable from a row that does not exist. Relations reach other
 * tables through (tenant_id, id) composite keys, so includes cannot cross tenants either.
 */
const WHERE_OPERATIONS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
]);
const CREATE_OPERATIONS = new Set(['create', 'createMany', 'createManyAndReturn']);

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: unknown };

function withTenant<T>(data: T, tenantId: string): T {
  if (Array.isArray(data)) return data.map((row) => withTenant(row, tenantId)) as T;
  const row = data as Record<string, unknown>;
  if (row.tenantId !== undefined && row.tenantId !== tenantId) {
    throw new Error('Refusing to write a row for another tenant');
  }
  return { ...row, tenantId } as T;
}

export function scopeArgs(model: string, operation: string, args: Args, tenantId: string): Args {
  if (model === 'Tenant') {
    if (!WHERE_OPERATIONS.has(operation)) throw new Error(`Tenant.${operation} is not allowed through a tenant scope`);
    return { ...args, where: { ...args.where, id: tenantId } };
  }
  if (WHERE_OPERATIONS.has(operation)) return { ...args, where: { ...args.where, tenantId } };
  if (CREATE_OPERATIONS.has(operation)) return { ...args, data: withTenant(args.data, tenantId) };
  if (operation === 'upsert') {
    return { ...args, where: { ...args.where, tenantId }, create: withTenant(args.create, tenantId) };
  }
  throw new Error(`${model}.${operation} is not supported through a tenant scope`);
}

function buildScope(prisma: PrismaClient, tenantId: string) {
  return prisma.$extends({
    name: 'tenant-scope',
    client: {
      /** For typed creates: `data: { tenantId: db.$tenantId(), … }` (the scope would add it anyway). */
      $tenantId: () => tenantId,
    },
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(scopeArgs(model, operation, args as Args, tenantId));
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof buildScope>;

/**
 * A tenant-scoped client inside a transaction (the `tx` of `db.$transaction`). Every TenantDb is one too, so a
 * query that takes a TenantTx runs on its own or inside a caller's transaction; its own `$transaction` then
 * becomes a savepoint of the caller's.
 */
export type TenantTx = Parameters<Parameters<TenantDb['$transaction']>[0]>[0];

const cache = new WeakMap<PrismaClient, Map<string, TenantDb>>();

/** The tenant-scoped client; cached per tenant, since building an extension costs a little. */
export function forTenant(prisma: PrismaClient, tenantId: string): TenantDb {
  if (!tenantId) throw new Error('forTenant needs a tenant id');
  let byTenant = cache.get(prisma);
  if (!byTenant) cache.set(prisma, (byTenant = new Map()));
  let scoped = byTenant.get(tenantId);
  if (!scoped) {
    if (byTenant.size > 1000) byTenant.clear();
    scoped = buildScope(prisma, tenantId);
    byTenant.set(tenantId, scoped);
  }
  return scoped;
}
