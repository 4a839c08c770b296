import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { inject } from 'vitest';
import { quoteMessageId } from '../../domain/derived-ids';
import type { AppPrisma } from '../../prisma/client';
import { startWorkflowOutboxRelay } from '../../worker/workflow-outbox-relay';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import {
  bearer,
  createTestTenant,
  failWritesTo,
  fakeProviders,
  silentLogger,
  testApi,
  uniqueName,
  unreachableTemporal,
  workflowResult,
  testSystemPrisma,
} from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// Websites and tools posting leads and quotes with a per-tenant ingest token, on real Postgres and Temporal.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { fake, providers } = fakeProviders();
const taskQueue = uniqueName('ingest-tq');

useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

async function tenantWithToken(overrides: Parameters<typeof createTestTenant>[1] = {}) {
  const t = await createTestTenant(prisma, overrides);
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const created = await request().post('/api/ingest-tokens').set(bearer(t.apiKey)).send({ name: 'website form' });
  expect(created.status).toBe(201);
  const token: string = created.body.ingestToken.token;
  const ingest = (path: string, body: object, key?: string, api = request) => {
    const req = api().post(`/ingest/${path}`).set(bearer(token));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const notifyOwner = (recipient: string) =>
    request().post('/api/notification-rules').set(bearer(t.apiKey)).send({ event: 'lead.created', channel: 'sms', recipient }).expect(201);
  return { ...t, request, token, tokenId: created.body.ingestToken.id as string, ingest, notifyOwner };
}

let phoneCounter = 0;
/** A phone number no other test of this file uses (the fake provider's calls are shared). */
const uniquePhone = () => `+1415556${String(1000 + ++phoneCounter)}`;

/** Relays every pending workflow start once, as the worker does. */
async function relayOnce() {
  const relay = startWorkflowOutboxRelay({ prisma: testSystemPrisma(), client: server.client, taskQueue, logger: silentLogger, pollIntervalMs: 3_600_000 });
  try {
    await relay.drain();
  } finally {
    await relay.stop();
  }
}

const lead = { firstName: 'Ada', lastName: 'Lovelace', phone: '+1 (415) 555-0100', email: 'Ada@Example.COM', source: 'website', properties: { budget: 5000, service: 'boiler' } };

describe('ingest tokens', () => {
  it('are shown once, listed by prefix, and stop working when revoked', async () => {
    const t = await tenantWithToken();
    expect(t.token).toMatch(/^it_/);
    const list = await t.request().get('/api/ingest-tokens').set(bearer(t.apiKey));
    expect(JSON.stringify(list.body)).not.toContain(t.token);
    expect(list.body.ingestTokens[0]).toMatchObject({ name: 'website form', prefix: t.token.slice(0, 9) });
    expect((await t.ingest('leads', lead, 'k1')).status).toBe(201);
    await t.request().post(`/api/ingest-tokens/${t.tokenId}/revoke`).set(bearer(t.apiKey)).expect(204);
    const after = await t.ingest('leads', lead, 'k2');
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked/);
  });

  it('are the only key to /ingest: no token, or an API key, is refused', async () => {
    const t = await tenantWithToken();
    expect((await t.request().post('/ingest/leads').set('Idempotency-Key', 'x').send(lead)).status).toBe(401);
    expect((await t.request().post('/ingest/leads').set(bearer(t.apiKey)).set('Idempotency-Key', 'x').send(lead)).status).toBe(401);
    expect(await t.db.contact.count()).toBe(0);
  });
});

