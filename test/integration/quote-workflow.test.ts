import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { startWorkflowOutboxRelay } from '../../worker/workflow-outbox-relay';
import { quoteRespondedSignal, quoteStart, type QuoteResult } from '../../workflows/definitions';
import { bearer, createTestTenant, fakeProviders, silentLogger, startRun, startWorker, testApi, uniqueName, testSystemPrisma } from '../harness/context';
import { captureHistory } from '../harness/sequences';
import { useTimeSkippingServer } from '../harness/suites';

// Quote automation on the time-skipping server: follow-ups days later and expiry a week out, in seconds.
Runtime.install({ logger: new DefaultLogger('WARN') });

let env: TestWorkflowEnvironment;
let prisma: AppPrisma;
const DAY = 86_400_000;

useTimeSkippingServer((parts) => ({ env, prisma } = parts));

async function setup(tenantOverrides = {}) {
  const taskQueue = uniqueName('tq');
  const { fake, providers } = fakeProviders();
  const { tenant, db, apiKey } = await createTestTenant(prisma, { quietStartMinute: null, quietEndMinute: null, ...tenantOverrides });
  const contact = await db.contact.create({ data: { tenantId: tenant.id, firstName: 'Ada', lastName: 'Lovelace', phone: '+14155550100' } });
  const worker = await startWorker({ connection: env.nativeConnection, taskQueue, prisma, providers });
  const relay = startWorkflowOutboxRelay({ prisma: testSystemPrisma(), client: env.client, taskQueue, logger: silentLogger, pollIntervalMs: 3_600_000 });
  const { request } = testApi({ prisma, client: env.client, taskQueue });
  /** A quote inserted by "another tool", straight into the table (with cross-tenant rights: docs/ROW-LEVEL-SECURITY.md). */
  const insertQuote = async (values: { total?: string; currency?: string; expiresAt?: Date | null; title?: string; channel?: 'sms' | 'whatsapp' } = {}) => {
    const rows = await testSystemPrisma().$queryRaw<{ id: string; public_token: string }[]>`
      INSERT INTO quotes (tenant_id, contact_id, total, currency, title, expires_at, channel)
      VALUES (${tenant.id}, ${contact.id}, ${values.total ?? '1250.50'}::decimal, ${values.currency ?? 'USD'}, ${values.title ?? 'Bathroom remodel'}, ${values.expiresAt ?? null}::timestamptz, ${values.channel ?? 'sms'}::channel)
      RETURNING id, public_token`;
    return rows[0]!;
  };
  const handleOf = (quoteId: string) => env.client.workflow.getHandle(`quote:${tenant.id}:${quoteId}`);
  const result = (quoteId: string) => handleOf(quoteId).result() as Promise<QuoteResult>;
  const quote = (quoteId: string) => db.quote.findFirstOrThrow({ where: { id: quoteId } });
  const stop = async () => {
    await relay.stop();
    await worker.stop();
  };
  // The relay serves every tenant: a quote another test file left in the outbox may be sent through this
  // worker too. Only this tenant's sends count (their idempotency key names the tenant).
  const own = { get calls() { return fake.calls.filter((c) => c.idempotencyKey.startsWith(`message:${tenant.id}:`)); } };
  return { fake: own, relay, request, apiKey, tenant, contact, db, taskQueue, insertQuote, handleOf, result, quote, stop };
}

