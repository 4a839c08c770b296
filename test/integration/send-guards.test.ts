import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { Activities } from '../../activities';
import type { AppPrisma } from '../../prisma/client';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, fakeProviders, startWorker, testApi, uniqueName, testSystemPrisma } from '../harness/context';
import { useTimeSkippingServer } from '../harness/suites';

// What must stop a send at the last moment: an opt-out that lands as the message falls due, and WhatsApp's
// 24-hour window. Time-skipping server, real worker, real Postgres; the fake provider counts calls.
Runtime.install({ logger: new DefaultLogger('WARN') });

let env: TestWorkflowEnvironment;
let prisma: AppPrisma;
useTimeSkippingServer((parts) => ({ env, prisma } = parts));

async function setup(options: { wrapActivities?: (a: Activities) => Activities; lastInboundWhatsappAt?: Date | null } = {}) {
  const taskQueue = uniqueName('tq');
  const { fake, providers } = fakeProviders();
  const t = await createTestTenant(prisma);
  const contact = await t.db.contact.create({
    data: { tenantId: t.tenant.id, firstName: 'Ada', phone: '+14155550100', lastInboundWhatsappAt: options.lastInboundWhatsappAt ?? null },
  });
  const worker = await startWorker({ connection: env.nativeConnection, taskQueue, prisma, providers, ...(options.wrapActivities ? { wrapActivities: options.wrapActivities } : {}) });
  const { request } = testApi({ prisma, client: env.client, taskQueue });
  const send = async (body: Record<string, unknown>) => {
    const res = await request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, ...body });
    return res;
  };
  const result = (workflowId: string) => env.client.workflow.getHandle(workflowId).result() as Promise<ScheduledMessageResult>;
  return { t, contact, fake, worker, send, result };
}

describe('an opt-out at the moment a send is due', () => {
  it('wins: once it is recorded, nothing reaches the provider', async () => {
    let contactId = '';
    let tenantId = '';
    // The STOP is recorded after the workflow read the send context and before the send activity runs —
    // the tightest window there is.
    const s = await setup({
      wrapActivities: (a) => ({
        ...a,
        getSendContext: async (ref) => {
          const context = await a.getSendContext(ref);
          await testSystemPrisma().contact.updateMany({ where: { tenantId, id: contactId }, data: { smsConsent: 'revoked', smsConsentAt: new Date() } });
          return context;
        },
      }),
    });
    contactId = s.contact.id;
    tenantId = s.t.tenant.id;
    try {
      const due = await s.send({ channel: 'sms', body: 'Due now', sendAt: new Date(Date.now() + 3_600_000).toISOString() });
      const outcome = await s.result(due.body.message.workflowId);
      expect(outcome).toMatchObject({ outcome: 'failed', errorCode: 'CONSENT_REVOKED' });
      expect(s.fake.calls).toHaveLength(0);
      const row = await s.t.db.message.findFirstOrThrow({ where: { id: due.body.message.id } });
      expect(row).toMatchObject({ status: 'failed', errorCode: 'CONSENT_REVOKED' });
    } finally {
      await s.worker.stop();
    }
  });
});

describe('WhatsApp’s 24-hour window', () => {
  it('refuses free-form text when the contact has not written in 24 hours, before any provider call', async () => {
    const s = await setup({ lastInboundWhatsappAt: new Date(Date.now() - 25 * 3_600_000) });
    try {
      const res = await s.send({ channel: 'whatsapp', body: 'Hi again' });
      expect(await s.result(res.body.message.workflowId)).toMatchObject({ outcome: 'failed', errorCode: 'WHATSAPP_WINDOW_CLOSED' });
      expect(s.fake.calls).toHaveLength(0);
      const row = await s.t.db.message.findFirstOrThrow({ where: { id: res.body.message.id } });
      expect(row.errorMessage).toMatch(/24 hours.*template/);
    } finally {
      await s.worker.stop();
    }
  });

  it('sends free-form text inside the window, and a template outside it', async () => {
    const inside = await setup({ lastInboundWhatsappAt: new Date(Date.now() - 2 * 3_600_000) });
    try {
      const res = await inside.send({ channel: 'whatsapp', body: 'Sure, Tuesday works' });
      expect((await inside.result(res.body.message.workflowId)).outcome).toBe('sent');
      expect(inside.fake.calls).toHaveLength(1);
    } finally {
      await inside.worker.stop();
    }
    const outside = await setup({ lastInboundWhatsappAt: null });
    try {
      const template = { contentSid: `HX${'a'.repeat(32)}`, variables: { '1': 'Ada', '2': 'Tuesday' } };
      const res = await outside.send({ channel: 'whatsapp', body: 'Hi Ada, your appointment is on Tuesday', template });
      expect(res.status).toBe(201);
      expect((await outside.result(res.body.message.workflowId)).outcome).toBe('sent');
      expect(outside.fake.calls[0]).toMatchObject({ channel: 'whatsapp', template });
    } finally {
      await outside.worker.stop();
    }
  });

  it('accepts templates only for WhatsApp', async () => {
    const s = await setup();
    try {
      const res = await s.send({ channel: 'sms', body: 'x', template: { contentSid: `HX${'a'.repeat(32)}`, variables: {} } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/only used by whatsapp/);
      const bad = await s.send({ channel: 'whatsapp', body: 'x', template: { contentSid: 'nope' } });
      expect(bad.status).toBe(400);
    } finally {
      await s.worker.stop();
    }
  });
});