describe('the per-token rate limit', () => {
  it('gives each ingest token its own bucket: 429 with Retry-After past the burst, other tokens and API keys untouched', async () => {
    const t = await tenantWithToken({ ingestRatePerMinute: 4 }); // bursts of 2, then one every 15 s
    const other = await t.request().post('/api/ingest-tokens').set(bearer(t.apiKey)).send({ name: 'crm' }).expect(201);
    for (const key of ['rl-1', 'rl-2']) expect((await t.ingest('leads', { phone: uniquePhone() }, key)).status).toBe(201);
    const phone = uniquePhone();
    const limited = await t.ingest('leads', { phone }, 'rl-3');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.message).toMatch(/this ingest token.*try again in \d+ s/i);
    expect(limited.body.error.details).toMatchObject({ limitPerMinute: 4 });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15);
    expect((await t.ingest('quotes', { contact: { phone }, total: 10, currency: 'USD' }, 'rl-4')).status).toBe(429);
    expect(await t.db.contact.count({ where: { phone } })).toBe(0);

    // The tenant's other token, and its API key, are not held back by this token's bucket.
    const otherLead = await t.request().post('/ingest/leads').set(bearer(other.body.ingestToken.token)).set('Idempotency-Key', 'other-1').send({ phone: uniquePhone() });
    expect(otherLead.status).toBe(201);
    expect((await t.request().post('/api/contacts').set(bearer(t.apiKey)).send({ phone: uniquePhone() })).status).toBe(201);

    // Refilled with time: pretend 15 s have passed.
    await testSystemPrisma().rateLimitBucket.updateMany({ where: { tenantId: t.tenant.id, bucket: `ingest-token:${t.tokenId}` }, data: { updatedAt: new Date(Date.now() - 15_000) } });
    expect((await t.ingest('leads', { phone }, 'rl-3')).status).toBe(201);
  });

  it('allows the default 60 a minute in bursts of 30, counting refused calls too', async () => {
    const t = await tenantWithToken();
    const started = Date.now();
    for (let i = 0; i < 30; i++) expect((await t.ingest('leads', {}, `bad-${i}`)).status).toBe(400);
    // The burst is spent. The bucket refills at one a second, so a slow machine may see a call or two pass for the
    // seconds the calls took — never more.
    let passed = 0;
    let limited = await t.ingest('leads', { phone: uniquePhone() }, 'good-0');
    while (limited.status !== 429 && passed < 30) {
      expect(limited.status).toBe(201);
      passed++;
      limited = await t.ingest('leads', { phone: uniquePhone() }, `good-${passed}`);
    }
    expect(limited.status).toBe(429);
    expect(passed).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000));
    expect(limited.body.error.details).toMatchObject({ limitPerMinute: 60 });
  });
});

