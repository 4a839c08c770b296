import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../test/harness/free-port';
import { startLocalServer } from '../../test/harness/local-http-server';
import { messageCreates, messageLists, rfc2822, twilioApi } from '../../test/harness/twilio-api';
import { isProviderError, type ProviderError } from '../messaging-provider';
import { TwilioProvider, type TwilioConfig } from './twilio-provider';

// Through the official SDK, against a local server that speaks Twilio's REST API.
let server: Awaited<ReturnType<typeof startLocalServer>>;
let api: ReturnType<typeof twilioApi>;
const SID = 'AC00000000000000000000000000000000';
const TOKEN = 'secret-token-0123456789';
const SMS_FROM = '+15005550006';
const WA_FROM = '+14155238886';
const SERVICE = 'MG00000000000000000000000000000001';

const adapter = (overrides: Partial<TwilioConfig> = {}) =>
  new TwilioProvider({ accountSid: SID, authToken: TOKEN, smsFrom: SMS_FROM, whatsappFrom: WA_FROM, baseUrl: server.url, timeoutMs: 2000, ...overrides });

beforeAll(async () => {
  server = await startLocalServer(() => undefined);
});
afterAll(() => server?.close());
beforeEach(() => {
  server.requests.length = 0;
  api = twilioApi({ accountSid: SID, authToken: TOKEN, contentTemplates: { HX123: 'Hello {{1}}, your quote is ready: {{2}}' } });
  server.reply(api.reply);
});

