import { Prisma } from './client';
import type { TenantTx } from './tenant-scope';

/** The SQLSTATE of a failed query, however Prisma reports it (model queries and raw SQL differ). */
export function sqlStateOf(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause;
  if (typeof cause?.originalCode === 'string') return cause.originalCode;
  return error.code === 'P2002' ? '23505' : undefined;
}

export const isUniqueViolation = (error: unknown) => sqlStateOf(error) === '23505';

/** `lock_timeout` ran out while waiting for another transaction. */
export const isLockTimeout = (error: unknown) => sqlStateOf(error) === '55P03';

/**
 * Find-then-write made race-free: `work` runs in its own transaction (a savepoint inside a caller's), and when
 * a concurrent writer took a unique value between its read and its write, it runs again — and now reads that
 * writer's row. Under READ COMMITTED each statement sees what committed before it, so the second pass converges.
 */
export async function retryOnUniqueViolation<T>(db: TenantTx, work: (tx: TenantTx) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => work(tx));
    } catch (error) {
      if (attempt >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}