describe('POST /ingest/leads', () => {
  it('validates and normalises, keeps custom properties, and is idempotent on the caller’s key', async () => {
    const t = await tenantWithToken();
    const first = await t.ingest('leads', lead, 'form-123');
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(true);
    expect(first.body.contact).toMatchObject({ phone: '+14155550100', email: 'ada@example.com', source: 'website', customProperties: { budget: 5000, service: 'boiler' } });
    const again = await t.ingest('leads', lead, 'form-123');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await t.db.contact.count()).toBe(1);

    const update = await t.ingest('leads', { phone: '+14155550100', properties: { service: 'radiator', urgency: 'high' } }, 'form-124');
    expect(update.status).toBe(201);
    expect(update.body.created).toBe(false);
    expect(update.body.contact.customProperties).toEqual({ budget: 5000, service: 'radiator', urgency: 'high' });
    expect(update.body.contact.firstName).toBe('Ada');
  });

  it('stores the lead’s time zone under its canonical IANA name', async () => {
    const t = await tenantWithToken();
    const res = await t.ingest('leads', { ...lead, timeZone: 'asia/calcutta' }, 'zone-1');
    expect(res.status).toBe(201);
    expect(res.body.contact.timeZone).toBe('Asia/Kolkata');
    expect((await t.db.contact.findFirstOrThrow({})).timeZone).toBe('Asia/Kolkata');
  });

  it('explains bad input and writes nothing', async () => {
    const t = await tenantWithToken();
    const cases: Array<[object, string | undefined, RegExp]> = [
      [lead, undefined, /Idempotency-Key header is required/],
      [{ firstName: 'No contact details' }, 'a', /phone number or an email/],
      [{ phone: '555-0100' }, 'b', /not an international phone number/],
      [{ email: 'not-an-email' }, 'c', /email/],
      [{ phone: '+14155550100', favouriteColour: 'blue' }, 'd', /favouriteColour|Unrecognized/],
      [{ phone: '+14155550100', timeZone: 'Mars/Olympus' }, 'e', /"Mars\/Olympus" is not an IANA time zone/],
    ];
    for (const [body, key, reason] of cases) {
      const res = await t.ingest('leads', body, key);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(reason);
    }
    expect(await t.db.contact.count()).toBe(0);
  });

  it('texts the owner about a new lead once, however often the call is retried', async () => {
    const t = await tenantWithToken();
    await t.request().post('/api/notification-rules').set(bearer(t.apiKey)).send({ event: 'lead.created', channel: 'sms', recipient: '+1 415 555 0199' }).expect(201);
    const callsBefore = fake.calls.length;
    await t.ingest('leads', lead, 'notify-1').expect(201);
    await t.ingest('leads', lead, 'notify-1').expect(200);
    const notification = await t.db.message.findFirstOrThrow({ where: { direction: 'outbound' } });
    expect(notification.body).toBe('New lead: Ada Lovelace (+14155550100, ada@example.com) via website.');
    expect((await server.client.workflow.getHandle(notification.workflowId!).result()) as ScheduledMessageResult).toMatchObject({ outcome: 'sent' });
    const calls = fake.calls.slice(callsBefore);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ to: '+14155550199', channel: 'sms' });
    expect(await t.db.message.count({ where: { direction: 'outbound' } })).toBe(1);
  });

  it('alerts the owner about a lead posted while Temporal is unreachable, once the relay has run, exactly once', async () => {
    const t = await tenantWithToken();
    const owner = uniquePhone();
    await t.notifyOwner(owner);
    const down = testApi({ prisma, client: server.client, taskQueue, temporal: await unreachableTemporal(taskQueue) }).request;
    const phone = uniquePhone();
    const first = await t.ingest('leads', { ...lead, phone, email: undefined }, 'down-1', down);
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(true);
    const alert = await t.db.message.findFirstOrThrow({ where: { direction: 'outbound' } });
    expect(alert.status).toBe('queued');
    // The website retries while Temporal is still down: the same answer, nothing new.
    const again = await t.ingest('leads', { ...lead, phone, email: undefined }, 'down-1', down);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await t.db.message.count({ where: { direction: 'outbound' } })).toBe(1);

    await relayOnce();
    expect(await workflowResult<ScheduledMessageResult>(server.client, alert.workflowId!)).toMatchObject({ outcome: 'sent' });
    expect(fake.calls.filter((c) => c.to === owner)).toHaveLength(1);
    expect(await t.db.message.count({ where: { status: 'queued' } })).toBe(0);
    // Relaying again starts nothing new.
    await relayOnce();
    expect(fake.calls.filter((c) => c.to === owner)).toHaveLength(1);
  });

  it('writes nothing when the call fails half-way, so its retry does all of it, the owner alert included', async () => {
    const t = await tenantWithToken();
    const owner = uniquePhone();
    await t.notifyOwner(owner);
    const phone = uniquePhone();
    const quote = { contact: { firstName: 'Grace', phone }, externalId: 'Q-HALF', total: 10 };
    const restore = await failWritesTo({ table: 'quotes', operation: 'INSERT', column: 'external_id', value: 'Q-HALF' });
    try {
      expect((await t.ingest('quotes', quote, 'half-1')).status).toBe(500);
    } finally {
      await restore();
    }
    expect(await t.db.contact.count({ where: { phone } })).toBe(0);
    expect(await t.db.message.count()).toBe(0);
    const retried = await t.ingest('quotes', quote, 'half-1');
    expect(retried.status).toBe(201);
    expect(retried.body.contact.phone).toBe(phone);
    const alert = await t.db.message.findFirstOrThrow({ where: { direction: 'outbound', contact: { phone: owner } } });
    expect(await workflowResult<ScheduledMessageResult>(server.client, alert.workflowId!)).toMatchObject({ outcome: 'sent' });
    expect(fake.calls.filter((c) => c.to === owner)).toHaveLength(1);
  });

  it('turns concurrent leads with one phone number into one contact, never a 500', async () => {
    const t = await tenantWithToken();
    const phone = uniquePhone();
    const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => t.ingest('leads', { phone, firstName: `Lead${i}` }, `same-phone-${i}`)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.contact.id)).size).toBe(1);
    expect(responses.filter((r) => r.body.created)).toHaveLength(1);
    expect(await t.db.contact.count()).toBe(1);
  });

  it('keeps tenants apart even with the same idempotency key and phone number', async () => {
    const a = await tenantWithToken();
    const b = await tenantWithToken();
    const fromA = await a.ingest('leads', lead, 'same-key');
    const fromB = await b.ingest('leads', { phone: lead.phone, firstName: 'Bea' }, 'same-key');
    expect(fromB.status).toBe(201);
    expect(fromB.body.contact.id).not.toBe(fromA.body.contact.id);
    expect(fromB.body.contact.firstName).toBe('Bea');
    expect((await a.db.contact.findFirstOrThrow({})).firstName).toBe('Ada');
  });
});

