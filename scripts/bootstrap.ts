/**
 * Makes sure the default tenant exists, and with HERALD_API_KEY set, that this key opens it. Used by
 * docker compose (a one-shot service) and by deployments; `npm start` does the same in-process.
 */
import { z } from 'zod';
import { parseEnv } from '../domain/config';
import { isAppError } from '../domain/errors';
import { createPrismaClient, createSystemPrismaClient } from '../prisma/client';
import { ensureDefaultTenant } from '../prisma/queries/tenants/ensure-default-tenant';

const EnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL'),
  HERALD_API_KEY: z.string().min(20, 'HERALD_API_KEY must be at least 20 characters').optional(),
});

async function main(): Promise<void> {
  const env = parseEnv(EnvSchema, process.env);
  const prisma = createPrismaClient(env.DATABASE_URL, { maxConnections: 1 });
  // Bootstrap looks for the default tenant before it knows one.
  const systemPrisma = createSystemPrismaClient(env.DATABASE_URL, { maxConnections: 1 });
  try {
    const result = await ensureDefaultTenant(systemPrisma, prisma, env.HERALD_API_KEY ? { apiKey: env.HERALD_API_KEY } : {});
    console.log(`default tenant ${result.tenantId} ${result.created ? 'created' : 'present'}`);
    if (result.newApiKey && !env.HERALD_API_KEY) console.log(`API key (shown once): ${result.newApiKey}`);
  } finally {
    await Promise.all([prisma.$disconnect(), systemPrisma.$disconnect()]);
  }
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? error.message : error);
  process.exit(1);
});
