import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { forTenant } from '../../prisma/tenant-scope';
import { createTestTenant, testPrisma } from '../harness/context';

// The data layer's single isolation mechanism, against real Postgres.
let prisma: AppPrisma;
beforeAll(() => {
  prisma = testPrisma();
});
afterAll(async () => {
  await prisma?.$disconnect();
});

describe('forTenant', () => {
  it('scopes reads, updates and deletes to the tenant, and stamps creates', async () => {
    const a = await createTestTenant(prisma);
    const b = await createTestTenant(prisma);
    const contact = await a.db.contact.create({ data: { tenantId: a.tenant.id, phone: '+14155550100' } });

    expect(await b.db.contact.findFirst({ where: { id: contact.id } })).toBeNull();
    expect(await b.db.contact.findUnique({ where: { id: contact.id } })).toBeNull();
    expect(await b.db.contact.count()).toBe(0);
    expect((await b.db.contact.updateMany({ where: { id: contact.id }, data: { firstName: 'Mallory' } })).count).toBe(0);
    expect((await b.db.contact.deleteMany({ where: { id: contact.id } })).count).toBe(0);
    await expect(b.db.contact.update({ where: { id: contact.id }, data: { firstName: 'Mallory' } })).rejects.toThrow();
    expect((await a.db.contact.findFirstOrThrow({ where: { id: contact.id } })).firstName).toBeNull();

    expect((await b.db.tenant.findFirstOrThrow({})).id).toBe(b.tenant.id);
    await expect(b.db.contact.create({ data: { tenantId: a.tenant.id, phone: '+14155550101' } })).rejects.toThrow(/another tenant/);
  });

  it('cannot link a row to another tenant’s parent: composite keys refuse it in the database', async () => {
    const a = await createTestTenant(prisma);
    const b = await createTestTenant(prisma);
    const contactOfA = await a.db.contact.create({ data: { tenantId: a.tenant.id, phone: '+14155550100' } });
    await expect(
      b.db.message.create({
        data: { tenantId: b.tenant.id, contactId: contactOfA.id, direction: 'outbound', channel: 'sms', body: 'x', status: 'queued' },
      }),
    ).rejects.toThrow(/Foreign key|foreign key/);
  });

  it('refuses to run without a tenant id', () => {
    expect(() => forTenant(prisma, '')).toThrow(/tenant id/);
  });
});
