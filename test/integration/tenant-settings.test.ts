import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it, vi } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { statusQuery, type ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, fakeProviders, testApi, uniqueName } from '../harness/context';
import { captureHistory } from '../harness/sequences';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// The tenant's own settings: business name, support contact, time zone, quiet hours, business days and send
// limits — validated on the way in, and honoured at once by what is already pending. Real time on the dev
// server, real Postgres.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { fake, providers } = fakeProviders();
const taskQueue = uniqueName('settings-tq');
useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

async function tenant(overrides = {}) {
  const t = await createTestTenant(prisma, { quietStartMinute: null, quietEndMinute: null, ...overrides });
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  return {
    ...t,
    get: (path: string) => request().get(path).set(bearer(t.apiKey)),
    post: (path: string, body: object = {}) => request().post(path).set(bearer(t.apiKey)).send(body),
    patch: (path: string, body: unknown) => request().patch(path).set(bearer(t.apiKey)).send(body as object),
  };
}

describe('tenant settings', () => {
  it('are read whole and changed in part, with defaults a new tenant starts from', async () => {
    const t = await tenant();
    const read = await t.get('/api/tenant/settings');
    expect(read.status).toBe(200);
    expect(read.body.settings).toEqual({
      businessName: 'Acme Plumbing',
      supportContact: 'help@acme.test',
      timeZone: 'UTC',
      quietHours: null,
      businessDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      sendLimits: { perMinute: 120, burst: 30, dailyCap: 10_000 },
      complianceRepliesPerDay: 3,
      ingestRatePerMinute: 60,
    });

    const changed = await t.patch('/api/tenant/settings', {
      businessName: 'Acme Plumbing & Heating',
      timeZone: 'us/eastern',
      quietHours: { start: '21:30', end: '07:45' },
      businessDays: ['sun', 'mon', 'tue', 'wed', 'thu'],
      sendLimits: { dailyCap: 500 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({
      businessName: 'Acme Plumbing & Heating',
      supportContact: 'help@acme.test',
      timeZone: 'America/New_York',
      quietHours: { start: '21:30', end: '07:45' },
      businessDays: ['mon', 'tue', 'wed', 'thu', 'sun'],
      sendLimits: { perMinute: 120, burst: 30, dailyCap: 500 },
    });
    const row = await t.db.tenant.findFirstOrThrow({});
    expect(row).toMatchObject({ quietStartMinute: 21 * 60 + 30, quietEndMinute: 7 * 60 + 45, businessDays: [1, 2, 3, 4, 7], sendDailyCap: 500, timeZone: 'America/New_York' });
    expect((await t.get('/api/tenant').expect(200)).body.tenant).toMatchObject({ businessName: 'Acme Plumbing & Heating', quietHours: { start: '21:30', end: '07:45' } });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, /timeZone/],
    [{ quietHours: { start: '09:00', end: '09:00' } }, /quietHours/],
    [{ quietHours: { start: '25:00', end: '07:00' } }, /quietHours\.start/],
    [{ businessDays: [] }, /businessDays/],
    [{ businessDays: ['mon', 'mon'] }, /businessDays/],
    [{ businessName: '   ' }, /businessName/],
    [{ sendLimits: { perMinute: 0 } }, /sendLimits\.perMinute/],
    [{ sendLimits: { dailyCap: 1e12 } }, /sendLimits\.dailyCap/],
    [{ complianceRepliesPerDay: 1000 }, /complianceRepliesPerDay/],
    [{ plan: 'enterprise' }, /plan/],
    [[], /body/],
  ])('refuses %j with a 400 naming the field, and changes nothing', async (body, field) => {
    const t = await tenant();
    const before = await t.db.tenant.findFirstOrThrow({});
    const res = await t.patch('/api/tenant/settings', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.message).toMatch(field);
    expect(await t.db.tenant.findFirstOrThrow({})).toEqual(before);
  });

  it('a message waiting out quiet hours goes at once when the quiet hours are lifted', async () => {
    const t = await tenant({ quietStartMinute: 0, quietEndMinute: 24 * 60 - 1 }); // quiet all day but 23:59
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: '+14155550142' } });
    const created = await t.post('/api/messages', { contactId: contact.id, channel: 'sms', body: 'Waiting for the morning' });
    expect(created.status).toBe(201);
    const handle = server.client.workflow.getHandle(created.body.message.workflowId);
    await vi.waitFor(async () => expect((await handle.query(statusQuery)).state).toBe('quiet-hours'), { timeout: 10_000, interval: 25 });

    const lifted = await t.patch('/api/tenant/settings', { quietHours: null });
    expect(lifted.status).toBe(200);
    // Hours before its quiet window would have ended, it is sent.
    expect(((await handle.result()) as ScheduledMessageResult).outcome).toBe('sent');
    expect(fake.calls.filter((c) => c.to === '+14155550142')).toHaveLength(1);
    const recheck = server.client.workflow.getHandle(lifted.body.recheck.workflowId);
    expect(await recheck.result()).toEqual({ told: 1 });
    await captureHistory(server.client, recheck.workflowId, 'recheck-pending-sends');
  });

  it('business days count the tenant’s week: a Sunday-to-Thursday business wait from Thursday lands on Sunday', async () => {
    const t = await tenant();
    await t.patch('/api/tenant/settings', { businessDays: ['sun', 'mon', 'tue', 'wed', 'thu'] }).expect(200);
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: '+14155550143' } });
    const sequence = await t.post('/api/sequences', {
      name: 'Week',
      steps: [{ channel: 'sms', waitAmount: 1, waitUnit: 'business_days', body: 'Next business day' }],
      settings: { sendWindow: 'always' },
    });
    expect(sequence.status).toBe(201);
    const thursday = '2026-12-03T10:00:00Z';
    const preview = await t.get(`/api/sequences/${sequence.body.sequence.id}/preview?contactId=${contact.id}&version=draft&start=${encodeURIComponent(thursday)}`);
    expect(preview.status).toBe(200);
    expect(preview.body.preview.steps[0].fireAt).toBe('2026-12-06T10:00:00.000Z'); // Sunday
  });
});
