import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../prisma/client';
import { forTenant } from '../../prisma/tenant-scope';
import { bearer, createTestTenant, fakeProviders, startWorker, testApi, testPrisma, uniqueName, type RunningWorker } from '../harness/context';
import { devServer } from '../harness/dev-server';

// Every tenant-scoped route, called by tenant B with ids that belong to tenant A: never A's data, never a
// change to A's rows. The route table is read from the app, so a new route without a case here fails.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: Awaited<ReturnType<typeof devServer>>;
let prisma: PrismaClient;
let worker: RunningWorker;
const taskQueue = uniqueName('iso-tq');

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

type Ctx = { contactId: string; messageId: string; ingestTokenId: string };
type Case = { method: 'get' | 'post'; path: (a: Ctx) => string; body?: (a: Ctx) => object; expectStatus: number; check?: (body: any, a: Ctx) => void };

const SENDER_A = `+1500555${String(Date.now()).slice(-4)}`;
const inFuture = () => new Date(Date.now() + 86_400_000).toISOString();

const CASES: Record<string, Case> = {
  'GET /tenant': { method: 'get', path: () => '/api/tenant', expectStatus: 200, check: (b, _a) => expect(b.tenant.businessName).toBe('Tenant B Ltd') },
  'GET /contacts': { method: 'get', path: () => '/api/contacts', expectStatus: 200, check: (b) => expect(b.contacts).toEqual([]) },
  'POST /contacts': { method: 'post', path: () => '/api/contacts', body: () => ({ firstName: 'Bo', phone: '+14155550199' }), expectStatus: 201, check: (b) => expect(b.contact.firstName).toBe('Bo') },
  'GET /contacts/:id': { method: 'get', path: (a) => `/api/contacts/${a.contactId}`, expectStatus: 404 },
  'GET /messages': { method: 'get', path: () => '/api/messages', expectStatus: 200, check: (b) => expect(b.messages).toEqual([]) },
  'POST /messages': { method: 'post', path: () => '/api/messages', body: (a) => ({ contactId: a.contactId, channel: 'sms', body: 'hi' }), expectStatus: 404 },
  'GET /messages/:id': { method: 'get', path: (a) => `/api/messages/${a.messageId}`, expectStatus: 404 },
  'POST /messages/:id/cancel': { method: 'post', path: (a) => `/api/messages/${a.messageId}/cancel`, expectStatus: 404 },
  'POST /messages/:id/reschedule': { method: 'post', path: (a) => `/api/messages/${a.messageId}/reschedule`, body: () => ({ sendAt: inFuture() }), expectStatus: 404 },
  // The same phone number writing to tenant B is B's own, new contact — never A's.
  'POST /fake/inbound': { method: 'post', path: () => '/api/fake/inbound', body: () => ({ from: '+14155550100', body: 'hello B' }), expectStatus: 201, check: (b, a) => expect(b.contactId).not.toBe(a.contactId) },
  'GET /ingest-tokens': { method: 'get', path: () => '/api/ingest-tokens', expectStatus: 200, check: (b) => expect(b.ingestTokens).toEqual([]) },
  'POST /ingest-tokens': { method: 'post', path: () => '/api/ingest-tokens', body: () => ({ name: 'B site' }), expectStatus: 201 },
  'POST /ingest-tokens/:id/revoke': { method: 'post', path: (a) => `/api/ingest-tokens/${a.ingestTokenId}/revoke`, expectStatus: 404 },
  'GET /sender-addresses': { method: 'get', path: () => '/api/sender-addresses', expectStatus: 200, check: (b) => expect(b.senderAddresses).toEqual([]) },
  // A's number cannot be claimed by B: inbound messages to it must keep reaching A.
  'POST /sender-addresses': { method: 'post', path: () => '/api/sender-addresses', body: () => ({ channel: 'sms', address: SENDER_A }), expectStatus: 409 },
  'GET /notification-rules': { method: 'get', path: () => '/api/notification-rules', expectStatus: 200, check: (b) => expect(b.notificationRules).toEqual([]) },
  'POST /notification-rules': { method: 'post', path: () => '/api/notification-rules', body: () => ({ event: 'lead.created', channel: 'sms', recipient: '+14155550111' }), expectStatus: 201 },
};
// Signature-authenticated provider webhooks (webhooks-and-consent.test.ts), ingest-token routes
// (ingest.test.ts, which covers their isolation) and the health check.
const PUBLIC = new Set(['GET /health', 'POST /twilio/inbound', 'POST /twilio/status', 'POST /resend', 'POST /leads', 'POST /quotes']);

