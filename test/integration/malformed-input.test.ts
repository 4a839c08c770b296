import { beforeAll, describe, expect, it } from 'vitest';
import { CURRENCY_CODES } from '../../domain/currencies';
import type { AppPrisma } from '../../prisma/client';
import { twilioSignatureFor } from '../../providers/webhooks/verify-twilio-signature';
import { bearer, createTestTenant, TEST_WEBHOOKS, testApi, uniqueName, testSystemPrisma } from '../harness/context';
import { useDevServer, type DevServer } from '../harness/suites';

// Malformed input from outside never reaches the database or a workflow: every case below is a 4xx with a
// clear {error:{code,message}}, never a 500 — on real Postgres and the Temporal dev server.

let server: DevServer;
let prisma: AppPrisma;
const taskQueue = uniqueName('malformed-tq');

useDevServer((parts) => ({ server, prisma } = parts));

async function setup() {
  const t = await createTestTenant(prisma);
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const token: string = (await request().post('/api/ingest-tokens').set(bearer(t.apiKey)).send({ name: 'site' }).expect(201)).body.ingestToken.token;
  const contactId: string = (await request().post('/api/contacts').set(bearer(t.apiKey)).send({ firstName: 'Ada', phone: '+14155550100' }).expect(201)).body.contact.id;
  return { ...t, request, token, contactId };
}
type Setup = Awaited<ReturnType<typeof setup>>;

function expectClearError(res: { status: number; body: any }, status: number | number[], code: string, message: RegExp) {
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, JSON.stringify(res.body)).toContain(res.status);
  expect(res.body?.error?.code, JSON.stringify(res.body)).toBe(code);
  expect(res.body.error.message).toMatch(message);
}

describe('content types and charsets', () => {
  let t: Setup;
  beforeAll(async () => {
    t = await setup();
  });

  it('answers a JSON route given text/plain with 415 naming the type it wants', async () => {
    const res = await t.request().post('/api/contacts').set(bearer(t.apiKey)).set('Content-Type', 'text/plain').send('{"email":"a@b.co"}');
    expectClearError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json/);
  });

  it('answers a form body on a JSON route with 415', async () => {
    const res = await t.request().post('/api/contacts').set(bearer(t.apiKey)).type('form').send({ email: 'a@b.co' });
    expectClearError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json/);
    const ingest = await t.request().post('/ingest/leads').set(bearer(t.token)).set('Idempotency-Key', 'k').type('form').send({ email: 'a@b.co' });
    expectClearError(ingest, 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json/);
  });

  it('answers JSON in a charset other than UTF-8 with 415 naming the charset', async () => {
    const res = await t.request().post('/api/contacts').set(bearer(t.apiKey)).set('Content-Type', 'application/json; charset=latin1').send('{"email":"a@b.co"}');
    expectClearError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', /charset.*LATIN1/i);
    const ingest = await t.request().post('/ingest/leads').set(bearer(t.token)).set('Idempotency-Key', 'k').set('Content-Type', 'application/json; charset=latin1').send('{"email":"a@b.co"}');
    expectClearError(ingest, 415, 'UNSUPPORTED_MEDIA_TYPE', /charset/i);
  });

  it('answers an unknown Content-Encoding with 415', async () => {
    const res = await t.request().post('/api/contacts').set(bearer(t.apiKey)).set('Content-Type', 'application/json').set('Content-Encoding', 'compress').send('{"email":"a@b.co"}');
    expectClearError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', /encoding/i);
  });

  it('answers a quote-page form in a non-UTF-8 charset, and a webhook form with too many fields, with a 4xx', async () => {
    const page = await t.request().post(`/q/${'a'.repeat(32)}/accept`).set('Content-Type', 'application/x-www-form-urlencoded; charset=latin1').send('a=b');
    expectClearError(page, 415, 'UNSUPPORTED_MEDIA_TYPE', /charset/i);
    const fields = Array.from({ length: 1100 }, (_, i) => `f${i}=x`).join('&');
    const hook = await t.request().post('/webhooks/twilio/inbound').set('Content-Type', 'application/x-www-form-urlencoded').send(fields);
    expectClearError(hook, 413, 'PAYLOAD_TOO_LARGE', /too many/i);
  });

  it('still refuses a body that is not JSON with 400', async () => {
    const res = await t.request().post('/api/contacts').set(bearer(t.apiKey)).set('Content-Type', 'application/json').send('{"email":');
    expectClearError(res, 400, 'VALIDATION', /not valid JSON/);
  });
});

