import { randomUUID } from 'node:crypto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import pg from 'pg';
import { pino } from 'pino';
import { Webhook } from 'svix';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { ResendProvider } from '../../providers/resend/resend-provider';
import { TwilioProvider } from '../../providers/twilio/twilio-provider';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, TEST_WEBHOOKS, testApi, uniqueName, testSystemPrisma } from '../harness/context';
import { freePort } from '../harness/free-port';
import { json, startLocalServer, type RecordedRequest } from '../harness/local-http-server';
import { useDevServerWorker, type DevServer } from '../harness/suites';
import { messageCreates, twilioAccounts, twilioApi } from '../harness/twilio-api';

// A tenant's own Twilio and Resend accounts: stored sealed (AES-256-GCM), never shown, checked against Twilio
// through its SDK before they are kept, and used for that tenant's sends only — through one adapter per account.
Runtime.install({ logger: new DefaultLogger('WARN') });

const SHARED_SID = `AC${'5'.repeat(32)}`;
const SHARED_TOKEN = '5'.repeat(32);
const SHARED_SMS = '+15005550006';
const OWN_SID = `AC${'a1'.repeat(16)}`;
const OWN_TOKEN = '0123456789abcdef0123456789abcdef';
const OWN_RESEND_KEY = 're_tenantOwn_5ecretKeyValue9876';
const OWN_WEBHOOK_SECRET = `whsec_${Buffer.from('tenant-own-resend-signing-secret').toString('base64')}`;
const SECRETS = [OWN_TOKEN, OWN_RESEND_KEY, OWN_WEBHOOK_SECRET, 'fedcba9876543210fedcba9876543210'];

/** Every line the API and the worker log in this file: no secret may appear in one. */
const logLines: string[] = [];
const capture = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
/** Every answer the API gives in this file: no secret may appear in one. */
const answers: string[] = [];

const twilioServer = await startLocalServer(() => undefined);
const resendServer = await startLocalServer(() => undefined);
let shared = twilioApi({ accountSid: SHARED_SID, authToken: SHARED_TOKEN });
let own = twilioApi({ accountSid: OWN_SID, authToken: OWN_TOKEN });

let server: DevServer;
let prisma: AppPrisma;
const taskQueue = uniqueName('own-accounts-tq');
const twilio = new TwilioProvider({ accountSid: SHARED_SID, authToken: SHARED_TOKEN, smsFrom: SHARED_SMS, baseUrl: twilioServer.url, timeoutMs: 10_000 });
const resend = new ResendProvider({ apiKey: 're_shared_0123456789', from: 'Herald <noreply@herald.test>', baseUrl: resendServer.url, timeoutMs: 10_000 });
useDevServerWorker(
  {
    taskQueue,
    providers: { sms: twilio, whatsapp: twilio, email: resend },
    sharedSenders: { sms: SHARED_SMS, email: 'Herald <noreply@herald.test>' },
    ownAccounts: { twilioBaseUrl: twilioServer.url, resendBaseUrl: resendServer.url },
    logger: capture,
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
  shared = twilioApi({ accountSid: SHARED_SID, authToken: SHARED_TOKEN });
  // The tenant's own account is a trial: its adapter reads the account and its verified numbers before an SMS.
  own = twilioApi({ accountSid: OWN_SID, authToken: OWN_TOKEN, accountType: 'Trial', verifiedNumbers: ['+14155550100', '+14155550101'] });
  twilioServer.reply(twilioAccounts(shared, own));
  resendServer.reply((_req, res) => json(res, 200, { id: `em_${randomUUID()}` }));
});

const PROVIDERS = { sms: 'twilio', whatsapp: 'twilio', email: 'resend' };

