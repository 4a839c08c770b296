import { DefaultLogger, Runtime } from '@temporalio/worker';
import { pino } from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { FakeProvider } from '../../providers/fake/fake-provider';
import { TwilioProvider } from '../../providers/twilio/twilio-provider';
import { twilioSignatureFor } from '../../providers/webhooks/verify-twilio-signature';
import type { InboundMessageResult, ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, TEST_WEBHOOKS, testApi, uniqueName, testSystemPrisma } from '../harness/context';
import { startLocalServer } from '../harness/local-http-server';
import { useDevServerWorker, type DevServer } from '../harness/suites';
import { twilioAccounts, twilioApi } from '../harness/twilio-api';

// Inbound Twilio webhooks find their tenant by the number they were sent to and are verified with that tenant's
// own Auth Token when it has one; status callbacks by the send they report. A STOP to a number no tenant
// registered (the shared sender) reaches every tenant that messaged the contact from it.
Runtime.install({ logger: new DefaultLogger('WARN') });

const SHARED_SID = `AC${'5'.repeat(32)}`;
const SHARED_TOKEN = TEST_WEBHOOKS.twilioAuthToken;
const SHARED_SMS = '+15005550006';
const OWN = { accountSid: `AC${'c3'.repeat(16)}`, authToken: 'c3'.repeat(16) };

const logLines: string[] = [];
const capture = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });

const twilioServer = await startLocalServer(() => undefined);
let shared = twilioApi({ accountSid: SHARED_SID, authToken: SHARED_TOKEN });
let own = twilioApi(OWN);

let server: DevServer;
let prisma: AppPrisma;
const taskQueue = uniqueName('inbound-routing-tq');
const twilio = new TwilioProvider({ accountSid: SHARED_SID, authToken: SHARED_TOKEN, smsFrom: SHARED_SMS, baseUrl: twilioServer.url, timeoutMs: 10_000 });
const fake = new FakeProvider();
useDevServerWorker(
  {
    taskQueue,
    providers: { sms: twilio, whatsapp: fake, email: fake },
    sharedSenders: { sms: SHARED_SMS },
    ownAccounts: { twilioBaseUrl: twilioServer.url },
    publicUrl: TEST_WEBHOOKS.publicUrl,
    logger: capture,
  },
  (parts) => ({ server, prisma } = parts),
);
afterAll(() => twilioServer.close());
beforeEach(() => {
  shared = twilioApi({ accountSid: SHARED_SID, authToken: SHARED_TOKEN });
  own = twilioApi(OWN);
  twilioServer.reply(twilioAccounts(shared, own));
});

const PROVIDERS = { sms: 'twilio', whatsapp: 'fake', email: 'fake' };
const freshNumber = () => `+1${2_000_000_000 + Math.floor(Math.random() * 7_999_999_999)}`;
let sid = 0;
const nextSid = () => `SM${Date.now().toString(16)}${String(++sid).padStart(6, '0')}`;

function api() {
  return testApi({ prisma, client: server.client, taskQueue, deps: { providers: PROVIDERS, twilioApiBaseUrl: twilioServer.url, logger: capture } });
}

async function tenant(name: string) {
  const t = await createTestTenant(prisma, { businessName: name, quietStartMinute: null, quietEndMinute: null });
  const request = () => api().request();
  return { ...t, request };
}

function signed(token: string, fields: Record<string, string>, path: string) {
  return api()
    .request()
    .post(path)
    .type('form')
    .set('X-Twilio-Signature', twilioSignatureFor(token, `${TEST_WEBHOOKS.publicUrl}${path}`, fields))
    .send(fields);
}

async function inboundOf(tenantId: string, providerMessageId: string) {
  const message = await testSystemPrisma().message.findUniqueOrThrow({ where: { providerMessageId } });
  expect(message.tenantId).toBe(tenantId);
  const result = (await server.client.workflow.getHandle(`inbound:${tenantId}:${message.id}`).result()) as InboundMessageResult;
  return { message, result };
}

/** A contact of this tenant with this phone, sent one SMS now (through the tenant's route) and one scheduled for tomorrow. */
async function messaged(t: Awaited<ReturnType<typeof tenant>>, phone: string) {
  const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', phone } });
  const now = await t.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body: `Hello from ${t.tenant.businessName}` });
  expect(now.status, JSON.stringify(now.body)).toBe(201);
  expect(((await server.client.workflow.getHandle(now.body.message.workflowId).result()) as ScheduledMessageResult).outcome).toBe('sent');
  const later = await t.request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body: 'See you tomorrow', sendAt: new Date(Date.now() + 86_400_000).toISOString() });
  return { contact, sentId: now.body.message.id as string, pending: later.body.message as { id: string; workflowId: string } };
}

