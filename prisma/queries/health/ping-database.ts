import type { PrismaClient } from '../../client';

/** True when Postgres answers a trivial query. */
export function pingDatabase(prisma: PrismaClient): Promise<boolean> {
  return prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
}
