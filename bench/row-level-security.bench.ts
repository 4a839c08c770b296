import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createPrismaClient, createSystemPrismaClient, type AppPrisma, type SystemPrisma } from '../prisma/client';
import { createTenant } from '../prisma/queries/tenants/create-tenant';
import { forTenant, type TenantDb } from '../prisma/tenant-scope';
import { dropDatabase, ensureDatabase, migrate, startEmbeddedPostgres, withDatabase } from '../scripts/lib/postgres';
import { freePort } from '../test/harness/free-port';

// What row-level security costs a tenant's typical statement: the same read and the same write through the
// application client (a TenantDb: each statement in a transaction that first sets herald.tenant_id, under the
// herald_app policies) and through the system client (one plain statement, herald_system's policy lets it all
// through) — in one run, on one database, so the ratio is what to read. A real Postgres: embedded, or the
// server in DATABASE_URL (a database of its own is created there and dropped after).
const CONTACTS = 2_000;
let stop: () => Promise<void> = async () => undefined;
let app: AppPrisma;
let system: SystemPrisma;
let db: TenantDb;
let tenantId = '';
let contactIds: string[] = [];
let i = 0;
// Long enough for a stable mean on a shared machine: a statement takes milliseconds here.
const options = { time: 3_000, warmupTime: 500 };

beforeAll(async () => {
  let serverUrl = process.env.DATABASE_URL;
  const cleanups: Array<() => Promise<void>> = [];
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'herald-bench-pg-'));
    await chmod(dataDir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort() });
    cleanups.push(async () => {
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    serverUrl = pg.serverUrl;
  }
  const database = `herald_bench_${process.pid}`;
  await ensureDatabase(serverUrl, database);
  const server = serverUrl;
  cleanups.push(() => dropDatabase(server, database));
  const url = withDatabase(serverUrl, database);
  await migrate(url);
  app = createPrismaClient(url, { maxConnections: 2 });
  system = createSystemPrismaClient(url, { maxConnections: 2 });
  stop = async () => {
    await Promise.all([app.$disconnect(), system.$disconnect()]);
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  // Two tenants, so the policy has rows to keep out.
  const [tenant, other] = await Promise.all(
    ['bench-a', 'bench-b'].map((name) => createTenant(system, { name, businessName: name, timeZone: 'UTC' })),
  );
  tenantId = tenant!.id;
  db = forTenant(app, tenantId);
  for (const owner of [tenant!.id, other!.id]) {
    await system.contact.createMany({
      data: Array.from({ length: CONTACTS }, (_, n) => ({ tenantId: owner, phone: `+1415${String(n).padStart(7, '0')}`, firstName: `C${n}` })),
    });
  }
  contactIds = (await db.contact.findMany({ select: { id: true } })).map((contact) => contact.id);
}, 120_000);

afterAll(async () => {
  await stop();
});

const nextId = () => contactIds[(i = (i + 1) % contactIds.length)]!;

describe('tenant read: one contact by id', () => {
  bench('row-level security (TenantDb over herald_app)', async () => {
    await db.contact.findFirst({ where: { id: nextId() } });
  }, options);
  bench('bypass (SystemPrisma, tenant in the WHERE)', async () => {
    await system.contact.findFirst({ where: { tenantId, id: nextId() } });
  }, options);
});

describe('tenant read: a page of 50 contacts', () => {
  bench('row-level security (TenantDb over herald_app)', async () => {
    await db.contact.findMany({ orderBy: { id: 'asc' }, take: 50, skip: i++ % 500 });
  }, options);
  bench('bypass (SystemPrisma, tenant in the WHERE)', async () => {
    await system.contact.findMany({ where: { tenantId }, orderBy: { id: 'asc' }, take: 50, skip: i++ % 500 });
  }, options);
});

describe('tenant write: update one contact', () => {
  bench('row-level security (TenantDb over herald_app)', async () => {
    await db.contact.updateMany({ where: { id: nextId() }, data: { lastName: `L${i}` } });
  }, options);
  bench('bypass (SystemPrisma, tenant in the WHERE)', async () => {
    await system.contact.updateMany({ where: { tenantId, id: nextId() }, data: { lastName: `L${i}` } });
  }, options);
});

describe('tenant write: three statements in one interactive transaction', () => {
  bench('row-level security (TenantDb over herald_app)', async () => {
    await db.$transaction(async (tx) => {
      const id = nextId();
      await tx.contact.findFirst({ where: { id } });
      await tx.contact.updateMany({ where: { id }, data: { lastName: `T${i}` } });
      await tx.contact.count({ where: { lastName: `T${i}` } });
    });
  }, options);
  bench('bypass (SystemPrisma, tenant in the WHERE)', async () => {
    await system.$transaction(async (tx) => {
      const id = nextId();
      await tx.contact.findFirst({ where: { tenantId, id } });
      await tx.contact.updateMany({ where: { tenantId, id }, data: { lastName: `T${i}` } });
      await tx.contact.count({ where: { tenantId, lastName: `T${i}` } });
    });
  }, options);
});