describe('inbound messages to a tenant’s own number', () => {
  it('are verified with the tenant’s own Auth Token when it has one, else the shared one; a wrong signature stores nothing', async () => {
    const a = await tenant('Own Account Co');
    const b = await tenant('Shared Account Co');
    const aNumber = freshNumber();
    const bNumber = freshNumber();
    await a.request().put('/api/provider-credentials/twilio').set(bearer(a.apiKey)).send(OWN).expect(200);
    await a.request().post('/api/sender-addresses').set(bearer(a.apiKey)).send({ channel: 'sms', address: aNumber, isDefault: true }).expect(201);
    await b.request().post('/api/sender-addresses').set(bearer(b.apiKey)).send({ channel: 'sms', address: bNumber }).expect(201);
    const from = freshNumber();
    const events = () => testSystemPrisma().webhookEvent.count();

    const toA = { MessageSid: nextSid(), From: from, To: aNumber, Body: 'Is Tuesday ok?', AccountSid: OWN.accountSid };
    const before = await events();
    expect((await signed(SHARED_TOKEN, toA, '/webhooks/twilio/inbound')).status).toBe(403);
    expect(await events()).toBe(before);
    expect(await testSystemPrisma().message.count({ where: { providerMessageId: toA.MessageSid } })).toBe(0);
    expect((await signed(OWN.authToken, toA, '/webhooks/twilio/inbound')).status).toBe(200);
    const inA = await inboundOf(a.tenant.id, toA.MessageSid);
    expect(inA.message).toMatchObject({ direction: 'inbound', tenantAddress: aNumber, body: 'Is Tuesday ok?' });

    const toB = { MessageSid: nextSid(), From: from, To: bNumber, Body: 'Hello B', AccountSid: SHARED_SID };
    expect((await signed(OWN.authToken, toB, '/webhooks/twilio/inbound')).status).toBe(403);
    expect(await testSystemPrisma().message.count({ where: { providerMessageId: toB.MessageSid } })).toBe(0);
    expect((await signed(SHARED_TOKEN, toB, '/webhooks/twilio/inbound')).status).toBe(200);
    expect((await inboundOf(b.tenant.id, toB.MessageSid)).message.tenantAddress).toBe(bNumber);
  });

  it('confirms a STOP through the tenant’s own account, from the number the STOP was sent to', async () => {
    const a = await tenant('Own Account Co');
    const main = freshNumber();
    const second = freshNumber();
    await a.request().put('/api/provider-credentials/twilio').set(bearer(a.apiKey)).send(OWN).expect(200);
    await a.request().post('/api/sender-addresses').set(bearer(a.apiKey)).send({ channel: 'sms', address: main, isDefault: true }).expect(201);
    await a.request().post('/api/sender-addresses').set(bearer(a.apiKey)).send({ channel: 'sms', address: second }).expect(201);
    const stop = { MessageSid: nextSid(), From: freshNumber(), To: second, Body: 'STOP' };
    expect((await signed(OWN.authToken, stop, '/webhooks/twilio/inbound')).status).toBe(200);
    const { result } = await inboundOf(a.tenant.id, stop.MessageSid);
    expect(result.keyword).toBe('opt-out');
    expect(((await server.client.workflow.getHandle(`message:${a.tenant.id}:${result.replyMessageId}`).result()) as ScheduledMessageResult).outcome).toBe('sent');
    expect(own.messages).toHaveLength(1);
    expect(own.messages[0]).toMatchObject({ from: second, to: stop.From });
    expect(shared.messages).toHaveLength(0);
  });
});

describe('status callbacks', () => {
  it('are verified with the token of the account that sent the message, named by the ledger id in the callback URL', async () => {
    const a = await tenant('Own Account Co');
    const b = await tenant('Shared Account Co');
    await a.request().put('/api/provider-credentials/twilio').set(bearer(a.apiKey)).send(OWN).expect(200);
    await a.request().post('/api/sender-addresses').set(bearer(a.apiKey)).send({ channel: 'sms', address: freshNumber(), isDefault: true }).expect(201);
    const sentA = await messaged(a, freshNumber());
    const sentB = await messaged(b, freshNumber());
    for (const [t, sent, token, wrong] of [
      [a, sentA, OWN.authToken, SHARED_TOKEN],
      [b, sentB, SHARED_TOKEN, OWN.authToken],
    ] as const) {
      const row = await t.db.message.findFirstOrThrow({ where: { id: sent.sentId } });
      const ledger = await t.db.sendLedgerEntry.findFirstOrThrow({ where: { messageId: row.id } });
      const path = `/webhooks/twilio/status?ledger=${ledger.id}`;
      const fields = { MessageSid: row.providerMessageId!, MessageStatus: 'delivered' };
      const before = await testSystemPrisma().webhookEvent.count();
      expect((await signed(wrong, fields, path)).status).toBe(403);
      expect(await testSystemPrisma().webhookEvent.count()).toBe(before);
      expect((await t.db.message.findFirstOrThrow({ where: { id: row.id } })).status).toBe('sent');
      expect((await signed(token, fields, path)).status).toBe(204);
      expect((await t.db.message.findFirstOrThrow({ where: { id: row.id } })).status).toBe('delivered');
      // Without the ledger id (an older callback URL), the SID names the message just as well.
      expect((await signed(token, { MessageSid: row.providerMessageId!, MessageStatus: 'read' }, '/webhooks/twilio/status')).status).toBe(204);
      expect((await signed(wrong, { MessageSid: row.providerMessageId!, MessageStatus: 'failed' }, '/webhooks/twilio/status')).status).toBe(403);
    }
  });
});

