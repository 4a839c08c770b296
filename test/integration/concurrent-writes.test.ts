import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, createSystemPrismaClient, type AppPrisma, type SystemPrisma } from '../../prisma/client';
import { findOrCreateContactByAddress } from '../../prisma/queries/contacts/find-or-create-contact-by-address';
import { upsertLeadContact } from '../../prisma/queries/contacts/upsert-lead-contact';
import { recordInboundMessage } from '../../prisma/queries/inbound/record-inbound-message';
import { applyDeliveryStatus } from '../../prisma/queries/messages/apply-delivery-status';
import { createOutboundMessage } from '../../prisma/queries/messages/create-outbound-message';
import { newId } from '../../prisma/ids';
import { createTestTenant, uniqueName } from '../harness/context';

// Writes that race each other for real, on real Postgres: callbacks for one message, leads and inbound messages
// for one new phone number. Each must end as if the writers had come one after the other.

let prisma: AppPrisma;
// Delivery callbacks find their message by provider id, across tenants, as the webhooks do.
let system: SystemPrisma;
beforeAll(() => {
  // Enough connections for every racer to hold one.
  prisma = createPrismaClient(inject('databaseUrl'), { maxConnections: 20 });
  system = createSystemPrismaClient(inject('databaseUrl'), { maxConnections: 20 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await system?.$disconnect();
});

const settledWithoutErrors = async <T>(work: Array<Promise<T>>): Promise<T[]> => {
  const results = await Promise.allSettled(work);
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error)?.message ?? r.reason)] : []));
  expect(errors).toEqual([]);
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
};

describe('delivery statuses under concurrent callbacks', () => {
  it('"read" and "delivered" arriving together always end "read"', async () => {
    const { tenant, db } = await createTestTenant(prisma);
    const contact = await db.contact.create({ data: { tenantId: tenant.id, phone: '+14155550100' } });
    const sids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = newId('msg');
      await createOutboundMessage(db, { id, contactId: contact.id, channel: 'whatsapp', body: `m${i}`, scheduledAt: null, origin: 'api', workflowId: `wf-${id}` });
      const sid = `SM${id.slice(4)}`;
      await db.message.updateMany({ where: { id }, data: { status: 'sent', providerMessageId: sid } });
      sids.push(sid);
    }
    const at = new Date();
    await settledWithoutErrors(
      sids.flatMap((sid) => [applyDeliveryStatus(system, sid, { status: 'read', at }), applyDeliveryStatus(system, sid, { status: 'delivered', at })]),
    );
    const rows = await db.message.findMany({ where: { providerMessageId: { in: sids } }, select: { status: true } });
    expect(rows.map((r) => r.status)).toEqual(sids.map(() => 'read'));
  });
});

describe('find-or-create under concurrency', () => {
  it('concurrent leads with one new phone end as one contact, one of them "created"', async () => {
    const { db } = await createTestTenant(prisma);
    const phone = '+14155550123';
    const results = await settledWithoutErrors(
      Array.from({ length: 6 }, (_, i) =>
        upsertLeadContact(db, { phone, ...(i % 2 ? { email: `lead${i}@example.com` } : {}), firstName: `Lead ${i}`, properties: { [`k${i}`]: i } }, 'race'),
      ),
    );
    expect(new Set(results.map((r) => r.contact.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const contacts = await db.contact.findMany({});
    expect(contacts).toHaveLength(1);
    // Every lead's properties were merged into the one contact.
    expect(Object.keys(contacts[0]!.customProperties as object).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
  });

  it('concurrent leads whose phone and email point at different writers never fail', async () => {
    const { tenant, db } = await createTestTenant(prisma);
    // An existing contact known by email only; racing leads bring that email with a new phone, or the phone alone.
    await db.contact.create({ data: { tenantId: tenant.id, email: 'ada@example.com' } });
    const phone = '+14155550124';
    await settledWithoutErrors(
      Array.from({ length: 8 }, (_, i) => upsertLeadContact(db, i % 2 ? { phone, email: 'ada@example.com' } : { phone }, 'race')),
    );
    const contacts = await db.contact.findMany({});
    expect(contacts.filter((c) => c.phone === phone)).toHaveLength(1);
    expect(contacts.filter((c) => c.email === 'ada@example.com')).toHaveLength(1);
  });

  it('concurrent inbound messages from one new number make one contact and one thread', async () => {
    const { db } = await createTestTenant(prisma);
    const from = '+14155550125';
    const sid = () => `SM${uniqueName('in').replace(/-/g, '')}`;
    const results = await settledWithoutErrors(
      Array.from({ length: 6 }, (_, i) =>
        recordInboundMessage(db, { channel: 'sms', from, body: `hello ${i}`, mediaUrls: [], provider: 'twilio', providerMessageId: sid(), receivedAt: new Date() }),
      ),
    );
    expect(new Set(results.map((r) => r.contact.id)).size).toBe(1);
    expect(await db.contact.count()).toBe(1);
    expect(await db.thread.findMany({})).toMatchObject([{ unreadCount: 6 }]);
    expect(await db.message.count()).toBe(6);
  });

  it('one inbound message delivered several times at once is recorded once', async () => {
    const { db } = await createTestTenant(prisma);
    const providerMessageId = `SM${uniqueName('dup').replace(/-/g, '')}`;
    const results = await settledWithoutErrors(
      Array.from({ length: 4 }, () =>
        recordInboundMessage(db, { channel: 'sms', from: '+14155550126', body: 'once', mediaUrls: [], provider: 'twilio', providerMessageId, receivedAt: new Date() }),
      ),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(await db.message.count()).toBe(1);
    expect(await db.thread.findMany({})).toMatchObject([{ unreadCount: 1 }]);
  });

  it('concurrent owner recipients with one address end as one contact', async () => {
    const { db } = await createTestTenant(prisma);
    const results = await settledWithoutErrors(
      Array.from({ length: 6 }, () => findOrCreateContactByAddress(db, { phone: '+14155550127' }, { firstName: 'Team', source: 'notification-recipient' })),
    );
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(await db.contact.count()).toBe(1);
  });
});
