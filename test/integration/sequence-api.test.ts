import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { scheduleSteps } from '../../domain/sequence-schedule';
import type { AppPrisma } from '../../prisma/client';
import { forTenant } from '../../prisma/tenant-scope';
import { quoteStateQuery, statusQuery, type EnrollmentResult, type QuoteResult, type ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, silentLogger, fakeProviders, TEST_WEBHOOKS, testApi, uniqueName, testSystemPrisma } from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';
import { startWorkflowOutboxRelay } from '../../worker/workflow-outbox-relay';

// Templates, sequences, enrollments and quotes through the HTTP API, on the Temporal dev server and Postgres.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { fake, providers } = fakeProviders();
const taskQueue = uniqueName('seq-api-tq');

useDevServerWorker({ taskQueue, providers, publicUrl: TEST_WEBHOOKS.publicUrl }, (parts) => ({ server, prisma } = parts));

async function tenant(overrides = {}) {
  const t = await createTestTenant(prisma, { quietStartMinute: null, quietEndMinute: null, ...overrides });
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const api = {
    get: (path: string) => request().get(path).set(bearer(t.apiKey)),
    post: (path: string, body: object = {}) => request().post(path).set(bearer(t.apiKey)).send(body),
    patch: (path: string, body: object) => request().patch(path).set(bearer(t.apiKey)).send(body),
    put: (path: string, body: object) => request().put(path).set(bearer(t.apiKey)).send(body),
    delete: (path: string) => request().delete(path).set(bearer(t.apiKey)),
  };
  const contact = async (data: object = {}) =>
    (await api.post('/api/contacts', { firstName: 'Ada', phone: `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`, email: `${uniqueName('lead')}@example.com`, ...data })).body.contact as {
      id: string;
      phone: string;
    };
  return { ...t, api, request, contact };
}

const result = <T>(workflowId: string) => server.client.workflow.getHandle(workflowId).result() as Promise<T>;