async function tenant(name: string, phone = '+14155550100') {
  const t = await createTestTenant(prisma, { businessName: name, quietStartMinute: null, quietEndMinute: null });
  const api = testApi({ prisma, client: server.client, taskQueue, deps: { providers: PROVIDERS, twilioApiBaseUrl: twilioServer.url, logger: capture } });
  const call = async (method: 'get' | 'put' | 'delete' | 'post', path: string, body?: object) => {
    let req = api.request()[method](path).set(bearer(t.apiKey));
    if (body) req = req.send(body);
    const res = await req;
    answers.push(JSON.stringify({ headers: res.headers, body: res.body, text: res.text }));
    return res;
  };
  const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', phone, email: `ada-${Math.random().toString(36).slice(2, 10)}@example.com` } });
  const send = async (channel: 'sms' | 'email') => {
    const created = await call('post', '/api/messages', { contactId: contact.id, channel, body: `Hello on ${channel}`, ...(channel === 'email' ? { subject: 'Hi' } : {}) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const result = (await server.client.workflow.getHandle(created.body.message.workflowId).result()) as ScheduledMessageResult;
    return { result, message: await t.db.message.findFirstOrThrow({ where: { id: created.body.message.id } }) };
  };
  return { ...t, call, contact, send };
}

const basic = (sid: string, token: string) => `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
const accountOf = (r: RecordedRequest) => /\/Accounts\/(AC\w+?)[./]/.exec(r.path)?.[1];
const accountReads = (sid: string) => twilioServer.requests.filter((r) => r.method === 'GET' && r.path === `/2010-04-01/Accounts/${sid}.json`);

async function rawRows(tenantId: string): Promise<string> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT * FROM provider_credentials WHERE tenant_id = $1`, [tenantId]);
    expect(rows.length).toBeGreaterThan(0);
    // Every column as the database holds it: text as is, bytea as raw bytes, hex and base64.
    return rows
      .flatMap((row: Record<string, unknown>) =>
        Object.values(row).flatMap((v) => (Buffer.isBuffer(v) ? [v.toString('latin1'), v.toString('utf8'), v.toString('hex'), v.toString('base64')] : [String(v)])),
      )
      .join('\n');
  } finally {
    await client.end();
  }
}

