import type { SystemPrisma } from '../../client';

/** True when Postgres answers a trivial query (system client: the health check belongs to no tenant). */
export function pingDatabase(prisma: SystemPrisma): Promise<boolean> {
  return prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
}
