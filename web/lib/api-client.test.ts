import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dropConnection, json, startLocalServer } from '../../test/harness/local-http-server';
import { createApiClient, type ApiClient } from './api-client';
import { ApiError } from './api-error';

// The client against a local HTTP server: what each kind of answer becomes.
let server: Awaited<ReturnType<typeof startLocalServer>>;
let client: ApiClient;
const Thing = z.object({ thing: z.object({ id: z.string(), count: z.number() }) });

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const path = req.path.split('?')[0];
    if (path === '/ok') return json(res, 200, { thing: { id: 't1', count: 2 }, extra: true });
    if (path === '/echo') return json(res, 200, { thing: { id: `${req.method} ${req.path} ${req.body} ${req.headers['content-type']}`, count: 0 } });
    if (path === '/wrong-shape') return json(res, 200, { thing: { id: 't1', count: 'two' } });
    if (path === '/herald-error')
      return json(res, 400, { error: { code: 'VALIDATION', message: 'email: not an email', issues: [{ path: 'email', message: 'not an email' }], details: { max: 3 } } });
    if (path === '/better-auth-error') return json(res, 401, { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' });
    if (path === '/html') {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end('<html><body>Bad gateway</body></html>');
    }
    if (path === '/no-content') {
      res.writeHead(204);
      return res.end();
    }
    if (path === '/not-json') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('hello');
    }
    dropConnection(res);
  });
  client = createApiClient({ baseUrl: server.url });
});
afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api client', () => {
  it('returns the parsed answer, keeping only what the schema names', async () => {
    expect(await client.request('/ok', { schema: Thing })).toEqual({ thing: { id: 't1', count: 2 } });
  });

  it('sends JSON bodies and query strings, leaving out empty parameters', async () => {
    const answer = await client.request('/echo', { method: 'POST', body: { a: 1 }, query: { q: 'x y', empty: '', none: undefined, n: 3 }, schema: Thing });
    expect(answer.thing.id).toBe('POST /echo?q=x+y&n=3 {"a":1} application/json');
  });

  it('turns an answer of the wrong shape into BAD_RESPONSE, never data', async () => {
    const error = await failure(client.request('/wrong-shape', { schema: Thing }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
    expect(error.message).not.toContain('two');
    expect((await failure(client.request('/not-json', { schema: Thing }))).code).toBe('BAD_RESPONSE');
  });

  it('reads Herald’s error envelope with its field issues and details', async () => {
    const error = await failure(client.request('/herald-error', { schema: Thing }));
    expect(error).toMatchObject({ code: 'VALIDATION', status: 400, message: 'email: not an email', extra: { details: { max: 3 } } });
    expect(error.fieldMessage('email')).toBe('not an email');
  });

  it('reads Better Auth’s flat error body', async () => {
    expect(await failure(client.request('/better-auth-error', { method: 'POST', body: {} }))).toMatchObject({
      code: 'INVALID_EMAIL_OR_PASSWORD',
      status: 401,
      message: 'Invalid email or password',
    });
  });

  it('says something plain for an answer that is not Herald’s (a proxy’s HTML page) or no answer at all', async () => {
    const html = await failure(client.request('/html', { schema: Thing }));
    expect(html).toMatchObject({ code: 'HTTP_502', status: 502 });
    expect(html.message).not.toContain('<');
    expect(await failure(client.request('/dropped', { schema: Thing }))).toMatchObject({ code: 'NETWORK', status: null });
  });

  it('accepts an empty answer when no schema is asked for', async () => {
    expect(await client.request('/no-content', { method: 'DELETE' })).toBeUndefined();
  });
});