describe('a tenant’s own Twilio account', () => {
  it('is checked against Twilio, stored sealed, shown without its token, and carries that tenant’s SMS only', async () => {
    const a = await tenant('Own Account Co');
    const b = await tenant('Shared Account Co', '+14155550101');

    const put = await a.call('put', '/api/provider-credentials/twilio', { accountSid: OWN_SID, authToken: OWN_TOKEN });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(accountReads(OWN_SID)).toHaveLength(1);
    expect(accountReads(OWN_SID)[0]!.headers.authorization).toBe(basic(OWN_SID, OWN_TOKEN));
    expect(put.body.providerCredentials).toMatchObject({
      twilio: { accountSid: OWN_SID },
      resend: null,
      channels: { sms: { provider: 'twilio', account: 'own' }, whatsapp: { provider: 'twilio', account: 'own' }, email: { provider: 'resend', account: 'shared' } },
    });
    const got = await a.call('get', '/api/provider-credentials');
    expect(got.body.providerCredentials.twilio.accountSid).toBe(OWN_SID);
    expect((await b.call('get', '/api/provider-credentials')).body.providerCredentials).toMatchObject({ twilio: null, channels: { sms: { account: 'shared' } } });

    // At rest: no plaintext in any column, in any encoding.
    const raw = await rawRows(a.tenant.id);
    expect(raw).toContain(OWN_SID);
    for (const form of [OWN_TOKEN, Buffer.from(OWN_TOKEN).toString('hex'), Buffer.from(OWN_TOKEN).toString('base64')]) expect(raw).not.toContain(form);

    // Its own account needs its own sender: without a default, nothing is sent (and Twilio is not called).
    const noSender = await a.send('sms');
    expect(noSender.result).toMatchObject({ outcome: 'failed', errorCode: 'NO_SENDER' });
    expect(noSender.message.errorMessage).toMatch(/own Twilio account.*default sms sender/);
    expect(messageCreates(twilioServer.requests)).toHaveLength(0);

    await a.call('post', '/api/sender-addresses', { channel: 'sms', address: '+15005550123', isDefault: true });
    twilioServer.requests.length = 0;
    const first = await a.send('sms');
    const second = await a.send('sms');
    expect([first.result.outcome, second.result.outcome]).toEqual(['sent', 'sent']);
    const creates = messageCreates(twilioServer.requests);
    expect(creates.map(accountOf)).toEqual([OWN_SID, OWN_SID]);
    for (const c of creates) expect(c.headers.authorization).toBe(basic(OWN_SID, OWN_TOKEN));
    expect(own.messages.map((m) => m.from)).toEqual(['+15005550123', '+15005550123']);
    // One adapter for the account: its trial check read the account once for both sends.
    expect(accountReads(OWN_SID)).toHaveLength(1);

    // The other tenant still goes through the shared account.
    twilioServer.requests.length = 0;
    expect((await b.send('sms')).result.outcome).toBe('sent');
    expect(messageCreates(twilioServer.requests).map(accountOf)).toEqual([SHARED_SID]);
    expect(messageCreates(twilioServer.requests)[0]!.headers.authorization).toBe(basic(SHARED_SID, SHARED_TOKEN));
    expect(shared.messages.map((m) => m.from)).toEqual([SHARED_SMS]);

    // DELETE: back to the shared account (and, without a sender of its own there, the tenant's default stays).
    expect((await a.call('delete', '/api/provider-credentials/twilio')).status).toBe(204);
    expect((await a.call('get', '/api/provider-credentials')).body.providerCredentials).toMatchObject({ twilio: null, channels: { sms: { provider: 'twilio', account: 'shared' } } });
    twilioServer.requests.length = 0;
    expect((await a.send('sms')).result.outcome).toBe('sent');
    expect(messageCreates(twilioServer.requests).map(accountOf)).toEqual([SHARED_SID]);
    expect(await a.db.providerCredential.count()).toBe(0);
  });

  it('answers 422 with Twilio’s reason when Twilio refuses the credentials, and stores nothing', async () => {
    const a = await tenant('Wrong Token Co');
    const res = await a.call('put', '/api/provider-credentials/twilio', { accountSid: OWN_SID, authToken: 'fedcba9876543210fedcba9876543210' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CREDENTIALS_REJECTED');
    expect(res.body.error.message).toMatch(/Twilio refused.*Authenticate.*20003/);
    const unknown = await a.call('put', '/api/provider-credentials/twilio', { accountSid: `AC${'9'.repeat(32)}`, authToken: OWN_TOKEN });
    expect(unknown.status).toBe(422);
    expect(await a.db.providerCredential.count()).toBe(0);
  });

  it('answers 503 when Twilio cannot be reached to check them, and 400 for what cannot be credentials', async () => {
    const a = await tenant('Offline Co');
    const offline = testApi({ prisma, client: server.client, taskQueue, deps: { providers: PROVIDERS, twilioApiBaseUrl: `http://127.0.0.1:${await freePort()}`, logger: capture } });
    const res = await offline.request().put('/api/provider-credentials/twilio').set(bearer(a.apiKey)).send({ accountSid: OWN_SID, authToken: OWN_TOKEN });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/Twilio could not be reached.*nothing was saved/i) });
    const bad = await a.call('put', '/api/provider-credentials/twilio', { accountSid: 'AC123', authToken: OWN_TOKEN, extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/accountSid/);
    expect(await a.db.providerCredential.count()).toBe(0);
  });

  it('cannot be stored by a server without HERALD_SECRETS_KEY', async () => {
    const a = await tenant('Keyless Co');
    const keyless = testApi({ prisma, client: server.client, taskQueue, deps: { providers: PROVIDERS, twilioApiBaseUrl: twilioServer.url, secrets: undefined, logger: capture } });
    const res = await keyless.request().put('/api/provider-credentials/twilio').set(bearer(a.apiKey)).send({ accountSid: OWN_SID, authToken: OWN_TOKEN });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/HERALD_SECRETS_KEY/);
    expect(await a.db.providerCredential.count()).toBe(0);
  });
});

