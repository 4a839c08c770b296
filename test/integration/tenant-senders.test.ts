import { randomUUID } from 'node:crypto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { ResendProvider } from '../../providers/resend/resend-provider';
import { TwilioProvider } from '../../providers/twilio/twilio-provider';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, TEST_WEBHOOKS, testApi, uniqueName } from '../harness/context';
import { json, startLocalServer } from '../harness/local-http-server';
import { useDevServerWorker, type DevServer } from '../harness/suites';
import { messageCreates, messageLists, twilioAccounts, twilioApi } from '../harness/twilio-api';

// Tenants' own senders: registered through the API, one default per channel, used by every send through the
// Twilio SDK (against a local server that speaks Twilio's API) and the Resend SDK (against a local server), the
// shared sender when a tenant has none, and pinned on the message for reconciliation.
Runtime.install({ logger: new DefaultLogger('WARN') });

const SHARED_SID = `AC${'5'.repeat(32)}`;
const SHARED_TOKEN = '5'.repeat(32);
const SHARED_SMS = '+15005550006';
const SHARED_WA = '+14155238886';
const SHARED_EMAIL = 'Herald <noreply@herald.test>';

const twilioServer = await startLocalServer(() => undefined);
const resendServer = await startLocalServer(() => undefined);
let shared = twilioApi({ accountSid: SHARED_SID, authToken: SHARED_TOKEN });

let server: DevServer;
let prisma: AppPrisma;
const taskQueue = uniqueName('senders-tq');
const twilio = new TwilioProvider({ accountSid: SHARED_SID, authToken: SHARED_TOKEN, smsFrom: SHARED_SMS, whatsappFrom: SHARED_WA, baseUrl: twilioServer.url, timeoutMs: 10_000 });
const resend = new ResendProvider({ apiKey: 're_shared_0123456789', from: SHARED_EMAIL, baseUrl: resendServer.url, timeoutMs: 10_000 });
useDevServerWorker(
  {
    taskQueue,
    providers: { sms: twilio, whatsapp: twilio, email: resend },
    sharedSenders: { sms: SHARED_SMS, whatsapp: SHARED_WA, email: SHARED_EMAIL },
    ownAccounts: { twilioBaseUrl: twilioServer.url, resendBaseUrl: resendServer.url },
    publicUrl: TEST_WEBHOOKS.publicUrl,
  },
  (parts) => ({ server, prisma } = parts),
);
afterAll(async () => {
  await twilioServer.close();
  await resendServer.close();
});
beforeEach(() => {
  twilioServer.requests.length = 0;
  resendServer.requests.length = 0;
  shared = twilioApi({ accountSid: SHARED_SID, authToken: SHARED_TOKEN, servicePoolNumber: '+15005550077' });
  twilioServer.reply(twilioAccounts(shared));
  resendServer.reply((_req, res) => json(res, 200, { id: `em_${randomUUID()}` }));
});

const freshNumber = () => `+1${2_000_000_000 + Math.floor(Math.random() * 7_999_999_999)}`;

