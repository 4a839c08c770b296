import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { TemporalGateway } from '../../api/temporal-gateway';
import { createApp } from '../../api/app';
import type { AppPrisma } from '../../prisma/client';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, fakeProviders, silentLogger, testApi, uniqueName, testSystemPrisma } from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';
import { freePort } from '../harness/free-port';
import supertest from 'supertest';

// The API against a real Temporal dev server, a real worker and a real Postgres.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { fake, providers } = fakeProviders();
const taskQueue = uniqueName('api-tq');

useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

async function tenantWithContact(contact: { phone?: string | null; email?: string | null } = {}) {
  const t = await createTestTenant(prisma);
  const row = await t.db.contact.create({
    data: { tenantId: t.tenant.id, firstName: 'Grace', lastName: 'Hopper', phone: '+14155550123', ...contact },
  });
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  return { ...t, contact: row, request };
}

const countWorkflows = async (tenantId: string) =>
  (await server.client.workflow.count(`TenantId="${tenantId}"`)).count;

describe('POST /api/messages', () => {
  it('sends at once when sendAt is omitted or in the past, and records the provider id', async () => {
    const t = await tenantWithContact();
    for (const sendAt of [undefined, new Date(Date.now() - 3_600_000).toISOString()]) {
      const res = await t.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: t.contact.id, channel: 'sms', body: 'On my way', sendAt });
      expect(res.status).toBe(201);
      expect(res.body.message).toMatchObject({ status: 'queued', scheduledAt: null, contactName: 'Grace Hopper' });
      expect(res.body.message.temporalUrl).toMatch(/^http:\/\/localhost:8233\/namespaces\/default\/workflows\/message%3A.+\/history$/);
      const result = (await server.client.workflow.getHandle(res.body.message.workflowId).result()) as ScheduledMessageResult;
      expect(result.outcome).toBe('sent');
      const got = await t.request().get(`/api/messages/${res.body.message.id}`).set(bearer(t.apiKey));
      expect(got.body.message).toMatchObject({ status: 'sent', provider: 'fake', providerMessageId: result.providerMessageId });
    }
    const listed = await t.request().get('/api/messages').set(bearer(t.apiKey));
    expect(listed.body.messages).toHaveLength(2);
    expect(listed.body.messages.every((m: { status: string }) => m.status === 'sent')).toBe(true);
  });

  it('rejects invalid input with 400 and the reason, writing no row and starting no workflow', async () => {
    const t = await tenantWithContact();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ contactId: t.contact.id, channel: 'sms', body: 'x'.repeat(1601) }, /body is 1601 characters; sms allows at most 1600/],
      [{ contactId: t.contact.id, channel: 'pigeon', body: 'hi' }, /channel/],
      [{ contactId: t.contact.id, channel: 'sms', body: '   ' }, /body must not be empty/],
      [{ contactId: t.contact.id, channel: 'sms', body: 'hi', sendAt: 'tomorrow' }, /sendAt/],
      [{ contactId: t.contact.id, channel: 'sms', body: 'hi', sendAt: '2099-01-01T00:00:00Z' }, /at most 366 days ahead/],
      [{ contactId: t.contact.id, channel: 'email', body: 'hi' }, /subject is required for email/],
      [{ contactId: t.contact.id, channel: 'sms', body: 'hi', surprise: true }, /surprise|Unrecognized/i],
      [{ channel: 'sms', body: 'hi' }, /contactId/],
    ];
    for (const [body, reason] of cases) {
      const res = await t.request().post('/api/messages').set(bearer(t.apiKey)).send(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.message).toMatch(reason);
    }
    const malformed = await t.request().post('/api/messages').set(bearer(t.apiKey)).set('Content-Type', 'application/json').send('{"contactId":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/not valid JSON/);

    expect(await t.db.message.count()).toBe(0);
    expect(await countWorkflows(t.tenant.id)).toBe(0);
  });

  it('answers 404 for an unknown contact and 422 for a contact without the channel’s address', async () => {
    const t = await tenantWithContact({ email: null });
    const unknown = await t.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: 'ctc_nope', channel: 'sms', body: 'hi' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const noEmail = await t.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: t.contact.id, channel: 'email', subject: 'Quote', body: 'hi' });
    expect(noEmail.status).toBe(422);
    expect(noEmail.body.error.message).toMatch(/no email address/);
    expect(await t.db.message.count()).toBe(0);
  });

  it('answers 503 and keeps nothing when Temporal is unreachable', async () => {
    const t = await tenantWithContact();
    const port = await freePort(); // nothing listens here
    const gateway = new TemporalGateway({
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEMPORAL_UI_URL: 'http://localhost:8233',
    });
    const app = createApp({ prisma, systemPrisma: testSystemPrisma(), temporal: gateway, temporalWeb: { uiUrl: 'http://localhost:8233', namespace: 'default' }, logger: silentLogger });
    const res = await supertest(app).post('/api/messages').set(bearer(t.apiKey)).send({ contactId: t.contact.id, channel: 'sms', body: 'hi' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UNAVAILABLE');
    expect(res.body.error.message).toMatch(/Temporal/);
    expect(await t.db.message.count()).toBe(0);
    await gateway.close();
  });

  it('says clearly when a message is too late to cancel or reschedule', async () => {
    const t = await tenantWithContact();
    const created = await t.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: t.contact.id, channel: 'sms', body: 'Now' });
    await server.client.workflow.getHandle(created.body.message.workflowId).result();
    const cancel = await t.request().post(`/api/messages/${created.body.message.id}/cancel`).set(bearer(t.apiKey));
    expect(cancel.status).toBe(409);
    expect(cancel.body.error).toMatchObject({ code: 'TOO_LATE' });
    expect(cancel.body.error.message).toMatch(/can no longer be cancelled: it is already sent/);
    const move = await t.request().post(`/api/messages/${created.body.message.id}/reschedule`).set(bearer(t.apiKey)).send({ sendAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(move.status).toBe(409);
    expect(move.body.error.message).toMatch(/can no longer be rescheduled/);
    const badMove = await t.request().post(`/api/messages/${created.body.message.id}/reschedule`).set(bearer(t.apiKey)).send({ sendAt: 'soon' });
    expect(badMove.status).toBe(400);
  });

  it('cancels a pending message on the dev server: the row says cancelled and the run completes cancelled', async () => {
    const t = await tenantWithContact();
    const before = fake.calls.length;
    const created = await t.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: t.contact.id, channel: 'sms', body: 'Later', sendAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(created.status).toBe(201);
    expect(created.body.message.status).toBe('scheduled');
    const cancel = await t.request().post(`/api/messages/${created.body.message.id}/cancel`).set(bearer(t.apiKey));
    expect(cancel.status).toBe(200);
    expect(cancel.body.message).toMatchObject({ status: 'cancelled' });
    expect(cancel.body.message.cancelledAt).not.toBeNull();
    const result = (await server.client.workflow.getHandle(created.body.message.workflowId).result()) as ScheduledMessageResult;
    expect(result.outcome).toBe('cancelled');
    expect(fake.calls.length).toBe(before);
  });

  it('pages the list with a cursor and filters by status', async () => {
    const t = await tenantWithContact();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: t.contact.id, channel: 'sms', body: `m${i}`, sendAt: new Date(Date.now() + 86_400_000).toISOString() });
      ids.push(res.body.message.id);
    }
    const first = await t.request().get('/api/messages?limit=2').set(bearer(t.apiKey));
    expect(first.body.messages.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);
    const second = await t.request().get(`/api/messages?limit=2&cursor=${first.body.nextCursor}`).set(bearer(t.apiKey));
    expect(second.body.messages.map((m: { id: string }) => m.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    const sent = await t.request().get('/api/messages?status=sent').set(bearer(t.apiKey));
    expect(sent.body.messages).toEqual([]);
    const bad = await t.request().get('/api/messages?limit=5000').set(bearer(t.apiKey));
    expect(bad.status).toBe(400);
    for (const id of ids) await t.request().post(`/api/messages/${id}/cancel`).set(bearer(t.apiKey)).expect(200);
  });
});
