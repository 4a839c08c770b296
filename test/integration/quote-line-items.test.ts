import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { bearer, createTestTenant, fakeProviders, testApi, uniqueName } from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// A quote's line items: what the lead reads on the quote page, line by line, adding up to the total — checked
// by the API (in cents, so 3 × 0.10 is 0.30), kept on the quote, shown on its public page.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { providers } = fakeProviders();
const taskQueue = uniqueName('line-items-tq');
useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

async function tenantApi() {
  const t = await createTestTenant(prisma, { quietStartMinute: null, quietEndMinute: null });
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const contact = (await request().post('/api/contacts').set(bearer(t.apiKey)).send({ firstName: 'Ada', phone: '+14155550911' }).expect(201)).body.contact;
  const quote = (body: object) => request().post('/api/quotes').set(bearer(t.apiKey)).send({ contactId: contact.id, ...body });
  return { ...t, request, contact, quote };
}

describe('quote line items', () => {
  it('keeps the lines, each with its amount, and shows them on the quote page', async () => {
    const t = await tenantApi();
    const res = await t.quote({
      title: 'Bathroom',
      total: 1250.3,
      currency: 'GBP',
      lineItems: [
        { description: 'New basin <fitted>', quantity: 1, unitPrice: 950 },
        { description: 'Copper fittings', quantity: 3, unitPrice: 0.1 },
        { description: 'Labour (hours)', quantity: 2.5, unitPrice: 120 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.quote.lineItems).toEqual([
      { description: 'New basin <fitted>', quantity: 1, unitPrice: '950.00', amount: '950.00' },
      { description: 'Copper fittings', quantity: 3, unitPrice: '0.10', amount: '0.30' },
      { description: 'Labour (hours)', quantity: 2.5, unitPrice: '120.00', amount: '300.00' },
    ]);
    const page = await t.request().get(new URL(res.body.quote.shortUrl).pathname).expect(200);
    expect(page.text).toContain('New basin &lt;fitted&gt;');
    expect(page.text).toMatch(/Labour \(hours\)[\s\S]*2\.5[\s\S]*£300\.00/);
    // Without lines, as before.
    const plain = await t.quote({ total: 10 });
    expect(plain.body.quote.lineItems).toEqual([]);
  });

  it('refuses lines that do not add up to the total, naming both sums, and writes nothing', async () => {
    const t = await tenantApi();
    const res = await t.quote({ total: 100, lineItems: [{ description: 'Part', quantity: 3, unitPrice: 30 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/total: 100\.00 is not the sum of the line items \(90\.00\)/);
    const bad = await t.quote({ total: 1, lineItems: [{ description: '', quantity: 0, unitPrice: 1 }] });
    expect(bad.status).toBe(400);
    expect(await t.db.quote.count()).toBe(0);
  });
});
