import { randomInt } from 'node:crypto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, fakeProviders, testApi, testSystemPrisma, uniqueName } from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// The embeddable lead form's public endpoint and its settings routes, on real Postgres and Temporal: a web page
// posts a lead by the form's public id (never the ingest token), guarded by origin, honeypot, fill time and rate
// limits, idempotent on the script's submission id, with its attribution and consent recorded.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { fake, providers } = fakeProviders();
const taskQueue = uniqueName('lead-form-tq');

useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

const SITE = 'https://www.acme.test';

/** A client address of its own, so one test's submissions never count against another's per-address limit. */
const newAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

let phoneCounter = 0;
const uniquePhone = () => `+1415557${String(1000 + ++phoneCounter)}`;

type Api = ReturnType<typeof testApi>;

async function tenantWithForm(
  options: { tenant?: Parameters<typeof createTestTenant>[1]; form?: Record<string, unknown>; deps?: Parameters<typeof testApi>[0]['deps']; logger?: Parameters<typeof testApi>[0]['logger'] } = {},
) {
  const t = await createTestTenant(prisma, { businessName: 'Acme Plumbing', ...options.tenant });
  const api: Api = testApi({ prisma, client: server.client, taskQueue, ...(options.deps ? { deps: options.deps } : {}), ...(options.logger ? { logger: options.logger } : {}) });
  const token = await api.request().post('/api/ingest-tokens').set(bearer(t.apiKey)).send({ name: 'website' }).expect(201);
  const created = await api.request().post('/api/lead-forms').set(bearer(t.apiKey)).send({ ingestTokenId: token.body.ingestToken.id, ...options.form });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const form = created.body.leadForm as { id: string; consentText: string; successMessage: string; snippet: string };
  const address = newAddress();
  const submit = (body: object | string, opts: { key?: string; origin?: string | null; address?: string; form?: boolean } = {}) => {
    let req = api.request().post(`/ingest/forms/${form.id}/leads`).set('X-Forwarded-For', opts.address ?? address);
    if (opts.origin !== null) req = req.set('Origin', opts.origin ?? SITE);
    if (opts.key) req = req.set('Idempotency-Key', opts.key);
    if (opts.form) req = req.type('form');
    return req.send(body);
  };
  const leads = (query = '') => api.request().get(`/api/lead-forms/${form.id}/leads${query}`).set(bearer(t.apiKey));
  return { ...t, api, request: api.request, form, tokenId: token.body.ingestToken.id as string, submit, leads, address };
}

/** What the script sends for a person who took five seconds over the form. */
function filled(form: { consentText: string }, overrides: Record<string, unknown> = {}) {
  const submittedAt = Date.now();
  return {
    name: 'Ada  Lovelace',
    email: 'Ada@Example.com',
    phone: '+1 (415) 555-0100',
    message: 'The boiler makes a noise.',
    consent: true,
    consentText: form.consentText,
    renderedAt: submittedAt - 5_000,
    submittedAt,
    pageUrl: `${SITE}/contact?utm_source=newsletter&utm_campaign=spring&email=ada%40example.com#form`,
    referrer: 'https://news.example.org/issue/12?subscriber=ada',
    utm_source: 'newsletter',
    utm_medium: 'email',
    utm_campaign: 'spring',
    ...overrides,
  };
}