describe('templates', () => {
  it('refuses unknown variables on save with the whole list, and previews against a real contact', async () => {
    const t = await tenant();
    const bad = await t.api.post('/api/templates', { name: 'bad', channel: 'sms', body: 'Hi {{frist_name}}, {{custom.budget}} {{total}}' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('TEMPLATE_INVALID');
    expect(bad.body.error.details.problems.map((p: { token: string }) => p.token)).toEqual(['{{frist_name}}', '{{total}}']);
    expect(await t.db.template.count()).toBe(0);

    const email = await t.api.post('/api/templates', { name: 'welcome', channel: 'email', subject: 'Hello {{first_name}}', body: '<p>{{custom.note}}</p> from {{business_name}}' });
    expect(email.status).toBe(201);
    const c = await t.contact({ firstName: 'Ada', customProperties: { note: '<b>VIP</b>' } });
    const preview = await t.api.post(`/api/templates/${email.body.template.id}/preview`, { contactId: c.id });
    expect(preview.status).toBe(200);
    // Email bodies are plain text, shown as the contact will read them; the HTML part is made when it is sent.
    expect(preview.body.preview).toMatchObject({ ok: true, subject: 'Hello Ada', body: '<p><b>VIP</b></p> from Acme Plumbing' });

    const lacking = await t.contact({ firstName: 'Bo' });
    const missing = await t.api.post('/api/templates/preview', { contactId: lacking.id, body: 'Budget: {{custom.budget}}' });
    expect(missing.body.preview.ok).toBe(false);
    expect(missing.body.preview.body).toBeNull();
    expect(missing.body.preview.problems[0].message).toMatch(/custom\.budget/);

    expect((await t.api.post('/api/templates', { name: 'welcome', channel: 'sms', body: 'x' })).status).toBe(409);
    expect((await t.api.patch(`/api/templates/${email.body.template.id}`, { body: 'Hi {{nope}}' })).status).toBe(422);
  });
});

describe('sequences', () => {
  it('publishes immutable versions; an edit makes a new draft; a template’s later edit does not reach published steps', async () => {
    const t = await tenant();
    const tpl = (await t.api.post('/api/templates', { name: 'hello', channel: 'sms', body: 'Hello {{first_name}} (v1)' })).body.template;
    const invalid = await t.api.post('/api/sequences', {
      name: 'Bad',
      steps: [
        { channel: 'sms', waitAmount: 0, body: 'Hi {{frist_name}}' },
        { channel: 'email', waitAmount: 1, subject: 'About {{nope}}', body: 'x' },
      ],
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.details.problems.map((p: { path: string }) => p.path)).toEqual(['steps.0.body', 'steps.1.subject']);

    const created = await t.api.post('/api/sequences', {
      name: 'New leads',
      settings: { sendWindow: 'always' },
      steps: [
        { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', templateId: tpl.id },
        { channel: 'sms', waitAmount: 2, waitUnit: 'days', body: 'Still keen, {{first_name}}?' },
      ],
    });
    expect(created.status).toBe(201);
    const seq = created.body.sequence;
    expect(seq).toMatchObject({ published: null, draft: { version: 1 } });
    expect(seq.temporalRunsUrl).toContain(encodeURIComponent(`SequenceId="${seq.id}"`));

    const c = await t.contact();
    const early = await t.api.post(`/api/sequences/${seq.id}/enrollments`, { contactId: c.id });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('NOT_PUBLISHED');

    const published = await t.api.post(`/api/sequences/${seq.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.sequence.published.steps[0]).toMatchObject({ templateId: tpl.id, body: 'Hello {{first_name}} (v1)' });
    expect(published.body.sequence.draft).toBeNull();
    expect((await t.api.post(`/api/sequences/${seq.id}/publish`)).status).toBe(409);

    await t.api.patch(`/api/templates/${tpl.id}`, { body: 'Hello {{first_name}} (v2)' }).expect(200);
    const edited = await t.api.patch(`/api/sequences/${seq.id}`, { settings: { sendWindow: 'always', stopOnReply: false } });
    expect(edited.body.sequence.published.version).toBe(1);
    expect(edited.body.sequence.draft).toMatchObject({ version: 2, settings: { stopOnReply: false } });
    // The published version is frozen, in the database too.
    await expect(t.db.sequenceStep.updateMany({ where: { versionId: published.body.sequence.published.id }, data: { body: 'sneaky' } })).rejects.toThrow(/immutable/);

    const v2 = await t.api.post(`/api/sequences/${seq.id}/publish`);
    expect(v2.body.sequence.published).toMatchObject({ version: 2, settings: { stopOnReply: false } });
    expect(v2.body.sequence.published.steps[0].body).toBe('Hello {{first_name}} (v2)');
    expect(v2.body.sequence.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('previews each step’s time and reasons with the workflow’s own schedule code, rendered for the contact', async () => {
    // Quiet 21:00–08:00 in New York; the contact has no zone of their own.
    const t = await tenant({ timeZone: 'America/New_York', quietStartMinute: 21 * 60, quietEndMinute: 8 * 60 });
    const seq = (
      await t.api.post('/api/sequences', {
        name: 'Timing',
        publish: true,
        steps: [
          { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'Hi {{first_name}}' },
          { channel: 'sms', waitAmount: 1, waitUnit: 'business_days', body: 'Day two' },
          { channel: 'email', waitAmount: 3, waitUnit: 'hours', subject: 'Hi', body: 'Email for {{first_name}}' },
        ],
      })
    ).body.sequence;
    const c = await t.contact({ firstName: 'Ada' });
    const start = '2026-11-27T23:30:00-05:00'; // a Friday, 23:30 local: inside quiet hours
    const res = await t.api.get(`/api/sequences/${seq.id}/preview?contactId=${c.id}&start=${encodeURIComponent(start)}`);
    expect(res.status).toBe(200);
    const { preview } = res.body;
    const expected = scheduleSteps(new Date(start), seq.published.steps, { timeZone: 'America/New_York', quietHours: { startMinute: 21 * 60, endMinute: 8 * 60 } });
    expect(preview.steps.map((s: { fireAt: string }) => s.fireAt)).toEqual(expected.map((e) => e.at.toISOString()));
    expect(preview.steps[0]).toMatchObject({ outcome: 'send', body: 'Hi Ada', fireAt: '2026-11-28T13:00:00.000Z' });
    expect(preview.steps[0].reasons.map((r: { code: string }) => r.code)).toEqual(['quiet_hours']);
    // One business day after Saturday 08:00 is Tuesday (the count starts on Monday).
    expect(preview.steps[1].reasons.map((r: { code: string }) => r.code)).toContain('business_day');
    expect(new Date(preview.steps[1].fireAt).getUTCDay()).toBe(2);

    const noEmail = await t.contact({ firstName: 'Bo', email: undefined });
    const skipped = (await t.api.get(`/api/sequences/${seq.id}/preview?contactId=${noEmail.id}`)).body.preview;
    expect(skipped.steps[2]).toMatchObject({ outcome: 'skip', note: 'the contact has no email address' });
    expect((await t.api.get(`/api/sequences/${seq.id}/preview`)).status).toBe(400);
  });
});

describe('enrollments', () => {
  it('runs a sequence created through the API end to end, one enrollment per contact at a time, with pause, resume and stop', async () => {
    const t = await tenant();
    const seq = (
      await t.api.post('/api/sequences', {
        name: 'Welcome',
        publish: true,
        settings: { sendWindow: 'always' },
        steps: [
          { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'Welcome {{first_name}} to {{business_name}}' },
          { channel: 'sms', waitAmount: 3, waitUnit: 'days', body: 'Checking in' },
        ],
      })
    ).body.sequence;
    const c = await t.contact({ firstName: 'Ada' });
    const enrolled = await t.api.post(`/api/sequences/${seq.id}/enrollments`, { contactId: c.id });
    expect(enrolled.status).toBe(201);
    const e = enrolled.body.enrollment;
    expect(e).toMatchObject({ status: 'active', sequenceId: seq.id, contactId: c.id, versionId: seq.published.id, workflowId: `enrollment:${t.tenant.id}:${seq.id}:${c.id}` });
    expect(e.temporalUrl).toContain(encodeURIComponent(e.workflowId));

    const again = await t.api.post(`/api/sequences/${seq.id}/enrollments`, { contactId: c.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_ENROLLED');

    // The first step goes out through the fake provider as its own message workflow.
    const firstMessage = `message:${t.tenant.id}:msg_${e.id.replace(/^enr_/, '')}s0`;
    await expect(waitForWorkflow<ScheduledMessageResult>(firstMessage)).resolves.toMatchObject({ outcome: 'sent' });
    expect(fake.calls.filter((m) => m.to === c.phone).map((m) => m.body)).toEqual(['Welcome Ada to Acme Plumbing']);

    const live = (await t.api.get(`/api/enrollments/${e.id}`)).body.enrollment;
    expect(live.live).toMatchObject({ status: 'active', currentStep: 1, sent: 1, stepCount: 2 });

    const paused = await t.api.post(`/api/enrollments/${e.id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body.enrollment).toMatchObject({ status: 'paused', live: { status: 'paused' } });
    expect(paused.body.enrollment.live.pausedRemainingMs).toBeGreaterThan(2 * 86_400_000);
    const twice = await t.api.post(`/api/enrollments/${e.id}/pause`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('The enrollment is already paused.');
    expect((await t.api.post(`/api/enrollments/${e.id}/resume`)).body.enrollment.status).toBe('active');

    const stopped = await t.api.post(`/api/enrollments/${e.id}/stop`, { reason: 'booked a call' });
    expect(stopped.status).toBe(200);
    expect(stopped.body.enrollment).toMatchObject({ status: 'stopped', stopReason: 'manual' });
    expect(await result<EnrollmentResult>(e.workflowId)).toMatchObject({ status: 'stopped', stopReason: 'manual', sent: 1 });
    expect((await t.api.post(`/api/enrollments/${e.id}/stop`)).status).toBe(409);

    // After the first ended, the default rule lets the contact be enrolled again.
    const second = await t.api.post(`/api/sequences/${seq.id}/enrollments`, { contactId: c.id });
    expect(second.status).toBe(201);
    const list = await t.api.get(`/api/enrollments?sequenceId=${seq.id}`);
    expect(list.body.enrollments.map((x: { id: string }) => x.id)).toEqual([second.body.enrollment.id, e.id]);
    await t.api.post(`/api/enrollments/${second.body.enrollment.id}/stop`).expect(200);
  });

  it('lets exactly one of many simultaneous enrollments of a contact through (the workflow id decides, not a check)', async () => {
    const t = await tenant();
    const seq = (await t.api.post('/api/sequences', { name: 'Race', publish: true, steps: [{ channel: 'sms', waitAmount: 1, body: 'hi' }] })).body.sequence;
    const c = await t.contact();
    const responses = await Promise.all(Array.from({ length: 6 }, () => t.api.post(`/api/sequences/${seq.id}/enrollments`, { contactId: c.id })));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const rows = await t.db.enrollment.findMany({ where: { sequenceId: seq.id } });
    expect(rows).toHaveLength(1);
    await t.api.post(`/api/enrollments/${rows[0]!.id}/stop`).expect(200);
  });

  it('enrolls a contact only once when the sequence says so', async () => {
    const t = await tenant();
    const seq = (
      await t.api.post('/api/sequences', { name: 'Once', publish: true, settings: { reenroll: 'never', sendWindow: 'always' }, steps: [{ channel: 'sms', waitAmount: 1, body: 'once' }] })
    ).body.sequence;
    const c = await t.contact();
    const first = (await t.api.post(`/api/sequences/${seq.id}/enrollments`, { contactId: c.id })).body.enrollment;
    await t.api.post(`/api/enrollments/${first.id}/stop`).expect(200);
    const again = await t.api.post(`/api/sequences/${seq.id}/enrollments`, { contactId: c.id });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/enrolls a contact only once/);
  });

  it('accepts a bulk enrollment by filter at once and reports its progress', async () => {
    const t = await tenant();
    const seq = (
      await t.api.post('/api/sequences', { name: 'Bulk', publish: true, settings: { sendWindow: 'always' }, steps: [{ channel: 'sms', waitAmount: 2, body: 'hi {{first_name}}' }] })
    ).body.sequence;
    for (let i = 0; i < 5; i++) await t.contact({ firstName: `Lead${i}`, customProperties: { tier: i < 3 ? 'gold' : 'silver' } });
    const res = await t.api.post(`/api/sequences/${seq.id}/enrollments/bulk`, { filter: { properties: { tier: 'gold' } } });
    expect(res.status).toBe(202);
    expect(res.body.bulkEnrollment).toMatchObject({ status: 'running', total: 3 });
    expect(await result(res.body.bulkEnrollment.workflowId)).toEqual({ enrolled: 3, skipped: 0 });
    const done = (await t.api.get(`/api/bulk-enrollments/${res.body.bulkEnrollment.id}`)).body.bulkEnrollment;
    expect(done).toMatchObject({ status: 'completed', total: 3, enrolled: 3, skipped: 0, remaining: 0 });
    const active = (await t.api.get(`/api/enrollments?sequenceId=${seq.id}&status=active`)).body.enrollments;
    expect(active).toHaveLength(3);
    for (const e of active) await t.api.post(`/api/enrollments/${e.id}/stop`).expect(200);
    expect((await t.api.post(`/api/sequences/${seq.id}/enrollments/bulk`, { filter: { unknown: 1 } })).status).toBe(400);
  });
});

describe('quotes', () => {
  it('texts a quote created through the API with the tenant’s template, and the lead accepts it on the quote page', async () => {
    const t = await tenant();
    const bad = await t.api.put('/api/quote-settings', { messageTemplate: 'Quote {{totl}} {{short_url}}' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.problems[0].token).toBe('{{totl}}');
    await t.api.put('/api/quote-settings', { messageTemplate: 'Hi {{first_name}}, {{quote_title}}: {{total}} — {{short_url}} ({{quote.rooms}} rooms)' }).expect(200);

    const c = await t.contact({ firstName: 'Ada' });
    const created = await t.api.post('/api/quotes', { contactId: c.id, title: 'Kitchen remodel', total: 1234.5, currency: 'EUR', data: { rooms: 2 } });
    expect(created.status).toBe(201);
    const quote = created.body.quote;
    expect(quote).toMatchObject({ total: '1234.50', currency: 'EUR', totalFormatted: '€1,234.50', workflowId: `quote:${t.tenant.id}:${quote.id}` });
    expect(quote.shortUrl).toMatch(/^https:\/\/herald\.test\/q\/[0-9a-f]{32}$/);
    const token = quote.shortUrl.split('/q/')[1];

    await waitForWorkflow(`message:${t.tenant.id}:msg_${quote.id.replace(/^quo_/, '')}q1`);
    expect(fake.calls.filter((m) => m.to === c.phone).map((m) => m.body)).toEqual([`Hi Ada, Kitchen remodel: €1,234.50 — ${quote.shortUrl} (2 rooms)`]);

    // The insert trigger queued the quote for the relay too; relaying it (twice) starts nothing new.
    const relay = startWorkflowOutboxRelay({ prisma: testSystemPrisma(), client: server.client, taskQueue, logger: silentLogger, pollIntervalMs: 3_600_000 });
    try {
      await relay.drain();
      await t.db.workflowOutboxEntry.updateMany({ where: { quoteId: quote.id }, data: { relayedAt: null } });
      await relay.drain();
    } finally {
      await relay.stop();
    }
    expect(await t.db.workflowOutboxEntry.count({ where: { quoteId: quote.id, relayedAt: null } })).toBe(0);
    expect(fake.calls.filter((m) => m.to === c.phone)).toHaveLength(1);

    const page = await t.request().get(`/q/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Kitchen remodel');
    expect(page.text).toContain('€1,234.50');
    expect(page.text).toContain('Accept quote');

    const accepted = await t.request().post(`/q/${token}/accept`);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe(`/q/${token}`);
    expect(await result<QuoteResult>(quote.workflowId)).toMatchObject({ outcome: 'accepted', sent: true, followedUp: false });
    expect((await t.api.get(`/api/quotes/${quote.id}`)).body.quote).toMatchObject({ status: 'accepted' });
    // A later "decline" (second tab, double click) changes nothing.
    await t.request().post(`/q/${token}/reject`).expect(303);
    const after = await t.request().get(`/q/${token}`);
    expect(after.text).toContain('You accepted this quote');
    expect(after.text).not.toContain('Accept quote');
    expect((await forTenant(prisma, t.tenant.id).quote.findFirstOrThrow({ where: { id: quote.id } })).status).toBe('accepted');
  });

  it('records when the lead first opens the quote page, once, as the contact’s doing', async () => {
    const t = await tenant();
    const c = await t.contact({ firstName: 'Vi' });
    const created = await t.api.post('/api/quotes', { contactId: c.id, title: 'Boiler service', total: 180 }).expect(201);
    const token = created.body.quote.shortUrl.split('/q/')[1];
    expect(created.body.quote.viewedAt).toBeNull();
    await t.request().get(`/q/${token}`).expect(200);
    const first = (await t.api.get(`/api/quotes/${created.body.quote.id}`)).body.quote.viewedAt;
    expect(first).not.toBeNull();
    await t.request().get(`/q/${token}`).expect(200);
    expect((await t.api.get(`/api/quotes/${created.body.quote.id}`)).body.quote.viewedAt).toBe(first);
    const viewed = await t.db.eventLog.findMany({ where: { type: 'quote.viewed', subjectId: created.body.quote.id } });
    expect(viewed.map((e) => ({ actorType: e.actorType, actorId: e.actorId }))).toEqual([{ actorType: 'contact', actorId: c.id }]);
  });

  it('texts a quote posted to the ingest endpoint once, through the outbox relay', async () => {
    const t = await tenant();
    const token = (await t.api.post('/api/ingest-tokens', { name: 'website' })).body.ingestToken.token as string;
    const phone = `+1415556${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const posted = await t
      .request()
      .post('/ingest/quotes')
      .set(bearer(token))
      .set('Idempotency-Key', uniqueName('form'))
      .send({ contact: { firstName: 'Grace', phone, source: 'website' }, total: 420, title: 'Boiler service' });
    expect(posted.status).toBe(201);
    const relay = startWorkflowOutboxRelay({ prisma: testSystemPrisma(), client: server.client, taskQueue, logger: silentLogger, pollIntervalMs: 3_600_000 });
    try {
      await relay.drain();
      await relay.drain();
    } finally {
      await relay.stop();
    }
    const quoteId: string = posted.body.quote.id;
    await waitForWorkflow(`message:${t.tenant.id}:msg_${quoteId.replace(/^quo_/, '')}q1`);
    // Sent and marked so: the workflow now waits for the follow-up.
    const quoteRun = server.client.workflow.getHandle(`quote:${t.tenant.id}:${quoteId}`);
    for (let attempt = 0; attempt < 500 && (await quoteRun.query(quoteStateQuery)).state !== 'waiting'; attempt++);
    expect((await quoteRun.query(quoteStateQuery)).state).toBe('waiting');
    const sms = fake.calls.filter((m) => m.to === phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toMatch(/^Hi Grace, your quote from Acme Plumbing for \$420\.00 is ready: https:\/\/herald\.test\/q\/[0-9a-f]{32}$/);
    expect((await t.api.get(`/api/quotes/${quoteId}`)).body.quote).toMatchObject({ status: 'sent', workflowId: `quote:${t.tenant.id}:${quoteId}` });
    await server.client.workflow.getHandle(`quote:${t.tenant.id}:${quoteId}`).terminate('test over');
  });

  it('cancels a quote SMS still waiting out quiet hours when the lead answers first', async () => {
    // Quiet from an hour ago until two hours from now (UTC): the quote SMS has to wait.
    const minute = new Date().getUTCHours() * 60 + new Date().getUTCMinutes();
    const t = await tenant({ quietStartMinute: (minute + 1380) % 1440, quietEndMinute: (minute + 120) % 1440 });
    const c = await t.contact({ firstName: 'Ada' });
    const quote = (await t.api.post('/api/quotes', { contactId: c.id, total: 300 })).body.quote;
    const messageWorkflow = `message:${t.tenant.id}:msg_${quote.id.replace(/^quo_/, '')}q1`;
    expect(await waitForMessageState(messageWorkflow, 'quiet-hours')).toBe(true);

    await t.request().post(`/q/${quote.shortUrl.split('/q/')[1]}/accept`).expect(303);
    expect(await result<ScheduledMessageResult>(messageWorkflow)).toMatchObject({ outcome: 'cancelled' });
    expect(await result<QuoteResult>(quote.workflowId)).toMatchObject({ outcome: 'accepted', sent: false });
    expect(fake.calls.filter((m) => m.to === c.phone)).toHaveLength(0);
    expect((await t.db.message.findFirstOrThrow({ where: { workflowId: messageWorkflow } })).status).toBe('cancelled');
  });

  it('answers unknown tokens with 404 and shows an expired quote as expired', async () => {
    const t = await tenant();
    expect((await t.request().get('/q/0123456789abcdef0123456789abcdef')).status).toBe(404);
    expect((await t.request().get('/q/not-a-token')).status).toBe(404);
    expect((await t.request().post('/q/0123456789abcdef0123456789abcdef/accept')).status).toBe(404);
    const c = await t.contact();
    const row = await t.db.quote.create({ data: { tenantId: t.tenant.id, contactId: c.id, total: 50, status: 'expired' } });
    const page = await t.request().get(`/q/${row.publicToken}`);
    expect(page.text).toContain('This quote has expired');
    await t.request().post(`/q/${row.publicToken}/accept`).expect(303);
    expect((await t.db.quote.findFirstOrThrow({ where: { id: row.id } })).status).toBe('expired');
    expect((await t.api.post('/api/quotes', { contactId: c.id, total: 10, expiresAt: '2020-01-01T00:00:00Z' })).status).toBe(400);
    const emailOnly = await t.contact({ phone: undefined });
    const unsendable = await t.api.post('/api/quotes', { contactId: emailOnly.id, total: 10 });
    expect(unsendable.status).toBe(201);
    expect(unsendable.body.warning).toMatch(/no phone number/);
    expect(await result<QuoteResult>(unsendable.body.quote.workflowId)).toMatchObject({ sent: false, reason: 'no_phone' });
  });
});

/** Asks a message workflow (started by another workflow, so perhaps not yet there) until it is in `state`. */
async function waitForMessageState(workflowId: string, state: string): Promise<boolean> {
  for (let attempt = 0; attempt < 400; attempt++) {
    try {
      if ((await server.client.workflow.getHandle(workflowId).query(statusQuery)).state === state) return true;
    } catch (error) {
      if ((error as Error).name !== 'WorkflowNotFoundError' && !/not found|no such/i.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return false;
}

/** Waits for a workflow that another workflow starts (it may not exist yet when asked). */
async function waitForWorkflow<T = unknown>(workflowId: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      return (await server.client.workflow.getHandle(workflowId).result()) as T;
    } catch (error) {
      if ((error as Error).name !== 'WorkflowNotFoundError') throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`workflow ${workflowId} never started`);
}