describe('inbound messages to a number no tenant registered', () => {
  it('apply a STOP to every tenant that messaged the contact from it, as a STOP to their own number would, and log no number', async () => {
    const phone = freshNumber();
    const a = await tenant('Alpha Plumbing');
    const b = await tenant('Bravo Roofing');
    const c = await tenant('Charlie Cleaning');
    // A and B texted the contact from the shared sender; C texted it from its own number.
    const atA = await messaged(a, phone);
    const atB = await messaged(b, phone);
    await c.request().post('/api/sender-addresses').set(bearer(c.apiKey)).send({ channel: 'sms', address: freshNumber(), isDefault: true }).expect(201);
    const atC = await messaged(c, phone);
    expect((await a.db.message.findFirstOrThrow({ where: { id: atA.sentId } })).tenantAddress).toBe(SHARED_SMS);

    const stop = { MessageSid: nextSid(), From: phone, To: SHARED_SMS, Body: ' Stop ' };
    const logsBefore = logLines.length;
    const post = () => signed(SHARED_TOKEN, stop, '/webhooks/twilio/inbound');
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200); // Twilio retries: nothing doubles

    for (const [t, at] of [
      [a, atA],
      [b, atB],
    ] as const) {
      const inbound = await t.db.message.findMany({ where: { direction: 'inbound' } });
      expect(inbound).toHaveLength(1);
      expect(inbound[0]).toMatchObject({ body: ' Stop ', tenantAddress: SHARED_SMS, contactId: at.contact.id });
      const result = (await server.client.workflow.getHandle(`inbound:${t.tenant.id}:${inbound[0]!.id}`).result()) as InboundMessageResult;
      expect(result.keyword).toBe('opt-out');
      expect(result.signalled).toContain(at.pending.workflowId);
      expect(((await server.client.workflow.getHandle(at.pending.workflowId).result()) as ScheduledMessageResult).outcome).toBe('cancelled');
      expect((await t.db.contact.findFirstOrThrow({ where: { id: at.contact.id } })).smsConsent).toBe('revoked');
      // Its confirmation goes back from the number the STOP was sent to.
      const reply = await server.client.workflow.getHandle(`message:${t.tenant.id}:${result.replyMessageId}`).result();
      expect(reply).toMatchObject({ outcome: 'sent' });
      expect((await t.db.message.findFirstOrThrow({ where: { id: result.replyMessageId! } })).tenantAddress).toBe(SHARED_SMS);
    }
    // C never texted the contact from that number: untouched.
    expect(await c.db.message.count({ where: { direction: 'inbound' } })).toBe(0);
    expect((await c.db.contact.findFirstOrThrow({ where: { id: atC.contact.id } })).smsConsent).toBe('unknown');
    expect((await c.db.message.findFirstOrThrow({ where: { id: atC.pending.id } })).status).toBe('scheduled');
    await c.request().post(`/api/messages/${atC.pending.id}/cancel`).set(bearer(c.apiKey)).expect(200);

    const lines = logLines.slice(logsBefore);
    const fanOut = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => Array.isArray(l.tenantIds));
    expect(fanOut).toMatchObject({ tenants: 2 });
    expect((fanOut!.tenantIds as string[]).sort()).toEqual([a.tenant.id, b.tenant.id].sort());
    for (const line of lines) {
      expect(line).not.toContain(phone);
      expect(line).not.toContain(phone.slice(2));
    }
  });

  it('count a tenant’s own account only for that tenant: it cannot opt another tenant’s contact out', async () => {
    const phone = freshNumber();
    const x = await tenant('Xray Windows');
    const y = await tenant('Yankee Yards');
    // Both texted the contact from the shared number; then X moved to its own Twilio account.
    const atX = await messaged(x, phone);
    const atY = await messaged(y, phone);
    await x.request().put('/api/provider-credentials/twilio').set(bearer(x.apiKey)).send(OWN).expect(200);

    const forged = { MessageSid: nextSid(), From: phone, To: SHARED_SMS, Body: 'STOP' };
    expect((await signed(OWN.authToken, forged, '/webhooks/twilio/inbound')).status).toBe(200);
    expect(await x.db.message.count({ where: { direction: 'inbound' } })).toBe(1);
    expect(await y.db.message.count({ where: { direction: 'inbound' } })).toBe(0);
    expect((await y.db.contact.findFirstOrThrow({ where: { id: atY.contact.id } })).smsConsent).toBe('unknown');

    // The STOP Twilio really delivers comes through the server's account, which texted for both.
    const real = { MessageSid: nextSid(), From: phone, To: SHARED_SMS, Body: 'STOP' };
    expect((await signed(SHARED_TOKEN, real, '/webhooks/twilio/inbound')).status).toBe(200);
    for (const [t, at] of [
      [x, atX],
      [y, atY],
    ] as const) {
      const copy = await t.db.message.findFirstOrThrow({ where: { providerMessageId: `${real.MessageSid}:${t.tenant.id}` } });
      await server.client.workflow.getHandle(`inbound:${t.tenant.id}:${copy.id}`).result();
      expect((await t.db.contact.findFirstOrThrow({ where: { id: at.contact.id } })).smsConsent).toBe('revoked');
    }
    expect((await signed('0'.repeat(32), { ...real, MessageSid: nextSid() }, '/webhooks/twilio/inbound')).status).toBe(403);
  });

  it('give any other message to the tenant that most recently messaged the contact from it, or record it as unroutable', async () => {
    const phone = freshNumber();
    const a = await tenant('Alpha Plumbing');
    const b = await tenant('Bravo Roofing');
    const atA = await messaged(a, phone);
    const atB = await messaged(b, phone);
    await a.request().post(`/api/messages/${atA.pending.id}/cancel`).set(bearer(a.apiKey)).expect(200);
    await b.request().post(`/api/messages/${atB.pending.id}/cancel`).set(bearer(b.apiKey)).expect(200);

    const reply = { MessageSid: nextSid(), From: phone, To: SHARED_SMS, Body: 'Yes please, Tuesday works' };
    expect((await signed(SHARED_TOKEN, reply, '/webhooks/twilio/inbound')).status).toBe(200);
    const { message } = await inboundOf(b.tenant.id, reply.MessageSid);
    expect(message).toMatchObject({ contactId: atB.contact.id, tenantAddress: SHARED_SMS });
    expect(await a.db.message.count({ where: { direction: 'inbound' } })).toBe(0);

    const stranger = { MessageSid: nextSid(), From: freshNumber(), To: SHARED_SMS, Body: 'STOP' };
    expect((await signed(SHARED_TOKEN, stranger, '/webhooks/twilio/inbound')).status).toBe(200);
    expect(await testSystemPrisma().message.count({ where: { providerMessageId: { startsWith: stranger.MessageSid } } })).toBe(0);
    const event = await testSystemPrisma().webhookEvent.findUniqueOrThrow({ where: { provider_providerEventId: { provider: 'twilio', providerEventId: stranger.MessageSid } } });
    expect(event.error).toMatch(/no tenant owns sms sender .* and none has messaged/);
    expect(event.error).not.toContain(stranger.From);
  });
});

