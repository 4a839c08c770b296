import type { AppPrisma } from './client';

/**
 * Tenant isolation lives here, in two layers. A client obtained from `forTenant` adds `tenant_id = <tenant>`
 * to every read, update and delete, and sets it on every create, for every tenant-owned model. A row of
 * another tenant is therefore indistinguishable from a row that does not exist. Relations reach other
 * tables through (tenant_id, id) composite keys, so includes cannot cross tenants either.
 *
 * Under it, Postgres row-level security (the app client runs as `herald_app`) shows a transaction only the rows
 * of the tenant in its `herald.tenant_id` setting, and refuses writes for any other: every statement of a
 * TenantDb runs in a transaction that sets it first, raw SQL included. A query that escaped the first layer
 * (raw SQL naming another tenant, a forgotten scope) finds nothing and writes nothing.
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

/** Transaction-local, so it ends with the transaction and never outlives it on a pooled connection. */
function setTenant(client: Pick<AppPrisma, '$executeRaw'>, tenantId: string) {
  return client.$executeRaw`SELECT set_config('herald.tenant_id', ${tenantId}, true)`;
}

/**
 * Whether an operation already runs in a transaction (interactive or batch) — then that transaction set the
 * tenant when it began (see withTenantTransactions). Prisma passes the request's own parameters to query
 * extensions as `__internalParams`; row-level-security.test.ts fails if that ever stops telling the truth.
 */
function inTransaction(params: object): boolean {
  return (params as { __internalParams?: { transaction?: unknown } }).__internalParams?.transaction != null;
}

function buildScope(prisma: AppPrisma, tenantId: string) {
  return prisma.$extends({
    name: 'tenant-scope',
    client: {
      /** For typed creates: `data: { tenantId: db.$tenantId(), … }` (the scope would add it anyway). */
      $tenantId: () => tenantId,
    },
    query: {
      // Every model operation and every raw query ($queryRaw, $executeRaw and their Unsafe forms).
      async $allOperations(params) {
        const { model, operation, args, query } = params;
        const scoped = model ? scopeArgs(model, operation, args as Args, tenantId) : args;
        if (inTransaction(params)) return query(scoped);
        // A statement on its own: a transaction of two, so the setting holds for it on its connection and ends
        // with it. (One query per transaction also keeps Prisma from batching two tenants' lookups into one.)
        const [, result] = await prisma.$transaction([setTenant(prisma, tenantId), query(scoped)]);
        return result;
      },
    },
  });
}

type Scope = ReturnType<typeof buildScope>;

/**
 * `$transaction` of a tenant scope begins by setting the tenant on the transaction's own connection: the
 * interactive form before the callback runs (so every statement of the callback, and its atomicity, stay on
 * that connection), the batch form as its first statement.
 */
function withTenantTransactions(scope: Scope, tenantId: string): Scope {
  const $transaction = ((input: unknown, options?: unknown) => {
    if (typeof input === 'function') {
      const work = input as (tx: unknown) => Promise<unknown>;
      return scope.$transaction(async (tx) => {
        await setTenant(tx, tenantId);
        return work(tx);
      }, options as Parameters<Scope['$transaction']>[1]);
    }
    const batch = input as Array<ReturnType<typeof setTenant>>;
    return scope.$transaction([setTenant(scope, tenantId), ...batch], options as Parameters<Scope['$transaction']>[1]).then((results) => results.slice(1));
  }) as Scope['$transaction'];
  return new Proxy(scope, {
    get: (target, property) => (property === '$transaction' ? $transaction : Reflect.get(target, property)),
  });
}

export type TenantDb = Scope;

/**
 * A tenant-scoped client inside a transaction (the `tx` of `db.$transaction`). Every TenantDb is one too, so a
 * query that takes a TenantTx runs on its own or inside a caller's transaction; its own `$transaction` then
 * becomes a savepoint of the caller's.
 */
export type TenantTx = Parameters<Parameters<TenantDb['$transaction']>[0]>[0];

const cache = new WeakMap<AppPrisma, Map<string, TenantDb>>();

/** The tenant-scoped client; cached per tenant, since building an extension costs a little. */
export function forTenant(prisma: AppPrisma, tenantId: string): TenantDb {
  if (!tenantId) throw new Error('forTenant needs a tenant id');
  let byTenant = cache.get(prisma);
  if (!byTenant) cache.set(prisma, (byTenant = new Map()));
  let scoped = byTenant.get(tenantId);
  if (!scoped) {
    if (byTenant.size > 1000) byTenant.clear();
    scoped = withTenantTransactions(buildScope(prisma, tenantId), tenantId);
    byTenant.set(tenantId, scoped);
  }
  return scoped;
}
