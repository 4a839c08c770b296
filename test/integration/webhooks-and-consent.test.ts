import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { newId } from '../../prisma/ids';
import { createOutboundMessage } from '../../prisma/queries/messages/create-outbound-message';
import { markMessageSent } from '../../prisma/queries/messages/mark-message-sent';
import { openLedgerEntry } from '../../prisma/queries/send-ledger/open-ledger-entry';
import { FakeProvider } from '../../providers/fake/fake-provider';
import type { MessagingProvider } from '../../providers/messaging-provider';
import { twilioSignatureFor } from '../../providers/webhooks/verify-twilio-signature';
import { startWorkflowOutboxRelay } from '../../worker/workflow-outbox-relay';
import type { InboundMessageResult, ScheduledMessageResult } from '../../workflows/definitions';
import {
  bearer,
  createTestTenant,
  failWritesTo,
  fakeProviders,
  silentLogger,
  startWorker,
  TEST_WEBHOOKS,
  testApi,
  uniqueName,
  unreachableTemporal,
  testSystemPrisma,
} from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// Provider webhooks and STOP/START/HELP, on the Temporal dev server with a real worker and Postgres.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { fake, providers } = fakeProviders();
const taskQueue = uniqueName('hooks-tq');

useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

let phoneCounter = 0;
async function tenantWithSender() {
  const t = await createTestTenant(prisma, { businessName: 'Acme Plumbing', supportContact: 'help@acme.test' });
  const sender = `+1500555${String(1000 + Math.floor(Math.random() * 8999))}`;
  await testSystemPrisma().senderAddress.create({ data: { tenantId: t.tenant.id, channel: 'sms', address: sender } });
  const phone = `+1415555${String(1000 + ++phoneCounter)}`;
  return { ...t, sender, phone, api: testApi({ prisma, client: server.client, taskQueue }) };
}

function twilioForm<T extends Record<string, string>>(fields: T, path = '/webhooks/twilio/inbound') {
  const signature = twilioSignatureFor(TEST_WEBHOOKS.twilioAuthToken, `${TEST_WEBHOOKS.publicUrl}${path}`, fields);
  return { fields, signature, path };
}

let sid = 0;
const nextSid = () => `SM${Date.now().toString(16)}${String(++sid).padStart(6, '0')}`;

async function postInbound(t: Awaited<ReturnType<typeof tenantWithSender>>, body: string, extra: Record<string, string> = {}) {
  const { fields, signature } = twilioForm({ ...extra, MessageSid: nextSid(), From: t.phone, To: t.sender, Body: body, NumMedia: '0' });
  const res = await t.api.request().post('/webhooks/twilio/inbound').type('form').set('X-Twilio-Signature', signature).send(fields);
  return { res, fields };
}

async function inboundResult(tenantId: string, providerMessageId: string) {
  const message = await testSystemPrisma().message.findUniqueOrThrow({ where: { providerMessageId } });
  expect(message.tenantId).toBe(tenantId);
  return (await server.client.workflow.getHandle(`inbound:${tenantId}:${message.id}`).result()) as InboundMessageResult;
}