describe('POST /api/fake/inbound', () => {
  it('exists only while the fake provider serves the channel for the calling tenant', async () => {
    const a = await tenant('Own Account Co');
    await a.request().put('/api/provider-credentials/twilio').set(bearer(a.apiKey)).send(OWN).expect(200);
    const own = await a.request().post('/api/fake/inbound').set(bearer(a.apiKey)).send({ channel: 'whatsapp', from: freshNumber(), body: 'hi' });
    expect(own.status).toBe(404);
    expect(own.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/whatsapp is served by twilio \(the tenant’s own account\)/) });

    const b = await tenant('Shared Account Co');
    // SMS is Twilio's on this server (the shared account); WhatsApp is still the fake provider's.
    const sms = await b.request().post('/api/fake/inbound').set(bearer(b.apiKey)).send({ channel: 'sms', from: freshNumber(), body: 'hi' });
    expect(sms.status).toBe(404);
    expect(sms.body.error.message).toMatch(/sms is served by twilio \(the server’s account\)/);
    const wa = await b.request().post('/api/fake/inbound').set(bearer(b.apiKey)).send({ channel: 'whatsapp', from: freshNumber(), body: 'hi' });
    expect(wa.status).toBe(201);
    expect(await a.db.message.count({ where: { direction: 'inbound' } })).toBe(0);
  });
});
