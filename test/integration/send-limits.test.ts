import { DateTime } from 'luxon';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import type { CreateTenantInput } from '../../prisma/queries/tenants/create-tenant';
import { statusQuery, type InboundMessageResult, type ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, fakeProviders, startWorker, testApi, uniqueName } from '../harness/context';
import { createPublishedSequence } from '../harness/sequences';
import { devServer } from '../harness/dev-server';
import { useTimeSkippingServer, type DevServer } from '../harness/suites';

// A tenant's send rate and daily cap apply in the send path to every automated message: an API send, a
// sequence step, a quote. A message over the limit waits durably for its slot and goes out later, in order;
// it never fails for it. Compliance replies are exempt but bounded per contact. Time-skipping server, so a
// day of waiting passes in seconds.
Runtime.install({ logger: new DefaultLogger('WARN') });

let env: TestWorkflowEnvironment;
let prisma: AppPrisma;
useTimeSkippingServer((parts) => ({ env, prisma } = parts));

async function setup(limits: Partial<CreateTenantInput>, server: { client: Client; nativeConnection: NativeConnection } = env) {
  const taskQueue = uniqueName('tq');
  const { fake, providers } = fakeProviders();
  const t = await createTestTenant(prisma, { timeZone: 'UTC', quietStartMinute: null, quietEndMinute: null, ...limits });
  const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', phone: '+14155550100' } });
  const worker = await startWorker({ connection: server.nativeConnection, taskQueue, prisma, providers });
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const send = async (body: string, sendAt?: string) => {
    const res = await request()
      .post('/api/messages')
      .set(bearer(t.apiKey))
      .send({ contactId: contact.id, channel: 'sms', body, ...(sendAt ? { sendAt } : {}) });
    expect(res.status).toBe(201);
    return res.body.message as { id: string; workflowId: string };
  };
  const result = (workflowId: string) => server.client.workflow.getHandle(workflowId).result() as Promise<ScheduledMessageResult>;
  const state = async (workflowId: string) => (await server.client.workflow.getHandle(workflowId).query(statusQuery)).state;
  return { ...t, contact, fake, worker, request, send, result, state, taskQueue };
}

const nextUtcMidnight = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
};

/**
 * A fixed-offset zone where `ms` falls early in the morning: sends due a few hours later are still on the
 * tenant's same day, whatever the hour the suite runs at (in UTC they crossed midnight when run after 21:00).
 */