describe('POST /webhooks/twilio/inbound', () => {
  it('refuses a missing or wrong signature with 403 and stores nothing', async () => {
    const t = await tenantWithSender();
    const fields = { MessageSid: nextSid(), From: t.phone, To: t.sender, Body: 'hi' };
    const before = await testSystemPrisma().webhookEvent.count();
    const missing = await t.api.request().post('/webhooks/twilio/inbound').type('form').send(fields);
    expect(missing.status).toBe(403);
    const forged = await t.api.request().post('/webhooks/twilio/inbound').type('form').set('X-Twilio-Signature', twilioSignatureFor('another-token-000000000', `${TEST_WEBHOOKS.publicUrl}/webhooks/twilio/inbound`, fields)).send(fields);
    expect(forged.status).toBe(403);
    const tampered = twilioForm(fields);
    const changed = await t.api.request().post('/webhooks/twilio/inbound').type('form').set('X-Twilio-Signature', tampered.signature).send({ ...fields, Body: 'changed' });
    expect(changed.status).toBe(403);
    expect(await testSystemPrisma().webhookEvent.count()).toBe(before);
    expect(await t.db.message.count()).toBe(0);
  });

  it('stores the contact, thread and message with media once, however often Twilio retries', async () => {
    const t = await tenantWithSender();
    const { fields, signature } = twilioForm({ MessageSid: nextSid(), From: t.phone, To: t.sender, Body: 'Is Tuesday ok?', NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/ME1' });
    for (let i = 0; i < 3; i++) {
      const res = await t.api.request().post('/webhooks/twilio/inbound').type('form').set('X-Twilio-Signature', signature).send(fields);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<Response>');
    }
    const messages = await t.db.message.findMany({});
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ direction: 'inbound', status: 'received', body: 'Is Tuesday ok?', mediaUrls: ['https://api.twilio.com/media/ME1'], providerMessageId: fields.MessageSid });
    const thread = await t.db.thread.findFirstOrThrow({ where: { id: messages[0]!.threadId! } });
    expect(thread).toMatchObject({ channel: 'sms', unreadCount: 1 });
    const contact = await t.db.contact.findFirstOrThrow({ where: { id: messages[0]!.contactId } });
    expect(contact).toMatchObject({ phone: t.phone, source: 'inbound-sms' });
    expect((await inboundResult(t.tenant.id, fields.MessageSid)).keyword).toBeNull();
  });

  it('records the WhatsApp window and keeps messages for unknown numbers out of every tenant', async () => {
    const t = await tenantWithSender();
    await testSystemPrisma().senderAddress.create({ data: { tenantId: t.tenant.id, channel: 'whatsapp', address: t.sender } });
    const wa = twilioForm({ MessageSid: nextSid(), From: `whatsapp:${t.phone}`, To: `whatsapp:${t.sender}`, Body: 'hola' });
    expect((await t.api.request().post('/webhooks/twilio/inbound').type('form').set('X-Twilio-Signature', wa.signature).send(wa.fields)).status).toBe(200);
    const contact = await t.db.contact.findFirstOrThrow({ where: { phone: t.phone } });
    expect(contact.lastInboundWhatsappAt).not.toBeNull();

    const stray = twilioForm({ MessageSid: nextSid(), From: t.phone, To: '+15005550999', Body: 'wrong number' });
    expect((await t.api.request().post('/webhooks/twilio/inbound').type('form').set('X-Twilio-Signature', stray.signature).send(stray.fields)).status).toBe(200);
    expect(await testSystemPrisma().message.count({ where: { providerMessageId: stray.fields.MessageSid } })).toBe(0);
    const event = await testSystemPrisma().webhookEvent.findUniqueOrThrow({ where: { provider_providerEventId: { provider: 'twilio', providerEventId: stray.fields.MessageSid } } });
    expect(event.error).toMatch(/no tenant owns/);
  });

  it('never swallows a message whose first delivery failed mid-way: Temporal down, and the database failing too', async () => {
    const t = await tenantWithSender();
    const { fields, signature } = twilioForm({ MessageSid: nextSid(), From: t.phone, To: t.sender, Body: 'STOP' });
    const post = (api: ReturnType<typeof testApi>) => api.request().post('/webhooks/twilio/inbound').type('form').set('X-Twilio-Signature', signature).send(fields);
    // Temporal is unreachable for the API, and the database refuses to forget the event afterwards.
    const down = testApi({ prisma, client: server.client, taskQueue, temporal: await unreachableTemporal(taskQueue) });
    const restore = await failWritesTo({ table: 'webhook_events', operation: 'DELETE', column: 'provider_event_id', value: fields.MessageSid });
    try {
      await post(down);
    } finally {
      await restore();
    }
    // Twilio retries (or does not); either way the STOP is acted on, once the worker's relay has run.
    expect((await post(t.api)).status).toBe(200);
    const relay = startWorkflowOutboxRelay({ prisma: testSystemPrisma(), client: server.client, taskQueue, logger: silentLogger, pollIntervalMs: 3_600_000 });
    try {
      await relay.drain();
    } finally {
      await relay.stop();
    }
    expect((await inboundResult(t.tenant.id, fields.MessageSid)).keyword).toBe('opt-out');
    expect(await t.db.message.count({ where: { direction: 'inbound' } })).toBe(1);
  });
});