describe('NUL bytes and broken Unicode', () => {
  let t: Setup;
  beforeAll(async () => {
    t = await setup();
  });

  it('refuses a NUL byte in a body string with 400 naming the field, and writes nothing', async () => {
    const res = await t.request().post('/api/contacts').set(bearer(t.apiKey)).send({ firstName: 'A\u0000da', email: 'nul@example.com' });
    expectClearError(res, 400, 'VALIDATION', /firstName.*NUL/);
    expect(await t.db.contact.count({ where: { email: 'nul@example.com' } })).toBe(0);
  });

  it('refuses NUL bytes in property keys and values of JSON columns', async () => {
    const value = await t.request().post('/ingest/leads').set(bearer(t.token)).set('Idempotency-Key', 'nul-1').send({ email: 'nul2@example.com', properties: { note: 'x\u0000' } });
    expectClearError(value, 400, 'VALIDATION', /properties\.note.*NUL/);
    const key = await t.request().post('/api/contacts').set(bearer(t.apiKey)).send({ email: 'nul3@example.com', customProperties: { 'bad\u0000key': 1 } });
    expectClearError(key, 400, 'VALIDATION', /customProperties.*NUL/);
  });

  it('refuses a lone surrogate (not well-formed Unicode) in a JSON column with 400', async () => {
    const res = await t.request().post('/api/contacts').set(bearer(t.apiKey)).set('Content-Type', 'application/json').send('{"email":"sur@example.com","customProperties":{"note":"\\ud800"}}');
    expectClearError(res, 400, 'VALIDATION', /customProperties\.note.*Unicode/);
  });

  it('refuses NUL bytes in path ids and query strings with 400', async () => {
    expectClearError(await t.request().get('/api/contacts/ctc_%00').set(bearer(t.apiKey)), 400, 'VALIDATION', /id.*NUL/);
    expectClearError(await t.request().get('/api/messages?cursor=%00').set(bearer(t.apiKey)), 400, 'VALIDATION', /cursor.*NUL/);
    expectClearError(await t.request().get('/api/enrollments?contactId=a%00').set(bearer(t.apiKey)), 400, 'VALIDATION', /contactId.*NUL/);
  });
});

