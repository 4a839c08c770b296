import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppPrisma, SqlClient } from '../../prisma/client';
import { forTenant } from '../../prisma/tenant-scope';
import { createTestTenant, testPrisma, testSystemPrisma } from '../harness/context';

// Postgres row-level security under the Prisma tenant scope: what holds when the scope is forgotten or bypassed.
let prisma: AppPrisma;
let owner: pg.Client;
beforeAll(async () => {
  prisma = testPrisma();
  owner = new pg.Client({ connectionString: inject('databaseUrl') });
  await owner.connect();
});
afterAll(async () => {
  await prisma?.$disconnect();
  await owner?.end();
});

async function twoTenantsWithContacts() {
  const a = await createTestTenant(prisma);
  const b = await createTestTenant(prisma);
  const ca = await a.db.contact.create({ data: { tenantId: a.tenant.id, phone: '+14155550100', firstName: 'Ada' } });
  const cb = await b.db.contact.create({ data: { tenantId: b.tenant.id, phone: '+14155550101', firstName: 'Bob' } });
  return { a, b, ca, cb };
}

const setting = (rows: Array<{ tenant: string | null }>) => rows[0]?.tenant ?? null;

describe('row-level security', () => {
  it('gives the application client nothing when a query forgets its tenant, while the rows exist', async () => {
    const { a, ca } = await twoTenantsWithContacts();
    expect(await prisma.contact.count({ where: { id: ca.id } })).toBe(0);
    expect(await prisma.contact.findFirst({ where: { tenantId: a.tenant.id } })).toBeNull();
    expect(await prisma.tenant.count()).toBe(0);
    expect(await prisma.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM contacts`).toEqual([{ n: 0n }]);
    // Writes find nothing to change, and cannot add rows.
    expect(await prisma.$executeRaw`UPDATE contacts SET first_name = 'Mallory' WHERE id = ${ca.id}`).toBe(0);
    await expect(prisma.$executeRaw`INSERT INTO contacts (id, tenant_id, phone) VALUES (${`ctc_${randomUUID()}`}, ${a.tenant.id}, '+14155550199')`).rejects.toThrow(/row-level security/);
    // The system client sees them: the rows are there.
    expect(await testSystemPrisma().contact.count({ where: { id: ca.id } })).toBe(1);
  });

  it('shows a tenant scope only its own rows, even to raw SQL with no tenant filter', async () => {
    const { a, b, ca, cb } = await twoTenantsWithContacts();
    const seen = await a.db.$queryRaw<Array<{ id: string; tenant_id: string }>>`SELECT id, tenant_id FROM contacts`;
    expect(seen.map((row) => row.tenant_id)).toEqual(seen.map(() => a.tenant.id));
    expect(seen.map((row) => row.id)).toContain(ca.id);
    expect(seen.map((row) => row.id)).not.toContain(cb.id);
    expect(await b.db.$queryRaw<Array<{ id: string }>>`SELECT id FROM tenants`).toEqual([{ id: b.tenant.id }]);
  });

  it('refuses, by WITH CHECK, a write for another tenant that slipped past the scope', async () => {
    const { a, b, cb } = await twoTenantsWithContacts();
    await expect(
      a.db.$executeRaw`INSERT INTO contacts (id, tenant_id, phone) VALUES (${`ctc_${randomUUID()}`}, ${b.tenant.id}, '+14155550102')`,
    ).rejects.toThrow(/row-level security/);
    // Moving one of its own rows to another tenant is refused the same way.
    const own = await a.db.contact.create({ data: { tenantId: a.tenant.id, phone: '+14155550103' } });
    await expect(a.db.$executeRaw`UPDATE contacts SET tenant_id = ${b.tenant.id} WHERE id = ${own.id}`).rejects.toThrow(/row-level security/);
    // Another tenant's row is invisible to raw UPDATE and DELETE: nothing changes.
    expect(await a.db.$executeRaw`UPDATE contacts SET first_name = 'Mallory' WHERE id = ${cb.id}`).toBe(0);
    expect(await a.db.$executeRaw`DELETE FROM contacts WHERE id = ${cb.id}`).toBe(0);
    expect((await b.db.contact.findUniqueOrThrow({ where: { id: cb.id } })).firstName).toBe('Bob');
    // And inside an interactive transaction.
    await expect(
      a.db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO contacts (id, tenant_id, phone) VALUES (${`ctc_${randomUUID()}`}, ${b.tenant.id}, '+14155550104')`;
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps an interactive transaction on one connection with its tenant set, and rolls it back as a whole', async () => {
    const { a } = await twoTenantsWithContacts();
    const phone = `+1415555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
    const inside: Array<{ pid: number; tenant: string | null }> = [];
    const probe = async (tx: SqlClient) => {
      const [row] = await tx.$queryRaw<Array<{ pid: number; tenant: string | null }>>`
        SELECT pg_backend_pid() AS pid, current_setting('herald.tenant_id', true) AS tenant`;
      inside.push(row!);
    };
    await expect(
      a.db.$transaction(async (tx) => {
        await probe(tx);
        await tx.contact.create({ data: { tenantId: a.tenant.id, phone } });
        // Other work on the pool meanwhile does not disturb this connection's setting.
        await Promise.all(Array.from({ length: 4 }, () => prisma.$queryRaw`SELECT 1`));
        await probe(tx);
        expect(await tx.contact.count({ where: { phone } })).toBe(1);
        await tx.$transaction(async (nested) => probe(nested));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(inside).toHaveLength(3);
    expect(new Set(inside.map((row) => row.pid)).size).toBe(1);
    expect(inside.map((row) => row.tenant)).toEqual([a.tenant.id, a.tenant.id, a.tenant.id]);
    expect(await a.db.contact.count({ where: { phone } })).toBe(0);
    expect(await testSystemPrisma().contact.count({ where: { phone } })).toBe(0);
  });

  it('ends the setting with its transaction: the pooled connection goes back with no tenant', async () => {
    const single = (await import('../../prisma/client')).createPrismaClient(inject('databaseUrl'), { maxConnections: 1 });
    try {
      const { a } = await twoTenantsWithContacts();
      const scoped = forTenant(single, a.tenant.id);
      expect(setting(await scoped.$queryRaw<Array<{ tenant: string | null }>>`SELECT current_setting('herald.tenant_id', true) AS tenant`)).toBe(a.tenant.id);
      await scoped.$transaction(async (tx) => tx.contact.count());
      // Same single connection, no tenant now: '' (set once in this session) or NULL, never the tenant.
      expect(setting(await single.$queryRaw<Array<{ tenant: string | null }>>`SELECT current_setting('herald.tenant_id', true) AS tenant`) || null).toBeNull();
      expect(await single.contact.count()).toBe(0);
    } finally {
      await single.$disconnect();
    }
  });

  it('sets the tenant for batch transactions and keeps their results in order', async () => {
    const { a, b, ca } = await twoTenantsWithContacts();
    const [count, tenants, contact] = await a.db.$transaction([
      a.db.contact.count(),
      a.db.$queryRaw<Array<{ id: string }>>`SELECT id FROM tenants`,
      a.db.contact.findUnique({ where: { id: ca.id } }),
    ]);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(tenants).toEqual([{ id: a.tenant.id }]);
    expect(contact?.id).toBe(ca.id);
    const [none] = await b.db.$transaction([b.db.contact.findUnique({ where: { id: ca.id } })]);
    expect(none).toBeNull();
  });

  it('answers two tenants’ lookups made in the same tick each in its own tenant', async () => {
    // Prisma batches findUnique calls of one tick into one query; each tenant's must still see its own row.
    const { a, b, ca, cb } = await twoTenantsWithContacts();
    const found = await Promise.all([
      a.db.contact.findUnique({ where: { id: ca.id } }),
      b.db.contact.findUnique({ where: { id: cb.id } }),
      a.db.contact.findUnique({ where: { id: cb.id } }),
      b.db.contact.findUnique({ where: { id: ca.id } }),
    ]);
    expect(found.map((contact) => contact?.id ?? null)).toEqual([ca.id, cb.id, null, null]);
  });

  it('lets the system client see every tenant, and keeps TRUNCATE from the application role', async () => {
    const { a, b } = await twoTenantsWithContacts();
    expect(await testSystemPrisma().tenant.count({ where: { id: { in: [a.tenant.id, b.tenant.id] } } })).toBe(2);
    await expect(prisma.$executeRawUnsafe('TRUNCATE contacts CASCADE')).rejects.toThrow(/permission denied/);
    // @ts-expect-error a SystemPrisma is not an AppPrisma: tenant scopes are built on the application client only.
    const wrong: Parameters<typeof forTenant>[0] = testSystemPrisma();
    expect(wrong).toBeDefined();
  });
});

describe('the catalogue of tables', () => {
  // Tables that hold tenants' data without a tenant_id column of their own, and so need no policy. None today.
  const EXCEPTIONS: Record<string, string> = {};

  it('has row-level security enabled, forced and with the tenant and system policies on every table with a tenant_id', async () => {
    const { rows } = await owner.query<{ table: string; enabled: boolean; forced: boolean; policies: string[] | null; tenant_qual: string | null }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             array_agg(p.polname ORDER BY p.polname) FILTER (WHERE p.polname IS NOT NULL) AS policies,
             max(pg_get_expr(p.polqual, p.polrelid)) FILTER (WHERE p.polname = 'herald_tenant_isolation') AS tenant_qual
        FROM pg_class c
        LEFT JOIN pg_policy p ON p.polrelid = c.oid
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
         AND (c.relname = 'tenants' OR EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
       GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity
       ORDER BY c.relname`);
    const missing = rows
      .filter((row) => !(row.table in EXCEPTIONS))
      .filter(
        (row) =>
          !row.enabled ||
          !row.forced ||
          !row.policies?.includes('herald_tenant_isolation') ||
          !row.policies.includes('herald_system_access') ||
          !row.tenant_qual?.includes('herald.tenant_id'),
      )
      .map((row) => row.table);
    // Fix: add `SELECT herald_enable_tenant_rls('<table>');` to the migration that creates the table.
    expect(missing).toEqual([]);
    expect(rows.length).toBeGreaterThan(20);
  });

  it('grants the application role no table without row-level security but the tenant-less ones it needs', async () => {
    const { rows } = await owner.query<{ table: string }>(`
      SELECT c.relname AS table FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND NOT c.relrowsecurity
         AND has_table_privilege('herald_app', c.oid, 'SELECT')`);
    // Only tables with no tenant data: none today (dbmate's schema_migrations is revoked).
    expect(rows.map((row) => row.table)).toEqual([]);
  });
});