describe('consent keywords', () => {
  it('STOP revokes SMS consent, stops every pending message of the contact at once, and confirms once', async () => {
    const t = await tenantWithSender();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', phone: t.phone } });
    const pending = [];
    for (const hours of [1, 48]) {
      const res = await t.api.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body: `in ${hours}h`, sendAt: new Date(Date.now() + hours * 3_600_000).toISOString() });
      pending.push(res.body.message);
    }
    const callsBefore = fake.calls.length;
    const { res, fields } = await postInbound(t, '  stop ');
    expect(res.status).toBe(200);
    const result = await inboundResult(t.tenant.id, fields.MessageSid);
    expect(result.keyword).toBe('opt-out');
    expect(result.signalled.sort()).toEqual(pending.map((m) => m.workflowId).sort());

    for (const m of pending) {
      const outcome = (await server.client.workflow.getHandle(m.workflowId).result()) as ScheduledMessageResult;
      expect(outcome).toMatchObject({ outcome: 'cancelled', errorCode: 'CONSENT_REVOKED' });
      expect(await t.db.message.findFirstOrThrow({ where: { id: m.id } })).toMatchObject({ status: 'cancelled', errorCode: 'CONSENT_REVOKED' });
    }
    const reply = (await server.client.workflow.getHandle(`message:${t.tenant.id}:${result.replyMessageId}`).result()) as ScheduledMessageResult;
    expect(reply.outcome).toBe('sent');
    const newCalls = fake.calls.slice(callsBefore);
    expect(newCalls).toHaveLength(1);
    expect(newCalls[0]).toMatchObject({ to: t.phone, body: 'Acme Plumbing: You are unsubscribed and will receive no more messages. Reply START to resubscribe.' });
    const after = await t.db.contact.findFirstOrThrow({ where: { id: contact.id } });
    expect(after.smsConsent).toBe('revoked');
    expect(after.smsConsentAt).not.toBeNull();

    // While opted out, a new message is refused at send time, and nothing reaches the provider.
    const later = await t.api.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body: 'one more?' });
    const laterResult = (await server.client.workflow.getHandle(later.body.message.workflowId).result()) as ScheduledMessageResult;
    expect(laterResult).toMatchObject({ outcome: 'failed', errorCode: 'CONSENT_REVOKED' });
    expect(fake.calls.slice(callsBefore)).toHaveLength(1);
  });

  it('START opts back in and HELP answers with the business name and support contact', async () => {
    const t = await tenantWithSender();
    await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: t.phone, smsConsent: 'revoked' } });
    const start = await postInbound(t, 'Start');
    expect((await inboundResult(t.tenant.id, start.fields.MessageSid)).keyword).toBe('opt-in');
    expect((await t.db.contact.findFirstOrThrow({ where: { phone: t.phone } })).smsConsent).toBe('granted');

    const callsBefore = fake.calls.length;
    const help = await postInbound(t, 'HELP');
    const result = await inboundResult(t.tenant.id, help.fields.MessageSid);
    expect(result.keyword).toBe('help');
    await server.client.workflow.getHandle(`message:${t.tenant.id}:${result.replyMessageId}`).result();
    expect(fake.calls.slice(callsBefore).map((c) => c.body)).toEqual(['Acme Plumbing: For help, contact help@acme.test. Reply STOP to unsubscribe.']);
  });

  it('treats "STOP please" as an ordinary message', async () => {
    const t = await tenantWithSender();
    const { fields } = await postInbound(t, 'STOP please');
    expect((await inboundResult(t.tenant.id, fields.MessageSid)).keyword).toBeNull();
    expect((await t.db.contact.findFirstOrThrow({ where: { phone: t.phone } })).smsConsent).toBe('unknown');
  });

  it('a STOP through the fake provider’s simulate-inbound endpoint stops pending messages too', async () => {
    const t = await tenantWithSender();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: t.phone } });
    const pending = await t.api.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body: 'tomorrow', sendAt: new Date(Date.now() + 86_400_000).toISOString() });
    const sim = await t.api.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: t.phone, body: 'UNSUBSCRIBE' });
    expect(sim.status).toBe(201);
    expect(sim.body.contactId).toBe(contact.id);
    await server.client.workflow.getHandle(sim.body.workflowId).result();
    expect((await server.client.workflow.getHandle(pending.body.message.workflowId).result()) as ScheduledMessageResult).toMatchObject({ outcome: 'cancelled' });
  });
});

