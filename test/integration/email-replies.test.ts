import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { pino } from 'pino';
import { Webhook } from 'svix';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { newId } from '../../prisma/ids';
import { createOutboundMessage } from '../../prisma/queries/messages/create-outbound-message';
import { ResendProvider } from '../../providers/resend/resend-provider';
import { enrollmentStateQuery, type InboundMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, failWritesTo, TEST_WEBHOOKS, testApi, uniqueName, testSystemPrisma } from '../harness/context';
import { json, startLocalServer } from '../harness/local-http-server';
import { createPublishedSequence } from '../harness/sequences';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// Email replies through Resend: a Svix-signed `email.received` webhook (metadata only), the content read through
// the SDK's receiving API from a local server that speaks Resend's API, landed through the one inbound path —
// on the Temporal dev server with a real worker and Postgres.
Runtime.install({ logger: new DefaultLogger('WARN') });

const DAY = 86_400_000;
/** The address Herald sends every tenant's email from when the tenant has none of its own (RESEND_FROM). */
const SHARED_SENDER = 'hello@herald-shared.test';

/** Received emails the local receiving API knows, by id, as Resend returns them; ids in `unavailable` answer 503. */
const received = new Map<string, object>();
const unavailable = new Set<string>();
const resendApi = await startLocalServer((req, res) => {
  if (req.method === 'POST' && req.path === '/emails') return json(res, 200, { id: `em_${randomUUID()}` });
  const id = req.method === 'GET' ? /^\/emails\/receiving\/([^/?]+)/.exec(req.path)?.[1] : undefined;
  if (id && unavailable.has(id)) return json(res, 503, { statusCode: 503, name: 'internal_server_error', message: 'Try again later' });
  const email = id ? received.get(id) : undefined;
  if (email) return json(res, 200, email);
  return json(res, 404, { statusCode: 404, name: 'not_found', message: 'Email not found' });
});
afterAll(() => resendApi.close());

const resend = new ResendProvider({ apiKey: 're_test', from: `Herald <${SHARED_SENDER}>`, baseUrl: resendApi.url, timeoutMs: 2000 });
const inboundEmail = { source: resend, sharedSenders: [SHARED_SENDER] };

let server: DevServer;
let prisma: AppPrisma;
const taskQueue = uniqueName('email-tq');
useDevServerWorker({ taskQueue, providers: { sms: resend, whatsapp: resend, email: resend } }, (parts) => ({ server, prisma } = parts));

