import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { fromLocal, toLocal, addLocalDays } from '../../domain/time-zone';
import type { AppPrisma } from '../../prisma/client';
import { statusQuery, type ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, fakeProviders, startWorker, testApi, uniqueName } from '../harness/context';
import { captureHistory } from '../harness/sequences';
import { useTimeSkippingServer } from '../harness/suites';

// Long timers on Temporal's time-skipping test server: three days pass in well under a second of wall time.
Runtime.install({ logger: new DefaultLogger('WARN') });

let env: TestWorkflowEnvironment;
let prisma: AppPrisma;
const DAY = 86_400_000;

useTimeSkippingServer((parts) => ({ env, prisma } = parts));

async function setup(tenantOverrides = {}, workerOptions: { maxCachedWorkflows?: number } = {}) {
  const taskQueue = uniqueName('tq');
  const { fake, providers } = fakeProviders();
  const { tenant, db, apiKey } = await createTestTenant(prisma, tenantOverrides);
  const contact = await db.contact.create({
    data: { tenantId: tenant.id, firstName: 'Ada', lastName: 'Lovelace', phone: '+14155550100' },
  });
  const worker = await startWorker({ connection: env.nativeConnection, taskQueue, prisma, providers, ...workerOptions });
  const { request } = testApi({ prisma, client: env.client, taskQueue });
  const now = await env.currentTimeMs();
  const schedule = (sendAt: number | null, body = 'Your appointment is confirmed') =>
    request()
      .post('/api/messages')
      .set(bearer(apiKey))
      .send({ contactId: contact.id, channel: 'sms', body, ...(sendAt === null ? {} : { sendAt: new Date(sendAt).toISOString() }) });
  const row = (id: string) => db.message.findFirstOrThrow({ where: { id } });
  const result = (workflowId: string) => env.client.workflow.getHandle(workflowId).result() as Promise<ScheduledMessageResult>;
  return { fake, worker, request, apiKey, tenant, contact, db, now, schedule, row, result, taskQueue };
}