describe('POST /webhooks/twilio/status', () => {
  async function sentMessage() {
    const t = await tenantWithSender();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: t.phone } });
    const res = await t.api.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body: 'track me' });
    await server.client.workflow.getHandle(res.body.message.workflowId).result();
    const row = await t.db.message.findFirstOrThrow({ where: { id: res.body.message.id } });
    const post = (fields: Record<string, string>) => {
      const signed = twilioForm(fields, '/webhooks/twilio/status');
      return t.api.request().post('/webhooks/twilio/status').type('form').set('X-Twilio-Signature', signed.signature).send(fields);
    };
    return { t, row, post };
  }

  it('moves statuses forward only and keeps the error code of a failure', async () => {
    const { t, row, post } = await sentMessage();
    const sid = row.providerMessageId!;
    expect((await post({ MessageSid: sid, MessageStatus: 'delivered' })).status).toBe(204);
    expect((await post({ MessageSid: sid, MessageStatus: 'sent' })).status).toBe(204); // late and out of order
    expect((await post({ MessageSid: sid, MessageStatus: 'delivered' })).status).toBe(204); // repeated
    let now = await t.db.message.findFirstOrThrow({ where: { id: row.id } });
    expect(now.status).toBe('delivered');
    expect(now.deliveredAt).not.toBeNull();
    await post({ MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003' });
    expect((await t.db.message.findFirstOrThrow({ where: { id: row.id } })).status).toBe('delivered');

    const other = await sentMessage();
    await other.post({ MessageSid: other.row.providerMessageId!, MessageStatus: 'failed', ErrorCode: '21614' });
    now = await other.t.db.message.findFirstOrThrow({ where: { id: other.row.id } });
    expect(now).toMatchObject({ status: 'failed', errorCode: '21614' });
    expect(now.errorMessage).toMatch(/landline/);
  });

  it('applies a callback whose first delivery failed mid-way when Twilio retries it', async () => {
    const { t, row, post } = await sentMessage();
    const restore = await failWritesTo({ table: 'messages', operation: 'UPDATE', column: 'id', value: row.id });
    try {
      expect((await post({ MessageSid: row.providerMessageId!, MessageStatus: 'delivered' })).status).toBe(500);
    } finally {
      await restore();
    }
    expect((await post({ MessageSid: row.providerMessageId!, MessageStatus: 'delivered' })).status).toBe(204);
    expect((await t.db.message.findFirstOrThrow({ where: { id: row.id } })).status).toBe('delivered');
  });

  it('applies a "delivered" that arrived before the send recorded its SID once the send completes', async () => {
    const t = await tenantWithSender();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: t.phone } });
    const early: { status: number }[] = [];
    const inner = new FakeProvider();
    // Twilio's callback can beat its own answer to the send: post it before the provider call returns.
    const racing: MessagingProvider = {
      name: 'fake',
      async send(message) {
        const receipt = await inner.send(message);
        const signed = twilioForm({ MessageSid: receipt.providerMessageId, MessageStatus: 'delivered' }, '/webhooks/twilio/status');
        early.push(await t.api.request().post('/webhooks/twilio/status').type('form').set('X-Twilio-Signature', signed.signature).send(signed.fields));
        return receipt;
      },
    };
    const racingQueue = uniqueName('racing-tq');
    const worker = await startWorker({ connection: server.nativeConnection, taskQueue: racingQueue, prisma, providers: { sms: racing, whatsapp: racing, email: racing } });
    try {
      const api = testApi({ prisma, client: server.client, taskQueue: racingQueue });
      const res = await api.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body: 'race me' });
      expect((await server.client.workflow.getHandle(res.body.message.workflowId).result()) as ScheduledMessageResult).toMatchObject({ outcome: 'sent' });
      expect(early.map((r) => r.status)).toEqual([204]);
      const row = await t.db.message.findFirstOrThrow({ where: { id: res.body.message.id } });
      expect(row).toMatchObject({ status: 'delivered', providerMessageId: inner.sent[0]!.providerMessageId });
      expect(row.deliveredAt).not.toBeNull();
      expect(row.sentAt).not.toBeNull();
      const event = await testSystemPrisma().webhookEvent.findFirstOrThrow({ where: { providerEventId: { startsWith: `${row.providerMessageId}:` } } });
      expect(event).toMatchObject({ tenantId: t.tenant.id, error: null });
      expect(event.processedAt).not.toBeNull();
    } finally {
      await worker.stop();
    }
  });

  it('applies an early callback when a later one carrying the ledger id names its message', async () => {
    const t = await tenantWithSender();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: t.phone } });
    // A send whose answer was lost: the message is `sending`, its ledger entry open, its SID unknown to Herald.
    const { message } = await createOutboundMessage(t.db, { id: `msg_${uniqueName('lost').replace(/-/g, '')}`, contactId: contact.id, channel: 'sms', body: 'lost answer', scheduledAt: null, origin: 'api', workflowId: uniqueName('wf') });
    await t.db.message.updateMany({ where: { id: message.id }, data: { status: 'sending' } });
    const ledger = await openLedgerEntry(t.db, { messageId: message.id, idempotencyKey: message.idempotencyKey!, provider: 'twilio' });
    const sid = nextSid();
    const post = (fields: Record<string, string>, path: string) => {
      const signed = twilioForm(fields, path);
      return t.api.request().post(path).type('form').set('X-Twilio-Signature', signed.signature).send(fields);
    };
    expect((await post({ MessageSid: sid, MessageStatus: 'delivered' }, '/webhooks/twilio/status')).status).toBe(204);
    expect((await post({ MessageSid: sid, MessageStatus: 'sent' }, `/webhooks/twilio/status?ledger=${ledger.id}`)).status).toBe(204);
    expect(await t.db.message.findFirstOrThrow({ where: { id: message.id } })).toMatchObject({ providerMessageId: sid, status: 'delivered' });
    expect(await testSystemPrisma().webhookEvent.count({ where: { providerEventId: { startsWith: `${sid}:` }, processedAt: null } })).toBe(0);
  });

  it('keeps callbacks for unknown messages for later reconciliation and refuses bad signatures', async () => {
    const { t, post } = await sentMessage();
    expect((await post({ MessageSid: 'SMunknown0000000000000000000000001', MessageStatus: 'delivered' })).status).toBe(204);
    const kept = await testSystemPrisma().webhookEvent.findFirstOrThrow({ where: { providerEventId: { startsWith: 'SMunknown0000000000000000000000001' } } });
    expect(kept.processedAt).toBeNull();
    const bad = await t.api.request().post('/webhooks/twilio/status').type('form').set('X-Twilio-Signature', 'nope').send({ MessageSid: 'SMx', MessageStatus: 'delivered' });
    expect(bad.status).toBe(403);
  });
});

