import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../test/harness/free-port';
import { dropConnection, json, startLocalServer } from '../../test/harness/local-http-server';
import { isProviderError, type ProviderError } from '../messaging-provider';
import { ResendProvider, type ResendConfig } from './resend-provider';

// Through the official SDK, against a local server that speaks Resend's API.
let server: Awaited<ReturnType<typeof startLocalServer>>;
const adapter = (overrides: Partial<ResendConfig> = {}) =>
  new ResendProvider({ apiKey: 're_test', from: 'Acme <hello@acme.test>', baseUrl: server.url, timeoutMs: 2000, ...overrides });

beforeAll(async () => {
  server = await startLocalServer((_req, res) => json(res, 500, {}));
});
afterAll(() => server?.close());
beforeEach(() => {
  server.requests.length = 0;
});

const email = { channel: 'email' as const, to: 'ada@example.com', subject: 'Your quote', body: 'Hi <Ada> & "Bo"\nHere it is', idempotencyKey: 'message:ten_1:msg_1' };

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('ResendProvider.send', () => {
  it('posts JSON with the bearer key and the idempotency key, the text as written and its HTML escaped once', async () => {
    server.reply((_req, res) => json(res, 200, { id: 'email_123' }));
    expect(await adapter().send(email)).toEqual({ providerMessageId: 'email_123', status: 'sent' });
    const [req] = server.requests;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/emails');
    expect(req!.headers.authorization).toBe('Bearer re_test');
    expect(req!.headers['idempotency-key']).toBe('message:ten_1:msg_1');
    expect(JSON.parse(req!.body)).toEqual({
      from: 'Acme <hello@acme.test>',
      to: ['ada@example.com'],
      subject: 'Your quote',
      text: 'Hi <Ada> & "Bo"\nHere it is',
      html: '<p>Hi &lt;Ada&gt; &amp; &quot;Bo&quot;<br>Here it is</p>',
    });
  });

  it('fails permanently on validation errors, with Resend’s message', async () => {
    server.reply((_req, res) => json(res, 422, { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' }));
    const error = await failure(adapter().send(email));
    expect(error).toMatchObject({ kind: 'permanent', code: 'validation_error' });
    expect(error.message).toContain('Invalid `to` field.');
  });

  it('retries on 429 (honouring Retry-After) and 5xx', async () => {
    server.reply((_req, res) => json(res, 429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'slow down' }, { 'retry-after': '2' }));
    expect(await failure(adapter().send(email))).toMatchObject({ kind: 'transient', code: 'rate_limit_exceeded', retryAfterMs: 2000 });
    server.reply((_req, res) => json(res, 502, {}));
    expect((await failure(adapter().send(email))).kind).toBe('transient');
  });

  it('retries a send whose answer was lost: the idempotency key makes it safe', async () => {
    server.reply((_req, res) => dropConnection(res));
    expect((await failure(adapter().send(email))).kind).toBe('transient');
    const refused = adapter({ baseUrl: `http://127.0.0.1:${await freePort()}` });
    expect((await failure(refused.send(email))).kind).toBe('transient');
  });

  it('keeps the deadline over the whole response: a body that never finishes is retried', { timeout: 5000 }, async () => {
    server.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '40' });
      res.write('{"id":"em');
    });
    expect(await failure(adapter({ timeoutMs: 300 }).send(email))).toMatchObject({ kind: 'transient', code: 'TIMEOUT' });
  });

  it('stops when the caller aborts', { timeout: 5000 }, async () => {
    server.reply(() => undefined); // never answers
    const controller = new AbortController();
    const pending = failure(adapter({ timeoutMs: 10_000 }).send(email, { signal: controller.signal }));
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'transient', code: 'ABORTED' });
  });
});

describe('ResendProvider.fetchInboundEmail', () => {
  const received = {
    object: 'email',
    id: 'inb_123',
    to: ['sales@acme.test'],
    from: 'Ada Lovelace <ada@example.com>',
    created_at: '2026-11-20T10:00:00.000Z',
    subject: 'Re: Your quote',
    bcc: null,
    cc: null,
    reply_to: null,
    received_for: ['sales@acme.test'],
    html: '<p>Yes please</p>',
    text: 'Yes please',
    headers: { 'Message-ID': '<reply-1@example.com>', 'In-Reply-To': '<msg_1@acme.test>', References: '<msg_0@acme.test> <msg_1@acme.test>' },
    message_id: '<reply-1@example.com>',
    attachments: [],
  };

  it('reads a received email’s content and threading headers through the receiving API', async () => {
    server.reply((_req, res) => json(res, 200, received));
    expect(await adapter().fetchInboundEmail('inb_123')).toEqual({
      id: 'inb_123',
      from: 'Ada Lovelace <ada@example.com>',
      to: ['sales@acme.test'],
      subject: 'Re: Your quote',
      text: 'Yes please',
      html: '<p>Yes please</p>',
      messageId: '<reply-1@example.com>',
      inReplyTo: '<msg_1@acme.test>',
      references: ['<msg_0@acme.test>', '<msg_1@acme.test>'],
      receivedAt: new Date('2026-11-20T10:00:00.000Z'),
    });
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'GET', path: '/emails/receiving/inb_123?html_format=cid' });
    expect(req!.headers.authorization).toBe('Bearer re_test');
  });

  it('finds threading headers whatever their case, and copes without them', async () => {
    server.reply((_req, res) => json(res, 200, { ...received, headers: { 'in-reply-to': '<msg_9@acme.test>' }, message_id: '<r@x>' }));
    expect(await adapter().fetchInboundEmail('inb_123')).toMatchObject({ messageId: '<r@x>', inReplyTo: '<msg_9@acme.test>', references: [] });
    server.reply((_req, res) => json(res, 200, { ...received, headers: null, text: null, html: null }));
    expect(await adapter().fetchInboundEmail('inb_123')).toMatchObject({ text: null, html: null, inReplyTo: null, references: [] });
  });

  it('says an unknown email is permanent and a network failure transient', async () => {
    server.reply((_req, res) => json(res, 404, { statusCode: 404, name: 'not_found', message: 'Email not found' }));
    expect(await failure(adapter().fetchInboundEmail('inb_missing'))).toMatchObject({ kind: 'permanent', code: 'not_found' });
    server.reply((_req, res) => dropConnection(res));
    expect((await failure(adapter().fetchInboundEmail('inb_123'))).kind).toBe('transient');
  });
});