async function tenant(name = 'Acme Plumbing') {
  const t = await createTestTenant(prisma, { businessName: name, quietStartMinute: null, quietEndMinute: null });
  const api = testApi({ prisma, client: server.client, taskQueue, deps: { providers: { sms: 'twilio', whatsapp: 'twilio', email: 'resend' } } });
  const request = () => api.request();
  const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', phone: freshNumber(), email: `ada-${Math.random().toString(36).slice(2, 10)}@example.com`, lastInboundWhatsappAt: new Date() } });
  const send = async (channel: 'sms' | 'whatsapp' | 'email') => {
    const created = await request()
      .post('/api/messages')
      .set(bearer(t.apiKey))
      .send({ contactId: contact.id, channel, body: `Hello on ${channel}`, ...(channel === 'email' ? { subject: 'Hi' } : {}) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const result = (await server.client.workflow.getHandle(created.body.message.workflowId).result()) as ScheduledMessageResult;
    const message = await t.db.message.findFirstOrThrow({ where: { id: created.body.message.id } });
    return { result, message, view: (await request().get(`/api/messages/${message.id}`).set(bearer(t.apiKey))).body.message };
  };
  const add = (body: object) => request().post('/api/sender-addresses').set(bearer(t.apiKey)).send(body);
  return { ...t, request, contact, send, add };
}

const createdForms = () => messageCreates(twilioServer.requests).map((r) => Object.fromEntries(new URLSearchParams(r.body)));
const emails = () => resendServer.requests.filter((r) => r.method === 'POST' && r.path === '/emails').map((r) => JSON.parse(r.body) as { from: string; to: string[] });

describe('sender addresses API', () => {
  it('registers numbers, short codes, Messaging Services, WhatsApp numbers and email addresses, with one default per channel', async () => {
    const t = await tenant();
    const sms = freshNumber();
    const service = `MG${'0a1b'.repeat(8)}`;
    const first = await t.add({ channel: 'sms', address: sms, isDefault: true });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.senderAddress).toMatchObject({ channel: 'sms', address: sms, kind: 'phone_number', isDefault: true, displayName: null });
    const mg = await t.add({ channel: 'sms', address: service });
    expect(mg.body.senderAddress).toMatchObject({ kind: 'messaging_service', isDefault: false });
    expect((await t.add({ channel: 'whatsapp', address: `whatsapp:${freshNumber()}`, isDefault: true })).status).toBe(201);
    const email = await t.add({ channel: 'email', address: `Hello@${t.tenant.id.replace('_', '-')}.example`, displayName: 'Acme Plumbing', isDefault: true });
    expect(email.body.senderAddress).toMatchObject({ address: `hello@${t.tenant.id.replace('_', '-')}.example`, displayName: 'Acme Plumbing', kind: 'email', isDefault: true });

    // Making the Messaging Service the default takes the default from the number.
    const switched = await t.request().post(`/api/sender-addresses/${mg.body.senderAddress.id}/default`).set(bearer(t.apiKey));
    expect(switched.status).toBe(200);
    expect(switched.body.senderAddress).toMatchObject({ id: mg.body.senderAddress.id, isDefault: true });
    const list = (await t.request().get('/api/sender-addresses').set(bearer(t.apiKey))).body.senderAddresses as Array<{ channel: string; address: string; isDefault: boolean }>;
    expect(list.filter((s) => s.isDefault).map((s) => s.channel).sort()).toEqual(['email', 'sms', 'whatsapp']);
    expect(list.find((s) => s.address === sms)?.isDefault).toBe(false);

    // Another tenant cannot take a sender, and nothing says whose it is.
    const other = await tenant('Other Co');
    const taken = await other.add({ channel: 'sms', address: sms });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('CONFLICT');
    expect(JSON.stringify(taken.body)).not.toContain(t.tenant.id);
    expect((await t.add({ channel: 'sms', address: sms })).status).toBe(409);

    // Removing the default leaves the channel without one.
    expect((await t.request().delete(`/api/sender-addresses/${mg.body.senderAddress.id}`).set(bearer(t.apiKey))).status).toBe(204);
    const after = (await t.request().get('/api/sender-addresses').set(bearer(t.apiKey))).body.senderAddresses as Array<{ channel: string; isDefault: boolean }>;
    expect(after.filter((s) => s.channel === 'sms')).toEqual([expect.objectContaining({ address: sms, isDefault: false })]);
    expect((await t.request().delete(`/api/sender-addresses/${mg.body.senderAddress.id}`).set(bearer(t.apiKey))).status).toBe(404);
    expect((await t.request().post(`/api/sender-addresses/${mg.body.senderAddress.id}/default`).set(bearer(t.apiKey))).status).toBe(404);
  });

  it('refuses what is no sender with a clear 400, and writes nothing', async () => {
    const t = await tenant();
    const cases: Array<[object, RegExp]> = [
      [{ channel: 'whatsapp', address: `MG${'1'.repeat(32)}` }, /WhatsApp-enabled number/],
      [{ channel: 'sms', address: 'MG123' }, /Messaging Service SID/],
      [{ channel: 'email', address: 'Acme <a@b.co>' }, /displayName/],
      [{ channel: 'email', address: 'a@b.co', displayName: 'Acme\r\nBcc: x@y.z' }, /line breaks/],
      [{ channel: 'sms', address: '+14155550100', displayName: 'Acme' }, /email senders only/],
      [{ channel: 'sms', address: '+14155550100', isDefault: 'yes' }, /isDefault/],
    ];
    for (const [body, reason] of cases) {
      const res = await t.add(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.message).toMatch(reason);
    }
    expect(await t.db.senderAddress.count()).toBe(0);
  });
});

describe('sends use the tenant’s default sender', () => {
  it('sends SMS, WhatsApp and email from the tenant’s defaults, records them on the message, and falls back to the shared senders', async () => {
    const t = await tenant();
    const sms = freshNumber();
    const wa = freshNumber();
    const from = `hello@${t.tenant.id.replace('_', '-')}.example`;
    await t.add({ channel: 'sms', address: sms, isDefault: true }).expect(201);
    await t.add({ channel: 'whatsapp', address: wa, isDefault: true }).expect(201);
    await t.add({ channel: 'email', address: from, displayName: 'Acme, Plumbing', isDefault: true }).expect(201);

    const a = await t.send('sms');
    expect(a.result.outcome).toBe('sent');
    expect(createdForms().at(-1)).toMatchObject({ From: sms, To: t.contact.phone });
    expect(a.message).toMatchObject({ status: 'sent', provider: 'twilio', tenantAddress: sms });
    expect(a.view.tenantAddress).toBe(sms);
    const w = await t.send('whatsapp');
    expect(createdForms().at(-1)).toMatchObject({ From: `whatsapp:${wa}`, To: `whatsapp:${t.contact.phone}` });
    expect(w.message.tenantAddress).toBe(wa);
    const e = await t.send('email');
    expect(emails().at(-1)).toMatchObject({ from: `"Acme, Plumbing" <${from}>`, to: [t.contact.email] });
    expect(e.message.tenantAddress).toBe(`"Acme, Plumbing" <${from}>`);

    // A tenant without senders goes out from the shared ones, and its messages say so.
    const other = await tenant('Other Co');
    expect((await other.send('sms')).message.tenantAddress).toBe(SHARED_SMS);
    expect(createdForms().at(-1)).toMatchObject({ From: SHARED_SMS, To: other.contact.phone });
    expect((await other.send('whatsapp')).message.tenantAddress).toBe(SHARED_WA);
    expect((await other.send('email')).message.tenantAddress).toBe(SHARED_EMAIL);
    expect(emails().at(-1)?.from).toBe(SHARED_EMAIL);
  });

  it('sends through a Messaging Service when that is the default, and from the shared sender once the default is removed', async () => {
    const t = await tenant();
    const service = `MG${'7c'.repeat(16)}`;
    const added = await t.add({ channel: 'sms', address: service, isDefault: true }).expect(201);
    const viaService = await t.send('sms');
    expect(createdForms().at(-1)).toMatchObject({ MessagingServiceSid: service, To: t.contact.phone });
    expect(createdForms().at(-1)).not.toHaveProperty('From');
    expect(viaService.message.tenantAddress).toBe(service);

    await t.request().delete(`/api/sender-addresses/${added.body.senderAddress.id}`).set(bearer(t.apiKey)).expect(204);
    const fallback = await t.send('sms');
    expect(createdForms().at(-1)).toMatchObject({ From: SHARED_SMS });
    expect(fallback.message.tenantAddress).toBe(SHARED_SMS);
  });

  it('reconciles a lost answer by looking the message up under the sender it was sent from', async () => {
    const t = await tenant();
    const sms = freshNumber();
    await t.add({ channel: 'sms', address: sms, isDefault: true }).expect(201);
    shared.outcomes.push({ kind: 'lose-answer' });
    const { result, message } = await t.send('sms');
    expect(result.outcome).toBe('sent');
    expect(messageCreates(twilioServer.requests)).toHaveLength(1);
    const [lookup] = messageLists(twilioServer.requests);
    expect(new URL(lookup!.path, 'http://x').searchParams.get('From')).toBe(sms);
    expect(shared.messages).toHaveLength(1);
    expect(message).toMatchObject({ status: 'sent', providerMessageId: shared.messages[0]!.sid, tenantAddress: sms });
  });
});