describe('POST /webhooks/resend', () => {
  const svix = new Webhook(TEST_WEBHOOKS.resendWebhookSecret);
  function signed(payload: object) {
    const id = `msg_${Math.random().toString(36).slice(2)}`;
    const body = JSON.stringify(payload);
    const timestamp = new Date();
    return { body, headers: { 'svix-id': id, 'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'svix-signature': svix.sign(id, timestamp, body) } };
  }

  it('verifies the Svix signature on the raw body, marks bounces failed and turns email consent off', async () => {
    const t = await tenantWithSender();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, email: `ada${phoneCounter}@example.com` } });
    const res = await t.api.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'email', subject: 'Quote', body: 'Here it is' });
    await server.client.workflow.getHandle(res.body.message.workflowId).result();
    const row = await t.db.message.findFirstOrThrow({ where: { id: res.body.message.id } });

    const event = signed({ type: 'email.bounced', created_at: new Date().toISOString(), data: { email_id: row.providerMessageId } });
    const forged = await t.api.request().post('/webhooks/resend').set({ ...event.headers, 'svix-signature': 'v1,AAAA' }).set('content-type', 'application/json').send(event.body);
    expect(forged.status).toBe(403);
    expect((await t.db.message.findFirstOrThrow({ where: { id: row.id } })).status).toBe('sent');

    const ok = await t.api.request().post('/webhooks/resend').set(event.headers).set('content-type', 'application/json').send(event.body);
    expect(ok.status).toBe(204);
    expect(await t.db.message.findFirstOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'failed', errorCode: 'BOUNCED' });
    expect((await t.db.contact.findFirstOrThrow({ where: { id: contact.id } })).emailConsent).toBe('revoked');
  });

  it('records email opens and clicks: the first time and the count, once per Svix id, the earliest time whatever the order', async () => {
    const t = await tenantWithSender();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, email: `lin${phoneCounter}@example.com` } });
    const res = await t.api.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'email', subject: 'Quote', body: 'Here it is' });
    await server.client.workflow.getHandle(res.body.message.workflowId).result();
    const row = await t.db.message.findFirstOrThrow({ where: { id: res.body.message.id } });
    const post = (event: ReturnType<typeof signed>) => t.api.request().post('/webhooks/resend').set(event.headers).set('content-type', 'application/json').send(event.body);
    const later = new Date(Date.now() + 60_000).toISOString();
    const earlier = new Date(Date.now() + 30_000).toISOString();
    const firstOpen = signed({ type: 'email.opened', created_at: later, data: { email_id: row.providerMessageId } });
    expect((await post(firstOpen)).status).toBe(204);
    // Svix retries the same delivery: counted once.
    expect((await post(firstOpen)).status).toBe(204);
    // An earlier open arriving second still becomes the first open time.
    expect((await post(signed({ type: 'email.opened', created_at: earlier, data: { email_id: row.providerMessageId } }))).status).toBe(204);
    expect((await post(signed({ type: 'email.clicked', created_at: later, data: { email_id: row.providerMessageId, click: { link: 'https://acme.test/quote' } } }))).status).toBe(204);
    const after = await t.db.message.findFirstOrThrow({ where: { id: row.id } });
    expect({ openCount: after.openCount, openedAt: after.openedAt?.toISOString(), clickCount: after.clickCount, clickedAt: after.clickedAt?.toISOString() }).toEqual({
      openCount: 2,
      openedAt: earlier,
      clickCount: 1,
      clickedAt: later,
    });
    // Opens are no delivery status: the message stays where its status was.
    expect(after.status).toBe(row.status);
  });

  it('counts an open that arrived before the send recorded Resend’s email id, once the send records it', async () => {
    const t = await tenantWithSender();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, email: `early${phoneCounter}@example.com` } });
    const { message } = await createOutboundMessage(t.db, { id: newId('msg'), contactId: contact.id, channel: 'email', subject: 'Hi', body: 'Hi', scheduledAt: null, origin: 'api', workflowId: uniqueName('wf') });
    await t.db.message.updateMany({ where: { id: message.id }, data: { status: 'sending' } });
    const emailId = `re_${uniqueName('early')}`;
    const event = signed({ type: 'email.opened', created_at: new Date().toISOString(), data: { email_id: emailId } });
    expect((await t.api.request().post('/webhooks/resend').set(event.headers).set('content-type', 'application/json').send(event.body)).status).toBe(204);
    expect((await t.db.message.findFirstOrThrow({ where: { id: message.id } })).openCount).toBe(0);
    // The send's own answer records the id (as the send activity does): the open waiting for it counts now.
    await markMessageSent(t.db, message.id, { provider: 'resend', providerMessageId: emailId, sentAt: new Date() });
    expect(await t.db.message.findFirstOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'sent', openCount: 1, clickCount: 0 });
  });

  it('applies a bounce whose first delivery failed mid-way when Resend retries it', async () => {
    const t = await tenantWithSender();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, email: `grace${phoneCounter}@example.com` } });
    const res = await t.api.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'email', subject: 'Quote', body: 'Here it is' });
    await server.client.workflow.getHandle(res.body.message.workflowId).result();
    const row = await t.db.message.findFirstOrThrow({ where: { id: res.body.message.id } });
    const event = signed({ type: 'email.bounced', created_at: new Date().toISOString(), data: { email_id: row.providerMessageId } });
    const post = () => t.api.request().post('/webhooks/resend').set(event.headers).set('content-type', 'application/json').send(event.body);
    // The status is written, then turning consent off fails.
    const restore = await failWritesTo({ table: 'contacts', operation: 'UPDATE', column: 'id', value: contact.id });
    try {
      expect((await post()).status).toBe(500);
    } finally {
      await restore();
    }
    expect((await post()).status).toBe(204);
    expect(await t.db.message.findFirstOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'failed', errorCode: 'BOUNCED' });
    expect((await t.db.contact.findFirstOrThrow({ where: { id: contact.id } })).emailConsent).toBe('revoked');
  });
});
