import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dropConnection, json, startLocalServer } from '../../test/harness/local-http-server';
import { freePort } from '../../test/harness/free-port';
import { isProviderError, type ProviderError } from '../messaging-provider';
import { ResendProvider } from './resend-provider';

// Against a local server that speaks Resend's /emails API.
let server: Awaited<ReturnType<typeof startLocalServer>>;
let resend: ResendProvider;

beforeAll(async () => {
  server = await startLocalServer((_req, res) => json(res, 500, {}));
  resend = new ResendProvider({ apiKey: 're_test', from: 'Acme <hello@acme.test>', baseUrl: server.url, timeoutMs: 2000 });
});
afterAll(() => server?.close());
beforeEach(() => {
  server.requests.length = 0;
});

const email = { channel: 'email' as const, to: 'ada@example.com', subject: 'Your quote', body: 'Hi <Ada>\nHere it is', idempotencyKey: 'message:ten_1:msg_1' };

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('ResendProvider.send', () => {
  it('posts JSON with the bearer key and the idempotency key, text and escaped HTML', async () => {
    server.reply((_req, res) => json(res, 200, { id: 'email_123' }));
    expect(await resend.send(email)).toEqual({ providerMessageId: 'email_123', status: 'sent' });
    const [req] = server.requests;
    expect(req!.path).toBe('/emails');
    expect(req!.headers.authorization).toBe('Bearer re_test');
    expect(req!.headers['idempotency-key']).toBe('message:ten_1:msg_1');
    expect(JSON.parse(req!.body)).toEqual({
      from: 'Acme <hello@acme.test>',
      to: ['ada@example.com'],
      subject: 'Your quote',
      text: 'Hi <Ada>\nHere it is',
      html: '<p>Hi &lt;Ada&gt;<br>Here it is</p>',
    });
  });

  it('fails permanently on validation errors, with Resend’s message', async () => {
    server.reply((_req, res) => json(res, 422, { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' }));
    const error = await failure(resend.send(email));
    expect(error).toMatchObject({ kind: 'permanent', code: 'validation_error' });
    expect(error.message).toContain('Invalid `to` field.');
  });

  it('retries on 429 (honouring Retry-After) and 5xx', async () => {
    server.reply((_req, res) => json(res, 429, { name: 'rate_limit_exceeded', message: 'slow down' }, { 'retry-after': '2' }));
    expect(await failure(resend.send(email))).toMatchObject({ kind: 'transient', retryAfterMs: 2000 });
    server.reply((_req, res) => json(res, 502, {}));
    expect((await failure(resend.send(email))).kind).toBe('transient');
  });

  it('retries a send whose answer was lost: the idempotency key makes it safe', async () => {
    server.reply((_req, res) => dropConnection(res));
    expect((await failure(resend.send(email))).kind).toBe('transient');
    const refused = new ResendProvider({ apiKey: 're_test', from: 'a@b.c', baseUrl: `http://127.0.0.1:${await freePort()}` });
    expect((await failure(refused.send(email))).kind).toBe('transient');
  });
});