describe('a tenant’s own Resend account', () => {
  it('is stored sealed, shown by its last four characters only, and carries that tenant’s email only', async () => {
    const a = await tenant('Own Resend Co');
    const b = await tenant('Shared Resend Co');
    const put = await a.call('put', '/api/provider-credentials/resend', { apiKey: OWN_RESEND_KEY, webhookSecret: OWN_WEBHOOK_SECRET });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.providerCredentials).toMatchObject({
      resend: { apiKeyLast4: OWN_RESEND_KEY.slice(-4), webhookSecret: true },
      channels: { email: { provider: 'resend', account: 'own', defaultSender: null } },
    });
    const raw = await rawRows(a.tenant.id);
    for (const secret of [OWN_RESEND_KEY, OWN_WEBHOOK_SECRET]) expect(raw).not.toContain(secret);

    await a.call('post', '/api/sender-addresses', { channel: 'email', address: 'hello@own-resend.example', displayName: 'Own Resend', isDefault: true });
    expect((await a.send('email')).result.outcome).toBe('sent');
    expect((await b.send('email')).result.outcome).toBe('sent');
    // One post per email: a retry (a slow answer under load) carries the same Idempotency-Key, which Resend dedupes.
    const posts = [...new Map(resendServer.requests.filter((r) => r.path === '/emails').map((r) => [r.headers['idempotency-key'], r] as const)).values()];
    expect(posts.map((r) => r.headers.authorization)).toEqual([`Bearer ${OWN_RESEND_KEY}`, 'Bearer re_shared_0123456789']);
    expect(posts.map((r) => (JSON.parse(r.body) as { from: string }).from)).toEqual(['Own Resend <hello@own-resend.example>', 'Herald <noreply@herald.test>']);

    expect((await a.call('delete', '/api/provider-credentials/resend')).status).toBe(204);
    expect((await a.call('get', '/api/provider-credentials')).body.providerCredentials).toMatchObject({ resend: null, channels: { email: { account: 'shared' } } });
  });

  it('verifies that account’s webhooks with its own signing secret', async () => {
    const a = await tenant('Own Resend Hooks Co');
    const b = await tenant('Shared Resend Hooks Co');
    await a.call('put', '/api/provider-credentials/resend', { apiKey: OWN_RESEND_KEY, webhookSecret: OWN_WEBHOOK_SECRET });
    await a.call('post', '/api/sender-addresses', { channel: 'email', address: 'hooks@own-resend.example', isDefault: true });
    const sentA = (await a.send('email')).message;
    expect(sentA.status).toBe('sent');
    const sentB = (await b.send('email')).message;
    const api = testApi({ prisma, client: server.client, taskQueue, deps: { providers: PROVIDERS, logger: capture } });
    const post = (secret: string, emailId: string) => {
      const id = `msg_${Math.random().toString(36).slice(2)}`;
      const body = JSON.stringify({ type: 'email.bounced', created_at: new Date().toISOString(), data: { email_id: emailId } });
      const at = new Date();
      const headers = { 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': new Webhook(secret).sign(id, at, body) };
      return api.request().post('/webhooks/resend').set(headers).set('content-type', 'application/json').send(body);
    };
    const events = () => testSystemPrisma().webhookEvent.count();
    const before = await events();
    const first = await post(TEST_WEBHOOKS.resendWebhookSecret, sentA.providerMessageId!);
    expect(first.status, JSON.stringify(first.body)).toBe(403);
    expect((await post(OWN_WEBHOOK_SECRET, sentB.providerMessageId!)).status).toBe(403);
    expect(await events()).toBe(before);
    expect((await post(OWN_WEBHOOK_SECRET, sentA.providerMessageId!)).status).toBe(204);
    expect((await post(TEST_WEBHOOKS.resendWebhookSecret, sentB.providerMessageId!)).status).toBe(204);
    for (const [t, row] of [
      [a, sentA],
      [b, sentB],
    ] as const) {
      expect(await t.db.message.findFirstOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'failed', errorCode: 'BOUNCED' });
    }
  });
});

describe('secrets', () => {
  it('appear in no API answer and no log line of this file', () => {
    expect(answers.length).toBeGreaterThan(10);
    expect(logLines.length).toBeGreaterThan(5);
    for (const secret of SECRETS) {
      for (const answer of answers) expect(answer).not.toContain(secret);
      for (const line of logLines) expect(line).not.toContain(secret);
    }
  });
});