describe('numbers, currencies and dates the columns cannot hold', () => {
  let t: Setup;
  beforeAll(async () => {
    t = await setup();
  });

  it('refuses a quote total beyond numeric(14,2) with 400', async () => {
    const res = await t.request().post('/api/quotes').set(bearer(t.apiKey)).send({ contactId: t.contactId, total: 1e12 });
    expectClearError(res, 400, 'VALIDATION', /total/);
    const ingest = await t.request().post('/ingest/quotes').set(bearer(t.token)).set('Idempotency-Key', 'big').send({ contact: { email: 'big@example.com' }, total: 1e12 });
    expectClearError(ingest, 400, 'VALIDATION', /total/);
    expect((await t.request().post('/api/quotes').set(bearer(t.apiKey)).send({ contactId: t.contactId, total: 999_999_999_999.99 })).status).toBe(201);
  });

  it('refuses a currency that is not ISO 4217 with 400, and the column refuses it too', async () => {
    const res = await t.request().post('/api/quotes').set(bearer(t.apiKey)).send({ contactId: t.contactId, total: 10, currency: 'ABC' });
    expectClearError(res, 400, 'VALIDATION', /currency.*ISO 4217/);
    const ingest = await t.request().post('/ingest/quotes').set(bearer(t.token)).set('Idempotency-Key', 'cur').send({ contact: { email: 'cur@example.com' }, total: 10, currency: 'ZZZ' });
    expectClearError(ingest, 400, 'VALIDATION', /currency/);
    expect((await t.request().post('/api/quotes').set(bearer(t.apiKey)).send({ contactId: t.contactId, total: 10, currency: 'EUR' })).status).toBe(201);
    await expect(t.db.quote.create({ data: { tenantId: t.tenant.id, contactId: t.contactId, total: 1, currency: 'ABC' } })).rejects.toThrow(/quotes_currency_iso_4217|check/i);
  });

  it('has the same currency codes in the column’s CHECK as the API accepts', async () => {
    const [row] = await prisma.$queryRaw<Array<{ def: string }>>`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'quotes_currency_iso_4217'`;
    const inDatabase = [...(row?.def ?? '').matchAll(/'([A-Z]{3})'/g)].map((m) => m[1]).sort();
    expect(inDatabase, 'a runtime with other ISO 4217 codes needs a migration of quotes_currency_iso_4217').toEqual([...CURRENCY_CODES].sort());
  });

  it('refuses instants Postgres cannot store (year 0, year 10000) with 400', async () => {
    const year0 = await t.request().post('/ingest/quotes').set(bearer(t.token)).set('Idempotency-Key', 'y0').send({ contact: { email: 'y0@example.com' }, total: 10, expiresAt: '0000-01-01T00:00:00Z' });
    expectClearError(year0, 400, 'VALIDATION', /expiresAt/);
    const year10000 = await t.request().post('/ingest/quotes').set(bearer(t.token)).set('Idempotency-Key', 'y1').send({ contact: { email: 'y1@example.com' }, total: 10, expiresAt: '9999-12-31T23:59:59-23:59' });
    expectClearError(year10000, 400, 'VALIDATION', /expiresAt/);
  });
});

