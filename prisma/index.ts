export { createPrismaClient, Prisma, type PrismaClient } from './client';
export { forTenant, type TenantDb } from './tenant-scope';
export { newId } from './ids';
