import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dropConnection, json, startLocalServer } from '../../test/harness/local-http-server';
import { freePort } from '../../test/harness/free-port';
import { isProviderError, type ProviderError } from '../messaging-provider';
import { TwilioProvider } from './twilio-provider';

// Against a local server that speaks Twilio's Messages API.
let server: Awaited<ReturnType<typeof startLocalServer>>;
let twilio: TwilioProvider;
const SID = 'AC00000000000000000000000000000000';

beforeAll(async () => {
  server = await startLocalServer((_req, res) => json(res, 500, {}));
  twilio = new TwilioProvider({ accountSid: SID, authToken: 'secret', smsFrom: '+15005550006', whatsappFrom: '+14155238886', baseUrl: server.url, timeoutMs: 2000 });
});
afterAll(() => server?.close());
beforeEach(() => {
  server.requests.length = 0;
});

const sms = { channel: 'sms' as const, to: '+14155550100', body: 'Hello there', idempotencyKey: 'message:t:m' };

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('TwilioProvider.send', () => {
  it('posts the form Twilio expects, with basic auth, and returns the SID', async () => {
    server.reply((_req, res) => json(res, 201, { sid: 'SM123', status: 'queued' }));
    const receipt = await twilio.send({ ...sms, statusCallbackUrl: 'https://herald.example/webhooks/twilio/status?ledger=sle_1', mediaUrls: ['https://x/a.jpg', 'https://x/b.jpg'] });
    expect(receipt).toEqual({ providerMessageId: 'SM123', status: 'queued' });
    const [req] = server.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:secret`).toString('base64')}`);
    const form = new URLSearchParams(req!.body);
    expect(form.get('To')).toBe('+14155550100');
    expect(form.get('From')).toBe('+15005550006');
    expect(form.get('Body')).toBe('Hello there');
    expect(form.getAll('MediaUrl')).toEqual(['https://x/a.jpg', 'https://x/b.jpg']);
    expect(form.get('StatusCallback')).toBe('https://herald.example/webhooks/twilio/status?ledger=sle_1');
  });

  it('addresses WhatsApp with whatsapp: prefixes and sends templates by ContentSid', async () => {
    server.reply((_req, res) => json(res, 201, { sid: 'SM456', status: 'queued' }));
    await twilio.send({ ...sms, channel: 'whatsapp', template: { contentSid: 'HX123', variables: { '1': 'Ada' } } });
    const form = new URLSearchParams(server.requests[0]!.body);
    expect(form.get('To')).toBe('whatsapp:+14155550100');
    expect(form.get('From')).toBe('whatsapp:+14155238886');
    expect(form.get('ContentSid')).toBe('HX123');
    expect(JSON.parse(form.get('ContentVariables')!)).toEqual({ '1': 'Ada' });
    expect(form.get('Body')).toBeNull();
  });

  it.each([
    [21211, /not valid/, false],
    [21614, /landline/, false],
    [21610, /STOP/, true],
    [63016, /24-hour window/, false],
  ])('fails permanently on Twilio error %i', async (code, explanation, optOut) => {
    server.reply((_req, res) => json(res, 400, { code, message: 'from Twilio', more_info: `https://www.twilio.com/docs/errors/${code}`, status: 400 }));
    const error = await failure(twilio.send(sms));
    expect(error).toMatchObject({ kind: 'permanent', code: String(code), optOut });
    expect(error.message).toMatch(explanation);
    expect(error.message).toContain('Twilio: from Twilio');
  });

  it('treats 429 as transient and honours Retry-After', async () => {
    server.reply((_req, res) => json(res, 429, { code: 20429, message: 'Too Many Requests' }, { 'Retry-After': '7' }));
    expect(await failure(twilio.send(sms))).toMatchObject({ kind: 'transient', code: '20429', retryAfterMs: 7000 });
  });

  it('treats 5xx as transient and unknown 4xx codes as unknown', async () => {
    server.reply((_req, res) => json(res, 503, { message: 'unavailable' }));
    expect((await failure(twilio.send(sms))).kind).toBe('transient');
    server.reply((_req, res) => json(res, 400, { code: 30999, message: 'new' }));
    expect((await failure(twilio.send(sms))).kind).toBe('unknown');
  });

  it('calls a connection dropped after the request was sent ambiguous', async () => {
    server.reply((_req, res) => dropConnection(res));
    const error = await failure(twilio.send(sms));
    expect(error.kind).toBe('ambiguous');
    expect(server.requests).toHaveLength(1); // the request did reach "Twilio"
  });

  it('calls a timeout ambiguous', async () => {
    const slow = new TwilioProvider({ accountSid: SID, authToken: 'secret', smsFrom: '+15005550006', baseUrl: server.url, timeoutMs: 200 });
    server.reply(() => undefined); // never answers
    expect((await failure(slow.send(sms))).kind).toBe('ambiguous');
  });

  it('calls a refused connection transient: nothing was sent', async () => {
    const closed = new TwilioProvider({ accountSid: SID, authToken: 'secret', smsFrom: '+15005550006', baseUrl: `http://127.0.0.1:${await freePort()}` });
    expect((await failure(closed.send(sms))).kind).toBe('transient');
  });

  it('refuses to send without a sender number', async () => {
    const noSender = new TwilioProvider({ accountSid: SID, authToken: 'secret', baseUrl: server.url });
    expect(await failure(noSender.send(sms))).toMatchObject({ kind: 'permanent', code: 'NO_SENDER' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('TwilioProvider.lookup', () => {
  it('finds an accepted message by recipient, sender and body', async () => {
    server.reply((_req, res) =>
      json(res, 200, {
        messages: [
          { sid: 'SMold', status: 'delivered', body: 'Other text', to: '+14155550100', date_created: new Date().toUTCString() },
          { sid: 'SMmine', status: 'sent', body: 'Hello there', to: '+14155550100', date_created: new Date().toUTCString() },
        ],
      }),
    );
    const found = await twilio.lookup({ to: '+14155550100', from: '+15005550006', body: 'Hello there', sentAfter: new Date(Date.now() - 60_000) });
    expect(found).toEqual({ providerMessageId: 'SMmine', status: 'sent' });
    const url = new URL(server.requests[0]!.path, server.url);
    expect(url.searchParams.get('To')).toBe('+14155550100');
    expect(url.searchParams.get('From')).toBe('+15005550006');
    expect(url.searchParams.get('DateSent>')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('returns null when Twilio has no such message', async () => {
    server.reply((_req, res) => json(res, 200, { messages: [] }));
    expect(await twilio.lookup({ to: '+14155550100', body: 'Hello there', sentAfter: new Date() })).toBeNull();
  });
});