const morningZone = (ms: number) => {
  let offset = (((6 - new Date(ms).getUTCHours()) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`; // Etc/GMT signs are inverted
};
const nextMidnightIn = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).startOf('day').plus({ days: 1 }).toMillis();

describe('send limits', () => {
  it('paces a burst of sends and holds what exceeds the daily cap for the next day — in order, none failed', async () => {
    const zone = morningZone(await env.currentTimeMs());
    const t = await setup({ sendRatePerMinute: 60, sendBurst: 2, sendDailyCap: 5, timeZone: zone });
    try {
      const start = await env.currentTimeMs();
      expect(DateTime.fromMillis(start + 3 * 3_600_000, { zone }).hasSame(DateTime.fromMillis(start, { zone }), 'day')).toBe(true);
      const now: Array<{ id: string; workflowId: string }> = [];
      for (let i = 0; i < 5; i++) now.push(await t.send(`now ${i}`));
      // Three more, due in one, two and three hours: over the day's cap of five by then.
      const later = [];
      for (const hours of [1, 2, 3]) later.push(await t.send(`in ${hours} h`, new Date(start + hours * 3_600_000).toISOString()));
      // A paced one says so while it waits.
      await vi.waitFor(async () => expect((await env.client.workflow.getHandle(now[4]!.workflowId).query(statusQuery)).state).toBe('throttled'), {
        timeout: 10_000,
        interval: 25,
      });

      const results: ScheduledMessageResult[] = [];
      for (const m of [...now, ...later]) results.push(await t.result(m.workflowId)); // one result() at a time (time-skipping)
      expect(results.map((r) => r.outcome)).toEqual(Array(8).fill('sent'));
      const slots = await t.db.message.findMany({ where: { id: { in: [...now, ...later].map((m) => m.id) } }, select: { body: true, sendSlotAt: true } });
      const slot = (body: string) => slots.find((m) => m.body === body)!.sendSlotAt!.getTime();
      // Two at once (the burst), then one a second…
      const paced = now.map((_, i) => slot(`now ${i}`)).sort((a, b) => a - b);
      expect(paced[1]! - paced[0]!).toBeLessThan(1_000);
      for (let i = 2; i < 5; i++) expect(paced[i]! - paced[0]!).toBeGreaterThanOrEqual((i - 1) * 1_000);
      expect(paced[4]! - start).toBeLessThan(60_000);
      // …and the ones over the day's cap wait for the tenant's next day, still in the order they fell due
      // (the first two together, a burst, at the tenant's midnight).
      const midnight = nextMidnightIn(start, zone);
      expect(slot('in 1 h')).toBe(midnight);
      expect(slot('in 2 h')).toBe(midnight);
      expect(slot('in 3 h')).toBe(midnight + 1_000);
      const sentOrder = t.fake.calls.map((c) => c.body);
      expect(sentOrder.indexOf('in 3 h')).toBe(7);
      expect(sentOrder.slice(0, 5).sort()).toEqual(now.map((_, i) => `now ${i}`));
    } finally {
      await t.worker.stop();
    }
  });

  it('applies to sequence steps too: a step over the cap waits for the next day', async () => {
    const t = await setup({ sendDailyCap: 1 });
    try {
      const start = await env.currentTimeMs();
      const first = await t.send('the one message allowed today');
      expect((await t.result(first.workflowId)).outcome).toBe('sent');
      const { sequence, version } = await createPublishedSequence(t.db, [{ channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'step one' }], { sendWindow: 'always' });
      const res = await t.request().post(`/api/sequences/${sequence.id}/enrollments`).set(bearer(t.apiKey)).send({ contactId: t.contact.id });
      expect(res.status).toBe(201);
      expect(version.id).toBe(res.body.enrollment.versionId);
      const enrollment = env.client.workflow.getHandle(res.body.enrollment.workflowId);
      expect(await enrollment.result()).toMatchObject({ status: 'completed', sent: 1 });
      const step = await t.db.message.findFirstOrThrow({ where: { origin: 'sequence' } });
      expect(step.status === 'sent' || step.status === 'delivered').toBe(true);
      expect(step.sendSlotAt!.getTime()).toBeGreaterThanOrEqual(nextUtcMidnight(start));
    } finally {
      await t.worker.stop();
    }
  });

});

// Real time on the dev server: the capped message must stay throttled (its slot is tomorrow) while the
// confirmations go out now, which a time-skipping server — jumping ahead whenever it idles — cannot show.
describe('compliance replies', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await devServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('are exempt from the pace and the cap, but a contact gets at most the daily bound of them', async () => {
    const t = await setup({ sendDailyCap: 1, complianceRepliesPerDay: 3 }, server);
    try {
      expect((await t.result((await t.send('uses up the cap')).workflowId)).outcome).toBe('sent');
      // To someone else, so Ada's STOP below does not cancel it.
      const grace = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Grace', phone: '+14155550101' } });
      const res = await t.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: grace.id, channel: 'sms', body: 'waits for tomorrow' });
      const capped = res.body.message as { workflowId: string };
      await vi.waitFor(async () => expect(await t.state(capped.workflowId)).toBe('throttled'), { timeout: 10_000, interval: 25 });
      const keyword = async (body: string) => {
        const res = await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: '+14155550100', body });
        expect(res.status).toBe(201);
        const inbound = (await server.client.workflow.getHandle(res.body.workflowId).result()) as InboundMessageResult;
        return t.result(`message:${t.tenant.id}:${inbound.replyMessageId}`);
      };
      const outcomes = [];
      for (const body of ['STOP', 'START', 'STOP', 'START']) outcomes.push(await keyword(body));
      expect(outcomes.map((o) => o.outcome)).toEqual(['sent', 'sent', 'sent', 'failed']);
      expect(outcomes[3]!.errorCode).toBe('COMPLIANCE_REPLY_LIMIT');
      // The confirmations went out while the capped message still waits for tomorrow.
      expect(await t.state(capped.workflowId)).toBe('throttled');
      expect(t.fake.calls).toHaveLength(4); // the one message the cap allowed and three confirmations
      await server.client.workflow.getHandle(capped.workflowId).terminate('test over');
    } finally {
      await t.worker.stop();
    }
  });
});