const sms = { channel: 'sms' as const, to: '+14155550100', body: 'Hello there', idempotencyKey: 'message:t:m' };
const creates = () => messageCreates(server.requests);
const lists = () => messageLists(server.requests);

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('TwilioProvider.send', () => {
  it('posts the form Twilio expects, with basic auth, and returns the SID', async () => {
    const receipt = await adapter().send({ ...sms, statusCallbackUrl: 'https://herald.example/webhooks/twilio/status?ledger=sle_1', mediaUrls: ['https://x/a.jpg', 'https://x/b.jpg'] });
    expect(receipt).toEqual({ providerMessageId: api.messages[0]!.sid, status: 'queued' });
    const [req] = creates();
    expect(req!.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    const form = new URLSearchParams(req!.body);
    expect(form.get('To')).toBe('+14155550100');
    expect(form.get('From')).toBe(SMS_FROM);
    expect(form.get('Body')).toBe('Hello there');
    expect(form.getAll('MediaUrl')).toEqual(['https://x/a.jpg', 'https://x/b.jpg']);
    expect(form.get('StatusCallback')).toBe('https://herald.example/webhooks/twilio/status?ledger=sle_1');
  });

  it('addresses WhatsApp with whatsapp: prefixes and sends templates by ContentSid', async () => {
    await adapter().send({ ...sms, channel: 'whatsapp', template: { contentSid: 'HX123', variables: { '1': 'Ada' } } });
    const form = new URLSearchParams(creates()[0]!.body);
    expect(form.get('To')).toBe('whatsapp:+14155550100');
    expect(form.get('From')).toBe(`whatsapp:${WA_FROM}`);
    expect(form.get('ContentSid')).toBe('HX123');
    expect(JSON.parse(form.get('ContentVariables')!)).toEqual({ '1': 'Ada' });
    expect(form.get('Body')).toBeNull();
  });

  it('sends through a Messaging Service when the sender is an MG… SID', async () => {
    await adapter({ smsFrom: SERVICE }).send(sms);
    const form = new URLSearchParams(creates()[0]!.body);
    expect(form.get('MessagingServiceSid')).toBe(SERVICE);
    expect(form.get('From')).toBeNull();
    await adapter().send({ ...sms, from: SERVICE });
    expect(new URLSearchParams(creates()[1]!.body).get('MessagingServiceSid')).toBe(SERVICE);
  });

  it.each([
    [21211, /not valid/, false],
    [21614, /landline/, false],
    [21610, /STOP/, true],
    [63016, /24-hour window/, false],
  ])('fails permanently on Twilio error %i, with Twilio’s message and where to read more', async (code, explanation, optOut) => {
    api.outcomes.push({ kind: 'refuse', status: 400, code, message: 'from Twilio' });
    const error = await failure(adapter().send(sms));
    expect(error).toMatchObject({ kind: 'permanent', code: String(code), optOut });
    expect(error.message).toMatch(explanation);
    expect(error.message).toContain('Twilio: from Twilio');
    expect(error.message).toContain(`https://www.twilio.com/docs/errors/${code}`);
  });

  it('treats 429 as transient and honours Retry-After', async () => {
    api.outcomes.push({ kind: 'refuse', status: 429, code: 20429, message: 'Too Many Requests', headers: { 'Retry-After': '7' } });
    expect(await failure(adapter().send(sms))).toMatchObject({ kind: 'transient', code: '20429', retryAfterMs: 7000 });
  });

  it('treats 5xx as transient and unknown 4xx codes as unknown', async () => {
    api.outcomes.push({ kind: 'refuse', status: 503, code: 20503, message: 'unavailable' });
    expect((await failure(adapter().send(sms))).kind).toBe('transient');
    api.outcomes.push({ kind: 'refuse', status: 400, code: 30999, message: 'new' });
    expect((await failure(adapter().send(sms))).kind).toBe('unknown');
  });

  it('refuses to send without a sender number', async () => {
    const error = await failure(adapter({ smsFrom: undefined }).send(sms));
    expect(error).toMatchObject({ kind: 'permanent', code: 'NO_SENDER' });
    expect(creates()).toHaveLength(0);
  });
});

describe('TwilioProvider.send when the answer is lost', () => {
  it('calls a connection dropped after the request was sent ambiguous', async () => {
    api.outcomes.push({ kind: 'lose-answer' });
    expect((await failure(adapter().send(sms))).kind).toBe('ambiguous');
    expect(api.messages).toHaveLength(1); // Twilio did take it
  });

  it('calls a 2xx whose body breaks off ambiguous: Twilio accepted something', async () => {
    api.outcomes.push({ kind: 'truncate' });
    expect((await failure(adapter().send(sms))).kind).toBe('ambiguous');
  });

  it('calls a 2xx whose body is not JSON ambiguous', async () => {
    api.outcomes.push({ kind: 'garble' });
    expect((await failure(adapter().send(sms))).kind).toBe('ambiguous');
  });

  it('keeps the deadline over the whole response: a body that never finishes times out as ambiguous', { timeout: 5000 }, async () => {
    api.outcomes.push({ kind: 'stall' });
    expect(await failure(adapter({ timeoutMs: 300 }).send(sms))).toMatchObject({ kind: 'ambiguous', code: 'TIMEOUT' });
  });

  /** Twilio answers reads, but never answers a create. */
  const createsHang = () => server.reply((req, res) => (req.method === 'POST' ? undefined : api.reply(req, res)));

  it('calls a timeout while waiting for the answer ambiguous', async () => {
    createsHang();
    expect(await failure(adapter({ timeoutMs: 200 }).send(sms))).toMatchObject({ kind: 'ambiguous', code: 'TIMEOUT' });
  });

  it('calls a refused connection transient: nothing was sent', async () => {
    const closed = adapter({ baseUrl: `http://127.0.0.1:${await freePort()}` });
    expect((await failure(closed.send(sms))).kind).toBe('transient');
  });

  it('stops when the caller aborts: ambiguous once the request has left, transient before', { timeout: 5000 }, async () => {
    createsHang();
    const controller = new AbortController();
    const pending = failure(adapter({ timeoutMs: 10_000 }).send(sms, { signal: controller.signal }));
    await expect.poll(() => creates().length).toBe(1);
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'ambiguous', code: 'ABORTED' });

    server.requests.length = 0;
    expect(await failure(adapter().send(sms, { signal: AbortSignal.abort() }))).toMatchObject({ kind: 'transient', code: 'ABORTED' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('TwilioProvider.send on a trial account', () => {
  const VERIFIED = '+14155550199';
  beforeEach(() => {
    api = twilioApi({ accountSid: SID, authToken: TOKEN, accountType: 'Trial', verifiedNumbers: [VERIFIED] });
    server.reply(api.reply);
  });

  it('refuses numbers outside the verified caller IDs before calling the Messages API', async () => {
    const error = await failure(adapter().send(sms));
    expect(error).toMatchObject({ kind: 'permanent', code: 'TRIAL_UNVERIFIED_NUMBER' });
    expect(error.message).toMatch(/^This Twilio account is a trial account, which can only text numbers verified in the Twilio console/);
    expect(creates()).toHaveLength(0);
  });

  it('sends to a verified number, and reads the account and its caller IDs once for several sends', async () => {
    const twilio = adapter();
    await twilio.send({ ...sms, to: VERIFIED });
    await twilio.send({ ...sms, to: VERIFIED });
    await failure(twilio.send(sms));
    expect(creates()).toHaveLength(2);
    const paths = server.requests.map((r) => new URL(r.path, server.url).pathname);
    expect(paths.filter((p) => p === `/2010-04-01/Accounts/${SID}.json`)).toHaveLength(1);
    expect(paths.filter((p) => p.endsWith('/OutgoingCallerIds.json'))).toHaveLength(1);
  });

  it('sends when the account cannot be read, leaving the verdict to Twilio (its 21608 says the same)', async () => {
    server.reply((req, res) => (req.method === 'GET' && req.path.endsWith(`${SID}.json`) ? res.writeHead(503).end() : api.reply(req, res)));
    const error = await failure(adapter().send(sms));
    expect(creates()).toHaveLength(1);
    expect(error.kind).toBe('permanent'); // the local server's Twilio still refuses: the number is not verified
  });

  it('does not read caller IDs for a full account', async () => {
    api = twilioApi({ accountSid: SID, authToken: TOKEN, accountType: 'Full' });
    server.reply(api.reply);
    await adapter().send(sms);
    expect(server.requests.some((r) => r.path.includes('OutgoingCallerIds'))).toBe(false);
    expect(creates()).toHaveLength(1);
  });
});

describe('TwilioProvider.lookup', () => {
  const since = () => new Date(Date.now() - 5_000);

  it('finds a free-form SMS by recipient, sender and body', async () => {
    api.seed({ to: '+14155550100', from: SMS_FROM, body: 'Other text' });
    const mine = api.seed({ to: '+14155550100', from: SMS_FROM, body: 'Hello there', status: 'sent', date_sent: rfc2822(new Date()) });
    const found = await adapter().lookup({ channel: 'sms', to: '+14155550100', body: 'Hello there', sentAfter: since() });
    expect(found).toEqual({ providerMessageId: mine.sid, status: 'sent' });
    const url = new URL(lists()[0]!.path, server.url);
    expect(url.searchParams.get('To')).toBe('+14155550100');
    expect(url.searchParams.get('From')).toBe(SMS_FROM);
  });

  it('finds a WhatsApp message, which Twilio stores under whatsapp: addresses', async () => {
    const mine = api.seed({ to: 'whatsapp:+14155550100', from: `whatsapp:${WA_FROM}`, body: 'Hello there' });
    const found = await adapter().lookup({ channel: 'whatsapp', to: '+14155550100', body: 'Hello there', sentAfter: since() });
    expect(found?.providerMessageId).toBe(mine.sid);
  });

  it('finds a template send by recipient, sender and time: Twilio’s rendered text is not Herald’s', async () => {
    api.seed({ to: 'whatsapp:+14155550100', from: 'whatsapp:+15550001111', body: 'From another sender' });
    const mine = api.seed({ to: 'whatsapp:+14155550100', from: `whatsapp:${WA_FROM}`, body: 'Hello Ada, your quote is ready: Q-12' });
    const found = await adapter().lookup({ channel: 'whatsapp', to: '+14155550100', body: null, sentAfter: since() });
    expect(found?.providerMessageId).toBe(mine.sid);
  });

  it('finds a message still queued at Twilio, with no DateSent yet', async () => {
    const mine = api.seed({ to: '+14155550100', from: SMS_FROM, body: 'Hello there', status: 'queued', date_sent: null });
    const found = await adapter().lookup({ channel: 'sms', to: '+14155550100', body: 'Hello there', sentAfter: since() });
    expect(found).toEqual({ providerMessageId: mine.sid, status: 'queued' });
    expect([...new URL(lists()[0]!.path, server.url).searchParams.keys()].some((k) => k.startsWith('DateSent'))).toBe(false);
  });

  it('follows Twilio’s paging to a match on the second page', async () => {
    const mine = api.seed({ to: '+14155550100', from: SMS_FROM, body: 'Hello there' });
    const later = new Date(Date.now() + 60_000);
    for (let i = 0; i < 3; i++) api.seed({ to: '+14155550100', from: SMS_FROM, body: `Newer ${i}`, date_created: rfc2822(later) });
    const found = await adapter({ lookupPageSize: 3 }).lookup({ channel: 'sms', to: '+14155550100', body: 'Hello there', sentAfter: since() });
    expect(found?.providerMessageId).toBe(mine.sid);
    expect(lists()).toHaveLength(2);
  });

  it('reads a bounded number of pages', async () => {
    for (let i = 0; i < 10; i++) api.seed({ to: '+14155550100', from: SMS_FROM, body: `Other ${i}` });
    expect(await adapter({ lookupPageSize: 2, lookupMaxPages: 3 }).lookup({ channel: 'sms', to: '+14155550100', body: 'Hello there', sentAfter: since() })).toBeNull();
    expect(lists()).toHaveLength(3);
  });

  it('ignores messages created before the first attempt and messages from other senders', async () => {
    api.seed({ to: '+14155550100', from: SMS_FROM, body: 'Hello there', date_created: rfc2822(new Date(Date.now() - 3_600_000)) });
    api.seed({ to: '+14155550100', from: '+15550001111', body: 'Hello there' });
    expect(await adapter().lookup({ channel: 'sms', to: '+14155550100', body: 'Hello there', sentAfter: since() })).toBeNull();
    expect(await adapter().lookup({ channel: 'sms', to: '+14155550100', body: null, sentAfter: since() })).toBeNull();
  });

  it('matches a Messaging Service send by recipient and time, not by From', async () => {
    const mine = api.seed({ to: '+14155550100', from: '+15005550009', messaging_service_sid: SERVICE, body: 'Hello there' });
    const found = await adapter({ smsFrom: SERVICE }).lookup({ channel: 'sms', to: '+14155550100', body: 'Hello there', sentAfter: since() });
    expect(found?.providerMessageId).toBe(mine.sid);
    expect(new URL(lists()[0]!.path, server.url).searchParams.has('From')).toBe(false);
  });

  it('returns null when Twilio has no such message', async () => {
    expect(await adapter().lookup({ channel: 'sms', to: '+14155550100', body: 'Hello there', sentAfter: since() })).toBeNull();
  });

  it('treats a failed lookup as transient: reading again is harmless', async () => {
    server.reply((_req, res) => res.socket?.destroy());
    expect((await failure(adapter().lookup({ channel: 'sms', to: '+14155550100', body: 'x', sentAfter: since() }))).kind).toBe('transient');
  });
});
