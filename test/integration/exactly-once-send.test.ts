import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, inject } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { TwilioProvider, type TwilioConfig } from '../../providers/twilio/twilio-provider';
import { registerSearchAttributes } from '../../scripts/lib/search-attributes';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, startWorker, testApi, testPrisma, uniqueName, workflowBundle } from '../harness/context';
import { startLocalServer } from '../harness/local-http-server';
import { messageCreates, messageLists, rfc2822, twilioApi } from '../harness/twilio-api';

// The send path through the Twilio SDK against a local server speaking Twilio's API (it keeps what it
// accepted, so a lost answer can be found again), on the time-skipping Temporal server (so retry back-offs
// pass instantly), with the send ledger in real Postgres.
Runtime.install({ logger: new DefaultLogger('WARN') });

let env: TestWorkflowEnvironment;
let prisma: AppPrisma;
let server: Awaited<ReturnType<typeof startLocalServer>>;
let twilio: ReturnType<typeof twilioApi>;
const SID = `AC${'1'.repeat(32)}`;
const TOKEN = 'token-0123456789abcdef';
const SMS_FROM = '+15005550006';
const WA_FROM = '+14155238886';
const TEMPLATE = `HX${'4'.repeat(32)}`;

beforeAll(async () => {
  prisma = testPrisma();
  server = await startLocalServer(() => undefined);
  await workflowBundle();
});
afterAll(async () => {
  await server?.close();
  await prisma?.$disconnect();
});
beforeEach(async () => {
  server.requests.length = 0;
  twilio = twilioApi({ accountSid: SID, authToken: TOKEN, contentTemplates: { [TEMPLATE]: 'Hi {{1}}, your quote {{2}} is ready.' } });
  server.reply(twilio.reply);
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
  });
  await registerSearchAttributes(env.connection, 'default');
});
afterEach(async () => {
  await env?.teardown();
});

interface SendInput {
  body: string;
  channel?: 'sms' | 'whatsapp';
  template?: { contentSid: string; variables: Record<string, string> };
  adapter?: Partial<TwilioConfig>;
}

async function sendOne(input: SendInput) {
  const taskQueue = uniqueName('tq');
  const adapter = new TwilioProvider({ accountSid: SID, authToken: TOKEN, smsFrom: SMS_FROM, whatsappFrom: WA_FROM, baseUrl: server.url, timeoutMs: 2000, ...input.adapter });
  const worker = await startWorker({
    connection: env.nativeConnection,
    taskQueue,
    prisma,
    providers: { sms: adapter, whatsapp: adapter, email: adapter },
    publicUrl: 'https://herald.example',
  });
  const t = await createTestTenant(prisma);
  const contact = await t.db.contact.create({
    data: { tenantId: t.tenant.id, firstName: 'Ada', phone: '+14155550100', lastInboundWhatsappAt: new Date() },
  });
  const { request } = testApi({ prisma, client: env.client, taskQueue });
  try {
    const created = await request()
      .post('/api/messages')
      .set(bearer(t.apiKey))
      .send({ contactId: contact.id, channel: input.channel ?? 'sms', body: input.body, ...(input.template ? { template: input.template } : {}) });
    expect(created.status).toBe(201);
    const result = (await env.client.workflow.getHandle(created.body.message.workflowId).result()) as ScheduledMessageResult;
    const message = await t.db.message.findFirstOrThrow({ where: { id: created.body.message.id } });
    const ledger = await t.db.sendLedgerEntry.findFirstOrThrow({ where: { messageId: message.id } });
    const freshContact = await t.db.contact.findFirstOrThrow({ where: { id: contact.id } });
    return { result, message, ledger, contact: freshContact };
  } finally {
    await worker.stop();
  }
}

const posts = () => messageCreates(server.requests);
const lookups = () => messageLists(server.requests);

