import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, inject } from 'vitest';
import type { PrismaClient } from '../../prisma/client';
import { TwilioProvider } from '../../providers/twilio/twilio-provider';
import { registerSearchAttributes } from '../../scripts/lib/search-attributes';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, startWorker, testApi, testPrisma, uniqueName, workflowBundle } from '../harness/context';
import { dropConnection, json, startLocalServer } from '../harness/local-http-server';

// The send path against a local server speaking Twilio's API, on the time-skipping Temporal server (so
// retry back-offs pass instantly), with the send ledger in real Postgres.
Runtime.install({ logger: new DefaultLogger('WARN') });

let env: TestWorkflowEnvironment;
let prisma: PrismaClient;
let twilioApi: Awaited<ReturnType<typeof startLocalServer>>;
const SID = `AC${'1'.repeat(32)}`;

beforeAll(async () => {
  prisma = testPrisma();
  twilioApi = await startLocalServer((_req, res) => json(res, 500, {}));
  await workflowBundle();
});
afterAll(async () => {
  await twilioApi?.close();
  await prisma?.$disconnect();
});
beforeEach(async () => {
  twilioApi.requests.length = 0;
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
  });
  await registerSearchAttributes(env.connection, 'default');
});
afterEach(async () => {
  await env?.teardown();
});

async function sendOne(body: string) {
  const taskQueue = uniqueName('tq');
  const twilio = new TwilioProvider({ accountSid: SID, authToken: 'token', smsFrom: '+15005550006', baseUrl: twilioApi.url, timeoutMs: 2000 });
  const worker = await startWorker({
    connection: env.nativeConnection,
    taskQueue,
    prisma,
    providers: { sms: twilio, whatsapp: twilio, email: twilio },
    publicUrl: 'https://herald.example',
  });
  const t = await createTestTenant(prisma);
  const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', phone: '+14155550100' } });
  const { request } = testApi({ prisma, client: env.client, taskQueue });
  try {
    const created = await request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body });
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

const posts = () => twilioApi.requests.filter((r) => r.method === 'POST');
const lookups = () => twilioApi.requests.filter((r) => r.method === 'GET');

describe('exactly-once sends through Twilio', () => {
  it('reconciles a send whose answer was lost instead of sending it again', async () => {
    twilioApi.reply((req, res) => {
      if (req.method === 'POST') return dropConnection(res); // Twilio took it, the answer never came back
      json(res, 200, { messages: [{ sid: 'SMreconciled', status: 'sent', body: 'Quote #12 is ready', to: '+14155550100', date_created: new Date().toUTCString() }] });
    });
    const { result, message, ledger } = await sendOne('Quote #12 is ready');
    expect(result.outcome).toBe('sent');
    expect(posts()).toHaveLength(1);
    expect(lookups()).toHaveLength(1);
    expect(message).toMatchObject({ status: 'sent', provider: 'twilio', providerMessageId: 'SMreconciled' });
    expect(ledger).toMatchObject({ status: 'accepted', providerMessageId: 'SMreconciled', attempts: 2 });
    const form = new URLSearchParams(posts()[0]!.body);
    expect(form.get('StatusCallback')).toBe(`https://herald.example/webhooks/twilio/status?ledger=${ledger.id}`);
  });

  it('sends again when the lookup shows Twilio never got the message', async () => {
    let attempt = 0;
    twilioApi.reply((req, res) => {
      if (req.method === 'GET') return json(res, 200, { messages: [] });
      attempt++;
      return attempt === 1 ? dropConnection(res) : json(res, 201, { sid: 'SMsecond', status: 'queued' });
    });
    const { result, message } = await sendOne('Second try');
    expect(result.outcome).toBe('sent');
    expect(posts()).toHaveLength(2);
    expect(lookups()).toHaveLength(1);
    expect(message.providerMessageId).toBe('SMsecond');
  });

  it('fails at once on a permanent error, records why, and honours a carrier opt-out', async () => {
    twilioApi.reply((_req, res) => json(res, 400, { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 }));
    const { result, message, ledger, contact } = await sendOne('Hello');
    expect(result).toMatchObject({ outcome: 'failed', errorCode: '21610' });
    expect(posts()).toHaveLength(1);
    expect(message).toMatchObject({ status: 'failed', errorCode: '21610' });
    expect(message.errorMessage).toMatch(/replied STOP/);
    expect(ledger.status).toBe('failed');
    expect(contact.smsConsent).toBe('revoked');
    expect(contact.smsConsentAt).not.toBeNull();
  });

  it('gives an unknown error code a small, bounded number of attempts', async () => {
    twilioApi.reply((req, res) => (req.method === 'GET' ? json(res, 200, { messages: [] }) : json(res, 400, { code: 30999, message: 'Something new' })));
    const { result, message } = await sendOne('Hello');
    expect(result).toMatchObject({ outcome: 'failed', errorCode: '30999' });
    expect(posts()).toHaveLength(3);
    expect(message.status).toBe('failed');
  });

  it('retries 429s, honouring Retry-After, and then sends once', async () => {
    let attempt = 0;
    twilioApi.reply((req, res) => {
      if (req.method === 'GET') return json(res, 200, { messages: [] });
      attempt++;
      return attempt < 3 ? json(res, 429, { code: 20429, message: 'Too Many Requests' }, { 'Retry-After': '30' }) : json(res, 201, { sid: 'SMok', status: 'queued' });
    });
    const { result, message } = await sendOne('Busy day');
    expect(result.outcome).toBe('sent');
    expect(posts()).toHaveLength(3);
    expect(message.providerMessageId).toBe('SMok');
  });
});