describe('a lead from the embeddable form', () => {
  it('becomes a contact named by the form, with its page, referrer and UTM parameters on a submission record and its consent with the wording shown', async () => {
    const t = await tenantWithForm();
    const res = await t.submit(filled(t.form, { phone: uniquePhone() }), { key: 'sub-1' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The page learns nothing about the person (whether they were known, their other details).
    expect(res.body).toEqual({ received: true, message: t.form.successMessage });
    expect(res.headers['access-control-allow-origin']).toBe(SITE);

    const contact = await t.db.contact.findFirstOrThrow({});
    expect(contact).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', source: `lead-form:${t.form.id}`, smsConsent: 'granted', emailConsent: 'granted', whatsappConsent: 'unknown' });
    expect(contact.smsConsentAt).toBeInstanceOf(Date);

    const leads = await t.leads().expect(200);
    expect(leads.body.leads).toHaveLength(1);
    expect(leads.body.leads[0]).toMatchObject({
      contact: { id: contact.id, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
      newContact: true,
      message: 'The boiler makes a noise.',
      // Query strings and fragments may carry personal data: only origin and path are kept.
      pageUrl: `${SITE}/contact`,
      referrer: 'https://news.example.org/issue/12',
      utm: { source: 'newsletter', medium: 'email', campaign: 'spring', term: null, content: null },
      consent: { given: true, text: t.form.consentText, channels: ['sms', 'email'] },
    });
    expect(JSON.stringify(leads.body)).not.toContain('subscriber=ada');

    // Consent is recorded as the STOP/START path records it: the contact's status, and an event per channel — here with the wording.
    const consentEvents = await t.db.eventLog.findMany({ where: { type: 'consent.granted', subjectId: contact.id }, orderBy: { createdAt: 'asc' } });
    expect(consentEvents.map((e) => (e.data as { channel: string }).channel).sort()).toEqual(['email', 'sms']);
    for (const event of consentEvents) expect(event.data).toMatchObject({ via: 'lead-form', formId: t.form.id, wording: t.form.consentText });
    expect(await t.db.eventLog.count({ where: { type: 'lead.created', subjectId: contact.id } })).toBe(1);
    // The settings page (and the inbox) hear of it live.
    const realtime = await t.db.realtimeEvent.findMany({ where: { type: 'lead_form.submitted' } });
    expect(realtime).toHaveLength(1);
    expect(realtime[0]!.data).toMatchObject({ formId: t.form.id, contactId: contact.id });
  });

  it('keeps a record per submission: a returning person is one contact with two attributions, counted per source and campaign, newest first and keyset-paged', async () => {
    const t = await tenantWithForm();
    const phone = uniquePhone();
    await t.submit(filled(t.form, { phone }), { key: 'first' }).expect(201);
    await t.submit(filled(t.form, { phone, name: 'Ada King', utm_source: 'ads', utm_medium: 'cpc', utm_campaign: 'summer', message: 'Still noisy' }), { key: 'second' }).expect(201);
    await t.submit(filled(t.form, { phone: uniquePhone(), email: 'bob@example.com', name: 'Bob', utm_source: undefined, utm_campaign: undefined, utm_medium: undefined }), { key: 'third' }).expect(201);
    expect(await t.db.contact.count()).toBe(2);
    const ada = await t.db.contact.findFirstOrThrow({ where: { phone } });
    // The first source stays; names a contact already has are not overwritten by a later form.
    expect(ada).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', source: `lead-form:${t.form.id}` });

    const all = await t.leads().expect(200);
    expect(all.body.leads.map((l: { message: string | null }) => l.message)).toEqual(['The boiler makes a noise.', 'Still noisy', 'The boiler makes a noise.']);
    expect(all.body.leads.map((l: { newContact: boolean }) => l.newContact)).toEqual([true, false, true]);
    expect(all.body.counts).toEqual({
      submissions: 3,
      contacts: 2,
      bySource: expect.arrayContaining([{ value: 'newsletter', submissions: 1 }, { value: 'ads', submissions: 1 }, { value: null, submissions: 1 }]),
      byCampaign: expect.arrayContaining([{ value: 'spring', submissions: 1 }, { value: 'summer', submissions: 1 }, { value: null, submissions: 1 }]),
    });
    const page1 = await t.leads('?limit=2').expect(200);
    expect(page1.body.leads.map((l: { id: string }) => l.id)).toEqual(all.body.leads.slice(0, 2).map((l: { id: string }) => l.id));
    const page2 = await t.leads(`?limit=2&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body.leads.map((l: { id: string }) => l.id)).toEqual([all.body.leads[2].id]);
    expect(page2.body.nextCursor).toBeNull();
    const ads = await t.leads('?utmSource=ads').expect(200);
    expect(ads.body.leads.map((l: { message: string | null }) => l.message)).toEqual(['Still noisy']);
    expect(ads.body.counts).toMatchObject({ submissions: 1, contacts: 1 });
  });

  it('turns a double click (the same submission id) into one contact and one submission', async () => {
    const t = await tenantWithForm();
    const body = filled(t.form, { phone: uniquePhone() });
    const twins = await Promise.all([t.submit(body, { key: 'dbl-1' }), t.submit(body, { key: 'dbl-1' })]);
    expect(twins.map((r) => r.status).sort()).toEqual([200, 201]);
    for (const res of twins) expect(res.body).toEqual({ received: true, message: t.form.successMessage });
    expect((await t.submit(body, { key: 'dbl-1' })).status).toBe(200);
    expect(await t.db.contact.count()).toBe(1);
    expect((await t.leads().expect(200)).body.leads).toHaveLength(1);
  });

  it('reads a form-encoded body, as a plain HTML form posts it, blank fields and an "on" checkbox included', async () => {
    const t = await tenantWithForm({ form: { defaultCountryCode: '44' } });
    const at = Date.now();
    const body = new URLSearchParams({
      name: 'Grace Hopper',
      email: '',
      phone: '020 7946 0958',
      message: '',
      consent: 'on',
      consentText: t.form.consentText,
      website: '',
      renderedAt: String(at - 9_000),
      submittedAt: String(at),
      pageUrl: `${SITE}/`,
      referrer: '',
      utm_source: 'flyer',
      utm_medium: '',
      utm_campaign: '',
      utm_term: '',
      utm_content: '',
    }).toString();
    const res = await t.submit(body, { form: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const contact = await t.db.contact.findFirstOrThrow({});
    // A national number takes the form's default country code.
    expect(contact).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', phone: '+442079460958', email: null, smsConsent: 'granted', emailConsent: 'unknown' });
    const [lead] = (await t.leads().expect(200)).body.leads;
    expect(lead).toMatchObject({ message: null, referrer: null, utm: { source: 'flyer', medium: null, campaign: null }, consent: { given: true, channels: ['sms'] } });
  });

  it('answers bad input with 4xx in words a page can show, field by field, and stores nothing', async () => {
    const t = await tenantWithForm();
    const cases: Array<[object | string, number, RegExp]> = [
      [filled(t.form, { name: '' }), 400, /name: Enter your name/],
      [filled(t.form, { email: 'not-an-email', phone: undefined }), 400, /email: Enter a valid email address/],
      [filled(t.form, { phone: '555-0100' }), 400, /phone: Enter a valid phone number with its country code/],
      [filled(t.form, { phone: undefined, email: undefined }), 400, /Give a phone number or an email address/],
      [filled(t.form, { renderedAt: undefined }), 400, /renderedAt is missing/],
      [filled(t.form, { pageUrl: 'javascript:alert(1)' }), 400, /pageUrl is not an http\(s\) URL/],
      [filled(t.form, { consentText: undefined }), 400, /consentText is missing/],
      [filled(t.form, { company: 'Acme' }), 400, /Unrecognized key/i],
      [filled(t.form, { message: 'x'.repeat(5001) }), 400, /message: The message is at most 5,000 characters/],
      ['{"name": ', 400, /not valid JSON/],
    ];
    for (const [body, status, reason] of cases) {
      // Each from an address of its own: eleven calls from one would meet the per-address limit.
      const address = newAddress();
      const res = typeof body === 'string' ? await t.submit(body, { address }).set('Content-Type', 'application/json') : await t.submit(body, { address });
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(status);
      expect(res.body.error.message).toMatch(reason);
      // The page can read the error: the grant is on error answers too.
      expect(res.headers['access-control-allow-origin']).toBe(SITE);
    }
    const fields = await t.submit(filled(t.form, { name: ' ', email: 'nope' }));
    expect(fields.body.error.issues).toEqual(expect.arrayContaining([{ path: 'name', message: 'Enter your name.' }, { path: 'email', message: 'Enter a valid email address, like name@example.com.' }]));
    const plain = await t.submit('name=Ada').set('Content-Type', 'text/plain');
    expect(plain.status).toBe(415);
    expect(plain.body.error.message).toMatch(/application\/json or application\/x-www-form-urlencoded/);
    expect(await t.db.contact.count()).toBe(0);
    expect(await testSystemPrisma().ingestRequest.count({ where: { tenantId: t.tenant.id } })).toBe(0);
  });

  it('refuses a consent whose wording is not the form’s current one: the page must show what will be recorded', async () => {
    const t = await tenantWithForm();
    const res = await t.submit(filled(t.form, { consentText: 'I agree to anything.' }), { key: 'old-wording' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/consent wording.*changed.*reload/i) });
    expect(await t.db.contact.count()).toBe(0);
    // The key was not used up: the reloaded page's submission goes through.
    expect((await t.submit(filled(t.form), { key: 'old-wording' })).status).toBe(201);
  });

  it('never overrides an opt-out, and an unticked box records no consent', async () => {
    const t = await tenantWithForm();
    const phone = uniquePhone();
    await t.request().post('/api/contacts').set(bearer(t.apiKey)).send({ phone, email: 'optout@example.com' }).expect(201);
    await t.db.contact.updateMany({ where: { phone }, data: { smsConsent: 'revoked', smsConsentAt: new Date('2026-01-01T00:00:00Z') } });
    await t.submit(filled(t.form, { phone, email: 'optout@example.com' }), { key: 'c1' }).expect(201);
    const contact = await t.db.contact.findFirstOrThrow({ where: { phone } });
    expect(contact).toMatchObject({ smsConsent: 'revoked', emailConsent: 'granted' });
    expect(contact.smsConsentAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');

    const other = uniquePhone();
    await t.submit(filled(t.form, { phone: other, email: 'unticked@example.com', consent: false, consentText: undefined }), { key: 'c2' }).expect(201);
    expect(await t.db.contact.findFirstOrThrow({ where: { phone: other } })).toMatchObject({ smsConsent: 'unknown', emailConsent: 'unknown' });
    const leads = (await t.leads().expect(200)).body.leads;
    expect(leads[0].consent).toEqual({ given: false, text: null, channels: [] });
    expect(leads[1].consent).toEqual({ given: true, text: t.form.consentText, channels: ['email'] });
  });

  it('alerts the owner about a new lead as an ingest lead does: once, however often the page retries', async () => {
    const t = await tenantWithForm({ form: { name: 'Contact page' } });
    const owner = uniquePhone();
    await t.request().post('/api/notification-rules').set(bearer(t.apiKey)).send({ event: 'lead.created', channel: 'sms', recipient: owner }).expect(201);
    const callsBefore = fake.calls.length;
    const phone = uniquePhone();
    await t.submit(filled(t.form, { phone }), { key: 'alert-1' }).expect(201);
    await t.submit(filled(t.form, { phone }), { key: 'alert-1' }).expect(200);
    const alert = await t.db.message.findFirstOrThrow({ where: { direction: 'outbound' } });
    expect(alert.body).toBe(`New lead: Ada Lovelace (${phone}, ada@example.com) via the Contact page form.`);
    expect((await server.client.workflow.getHandle(alert.workflowId!).result()) as ScheduledMessageResult).toMatchObject({ outcome: 'sent' });
    expect(fake.calls.slice(callsBefore).filter((c) => c.to === owner)).toHaveLength(1);
  });
});

describe('the form’s spam guards', () => {
  it('answers a filled honeypot as if accepted, stores nothing, and logs it without personal data', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const t = await tenantWithForm({ logger });
    const res = await t.submit(filled(t.form, { website: 'https://cheap-pills.example' }), { key: 'bot-1' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ received: true, message: t.form.successMessage });
    expect(await t.db.contact.count()).toBe(0);
    expect(await testSystemPrisma().ingestRequest.count({ where: { tenantId: t.tenant.id } })).toBe(0);
    expect((await t.leads().expect(200)).body.counts.submissions).toBe(0);
    const dropped = lines.filter((line) => line.includes('honeypot'));
    expect(dropped).toHaveLength(1);
    expect(JSON.parse(dropped[0]!)).toMatchObject({ formId: t.form.id, tenantId: t.tenant.id, reason: 'honeypot' });
    for (const line of lines) for (const secret of ['Ada', 'ada@example.com', '555', 'cheap-pills', 'boiler']) expect(line).not.toContain(secret);
  });

  it('refuses a submission sent less than 2 s after the form was drawn, in words, and keeps nothing — the same id then goes through', async () => {
    const t = await tenantWithForm();
    const at = Date.now();
    const quick = await t.submit(filled(t.form, { renderedAt: at - 800, submittedAt: at }), { key: 'quick-1' });
    expect(quick.status).toBe(422);
    expect(quick.body.error).toMatchObject({ code: 'SUBMITTED_TOO_FAST', message: expect.stringMatching(/check your details.*send.*again/i) });
    expect(quick.headers['access-control-allow-origin']).toBe(SITE);
    // A clock far off does not matter: the fill time is the difference of the visitor's own two readings.
    expect((await t.submit(filled(t.form, { renderedAt: 1_000, submittedAt: 1_500 }), { key: 'quick-2' })).status).toBe(422);
    expect(await t.db.contact.count()).toBe(0);
    const later = await t.submit(filled(t.form, { renderedAt: 1_000, submittedAt: 4_000 }), { key: 'quick-1' });
    expect(later.status).toBe(201);
    expect(await t.db.contact.count()).toBe(1);
  });

  it('limits submissions per client address: 429 with Retry-After that the page can read, other addresses untouched', async () => {
    const t = await tenantWithForm({ deps: { leadForms: { addressLimit: { max: 3, windowSeconds: 60 } } } });
    const address = newAddress();
    // Refused submissions count too.
    expect((await t.submit({}, { address })).status).toBe(400);
    for (const key of ['a1', 'a2']) expect((await t.submit(filled(t.form, { phone: uniquePhone() }), { key, address })).status).toBe(201);
    const limited = await t.submit(filled(t.form, { phone: uniquePhone() }), { key: 'a3', address });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.message).toMatch(/try again in \d+ s/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers['access-control-allow-origin']).toBe(SITE);
    expect(limited.headers['access-control-expose-headers']).toMatch(/Retry-After/i);
    expect((await t.leads().expect(200)).body.counts.submissions).toBe(2);
    expect((await t.submit(filled(t.form, { phone: uniquePhone() }), { key: 'b1', address: newAddress() })).status).toBe(201);
  });

  it('limits each form to its tenant’s ingest rate, whatever the addresses: the tenant’s other forms untouched', async () => {
    const t = await tenantWithForm({ tenant: { ingestRatePerMinute: 4 } }); // bursts of 2
    for (const key of ['f1', 'f2']) expect((await t.submit(filled(t.form, { phone: uniquePhone() }), { key, address: newAddress() })).status).toBe(201);
    const limited = await t.submit(filled(t.form, { phone: uniquePhone() }), { key: 'f3', address: newAddress() });
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/this form.*try again in \d+ s/i);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const token = await t.request().post('/api/ingest-tokens').set(bearer(t.apiKey)).send({ name: 'landing page' }).expect(201);
    const other = await t.request().post('/api/lead-forms').set(bearer(t.apiKey)).send({ ingestTokenId: token.body.ingestToken.id }).expect(201);
    const res = await t.request().post(`/ingest/forms/${other.body.leadForm.id}/leads`).set('Origin', SITE).set('X-Forwarded-For', newAddress()).send(filled(other.body.leadForm, { phone: uniquePhone() }));
    expect(res.status).toBe(201);
  });
});

describe('which pages may use a form', () => {
  it('grants an allowed origin (preflight and post, never credentials) and gives others no grant and a refusal', async () => {
    const t = await tenantWithForm({ form: { allowedOrigins: ['https://WWW.acme.test/', 'https://shop.acme.test'] } });
    const preflight = await t.request().options(`/ingest/forms/${t.form.id}/leads`).set('Origin', SITE).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type,idempotency-key');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SITE);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(preflight.headers['access-control-allow-headers']?.toLowerCase()).toMatch(/content-type/);
    expect(preflight.headers['access-control-allow-headers']?.toLowerCase()).toMatch(/idempotency-key/);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    expect(preflight.headers.vary).toMatch(/Origin/);

    const evil = 'https://evil.example';
    const evilPreflight = await t.request().options(`/ingest/forms/${t.form.id}/leads`).set('Origin', evil).set('Access-Control-Request-Method', 'POST');
    expect(evilPreflight.status).toBe(403);
    expect(evilPreflight.headers['access-control-allow-origin']).toBeUndefined();
    const evilPost = await t.submit(filled(t.form, { phone: uniquePhone() }), { origin: evil, key: 'evil' });
    expect(evilPost.status).toBe(403);
    expect(evilPost.headers['access-control-allow-origin']).toBeUndefined();
    expect(evilPost.body.error.message).toMatch(/https:\/\/evil\.example.*not allowed/);
    // Not a browser on a page at all: a restricted form takes nothing without an Origin.
    expect((await t.submit(filled(t.form, { phone: uniquePhone() }), { origin: null, key: 'none' })).status).toBe(403);
    expect((await t.request().get(`/ingest/forms/${t.form.id}`).set('Origin', evil)).status).toBe(403);
    expect(await t.db.contact.count()).toBe(0);

    const shop = await t.submit(filled(t.form, { phone: uniquePhone() }), { origin: 'https://shop.acme.test', key: 'shop' });
    expect(shop.status).toBe(201);
    expect(shop.headers['access-control-allow-origin']).toBe('https://shop.acme.test');
  });

  it('lets any page use a form without a list, reflecting the caller’s origin (never *)', async () => {
    const t = await tenantWithForm();
    const config = await t.request().get(`/ingest/forms/${t.form.id}`).set('Origin', 'https://anywhere.example');
    expect(config.status).toBe(200);
    expect(config.headers['access-control-allow-origin']).toBe('https://anywhere.example');
    expect(config.body).toEqual({ leadForm: { id: t.form.id, consentText: t.form.consentText, successMessage: t.form.successMessage } });
    const res = await t.submit(filled(t.form, { phone: uniquePhone() }), { origin: null, key: 'server-side' });
    expect(res.status).toBe(201);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a disabled form 403 (readable by the page), an unknown form or a revoked token 404, and stores nothing', async () => {
    const t = await tenantWithForm();
    await t.request().patch(`/api/lead-forms/${t.form.id}`).set(bearer(t.apiKey)).send({ enabled: false }).expect(200);
    for (const res of [await t.submit(filled(t.form, { phone: uniquePhone() }), { key: 'off' }), await t.request().get(`/ingest/forms/${t.form.id}`).set('Origin', SITE)]) {
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/not taking submissions/) });
      expect(res.headers['access-control-allow-origin']).toBe(SITE);
    }
    expect(await t.db.contact.count()).toBe(0);
    await t.request().patch(`/api/lead-forms/${t.form.id}`).set(bearer(t.apiKey)).send({ enabled: true }).expect(200);
    expect((await t.submit(filled(t.form, { phone: uniquePhone() }), { key: 'on' })).status).toBe(201);

    expect((await t.request().post('/ingest/forms/lfm_doesnotexist/leads').set('Origin', SITE).send(filled(t.form))).status).toBe(404);
    await t.request().post(`/api/ingest-tokens/${t.tokenId}/revoke`).set(bearer(t.apiKey)).expect(204);
    const revoked = await t.submit(filled(t.form, { phone: uniquePhone() }), { key: 'revoked' });
    expect(revoked.status).toBe(404);
    expect((await t.request().get(`/ingest/forms/${t.form.id}`)).status).toBe(404);
    const view = await t.request().get(`/api/lead-forms/${t.form.id}`).set(bearer(t.apiKey)).expect(200);
    expect(view.body.leadForm.ingestTokenRevoked).toBe(true);
  });
});

describe('the form’s settings routes', () => {
  it('make a form per ingest token with the tenant’s wording and the snippet to paste, list and change it', async () => {
    const t = await tenantWithForm({ tenant: { businessName: 'Harbor Heating' } });
    const view = await t.request().get(`/api/lead-forms/${t.form.id}`).set(bearer(t.apiKey)).expect(200);
    expect(view.body.leadForm).toMatchObject({
      id: expect.stringMatching(/^lfm_/),
      ingestTokenId: t.tokenId,
      ingestTokenName: 'website',
      name: 'website',
      enabled: true,
      allowedOrigins: [],
      consentText: expect.stringContaining('Harbor Heating'),
      defaultCountryCode: null,
      // The public URL the API is configured with (HERALD_PUBLIC_URL), as webhook and quote links use.
      scriptUrl: 'https://herald.test/embed/lead-form.js',
      submitUrl: `https://herald.test/ingest/forms/${t.form.id}/leads`,
      snippet: `<div data-herald-lead-form="${t.form.id}"></div>\n<script src="https://herald.test/embed/lead-form.js" async></script>`,
    });
    // The form is not the token: nothing secret is in it.
    expect(JSON.stringify(view.body)).not.toMatch(/it_[A-Za-z0-9_-]{10,}/);

    // One form per token.
    const again = await t.request().post('/api/lead-forms').set(bearer(t.apiKey)).send({ ingestTokenId: t.tokenId });
    expect(again.status).toBe(409);
    expect((await t.request().post('/api/lead-forms').set(bearer(t.apiKey)).send({ ingestTokenId: 'ing_doesnotexist' })).status).toBe(404);

    const changed = await t.request()
      .patch(`/api/lead-forms/${t.form.id}`)
      .set(bearer(t.apiKey))
      .send({ allowedOrigins: ['https://Example.com/', 'http://localhost:8080', 'https://example.com'], consentText: 'Yes, text me.', name: 'Contact page', defaultCountryCode: '+44' })
      .expect(200);
    expect(changed.body.leadForm).toMatchObject({ allowedOrigins: ['https://example.com', 'http://localhost:8080'], consentText: 'Yes, text me.', name: 'Contact page', defaultCountryCode: '44' });
    for (const bad of [{ allowedOrigins: ['https://example.com/contact'] }, { allowedOrigins: ['ftp://example.com'] }, { allowedOrigins: ['*'] }, {}, { enabled: 'yes' }, { consentText: '' }, { defaultCountryCode: '4444' }]) {
      const res = await t.request().patch(`/api/lead-forms/${t.form.id}`).set(bearer(t.apiKey)).send(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const list = await t.request().get('/api/lead-forms').set(bearer(t.apiKey)).expect(200);
    expect(list.body.leadForms.map((f: { id: string }) => f.id)).toEqual([t.form.id]);
  });

  it('serve the embed script, small and cacheable, from the API', async () => {
    const t = await tenantWithForm();
    const res = await t.request().get('/embed/lead-form.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8/);
    expect(res.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.text).toContain('data-herald-lead-form');
    expect(Buffer.byteLength(res.text)).toBeLessThan(20_000);
    const etag = res.headers.etag;
    expect(etag).toBeTruthy();
    expect((await t.request().get('/embed/lead-form.js').set('If-None-Match', etag!)).status).toBe(304);
  });
});
