import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it, vi } from 'vitest';
import { scheduledMessageWorkflowId, stepMessageId } from '../../domain/derived-ids';
import type { AppPrisma } from '../../prisma/client';
import type { InboundMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, fakeProviders, testApi, uniqueName } from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// Operators inspect runs in Temporal Web. Every run says what it is in the list view (a static summary),
// what it waits for and until when (current details), and its timers and activities say what they are —
// all read back here through the client, as Temporal Web reads them, and none carrying personal data.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { providers } = fakeProviders();
const taskQueue = uniqueName('summaries-tq');
useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

const PHONE = '+14155550177';

async function tenant(overrides = {}) {
  const t = await createTestTenant(prisma, { quietStartMinute: null, quietEndMinute: null, ...overrides });
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const post = (path: string, body: object = {}) => request().post(path).set(bearer(t.apiKey)).send(body);
  return { ...t, post };
}

/** What Temporal Web shows of a run: its summary and details, its current details, and its events' summaries. */
async function readBack(handle: WorkflowHandle) {
  const description = await handle.describe();
  const metadata = (await handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
  const history = await handle.fetchHistory();
  const summaries = (kind: 'timerStartedEventAttributes' | 'activityTaskScheduledEventAttributes') =>
    history.events!.filter((e) => e[kind]).map((e) => (e.userMetadata?.summary ? (defaultPayloadConverter.fromPayload(e.userMetadata.summary) as string) : null));
  return {
    summary: await description.staticSummary(),
    details: await description.staticDetails(),
    current: metadata.currentDetails ?? '',
    timers: summaries('timerStartedEventAttributes'),
    activities: summaries('activityTaskScheduledEventAttributes'),
  };
}

function withoutPersonalData(read: Awaited<ReturnType<typeof readBack>>) {
  const text = JSON.stringify(read);
  for (const secret of [PHONE, 'Ada', 'Lovelace', 'ada@example.com', 'Your quote is ready', 'Hello there']) expect(text).not.toContain(secret);
}

describe('runs read well in Temporal Web', () => {
  it('a message sent later: what it is, what it waits for and until when', async () => {
    const t = await tenant();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', lastName: 'Lovelace', phone: PHONE, timeZone: 'Europe/London' } });
    const sendAt = new Date(Date.now() + 3 * 86_400_000);
    const created = await t.post('/api/messages', { contactId: contact.id, channel: 'sms', body: 'Hello there', sendAt: sendAt.toISOString() });
    expect(created.status).toBe(201);
    const handle = server.client.workflow.getHandle(created.body.message.workflowId);
    await vi.waitFor(async () => expect((await readBack(handle)).timers.length).toBeGreaterThan(0), { timeout: 10_000, interval: 50 });
    const read = await readBack(handle);
    expect(read.summary).toBe('SMS · send later');
    expect(read.current).toMatch(/^Waiting until \d\d:\d\d Europe\/London \(\w{3} \d+ \w{3}\): its scheduled time/);
    expect(read.timers[0]).toMatch(/^due \d\d:\d\d Europe\/London/);
    withoutPersonalData(read);
    await handle.terminate('test over');
  });

  it('a message waiting out quiet hours names them, and its send activity names the provider', async () => {
    const t = await tenant({ quietStartMinute: 0, quietEndMinute: 24 * 60 - 1 }); // quiet all day but one minute
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', phone: PHONE, timeZone: 'Asia/Tokyo' } });
    const created = await t.post('/api/messages', { contactId: contact.id, channel: 'sms', body: 'Hello there' });
    const handle = server.client.workflow.getHandle(created.body.message.workflowId);
    await vi.waitFor(async () => expect((await readBack(handle)).current).toMatch(/^Quiet hours/), { timeout: 10_000, interval: 50 });
    const read = await readBack(handle);
    expect(read.summary).toBe('SMS · send now');
    expect(read.current).toMatch(/^Quiet hours \(00:00–23:59 Asia\/Tokyo\): waiting until 23:59 Asia\/Tokyo/);
    expect(read.timers.at(-1)).toMatch(/^quiet hours end 23:59 Asia\/Tokyo/);
    withoutPersonalData(read);
    await handle.terminate('test over');

    // Outside quiet hours, the send itself is named.
    const open = await tenant();
    const other = await open.db.contact.create({ data: { tenantId: open.tenant.id, firstName: 'Ada', phone: PHONE } });
    const sent = await open.post('/api/messages', { contactId: other.id, channel: 'sms', body: 'Hello there' });
    const done = server.client.workflow.getHandle(sent.body.message.workflowId);
    await done.result();
    const after = await readBack(done);
    expect(after.activities).toContain('send via the fake provider');
    expect(after.current).toMatch(/^Sent via the fake provider/);
    withoutPersonalData(after);
  });

  it('an enrollment and its steps: the sequence, the step, and when the next one is due', async () => {
    const t = await tenant();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', phone: PHONE, email: 'ada@example.com', timeZone: 'Europe/London' } });
    const sequence = await t.post('/api/sequences', {
      name: 'Welcome',
      steps: [
        { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'Hi {{first_name}}' },
        { channel: 'email', waitAmount: 2, waitUnit: 'days', subject: 'Hello', body: 'More' },
      ],
      settings: { sendWindow: 'always' },
    });
    expect(sequence.status).toBe(201);
    expect((await t.post(`/api/sequences/${sequence.body.sequence.id}/publish`)).status).toBe(200);
    const enrolled = await t.post(`/api/sequences/${sequence.body.sequence.id}/enrollments`, { contactId: contact.id });
    expect(enrolled.status).toBe(201);
    const handle = server.client.workflow.getHandle(enrolled.body.enrollment.workflowId);
    // The step's details are set before its timer starts: wait until the history holds both.
    await vi.waitFor(
      async () => {
        const now = await readBack(handle);
        expect(now.current).toMatch(/^Step 2 of 2/);
        expect(now.timers.at(-1)).toMatch(/^step 2 of 2/);
      },
      { timeout: 15_000, interval: 50 },
    );

    const read = await readBack(handle);
    expect(read.summary).toBe('Sequence · Welcome v1 · 2 steps');
    expect(read.current).toMatch(/^Step 2 of 2 \(Email\) due \d\d:\d\d Europe\/London \(\w{3} \d+ \w{3}\); 1 sent/);
    expect(read.timers.at(-1)).toMatch(/^step 2 of 2 due \d\d:\d\d Europe\/London/);
    withoutPersonalData(read);

    const step = server.client.workflow.getHandle(scheduledMessageWorkflowId(t.tenant.id, stepMessageId(enrolled.body.enrollment.id, 0)));
    const stepRead = await readBack(step);
    expect(stepRead.summary).toBe('SMS · step 1 of 2 · Welcome v1');
    expect(stepRead.activities).toContain('send via the fake provider');
    withoutPersonalData(stepRead);
    await handle.terminate('test over');
  });

  it('a quote and an inbound STOP say what they did', async () => {
    const t = await tenant();
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Ada', phone: PHONE } });
    const quote = await t.post('/api/quotes', { contactId: contact.id, total: 120, currency: 'USD', title: 'Your quote is ready' });
    expect(quote.status).toBe(201);
    const q = server.client.workflow.getHandle(quote.body.quote.workflowId);
    await vi.waitFor(async () => expect((await readBack(q)).current).toMatch(/^Sent; waiting for an answer/), { timeout: 15_000, interval: 50 });
    const qRead = await readBack(q);
    expect(qRead.summary).toBe('Quote follow-up · 3 days');
    expect(qRead.current).toMatch(/follow-up due \d\d:\d\d UTC/);
    expect(qRead.timers.at(-1)).toMatch(/^follow-up in 3 d/);
    withoutPersonalData(qRead);

    const stop = await t.post('/api/fake/inbound', { from: PHONE, body: 'STOP' });
    expect(stop.status).toBe(201);
    const inbound = server.client.workflow.getHandle(stop.body.workflowId);
    const outcome = (await inbound.result()) as InboundMessageResult;
    const iRead = await readBack(inbound);
    expect(iRead.summary).toBe('Inbound SMS');
    expect(iRead.current).toBe(`STOP: SMS consent revoked; ${outcome.signalled.length} open run(s) told to stop; confirmation sent`);
    withoutPersonalData(iRead);
    await q.result();
    expect((await readBack(q)).current).toMatch(/^Ended: the contact opted out of SMS/);
  });
});