describe('scheduled messages on the time-skipping server', () => {
  it('sends a message scheduled 3 days ahead exactly once, after the 3 days and not before', async () => {
    const t = await setup();
    try {
      const sendAt = t.now + 3 * DAY;
      const created = await t.schedule(sendAt);
      expect(created.status).toBe(201);
      const { message } = created.body;
      expect(message.status).toBe('scheduled');
      expect(message.scheduledAt).toBe(new Date(sendAt).toISOString());
      expect(message.temporalUrl).toContain(encodeURIComponent(message.workflowId));
      expect(message.workflowId).toBe(`message:${t.tenant.id}:${message.id}`);

      await env.sleep('2 days');
      const handle = env.client.workflow.getHandle(message.workflowId);
      expect(await handle.query(statusQuery)).toMatchObject({ state: 'waiting', wakeAt: new Date(sendAt).toISOString() });
      expect(t.fake.calls).toHaveLength(0);
      expect((await t.row(message.id)).status).toBe('scheduled');

      const result = await t.result(message.workflowId);
      expect(result.outcome).toBe('sent');
      expect(Date.parse(result.at!)).toBeGreaterThanOrEqual(sendAt);
      expect(t.fake.calls).toHaveLength(1);
      expect(t.fake.calls[0]).toMatchObject({ to: '+14155550100', body: 'Your appointment is confirmed', idempotencyKey: message.workflowId });
      const sent = await t.row(message.id);
      expect(sent).toMatchObject({ status: 'sent', provider: 'fake', providerMessageId: t.fake.sent[0]!.providerMessageId });
      expect(sent.sentAt).not.toBeNull();
      await captureHistory(env.client, message.workflowId, 'message-sent');
    } finally {
      await t.worker.stop();
    }
  });

  it('never sends a message cancelled before it is due, and says when it is too late to cancel', async () => {
    const t = await setup();
    try {
      const { message } = (await t.schedule(t.now + DAY)).body;
      const cancelled = await t.request().post(`/api/messages/${message.id}/cancel`).set(bearer(t.apiKey));
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.message.status).toBe('cancelled');

      expect((await t.result(message.workflowId)).outcome).toBe('cancelled');
      await env.sleep('2 days');
      expect(t.fake.calls).toHaveLength(0);
      expect((await t.row(message.id)).status).toBe('cancelled');

      const again = await t.request().post(`/api/messages/${message.id}/cancel`).set(bearer(t.apiKey));
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'TOO_LATE' });
      expect(again.body.error.message).toMatch(/already cancelled/);
      await captureHistory(env.client, message.workflowId, 'message-cancelled');
    } finally {
      await t.worker.stop();
    }
  });

  it('sends a rescheduled message at the new time, not the old one', async () => {
    const t = await setup();
    try {
      const oldTime = t.now + DAY;
      const newTime = t.now + 3 * DAY;
      const { message } = (await t.schedule(oldTime)).body;
      const moved = await t.request().post(`/api/messages/${message.id}/reschedule`).set(bearer(t.apiKey)).send({ sendAt: new Date(newTime).toISOString() });
      expect(moved.status).toBe(200);
      expect(moved.body.message.scheduledAt).toBe(new Date(newTime).toISOString());

      await env.sleep('2 days'); // past the old time
      expect(t.fake.calls).toHaveLength(0);
      expect((await t.row(message.id)).status).toBe('scheduled');

      const result = await t.result(message.workflowId);
      expect(result.outcome).toBe('sent');
      expect(Date.parse(result.at!)).toBeGreaterThanOrEqual(newTime);
      expect(t.fake.calls).toHaveLength(1);
      await captureHistory(env.client, message.workflowId, 'message-rescheduled');
    } finally {
      await t.worker.stop();
    }
  });

  it('sends a message moved earlier at the earlier time', async () => {
    const t = await setup();
    try {
      const oldTime = t.now + 5 * DAY;
      const newTime = t.now + DAY;
      const { message } = (await t.schedule(oldTime)).body;
      await t.request().post(`/api/messages/${message.id}/reschedule`).set(bearer(t.apiKey)).send({ sendAt: new Date(newTime).toISOString() }).expect(200);
      const result = await t.result(message.workflowId);
      expect(result.outcome).toBe('sent');
      expect(Date.parse(result.at!)).toBeGreaterThanOrEqual(newTime);
      expect(Date.parse(result.at!)).toBeLessThan(oldTime);
      expect(t.fake.calls).toHaveLength(1);
    } finally {
      await t.worker.stop();
    }
  });

  it('still sends exactly once when the worker is stopped during the wait and another one starts', async () => {
    // Without a workflow cache the second worker must rebuild the workflow from its history alone — a
    // worker process that crashed and came back. (With a cache, the test server would hold the next task
    // for the dead worker's sticky queue.)
    const t = await setup({}, { maxCachedWorkflows: 0 });
    const { message } = (await t.schedule(t.now + 3 * DAY)).body;
    const handle = env.client.workflow.getHandle(message.workflowId);
    expect((await handle.query(statusQuery)).state).toBe('waiting');
        await t.worker.stop();
    
    await env.sleep('1 day');
    const second = await startWorker({ connection: env.nativeConnection, taskQueue: t.taskQueue, prisma, providers: { sms: t.fake, whatsapp: t.fake, email: t.fake } });
        try {
      const result = await t.result(message.workflowId);
            expect(result.outcome).toBe('sent');
      expect(t.fake.calls).toHaveLength(1);
      expect((await t.row(message.id)).status).toBe('sent');
    } finally {
      await second.stop();
    }
  });

  it('waits out quiet hours in the contact’s time zone before sending', async () => {
    // Quiet 21:00–08:00; the contact lives in Tokyo while the tenant is in New York.
    const t = await setup({ timeZone: 'America/New_York', quietStartMinute: 21 * 60, quietEndMinute: 8 * 60 });
    try {
      await t.db.contact.update({ where: { id: t.contact.id }, data: { timeZone: 'Asia/Tokyo' } });
      const tomorrow = addLocalDays(toLocal(new Date(t.now), 'Asia/Tokyo'), 1);
      const at2300 = fromLocal({ ...tomorrow, hour: 23, minute: 0, second: 0 }, 'Asia/Tokyo');
      const at0800 = fromLocal({ ...addLocalDays(tomorrow, 1), hour: 8, minute: 0, second: 0 }, 'Asia/Tokyo');
      const { message } = (await t.schedule(at2300.getTime())).body;
      const result = await t.result(message.workflowId);
      expect(result.outcome).toBe('sent');
      expect(Date.parse(result.at!)).toBeGreaterThanOrEqual(at0800.getTime());
      expect(Date.parse(result.at!)).toBeLessThan(at0800.getTime() + 60_000);
      expect(t.fake.calls).toHaveLength(1);
    } finally {
      await t.worker.stop();
    }
  });
});