describe('quote automation on the time-skipping server', () => {
  it('texts a quote inserted straight into the table exactly once, despite duplicate triggers', async () => {
    const t = await setup({ quoteFollowUpDays: 0 });
    try {
      const row = await t.insertQuote();
      expect(await t.db.workflowOutboxEntry.count({ where: { quoteId: row.id, relayedAt: null } })).toBe(1);
      expect(await t.relay.drain()).toBe(1);
      // The API starting it too, and the relay retrying the same outbox row: both refused by the workflow id.
      await expect(startRun(env.client, t.taskQueue, quoteStart({ tenantId: t.tenant.id, quoteId: row.id, contactId: t.contact.id }))).rejects.toBeInstanceOf(
        WorkflowExecutionAlreadyStartedError,
      );
      await t.db.workflowOutboxEntry.updateMany({ where: { quoteId: row.id }, data: { relayedAt: null } });
      expect(await t.relay.drain()).toBe(1);

      expect(await t.result(row.id)).toMatchObject({ outcome: 'open', sent: true, followedUp: false });
      expect(t.fake.calls).toHaveLength(1);
      expect(t.fake.calls[0]!.body).toBe(`Hi Ada, your quote from Acme Plumbing for $1,250.50 is ready: http://localhost:4000/q/${row.public_token}`);
      const sent = await t.quote(row.id);
      expect(sent).toMatchObject({ status: 'sent', workflowId: `quote:${t.tenant.id}:${row.id}` });
      expect(sent.sentAt).not.toBeNull();
      expect(await t.db.workflowOutboxEntry.count({ where: { quoteId: row.id, relayedAt: null } })).toBe(0);
    } finally {
      await t.stop();
    }
  });

  it('texts a quote inserted as a draft once it is opened, and only once however often it is reopened', async () => {
    const t = await setup({ quoteFollowUpDays: 0 });
    try {
      const rows = await testSystemPrisma().$queryRaw<{ id: string }[]>`
        INSERT INTO quotes (tenant_id, contact_id, total, currency, status) VALUES (${t.tenant.id}, ${t.contact.id}, 75, 'USD', 'draft') RETURNING id`;
      const id = rows[0]!.id;
      const pending = () => t.db.workflowOutboxEntry.count({ where: { quoteId: id } });
      expect(await pending()).toBe(0);
      await testSystemPrisma().$executeRaw`UPDATE quotes SET title = 'still a draft' WHERE id = ${id}`;
      expect(await pending()).toBe(0);
      await testSystemPrisma().$executeRaw`UPDATE quotes SET status = 'open' WHERE id = ${id}`;
      expect(await pending()).toBe(1);
      // Back to draft and open again, or any other change while open: nothing more to start.
      await testSystemPrisma().$executeRaw`UPDATE quotes SET status = 'draft' WHERE id = ${id}`;
      await testSystemPrisma().$executeRaw`UPDATE quotes SET status = 'open' WHERE id = ${id}`;
      await testSystemPrisma().$executeRaw`UPDATE quotes SET title = 'open and edited' WHERE id = ${id}`;
      expect(await pending()).toBe(1);
      expect(await t.relay.drain()).toBe(1);
      expect(await t.result(id)).toMatchObject({ outcome: 'open', sent: true });
      expect(t.fake.calls).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });

  it('follows up after the configured days, then expires the quote at its expiry', async () => {
    const t = await setup({ quoteFollowUpDays: 3 });
    try {
      const now = await env.currentTimeMs();
      const row = await t.insertQuote({ expiresAt: new Date(now + 7 * DAY), currency: 'EUR', total: '980' });
      await t.relay.drain();
      await env.sleep(2 * DAY);
      expect(t.fake.calls).toHaveLength(1);
      expect(t.fake.calls[0]!.body).toContain('€980.00');
      await env.sleep(2 * DAY);
      expect(t.fake.calls).toHaveLength(2);
      expect(t.fake.calls[1]!.body).toContain('checking in');
      expect((await t.quote(row.id)).followedUpAt).not.toBeNull();
      expect((await t.quote(row.id)).status).toBe('sent');

      expect(await t.result(row.id)).toMatchObject({ outcome: 'expired', sent: true, followedUp: true });
      expect((await t.quote(row.id)).status).toBe('expired');
      expect(t.fake.calls).toHaveLength(2);
      await captureHistory(env.client, t.handleOf(row.id).workflowId, 'quote-followed-up-expired');
    } finally {
      await t.stop();
    }
  });

  it('stops follow-ups when the lead accepts, and keeps the quote accepted', async () => {
    const t = await setup({ quoteFollowUpDays: 3 });
    try {
      const row = await t.insertQuote({ expiresAt: new Date((await env.currentTimeMs()) + 14 * DAY) });
      await t.relay.drain();
      await env.sleep(DAY);
      // What the public quote page does: the row first, then the signal.
      await t.db.quote.updateMany({ where: { id: row.id }, data: { status: 'accepted', respondedAt: new Date() } });
      await t.handleOf(row.id).signal(quoteRespondedSignal, { response: 'accepted' });
      expect(await t.result(row.id)).toMatchObject({ outcome: 'accepted', sent: true, followedUp: false });
      await env.sleep(20 * DAY);
      expect(t.fake.calls).toHaveLength(1);
      expect((await t.quote(row.id)).status).toBe('accepted');
      await captureHistory(env.client, t.handleOf(row.id).workflowId, 'quote-accepted');
    } finally {
      await t.stop();
    }
  });

  it('ends on a rejection during the follow-up wait', async () => {
    const t = await setup({ quoteFollowUpDays: 3 });
    try {
      const row = await t.insertQuote();
      await t.relay.drain();
      await env.sleep(2 * DAY);
      await t.db.quote.updateMany({ where: { id: row.id }, data: { status: 'rejected', respondedAt: new Date() } });
      await t.handleOf(row.id).signal(quoteRespondedSignal, { response: 'rejected' });
      expect(await t.result(row.id)).toMatchObject({ outcome: 'rejected', followedUp: false });
      expect(t.fake.calls).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });

  it('sends no follow-up after the lead texts STOP', async () => {
    const t = await setup({ quoteFollowUpDays: 2 });
    try {
      const row = await t.insertQuote();
      await t.relay.drain();
      await env.sleep(DAY);
      await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: '+14155550100', body: 'stop' }).expect(201);
      expect(await t.result(row.id)).toMatchObject({ outcome: 'open', sent: true, followedUp: false });
      await env.sleep(5 * DAY);
      // The quote and the STOP confirmation; no follow-up.
      expect(t.fake.calls).toHaveLength(2);
      expect(t.fake.calls.filter((c) => c.body.includes('checking in'))).toHaveLength(0);
    } finally {
      await t.stop();
    }
  });

  it('a WhatsApp quote: an SMS STOP leaves its follow-up alone, a WhatsApp STOP ends it', async () => {
    const t = await setup({ quoteFollowUpDays: 2 });
    try {
      // The lead wrote on WhatsApp just now, so its window is open for the quote's text.
      await t.db.contact.updateMany({ where: { id: t.contact.id }, data: { lastInboundWhatsappAt: new Date() } });
      const kept = await t.insertQuote({ channel: 'whatsapp' });
      await t.relay.drain();
      await env.sleep(DAY);
      await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: '+14155550100', body: 'stop' }).expect(201);
      await env.sleep(2 * DAY);
      expect(await t.result(kept.id)).toMatchObject({ outcome: 'open', sent: true, followedUp: true });
      expect(t.fake.calls.filter((c) => c.channel === 'whatsapp')).toHaveLength(2);

      const ended = await t.insertQuote({ channel: 'whatsapp' });
      await t.relay.drain();
      await env.sleep(DAY);
      await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ channel: 'whatsapp', from: '+14155550100', body: 'stop' }).expect(201);
      expect(await t.result(ended.id)).toMatchObject({ outcome: 'open', sent: true, followedUp: false });
      expect(t.fake.calls.filter((c) => c.channel === 'whatsapp' && c.body.includes('checking in'))).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });

  it('never sends a quote that expired before it could be sent', async () => {
    const t = await setup();
    try {
      const row = await t.insertQuote({ expiresAt: new Date((await env.currentTimeMs()) - 60_000) });
      await t.relay.drain();
      expect(await t.result(row.id)).toMatchObject({ outcome: 'expired', sent: false });
      expect(t.fake.calls).toHaveLength(0);
      expect((await t.quote(row.id)).status).toBe('expired');
    } finally {
      await t.stop();
    }
  });
});
