import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { takeToken } from '../../prisma/queries/rate-limits/take-token';
import { bearer, createTestTenant, fakeProviders, startWorker, testApi, testPrisma, uniqueName, type RunningWorker, testSystemPrisma } from '../harness/context';
import { devServer } from '../harness/dev-server';

Runtime.install({ logger: new DefaultLogger('WARN') });

let server: Awaited<ReturnType<typeof devServer>>;
let prisma: AppPrisma;
let worker: RunningWorker;
const taskQueue = uniqueName('rl-tq');

beforeAll(async () => {
  server = await devServer();
  prisma = testPrisma();
  worker = await startWorker({ connection: server.nativeConnection, taskQueue, prisma, providers: fakeProviders().providers });
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await prisma?.$disconnect();
});

describe('per-tenant send rate limit', () => {
  it('answers 429 with Retry-After once the burst is spent, writes nothing, and leaves other tenants alone', async () => {
    const { request } = testApi({ prisma, client: server.client, taskQueue, sendRateLimit: { perMinute: 6, burst: 3 } });
    const a = await createTestTenant(prisma);
    const b = await createTestTenant(prisma);
    const contactA = await a.db.contact.create({ data: { tenantId: a.tenant.id, phone: '+14155550100' } });
    const contactB = await b.db.contact.create({ data: { tenantId: b.tenant.id, phone: '+14155550100' } });
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const post = (key: string, contactId: string) => request().post('/api/messages').set(bearer(key)).send({ contactId, channel: 'sms', body: 'hi', sendAt: later });

    for (let i = 0; i < 3; i++) expect((await post(a.apiKey, contactA.id)).status).toBe(201);
    const limited = await post(a.apiKey, contactA.id);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(10);
    expect(await a.db.message.count()).toBe(3);

    expect((await post(b.apiKey, contactB.id)).status).toBe(201);
    for (const m of await a.db.message.findMany({})) await request().post(`/api/messages/${m.id}/cancel`).set(bearer(a.apiKey)).expect(200);
    const [mB] = await b.db.message.findMany({});
    await request().post(`/api/messages/${mB!.id}/cancel`).set(bearer(b.apiKey)).expect(200);
  });

  it('refills with time and never exceeds the burst, under concurrent takers', async () => {
    const t = await createTestTenant(prisma);
    const limit = { capacity: 5, refillPerSecond: 0.001 };
    const results = await Promise.all(Array.from({ length: 12 }, () => takeToken(t.db, t.tenant.id, 'concurrency', limit)));
    expect(results.filter((r) => r === null)).toHaveLength(5);
    // Pretend a minute has passed: refill at 0.1 tokens per second gives back a token.
    await testSystemPrisma().rateLimitBucket.updateMany({ where: { tenantId: t.tenant.id, bucket: 'concurrency' }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    expect(await takeToken(t.db, t.tenant.id, 'concurrency', { capacity: 5, refillPerSecond: 0.1 })).toBeNull();
  });
});