function routesOf(app: { router: Router }): string[] {
  // Express 5: app.router → the /api Router layer → its routes.
  const out: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app.router as any).stack);
  return out;
}

describe('tenant isolation on every route', () => {
  it('covers every route the API serves', () => {
    const { app } = testApi({ prisma, client: server.client, taskQueue });
    const routes = routesOf(app as any);
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) expect(PUBLIC.has(route) || route in CASES, `no isolation case for ${route}`).toBe(true);
  });

  it('never shows or changes another tenant’s rows', async () => {
    const a = await createTestTenant(prisma, { businessName: 'Tenant A Inc' });
    const b = await createTestTenant(prisma, { businessName: 'Tenant B Ltd' });
    const { request } = testApi({ prisma, client: server.client, taskQueue });
    const contact = await request().post('/api/contacts').set(bearer(a.apiKey)).send({ firstName: 'Alice', phone: '+14155550100' });
    expect(contact.status).toBe(201);
    const message = await request().post('/api/messages').set(bearer(a.apiKey)).send({ contactId: contact.body.contact.id, channel: 'sms', body: 'for A only', sendAt: inFuture() });
    expect(message.status).toBe(201);
    await request().post('/api/sender-addresses').set(bearer(a.apiKey)).send({ channel: 'sms', address: SENDER_A }).expect(201);
    const token = await request().post('/api/ingest-tokens').set(bearer(a.apiKey)).send({ name: 'A site' });
    await request().post('/api/notification-rules').set(bearer(a.apiKey)).send({ event: 'lead.created', channel: 'email', recipient: 'owner-a@example.com' }).expect(201);
    const ctx: Ctx = { contactId: contact.body.contact.id, messageId: message.body.message.id, ingestTokenId: token.body.ingestToken.id };

    for (const [name, c] of Object.entries(CASES)) {
      let req = request()[c.method](c.path(ctx)).set(bearer(b.apiKey));
      if (c.body) req = req.send(c.body(ctx));
      const res = await req;
      expect(res.status, name).toBe(c.expectStatus);
      expect(JSON.stringify(res.body), name).not.toContain('for A only');
      expect(JSON.stringify(res.body), name).not.toContain('Alice');
      expect(JSON.stringify(res.body), name).not.toContain('owner-a@example.com');
      expect(JSON.stringify(res.body), name).not.toContain('A site');
      c.check?.(res.body, ctx);
    }
    // A's rows are untouched: still scheduled, still A's only contact.
    const row = await forTenant(prisma, a.tenant.id).message.findFirstOrThrow({ where: { id: ctx.messageId } });
    expect(row.status).toBe('scheduled');
    expect(row.scheduledAt?.toISOString()).toBe(message.body.message.scheduledAt);
    expect(await forTenant(prisma, b.tenant.id).message.count({ where: { direction: 'outbound' } })).toBe(0);
    await request().post(`/api/messages/${ctx.messageId}/cancel`).set(bearer(a.apiKey)).expect(200);
  });

  it('rejects missing, unknown and revoked keys on every tenant route with 401', async () => {
    const t = await createTestTenant(prisma);
    await forTenant(prisma, t.tenant.id).apiKey.updateMany({ data: { revokedAt: new Date() } });
    const { request } = testApi({ prisma, client: server.client, taskQueue });
    const ctx: Ctx = { contactId: 'ctc_x', messageId: 'msg_x', ingestTokenId: 'ing_x' };
    for (const [name, c] of Object.entries(CASES)) {
      for (const headers of [{}, bearer('hk_not_a_real_key_at_all'), bearer(t.apiKey)]) {
        const res = await request()[c.method](c.path(ctx)).set(headers);
        expect(res.status, name).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
      }
    }
    const health = await request().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, database: 'up', temporal: 'up', providers: { sms: 'fake', whatsapp: 'fake', email: 'fake' } });
  });
});