describe('POST /ingest/quotes', () => {
  it('creates the quote with its lead, refuses a duplicate external id, and validates money', async () => {
    const t = await tenantWithToken();
    const quote = { contact: lead, externalId: 'Q-1001', title: 'Boiler replacement', total: 1234.5, currency: 'EUR', expiresAt: '2026-12-31T23:59:59Z', data: { lines: 3 } };
    const res = await t.ingest('quotes', quote, 'q-1');
    expect(res.status).toBe(201);
    expect(res.body.quote).toMatchObject({ externalId: 'Q-1001', total: '1234.50', currency: 'EUR', status: 'open', contactId: res.body.contact.id });
    expect((await t.ingest('quotes', quote, 'q-1')).status).toBe(200);
    const duplicate = await t.ingest('quotes', quote, 'q-2');
    expect(duplicate.status).toBe(409);
    expect((await t.ingest('quotes', { ...quote, externalId: 'Q-2', currency: 'euro' }, 'q-3')).status).toBe(400);
    expect((await t.ingest('quotes', { ...quote, externalId: 'Q-3', total: 10.005 }, 'q-4')).status).toBe(400);
    expect(await t.db.quote.count()).toBe(1);
  });

  it('answers concurrent retries of one call once: one contact, one quote, one workflow, one SMS, the same body', async () => {
    const t = await tenantWithToken();
    const phone = uniquePhone();
    const quote = { contact: { firstName: 'Ada', phone }, title: 'Boiler service', total: 99.5 };
    const responses = await Promise.all(Array.from({ length: 5 }, () => t.ingest('quotes', quote, 'twins-1')));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    for (const res of responses) expect(res.body).toEqual(responses[0]!.body);
    expect(await t.db.contact.count()).toBe(1);
    expect(await t.db.quote.count()).toBe(1);
    const quoteId: string = responses[0]!.body.quote.id;
    // The API starts the quote's workflow itself after its write; the quote message is its child.
    const sms = await workflowResult<ScheduledMessageResult>(server.client, `message:${t.tenant.id}:${quoteMessageId(quoteId, 'initial')}`);
    expect(sms.outcome).toBe('sent');
    expect(fake.calls.filter((c) => c.to === phone)).toHaveLength(1);
  });

  it('makes a twin that outwaits the first call answer 409 with Retry-After, and a failed first call leaves the key free', async () => {
    const t = await tenantWithToken();
    // Another call holds the key and is still working (an open transaction that claimed it).
    const holder = new pg.Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`INSERT INTO ingest_requests (tenant_id, endpoint, idempotency_key) VALUES ($1, 'leads', 'slow-1')`, [t.tenant.id]);
      const twin = await t.ingest('leads', { phone: uniquePhone() }, 'slow-1');
      expect(twin.status).toBe(409);
      expect(twin.headers['retry-after']).toMatch(/^\d+$/);
      expect(twin.body.error.message).toMatch(/still being processed/);
      // The first call fails: its claim goes with it, and the retry does the work.
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    const retried = await t.ingest('leads', { phone: uniquePhone() }, 'slow-1');
    expect(retried.status).toBe(201);
    expect(await t.db.contact.count()).toBe(1);
  });
});