describe('custom properties are flat and bounded', () => {
  let t: Setup;
  beforeAll(async () => {
    t = await setup();
  });

  it('refuses deeply nested custom properties with 400', async () => {
    const deep = `{"email":"deep@example.com","customProperties":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const res = await t.request().post('/api/contacts').set(bearer(t.apiKey)).set('Content-Type', 'application/json').send(deep);
    expectClearError(res, 400, 'VALIDATION', /customProperties\.a/);
  });

  it('takes only scalar values, a bounded number of keys and bounded lengths', async () => {
    const post = (customProperties: unknown) => t.request().post('/api/contacts').set(bearer(t.apiKey)).send({ email: `p${Math.random()}@example.com`, customProperties });
    expectClearError(await post({ address: { city: 'Paris' } }), 400, 'VALIDATION', /customProperties\.address/);
    expectClearError(await post({ tags: ['a'] }), 400, 'VALIDATION', /customProperties\.tags/);
    expectClearError(await post(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]))), 400, 'VALIDATION', /customProperties.*100/);
    expectClearError(await post({ ['k'.repeat(101)]: 1 }), 400, 'VALIDATION', /customProperties/);
    expectClearError(await post({ note: 'x'.repeat(2001) }), 400, 'VALIDATION', /customProperties\.note/);
    const ok = await post({ budget: 5000, vip: true, note: 'x'.repeat(2000), nothing: null });
    expect(ok.status).toBe(201);
    expect(ok.body.contact.customProperties).toMatchObject({ budget: 5000, vip: true, nothing: null });
    const lead = await t.request().post('/ingest/leads').set(bearer(t.token)).set('Idempotency-Key', 'nested').send({ email: 'nested@example.com', properties: { a: { b: 1 } } });
    expectClearError(lead, 400, 'VALIDATION', /properties\.a/);
  });
});

describe('writes a unique index would refuse', () => {
  let t: Setup;
  beforeAll(async () => {
    t = await setup();
  });

  it('a lead whose phone and email belong to two different contacts updates the phone match and leaves the email where it is', async () => {
    const byPhone = await t.request().post('/api/contacts').set(bearer(t.apiKey)).send({ phone: '+14155550101' }).expect(201);
    await t.request().post('/api/contacts').set(bearer(t.apiKey)).send({ email: 'taken@example.com' }).expect(201);
    const res = await t.request().post('/ingest/leads').set(bearer(t.token)).set('Idempotency-Key', 'clash').send({ phone: '+14155550101', email: 'taken@example.com' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ created: false, contact: { id: byPhone.body.contact.id, phone: '+14155550101', email: null } });
    expect(await t.db.contact.count({ where: { email: 'taken@example.com' } })).toBe(1);
  });
});

describe('sender addresses: SMS short codes', () => {
  let t: Setup;
  beforeAll(async () => {
    t = await setup();
  });

  it('accepts a 5–6 digit short code as an SMS sender and routes inbound messages to it', async () => {
    const code = String(10_000 + Math.floor(Math.random() * 89_999));
    const res = await t.request().post('/api/sender-addresses').set(bearer(t.apiKey)).send({ channel: 'sms', address: code });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.senderAddress).toMatchObject({ channel: 'sms', address: code });
    const fields = { MessageSid: `SM${Date.now().toString(16)}short`, From: '+14155550177', To: code, Body: 'hello', NumMedia: '0' };
    const signature = twilioSignatureFor(TEST_WEBHOOKS.twilioAuthToken, `${TEST_WEBHOOKS.publicUrl}/webhooks/twilio/inbound`, fields);
    const hook = await t.request().post('/webhooks/twilio/inbound').type('form').set('X-Twilio-Signature', signature).send(fields);
    expect(hook.status).toBe(200);
    const event = await testSystemPrisma().webhookEvent.findFirstOrThrow({ where: { providerEventId: fields.MessageSid } });
    expect(event.tenantId).toBe(t.tenant.id);
  });

  it('refuses a short code for WhatsApp, and other digit strings, with a message that says why', async () => {
    const wa = await t.request().post('/api/sender-addresses').set(bearer(t.apiKey)).send({ channel: 'whatsapp', address: '12345' });
    expectClearError(wa, 400, 'VALIDATION', /address.*WhatsApp.*short code/i);
    const four = await t.request().post('/api/sender-addresses').set(bearer(t.apiKey)).send({ channel: 'sms', address: '1234' });
    expectClearError(four, 400, 'VALIDATION', /address.*E\.164.*short code/i);
  });
});

describe('paths and query strings', () => {
  let t: Setup;
  beforeAll(async () => {
    t = await setup();
  });

  it('answers a path id with broken percent-encoding with 400', async () => {
    expectClearError(await t.request().get('/api/contacts/%E0%A4%A').set(bearer(t.apiKey)), 400, 'VALIDATION', /percent-encoding/);
    expectClearError(await t.request().get('/q/%E0%A4%A'), 400, 'VALIDATION', /percent-encoding/);
  });

  it('answers a path id that cannot be an id with 400, and a well-formed unknown one with 404', async () => {
    expectClearError(await t.request().get(`/api/messages/${'x'.repeat(300)}`).set(bearer(t.apiKey)), 400, 'VALIDATION', /id/);
    expectClearError(await t.request().get('/api/messages/msg_unknown').set(bearer(t.apiKey)), 404, 'NOT_FOUND', /msg_unknown/);
  });

  it('answers repeated query keys where one value is expected with 400 naming the key', async () => {
    expectClearError(await t.request().get('/api/contacts?limit=1&limit=2').set(bearer(t.apiKey)), 400, 'VALIDATION', /limit/);
    expectClearError(await t.request().get('/api/messages?cursor=a&cursor=b').set(bearer(t.apiKey)), 400, 'VALIDATION', /cursor/);
    expectClearError(await t.request().get('/api/quotes?status=open&status=sent').set(bearer(t.apiKey)), 400, 'VALIDATION', /status/);
  });
});