describe('exactly-once sends through Twilio', () => {
  it('reconciles a send whose answer was lost instead of sending it again', async () => {
    twilio.outcomes.push({ kind: 'lose-answer' }); // Twilio took it, the answer never came back
    const { result, message, ledger } = await sendOne({ body: 'Quote #12 is ready' });
    expect(result.outcome).toBe('sent');
    expect(posts()).toHaveLength(1);
    expect(lookups()).toHaveLength(1);
    expect(twilio.messages).toHaveLength(1);
    expect(message).toMatchObject({ status: 'sent', provider: 'twilio', providerMessageId: twilio.messages[0]!.sid });
    expect(ledger).toMatchObject({ status: 'accepted', providerMessageId: twilio.messages[0]!.sid, attempts: 2 });
    const form = new URLSearchParams(posts()[0]!.body);
    expect(form.get('StatusCallback')).toBe(`https://herald.example/webhooks/twilio/status?ledger=${ledger.id}`);
  });

  it('never takes for its own a message Twilio accepted for another send with the same words', async () => {
    const first = await sendOne({ body: 'Same words, twice' });
    expect(first.result.outcome).toBe('sent');
    // Another send (here another tenant's, to the same number, from the same shared sender) loses its answer:
    // the lookup sees both messages, and the older one is already the first send's.
    twilio.outcomes.push({ kind: 'lose-answer' });
    const second = await sendOne({ body: 'Same words, twice' });
    expect(second.result.outcome).toBe('sent');
    const atTwilio = twilio.messages.filter((m) => m.body === 'Same words, twice');
    expect(atTwilio).toHaveLength(2);
    expect(first.message.providerMessageId).toBe(atTwilio[0]!.sid);
    expect(second.message.providerMessageId).toBe(atTwilio[1]!.sid);
    expect(second.ledger).toMatchObject({ status: 'accepted', providerMessageId: atTwilio[1]!.sid });
  });

  it('finds a message still queued at Twilio, which has no DateSent yet', async () => {
    twilio.outcomes.push({ kind: 'lose-answer' });
    const { message } = await sendOne({ body: 'Queued, not yet sent' });
    expect(twilio.messages).toHaveLength(1);
    expect(twilio.messages[0]).toMatchObject({ status: 'queued', date_sent: null });
    expect(posts()).toHaveLength(1);
    expect(message.providerMessageId).toBe(twilio.messages[0]!.sid);
  });

  it('reconciles a WhatsApp send, which Twilio keeps under whatsapp: addresses', async () => {
    twilio.outcomes.push({ kind: 'lose-answer' });
    const { message } = await sendOne({ channel: 'whatsapp', body: 'Your visit is confirmed' });
    expect(twilio.messages).toHaveLength(1);
    expect(twilio.messages[0]).toMatchObject({ to: 'whatsapp:+14155550100', from: `whatsapp:${WA_FROM}` });
    expect(posts()).toHaveLength(1);
    expect(message).toMatchObject({ status: 'sent', providerMessageId: twilio.messages[0]!.sid });
  });

  it('reconciles a template send, whose text at Twilio is not the text Herald shows', async () => {
    twilio.outcomes.push({ kind: 'lose-answer' });
    const { message } = await sendOne({ channel: 'whatsapp', body: 'Hi Ada, your quote is ready', template: { contentSid: TEMPLATE, variables: { '1': 'Ada', '2': 'Q-12' } } });
    expect(twilio.messages).toHaveLength(1);
    expect(twilio.messages[0]!.body).toBe('Hi Ada, your quote Q-12 is ready.');
    expect(posts()).toHaveLength(1);
    expect(message).toMatchObject({ status: 'sent', providerMessageId: twilio.messages[0]!.sid });
  });

  it('finds the message on the second page of Twilio’s list', async () => {
    // Newer messages to the same contact fill the first page.
    const later = new Date(Date.now() + 60_000);
    for (let i = 0; i < 3; i++) twilio.seed({ to: '+14155550100', from: SMS_FROM, body: `Another message ${i}`, date_created: rfc2822(later) });
    twilio.outcomes.push({ kind: 'lose-answer' });
    const { message } = await sendOne({ body: 'Deep in the list', adapter: { lookupPageSize: 3 } });
    expect(posts()).toHaveLength(1);
    expect(lookups()).toHaveLength(2);
    expect(message.providerMessageId).toBe(twilio.messages[3]!.sid);
  });

  it('reconciles a 2xx whose body broke off: Twilio had accepted it', async () => {
    twilio.outcomes.push({ kind: 'truncate' });
    const { result, message, ledger } = await sendOne({ body: 'Half an answer' });
    expect(result.outcome).toBe('sent');
    expect(posts()).toHaveLength(1);
    expect(twilio.messages).toHaveLength(1);
    expect(message.providerMessageId).toBe(twilio.messages[0]!.sid);
    expect(ledger).toMatchObject({ status: 'accepted', attempts: 2 });
  });

  it('sends again when the lookup shows Twilio never got the message', async () => {
    twilio.outcomes.push({ kind: 'refuse', status: 503, code: 20503, message: 'unavailable' });
    const { result, message } = await sendOne({ body: 'Second try' });
    expect(result.outcome).toBe('sent');
    expect(posts()).toHaveLength(2);
    expect(lookups()).toHaveLength(1);
    expect(twilio.messages).toHaveLength(1);
    expect(message.providerMessageId).toBe(twilio.messages[0]!.sid);
  });

  it('fails at once on a permanent error, records why, and honours a carrier opt-out', async () => {
    twilio.outcomes.push({ kind: 'refuse', status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const { result, message, ledger, contact } = await sendOne({ body: 'Hello' });
    expect(result).toMatchObject({ outcome: 'failed', errorCode: '21610' });
    expect(posts()).toHaveLength(1);
    expect(message).toMatchObject({ status: 'failed', errorCode: '21610' });
    expect(message.errorMessage).toMatch(/replied STOP/);
    expect(ledger.status).toBe('failed');
    expect(contact.smsConsent).toBe('revoked');
    expect(contact.smsConsentAt).not.toBeNull();
  });

  it('gives an unknown error code a small, bounded number of attempts', async () => {
    for (let i = 0; i < 5; i++) twilio.outcomes.push({ kind: 'refuse', status: 400, code: 30999, message: 'Something new' });
    const { result, message } = await sendOne({ body: 'Hello' });
    expect(result).toMatchObject({ outcome: 'failed', errorCode: '30999' });
    expect(posts()).toHaveLength(3);
    expect(message.status).toBe('failed');
  });

  it('retries 429s, honouring Retry-After, and then sends once', async () => {
    for (let i = 0; i < 2; i++) twilio.outcomes.push({ kind: 'refuse', status: 429, code: 20429, message: 'Too Many Requests', headers: { 'Retry-After': '30' } });
    const { result, message } = await sendOne({ body: 'Busy day' });
    expect(result.outcome).toBe('sent');
    expect(posts()).toHaveLength(3);
    expect(twilio.messages).toHaveLength(1);
    expect(message.providerMessageId).toBe(twilio.messages[0]!.sid);
  });
});