/** What the API logs, line by line: no address or body may appear in it. */
const logLines: string[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
const api = () => testApi({ prisma, client: server.client, taskQueue, inboundEmail, logger });

let counter = 0;
const unique = () => `${Date.now().toString(36)}${++counter}`;

async function tenantWithEmailSender() {
  const t = await createTestTenant(prisma, { quietStartMinute: null, quietEndMinute: null });
  const sender = `replies-${unique()}@acme.test`;
  await api().request().post('/api/sender-addresses').set(bearer(t.apiKey)).send({ channel: 'email', address: sender }).expect(201);
  return { ...t, sender };
}

/** An email Resend received: what its receiving API answers, and the `email.received` event announcing it. */
function receivedEmail(input: { from: string; to: string[]; subject?: string; text?: string | null; html?: string | null }) {
  const id = `inb_${randomUUID()}`;
  const at = new Date().toISOString();
  const subject = input.subject ?? 'Re: Your quote';
  const messageId = `<${id}@mail.example>`;
  received.set(id, {
    object: 'email', id, to: input.to, from: input.from, created_at: at, subject, bcc: null, cc: null, reply_to: null, received_for: input.to,
    text: input.text === undefined ? 'Yes please' : input.text, html: input.html ?? null, headers: { 'Message-ID': messageId }, message_id: messageId, attachments: [],
  });
  const event = {
    type: 'email.received',
    created_at: at,
    data: { email_id: id, created_at: at, from: input.from, to: input.to, bcc: [], cc: [], received_for: input.to, message_id: messageId, subject, attachments: [] },
  };
  return { id, event };
}

const svix = new Webhook(TEST_WEBHOOKS.resendWebhookSecret);
function postSigned(event: object, svixId = `msg_${randomUUID()}`, app = api()) {
  const body = JSON.stringify(event);
  const at = new Date();
  return app
    .request()
    .post('/webhooks/resend')
    .set({ 'svix-id': svixId, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': svix.sign(svixId, at, body) })
    .set('content-type', 'application/json')
    .send(body);
}

describe('an email reply through Resend’s email.received webhook', () => {
  it('ends the contact’s enrollment that stops on reply, and lands on the contact’s email thread', async () => {
    const t = await tenantWithEmailSender();
    const address = `ada-${unique()}@example.com`;
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', email: address } });
    const { sequence } = await createPublishedSequence(
      t.db,
      [
        { channel: 'email', waitAmount: 0, waitUnit: 'minutes', subject: 'Your quote, {{first_name}}', body: 'Shall we book it?' },
        { channel: 'email', waitAmount: 3, waitUnit: 'days', subject: 'Still there?', body: 'Just checking in.' },
      ],
      { sendWindow: 'always' },
    );
    const enrolled = await api().request().post(`/api/sequences/${sequence.id}/enrollments`).set(bearer(t.apiKey)).send({ contactId: contact.id });
    expect(enrolled.status).toBe(201);
    const enrollment = await t.db.enrollment.findFirstOrThrow({ where: { contactId: contact.id } });
    const run = server.client.workflow.getHandle(enrollment.workflowId!);
    // The first email went out through Resend; the enrollment waits three days for the second.
    await expect.poll(async () => (await run.query(enrollmentStateQuery)).sent, { timeout: 20_000 }).toBe(1);
    expect(resendApi.requests.filter((r) => r.method === 'POST' && r.path === '/emails' && r.body.includes(address))).toHaveLength(1);

    const text = 'Yes — Tuesday works.\n\nOn Mon, Acme wrote:\n> Shall we book it?';
    const { id, event } = receivedEmail({ from: `Ada Lovelace <${address.toUpperCase()}>`, to: [`Acme Replies <${t.sender}>`], subject: 'Re: Your quote, Ada', text, html: '<p>Yes — Tuesday works.</p>' });
    expect((await postSigned(event)).status).toBe(204);

    expect(await run.result()).toEqual({ status: 'stopped', stopReason: 'replied', sent: 1 });
    expect(await t.db.enrollment.findFirstOrThrow({ where: { id: enrollment.id } })).toMatchObject({ status: 'stopped', stopReason: 'replied' });
    const message = await t.db.message.findFirstOrThrow({ where: { providerMessageId: id } });
    expect(message).toMatchObject({ direction: 'inbound', channel: 'email', status: 'received', provider: 'resend', contactId: contact.id, subject: 'Re: Your quote, Ada', body: text });
    expect(await t.db.thread.findFirstOrThrow({ where: { id: message.threadId! } })).toMatchObject({ contactId: contact.id, channel: 'email', unreadCount: 1 });
    expect(await t.db.contact.count()).toBe(1);
    expect(resendApi.requests.filter((r) => r.method === 'POST' && r.path === '/emails' && r.body.includes(address))).toHaveLength(1);
  });

  it('starts the reply’s workflow with ids only: the email’s text stays in Postgres', async () => {
    const t = await tenantWithEmailSender();
    const { id, event } = receivedEmail({ from: `grace-${unique()}@example.com`, to: [t.sender], text: 'STOP' });
    expect((await postSigned(event)).status).toBe(204);
    const message = await t.db.message.findFirstOrThrow({ where: { providerMessageId: id } });
    const handle = server.client.workflow.getHandle(`inbound:${t.tenant.id}:${message.id}`);
    // Email is never parsed for keywords: STOP by email is a reply like any other.
    expect(((await handle.result()) as InboundMessageResult).keyword).toBeNull();
    const history = await handle.fetchHistory();
    const [input] = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    expect(defaultPayloadConverter.fromPayload(input!)).toEqual({ tenantId: t.tenant.id, messageId: message.id, contactId: message.contactId, channel: 'email' });
  });

  it('lands one message however often Resend retries or replays the event', async () => {
    const t = await tenantWithEmailSender();
    const address = `lin-${unique()}@example.com`;
    const { id, event } = receivedEmail({ from: address, to: [t.sender] });
    const svixId = `msg_${randomUUID()}`;
    for (const attempt of [svixId, svixId, `msg_${randomUUID()}`]) expect((await postSigned(event, attempt)).status).toBe(204);
    expect(await testSystemPrisma().message.count({ where: { providerMessageId: id } })).toBe(1);
    expect(await testSystemPrisma().webhookEvent.count({ where: { provider: 'resend', providerMessageId: id } })).toBe(1);
    expect(await t.db.contact.count({ where: { email: address } })).toBe(1);
  });

  it('takes the sender’s bare address, lower-cased, creating the contact by email; reads an HTML-only email as text', async () => {
    const t = await tenantWithEmailSender();
    const id = unique();
    const html = '<p>Yes &amp; thanks — <b>Tuesday</b></p>';
    const reply = receivedEmail({ from: `"Hopper, Grace" <Grace.Hopper-${id}@Navy.EXAMPLE>`, to: [`"Acme" <${t.sender.toUpperCase()}>`], subject: 'Re: Visit', text: null, html });
    expect((await postSigned(reply.event)).status).toBe(204);
    const message = await t.db.message.findFirstOrThrow({ where: { providerMessageId: reply.id } });
    expect(await t.db.contact.findFirstOrThrow({ where: { id: message.contactId } })).toMatchObject({ email: `grace.hopper-${id}@navy.example`, source: 'inbound-email' });
    expect(message).toMatchObject({ channel: 'email', subject: 'Re: Visit', body: 'Yes & thanks — Tuesday' });

    // Text Postgres cannot store (a NUL) is dropped rather than failing the delivery.
    const nul = receivedEmail({ from: `nul-${id}@example.com`, to: [t.sender], text: 'Yes\u0000 please' });
    expect((await postSigned(nul.event)).status).toBe(204);
    expect(await t.db.message.findFirstOrThrow({ where: { providerMessageId: nul.id } })).toMatchObject({ body: 'Yes please' });
  });

  it('routes a reply to Herald’s shared sender to the tenant that last emailed the sender from it', async () => {
    const a = await createTestTenant(prisma);
    const b = await createTestTenant(prisma);
    const address = `pat-${unique()}@example.com`;
    const emailed = async (t: typeof a, sentAt: Date | null) => {
      const contact = await t.db.contact.upsert({ where: { tenantId_email: { tenantId: t.tenant.id, email: address } }, create: { tenantId: t.tenant.id, email: address }, update: {} });
      const { message } = await createOutboundMessage(t.db, { id: newId('msg'), contactId: contact.id, channel: 'email', subject: 'Quote', body: 'Here it is', scheduledAt: null, origin: 'api', workflowId: uniqueName('wf') });
      if (sentAt) await t.db.message.updateMany({ where: { id: message.id }, data: { status: 'sent', sentAt } });
    };
    await emailed(a, new Date(Date.now() - 7 * DAY));
    await emailed(b, new Date(Date.now() - DAY));
    await emailed(a, null); // queued, never sent: not an email the person got

    const reply = receivedEmail({ from: `Pat <${address}>`, to: [`Herald <${SHARED_SENDER.toUpperCase()}>`] });
    expect((await postSigned(reply.event)).status).toBe(204);
    const message = await testSystemPrisma().message.findUniqueOrThrow({ where: { providerMessageId: reply.id } });
    expect(message).toMatchObject({ tenantId: b.tenant.id, channel: 'email', direction: 'inbound' });
    expect(await testSystemPrisma().webhookEvent.findFirstOrThrow({ where: { providerMessageId: reply.id } })).toMatchObject({ tenantId: b.tenant.id, error: null });
  });

  it('records an email no tenant can claim as unroutable, without reading it, and logs ids only', async () => {
    const t = await createTestTenant(prisma);
    const address = `sam-${unique()}@example.com`;
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, email: address } });
    const { message } = await createOutboundMessage(t.db, { id: newId('msg'), contactId: contact.id, channel: 'email', subject: 'Hi', body: 'Hello', scheduledAt: null, origin: 'api', workflowId: uniqueName('wf') });
    await t.db.message.updateMany({ where: { id: message.id }, data: { status: 'sent', sentAt: new Date() } });

    const elsewhere = `someone-${unique()}@elsewhere.test`;
    const stranger = `stranger-${unique()}@example.com`;
    // To an address no tenant registered and Herald does not send from (though the tenant emailed the sender),
    // and to the shared sender from someone no tenant ever emailed.
    const unroutable = [receivedEmail({ from: address, to: [elsewhere] }), receivedEmail({ from: stranger, to: [SHARED_SENDER] })];
    for (const { id, event } of unroutable) {
      expect((await postSigned(event)).status).toBe(204);
      expect(await testSystemPrisma().message.count({ where: { providerMessageId: id } })).toBe(0);
      const recorded = await testSystemPrisma().webhookEvent.findFirstOrThrow({ where: { provider: 'resend', providerMessageId: id } });
      expect(recorded).toMatchObject({ tenantId: null, processedAt: null, type: 'email.received' });
      expect(recorded.error).toMatch(/no tenant/i);
      expect(resendApi.requests.some((r) => r.path.includes(id))).toBe(false);
      expect(logLines.filter((line) => line.includes(id))).toHaveLength(1);
    }
    for (const line of logLines) for (const secret of [address, elsewhere, stranger]) expect(line).not.toContain(secret);
    expect(await t.db.message.count({ where: { direction: 'inbound' } })).toBe(0);

    // Resend delivers an event once it got a 2xx; replaying it after the address is registered lands the email.
    await api().request().post('/api/sender-addresses').set(bearer(t.apiKey)).send({ channel: 'email', address: elsewhere }).expect(201);
    expect((await postSigned(unroutable[0]!.event)).status).toBe(204);
    expect(await t.db.message.findFirstOrThrow({ where: { providerMessageId: unroutable[0]!.id } })).toMatchObject({ direction: 'inbound', contactId: contact.id });
  });

  it('answers 503 while the content cannot be read and keeps nothing; a failed write keeps nothing either; the retry lands it', async () => {
    const t = await tenantWithEmailSender();
    const address = `kim-${unique()}@example.com`;
    const { id, event } = receivedEmail({ from: address, to: [t.sender], text: 'Count me in' });
    const nothingKept = async () => {
      expect(await testSystemPrisma().webhookEvent.count({ where: { providerMessageId: id } })).toBe(0);
      expect(await testSystemPrisma().message.count({ where: { providerMessageId: id } })).toBe(0);
      expect(await t.db.contact.count({ where: { email: address } })).toBe(0);
    };

    unavailable.add(id);
    const first = await postSigned(event);
    expect(first.status).toBe(503);
    expect(first.body.error.code).toBe('UNAVAILABLE');
    expect(Number(first.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await nothingKept();
    unavailable.delete(id);

    const restore = await failWritesTo({ table: 'messages', operation: 'INSERT', column: 'provider_message_id', value: id });
    try {
      expect((await postSigned(event)).status).toBe(500);
    } finally {
      await restore();
    }
    await nothingKept();

    expect((await postSigned(event)).status).toBe(204);
    expect(await t.db.message.findFirstOrThrow({ where: { providerMessageId: id } })).toMatchObject({ body: 'Count me in', channel: 'email' });
    const recorded = await testSystemPrisma().webhookEvent.findFirstOrThrow({ where: { providerMessageId: id } });
    expect(recorded).toMatchObject({ tenantId: t.tenant.id, error: null });
    expect(recorded.processedAt).not.toBeNull();
  });

  it('answers 503 and keeps nothing when the API cannot read received emails (no Resend key)', async () => {
    const t = await tenantWithEmailSender();
    const { id, event } = receivedEmail({ from: `lee-${unique()}@example.com`, to: [t.sender] });
    const res = await postSigned(event, undefined, testApi({ prisma, client: server.client, taskQueue }));
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/RESEND_API_KEY/);
    expect(await testSystemPrisma().webhookEvent.count({ where: { providerMessageId: id } })).toBe(0);
  });
});

describe('POST /api/fake/inbound with channel email', () => {
  it('plays an email reply through the same path: subject and body on the contact’s email thread, never a keyword', async () => {
    const t = await tenantWithEmailSender();
    const address = `ada-${unique()}@example.com`;
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, email: address } });
    const sim = await api().request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ channel: 'email', from: address.toUpperCase(), subject: 'Re: Your quote', body: 'STOP' });
    expect(sim.status).toBe(201);
    expect(sim.body.contactId).toBe(contact.id);
    expect(((await server.client.workflow.getHandle(sim.body.workflowId).result()) as InboundMessageResult).keyword).toBeNull();
    const message = await t.db.message.findFirstOrThrow({ where: { id: sim.body.messageId } });
    expect(message).toMatchObject({ direction: 'inbound', channel: 'email', provider: 'fake', subject: 'Re: Your quote', body: 'STOP', contactId: contact.id });
    expect(await t.db.thread.findFirstOrThrow({ where: { id: message.threadId! } })).toMatchObject({ channel: 'email', contactId: contact.id });
  });

  it('refuses an email reply from a phone number, and a subject on a text message', async () => {
    const t = await tenantWithEmailSender();
    const post = (body: object) => api().request().post('/api/fake/inbound').set(bearer(t.apiKey)).send(body);
    const phone = await post({ channel: 'email', from: '+14155550100', subject: 'Hi', body: 'hello' });
    expect(phone.status).toBe(400);
    expect(phone.body.error.message).toMatch(/from.*email/);
    const subject = await post({ channel: 'sms', from: '+14155550100', subject: 'Hi', body: 'hello' });
    expect(subject.status).toBe(400);
    expect(subject.body.error.message).toMatch(/subject/);
    expect(await t.db.message.count()).toBe(0);
  });
});
