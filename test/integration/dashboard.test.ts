import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../domain/channels';
import { dashboardWindow } from '../../domain/dashboard-window';
import { stepMessageId } from '../../domain/derived-ids';
import type { AppPrisma } from '../../prisma/client';
import { newId } from '../../prisma/ids';
import { messagesByDay } from '../../prisma/queries/dashboard/messages-by-day';
import { forTenant, type TenantDb } from '../../prisma/tenant-scope';
import { testMember } from '../harness/accounts';
import { bearer, createTestTenant, testApi, uniqueName } from '../harness/context';
import { useDevServer, type DevServer } from '../harness/suites';

// The dashboard's metrics over rows written with known times (the history a tenant builds up over weeks cannot
// be made through workflows in a test): days in the tenant's zone, exactly what each metric counts and what it
// leaves out, JSON and CSV. Real Postgres under row-level security, the real app.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
useDevServer((parts) => ({ server, prisma } = parts));

const ZONE = 'America/New_York';

/** The local date `daysAgo` days before today in the zone, at hh:mm local, as an instant. */
function local(daysAgo: number, hour: number, minute = 0): Date {
  return DateTime.now().setZone(ZONE).startOf('day').minus({ days: daysAgo }).set({ hour, minute }).toJSDate();
}
const dateOf = (daysAgo: number) => DateTime.now().setZone(ZONE).startOf('day').minus({ days: daysAgo }).toISODate()!;

async function dashboardTenant() {
  const t = await createTestTenant(prisma, { timeZone: ZONE, businessName: uniqueName('Dash') });
  const { request } = testApi({ prisma, client: server.client, taskQueue: uniqueName('dash-tq') });
  const get = (path: string) => request().get(path).set(bearer(t.apiKey));
  let n = 0;
  const contact = async (data: { firstName?: string; email?: string } = {}) =>
    t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: data.firstName ?? 'Ada', phone: `+1415556${String(++n).padStart(4, '0')}`, email: data.email ?? `${uniqueName('c')}@example.com` } });
  return { ...t, request, get, contact };
}

type MessageFixture = {
  contactId: string;
  channel?: Channel;
  direction: 'inbound' | 'outbound';
  at: Date;
  sentAt?: Date | null;
  status?: 'received' | 'sent' | 'delivered' | 'read' | 'undelivered' | 'failed' | 'queued';
  origin?: string | null;
  body?: string;
  errorCode?: string | null;
  errorMessage?: string | null;
  threadId?: string | null;
  id?: string;
  opens?: number;
  clicks?: number;
};

/** Rows as the send and inbound paths leave them, with the times the test needs. */
async function messages(db: TenantDb, list: MessageFixture[]) {
  await db.message.createMany({
    data: list.map((m) => ({
      tenantId: db.$tenantId(),
      id: m.id ?? newId('msg'),
      contactId: m.contactId,
      threadId: m.threadId ?? null,
      direction: m.direction,
      channel: m.channel ?? 'sms',
      body: m.body ?? 'Hello',
      status: m.status ?? (m.direction === 'inbound' ? 'received' : 'delivered'),
      origin: m.origin === undefined ? (m.direction === 'inbound' ? null : 'api') : m.origin,
      createdAt: m.at,
      sentAt: m.sentAt === undefined ? (m.direction === 'outbound' ? m.at : null) : m.sentAt,
      errorCode: m.errorCode ?? null,
      errorMessage: m.errorMessage ?? null,
      openCount: m.opens ?? 0,
      openedAt: m.opens ? m.at : null,
      clickCount: m.clicks ?? 0,
      clickedAt: m.clicks ? m.at : null,
    })),
  });
}

const csvRows = (text: string) => text.trim().split('\n');

describe('messages by channel per day', () => {
  it('counts sent (by the time the provider took them) and received per channel on the tenant’s local days, edges included', async () => {
    const t = await dashboardTenant();
    const c = await t.contact();
    await messages(t.db, [
      { contactId: c.id, direction: 'outbound', at: local(2, 10) },
      { contactId: c.id, direction: 'outbound', at: local(2, 11) },
      { contactId: c.id, direction: 'outbound', channel: 'whatsapp', at: local(2, 12) },
      // Scheduled three days ago, taken by the provider yesterday: yesterday's.
      { contactId: c.id, direction: 'outbound', channel: 'email', at: local(3, 9), sentAt: local(1, 9) },
      // 23:30 in New York is the next day in UTC: still this local day.
      { contactId: c.id, direction: 'inbound', at: local(2, 23, 30) },
      // The first instant of the range counts; the minute before it does not.
      { contactId: c.id, direction: 'inbound', channel: 'email', at: local(6, 0) },
      { contactId: c.id, direction: 'inbound', at: local(7, 23, 59) },
      // Not sent (yet): no provider took it.
      { contactId: c.id, direction: 'outbound', at: local(1, 8), sentAt: null, status: 'queued' },
    ]);
    const other = await dashboardTenant();
    await messages(other.db, [{ contactId: (await other.contact()).id, direction: 'outbound', at: local(2, 10) }]);

    const res = await t.get('/api/dashboard/messages?range=7d').expect(200);
    expect(res.body.window).toMatchObject({ range: '7d', timeZone: ZONE, days: [6, 5, 4, 3, 2, 1, 0].map(dateOf) });
    expect(res.body.window.from).toBe(local(6, 0).toISOString());
    const day = (daysAgo: number) => res.body.days.find((d: { date: string }) => d.date === dateOf(daysAgo));
    expect(day(2)).toEqual({ date: dateOf(2), sent: { sms: 2, whatsapp: 1, email: 0 }, received: { sms: 1, whatsapp: 0, email: 0 } });
    expect(day(1)).toEqual({ date: dateOf(1), sent: { sms: 0, whatsapp: 0, email: 1 }, received: { sms: 0, whatsapp: 0, email: 0 } });
    expect(day(3).sent).toEqual({ sms: 0, whatsapp: 0, email: 0 });
    expect(day(6).received).toEqual({ sms: 0, whatsapp: 0, email: 1 });
    expect(res.body.totals).toEqual({ sent: { sms: 2, whatsapp: 1, email: 1 }, received: { sms: 1, whatsapp: 0, email: 1 } });

    const month = await t.get('/api/dashboard/messages?range=30d').expect(200);
    expect(month.body.days).toHaveLength(30);
    expect(month.body.totals.received).toEqual({ sms: 2, whatsapp: 0, email: 1 });
  });

  it('answers the same data as a CSV file, by format=csv or Accept: text/csv', async () => {
    const t = await dashboardTenant();
    const c = await t.contact();
    await messages(t.db, [{ contactId: c.id, direction: 'outbound', at: local(2, 10) }]);
    const csv = await t.get('/api/dashboard/messages?range=7d&format=csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename=herald-messages-by-day-${dateOf(6)}-to-${dateOf(0)}.csv`);
    const rows = csvRows(csv.text);
    expect(rows[0]).toBe('date,channel,sent,received');
    expect(rows).toHaveLength(1 + 7 * 3);
    expect(rows).toContain(`${dateOf(2)},sms,1,0`);
    const accepted = await t.get('/api/dashboard/messages?range=7d').set('Accept', 'text/csv').expect(200);
    expect(accepted.text).toBe(csv.text);
    // An explicit format wins over Accept; browsers' usual Accept gets JSON.
    expect((await t.get('/api/dashboard/messages?range=7d&format=json').set('Accept', 'text/csv').expect(200)).body.totals.sent.sms).toBe(1);
    expect((await t.get('/api/dashboard/messages?range=7d').set('Accept', 'text/html,*/*').expect(200)).body.totals.sent.sms).toBe(1);
    expect((await t.get('/api/dashboard/messages?range=90d').expect(400)).body.error.code).toBe('VALIDATION');
    expect((await t.get('/api/dashboard/messages?format=xml').expect(400)).body.error.code).toBe('VALIDATION');
  });

  it('buckets by local midnight when the clocks go back (a 25-hour day), as the domain’s window says', async () => {
    const t = await dashboardTenant();
    const c = await t.contact();
    await messages(t.db, [
      { contactId: c.id, direction: 'inbound', at: new Date('2026-10-23T23:30:00Z') }, // 00:30 BST on the 24th
      { contactId: c.id, direction: 'inbound', at: new Date('2026-10-24T23:30:00Z') }, // 00:30 BST on the 25th
      { contactId: c.id, direction: 'inbound', at: new Date('2026-10-25T23:30:00Z') }, // 23:30 GMT on the 25th
      { contactId: c.id, direction: 'inbound', at: new Date('2026-10-26T00:00:00Z') }, // midnight GMT: the 26th
    ]);
    const window = dashboardWindow(new Date('2026-10-26T12:00:00Z'), 3, 'Europe/London');
    const rows = await messagesByDay(forTenant(prisma, t.tenant.id), window);
    expect(rows.map((r) => [window.days[r.day]!.date, r.count]).sort()).toEqual([
      ['2026-10-24', 1],
      ['2026-10-25', 2],
      ['2026-10-26', 1],
    ]);
  });
});

describe('delivery, failures and their reasons', () => {
  it('rates delivery over what a provider took, failure over that and what failed before, with the inbox’s reasons; CSV cells cannot run as formulas', async () => {
    const t = await dashboardTenant();
    const c = await t.contact();
    const at = local(2, 10);
    await messages(t.db, [
      ...[1, 2, 3].map(() => ({ contactId: c.id, direction: 'outbound' as const, at, status: 'delivered' as const })),
      { contactId: c.id, direction: 'outbound', at, status: 'read' },
      { contactId: c.id, direction: 'outbound', at, status: 'undelivered', errorCode: '30003' },
      { contactId: c.id, direction: 'outbound', at, status: 'sent' },
      { contactId: c.id, direction: 'outbound', channel: 'email', at, status: 'failed', errorCode: 'BOUNCED', errorMessage: 'The email bounced; the address no longer receives email from us.' },
      { contactId: c.id, direction: 'outbound', channel: 'whatsapp', at, sentAt: null, status: 'failed', errorCode: 'CONSENT_REVOKED', errorMessage: 'opted out' },
      { contactId: c.id, direction: 'outbound', channel: 'whatsapp', at: local(1, 10), sentAt: null, status: 'failed', errorCode: 'CONSENT_REVOKED', errorMessage: 'opted out' },
      { contactId: c.id, direction: 'outbound', at, sentAt: null, status: 'failed', errorCode: 'X1', errorMessage: '=HYPERLINK("https://evil.test","Click")' },
      // Before the range: not counted.
      { contactId: c.id, direction: 'outbound', at: local(10, 10), status: 'failed', errorCode: '30005' },
    ]);
    const delivery = await t.get('/api/dashboard/delivery?range=7d').expect(200);
    expect(delivery.body.channels).toEqual([
      { channel: 'sms', sent: 6, delivered: 4, failed: 1, awaiting: 1, notSent: 1, deliveryRate: 0.6667, failureRate: 0.2857 },
      { channel: 'whatsapp', sent: 0, delivered: 0, failed: 0, awaiting: 0, notSent: 2, deliveryRate: null, failureRate: 1 },
      { channel: 'email', sent: 1, delivered: 0, failed: 1, awaiting: 0, notSent: 0, deliveryRate: 0, failureRate: 1 },
    ]);
    expect(delivery.body.total).toEqual({ sent: 7, delivered: 4, failed: 2, awaiting: 1, notSent: 3, deliveryRate: 0.5714, failureRate: 0.5 });

    const reasons = await t.get('/api/dashboard/failure-reasons?range=7d').expect(200);
    expect(reasons.body.failed).toBe(5);
    expect(reasons.body.reasons).toEqual([
      { errorCode: 'CONSENT_REVOKED', reason: 'The contact opted out of this channel, so it was not sent.', count: 2, share: 0.4 },
      { errorCode: '30003', reason: 'The phone was unreachable (switched off or out of coverage) and the carrier gave up.', count: 1, share: 0.2 },
      { errorCode: 'BOUNCED', reason: 'The email bounced; the address no longer receives email from us.', count: 1, share: 0.2 },
      // A code the inbox has no words for keeps the provider's own explanation, as the inbox shows it.
      { errorCode: 'X1', reason: '=HYPERLINK("https://evil.test","Click")', count: 1, share: 0.2 },
    ]);
    const csv = await t.get('/api/dashboard/failure-reasons?range=7d&format=csv').expect(200);
    expect(csvRows(csv.text)).toEqual([
      'error_code,reason,count,share',
      'CONSENT_REVOKED,"The contact opted out of this channel, so it was not sent.",2,0.4',
      '30003,The phone was unreachable (switched off or out of coverage) and the carrier gave up.,1,0.2',
      'BOUNCED,The email bounced; the address no longer receives email from us.,1,0.2',
      `X1,"'=HYPERLINK(""https://evil.test"",""Click"")",1,0.2`,
    ]);
    const deliveryCsv = csvRows((await t.get('/api/dashboard/delivery?range=7d').set('Accept', 'text/csv').expect(200)).text);
    expect(deliveryCsv[0]).toBe('channel,sent,delivered,failed,awaiting,not_sent,delivery_rate,failure_rate');
    expect(deliveryCsv).toContain('whatsapp,0,0,0,0,2,,1');
    expect(deliveryCsv.at(-1)).toBe('all,7,4,2,1,3,0.5714,0.5');
  });
});

describe('first response times', () => {
  it('times each wait from its first inbound message to the next agent reply on the thread, and counts threads still waiting', async () => {
    const t = await dashboardTenant();
    const [a, b, c] = [await t.contact({ firstName: 'A' }), await t.contact({ firstName: 'B' }), await t.contact({ firstName: 'C' })];
    const thread = (contactId: string, channel: Channel) => t.db.thread.create({ data: { tenantId: t.tenant.id, contactId, channel } });
    const [ta, tb, tc] = [await thread(a.id, 'sms'), await thread(b.id, 'email'), await thread(c.id, 'sms')];
    await messages(t.db, [
      // Two messages, one agent reply 20 minutes after the first: one wait of 1200 s.
      { contactId: a.id, threadId: ta.id, direction: 'inbound', at: local(2, 10) },
      { contactId: a.id, threadId: ta.id, direction: 'inbound', at: local(2, 10, 5) },
      { contactId: a.id, threadId: ta.id, direction: 'outbound', origin: 'agent', at: local(2, 10, 20) },
      // Answered in 600 s; then a new message nobody answered.
      { contactId: b.id, threadId: tb.id, channel: 'email', direction: 'inbound', at: local(1, 9) },
      { contactId: b.id, threadId: tb.id, channel: 'email', direction: 'outbound', origin: 'agent', at: local(1, 9, 10) },
      { contactId: b.id, threadId: tb.id, channel: 'email', direction: 'inbound', at: local(1, 11) },
      // An automated message is no agent's reply.
      { contactId: c.id, threadId: tc.id, direction: 'inbound', at: local(3, 8) },
      { contactId: c.id, threadId: tc.id, direction: 'outbound', origin: 'sequence', at: local(3, 8, 1) },
    ]);
    const res = await t.get('/api/dashboard/response-times?range=7d').expect(200);
    expect(res.body.total).toEqual({ answered: 2, averageSeconds: 900, medianSeconds: 900, unanswered: 2 });
    expect(res.body.channels).toEqual([
      { channel: 'sms', answered: 1, averageSeconds: 1200, medianSeconds: 1200 },
      { channel: 'whatsapp', answered: 0, averageSeconds: null, medianSeconds: null },
      { channel: 'email', answered: 1, averageSeconds: 600, medianSeconds: 600 },
    ]);
    const day = (daysAgo: number) => res.body.days.find((d: { date: string }) => d.date === dateOf(daysAgo));
    expect(day(2)).toEqual({ date: dateOf(2), answered: 1, averageSeconds: 1200, medianSeconds: 1200 });
    expect(day(1)).toEqual({ date: dateOf(1), answered: 1, averageSeconds: 600, medianSeconds: 600 });
    expect(day(3)).toEqual({ date: dateOf(3), answered: 0, averageSeconds: null, medianSeconds: null });
    expect(csvRows((await t.get('/api/dashboard/response-times?range=7d&format=csv').expect(200)).text).at(-1)).toBe('all,2,900,900');
  });
});

describe('reply rate', () => {
  it('counts the contacts messaged in the range who wrote back afterwards, on any channel, an opt-out not being a reply', async () => {
    const t = await dashboardTenant();
    const replier = await t.contact({ firstName: 'R' });
    const stopper = await t.contact({ firstName: 'S' });
    const before = await t.contact({ firstName: 'B' });
    const otherChannel = await t.contact({ firstName: 'O' });
    const silent = await t.contact({ firstName: 'Q' });
    await messages(t.db, [
      { contactId: replier.id, direction: 'outbound', at: local(2, 10) },
      { contactId: replier.id, direction: 'outbound', at: local(2, 12) },
      { contactId: replier.id, direction: 'inbound', at: local(1, 9), body: 'Yes please' },
      { contactId: stopper.id, direction: 'outbound', at: local(2, 10) },
      { contactId: stopper.id, direction: 'inbound', at: local(2, 11), body: ' stop. ' },
      { contactId: before.id, direction: 'inbound', at: local(3, 9), body: 'Hello?' },
      { contactId: before.id, direction: 'outbound', at: local(2, 10) },
      { contactId: otherChannel.id, direction: 'outbound', at: local(2, 10) },
      { contactId: otherChannel.id, channel: 'email', direction: 'inbound', at: local(2, 15), body: 'Replying by email' },
      { contactId: silent.id, direction: 'outbound', at: local(20, 10) },
      { contactId: silent.id, direction: 'inbound', at: local(1, 10), body: 'Late reply to an old message' },
    ]);
    expect((await t.get('/api/dashboard/reply-rate?range=7d').expect(200)).body).toMatchObject({ messaged: 4, replied: 2, replyRate: 0.5 });
    expect((await t.get('/api/dashboard/reply-rate?range=30d').expect(200)).body).toMatchObject({ messaged: 5, replied: 3, replyRate: 0.6 });
    expect(csvRows((await t.get('/api/dashboard/reply-rate?range=7d&format=csv').expect(200)).text)).toEqual(['messaged,replied,reply_rate', '4,2,0.5']);
  });
});

describe('a sequence’s funnel', () => {
  it('follows the enrollments started in the range through each step to their outcome, per version or all', async () => {
    const t = await dashboardTenant();
    const steps = [
      { channel: 'sms', waitAmount: 0, body: 'Hi' },
      { channel: 'email', waitAmount: 1, waitUnit: 'days', subject: 'Hello', body: 'Still there?' },
    ];
    const created = await t.request().post('/api/sequences').set(bearer(t.apiKey)).send({ name: 'Leads', publish: true, steps }).expect(201);
    const sequence = created.body.sequence;
    const v1 = await t.db.sequenceVersion.findFirstOrThrow({ where: { sequenceId: sequence.id, version: 1 } });
    type E = { status: 'active' | 'completed' | 'stopped'; stopReason?: string; started: Date; sent: number[]; reply?: { at: Date; body: string }; versionId?: string };
    const enroll = async (e: E) => {
      const contact = await t.contact();
      const id = newId('enr');
      await t.db.enrollment.create({
        data: { tenantId: t.tenant.id, id, sequenceId: sequence.id, versionId: e.versionId ?? v1.id, contactId: contact.id, status: e.status, stopReason: e.stopReason ?? null, startedAt: e.started, endedAt: e.status === 'active' ? null : local(1, 23) },
      });
      await messages(t.db, [
        ...e.sent.map((position) => ({ id: stepMessageId(id, position), contactId: contact.id, direction: 'outbound' as const, origin: 'sequence', at: local(2, 10 + position) })),
        ...(e.reply ? [{ contactId: contact.id, direction: 'inbound' as const, at: e.reply.at, body: e.reply.body }] : []),
      ]);
    };
    await enroll({ status: 'completed', started: local(3, 9), sent: [0, 1] });
    await enroll({ status: 'stopped', stopReason: 'replied', started: local(3, 9), sent: [0], reply: { at: local(2, 12), body: 'Call me' } });
    await enroll({ status: 'stopped', stopReason: 'opted_out', started: local(3, 9), sent: [0], reply: { at: local(2, 12), body: 'STOP' } });
    // Still running; the contact wrote while it ran (a sequence that does not stop on reply).
    await enroll({ status: 'active', started: local(3, 9), sent: [0], reply: { at: local(2, 13), body: 'Thanks' } });
    await enroll({ status: 'stopped', stopReason: 'manual', started: local(3, 9), sent: [] });
    // Started before the range.
    await enroll({ status: 'completed', started: local(40, 9), sent: [0, 1] });

    const res = await t.get(`/api/dashboard/sequences/${sequence.id}/funnel?range=30d`).expect(200);
    expect(res.body).toMatchObject({
      sequenceId: sequence.id,
      name: 'Leads',
      version: null,
      enrolled: 5,
      steps: [
        { step: 1, channel: 'sms', sent: 4 },
        { step: 2, channel: 'email', sent: 1 },
      ],
      replied: 2,
      optedOut: 1,
      completed: 1,
      stopped: 1,
      failed: 0,
      running: 1,
    });

    // A second version with one step: per version, and across both.
    await t.request().patch(`/api/sequences/${sequence.id}`).set(bearer(t.apiKey)).send({ steps: [{ channel: 'whatsapp', waitAmount: 0, body: 'Hola' }] }).expect(200);
    await t.request().post(`/api/sequences/${sequence.id}/publish`).set(bearer(t.apiKey)).expect(200);
    const v2 = await t.db.sequenceVersion.findFirstOrThrow({ where: { sequenceId: sequence.id, version: 2 } });
    await enroll({ status: 'completed', started: local(1, 9), sent: [0], versionId: v2.id });
    const second = await t.get(`/api/dashboard/sequences/${sequence.id}/funnel?range=30d&version=2`).expect(200);
    expect(second.body).toMatchObject({ version: 2, enrolled: 1, steps: [{ step: 1, channel: 'whatsapp', sent: 1 }], completed: 1 });
    const all = await t.get(`/api/dashboard/sequences/${sequence.id}/funnel?range=30d`).expect(200);
    expect(all.body).toMatchObject({ enrolled: 6, steps: [{ step: 1, channel: null, sent: 5 }, { step: 2, channel: 'email', sent: 1 }], completed: 2 });
    expect((await t.get(`/api/dashboard/sequences/${sequence.id}/funnel?range=30d&version=1`).expect(200)).body.enrolled).toBe(5);
    expect((await t.get(`/api/dashboard/sequences/${sequence.id}/funnel?version=3`).expect(404)).body.error.code).toBe('NOT_FOUND');
    expect(csvRows((await t.get(`/api/dashboard/sequences/${sequence.id}/funnel?range=30d&version=1&format=csv`).expect(200)).text)).toEqual([
      'stage,count',
      'enrolled,5',
      'step 1 sent,4',
      'step 2 sent,1',
      'replied,2',
      'opted out,1',
      'completed,1',
      'stopped,1',
      'failed,0',
      'running,1',
    ]);
    const stranger = await dashboardTenant();
    expect((await stranger.get(`/api/dashboard/sequences/${sequence.id}/funnel`).expect(404)).body.error.code).toBe('NOT_FOUND');
  });
});

describe('quotes by outcome', () => {
  it('counts the quotes texted in the range by what became of them', async () => {
    const t = await dashboardTenant();
    const c = await t.contact();
    const quote = (status: 'sent' | 'accepted' | 'rejected' | 'expired' | 'draft', sentAt: Date | null, viewedAt: Date | null = null) =>
      t.db.quote.create({ data: { tenantId: t.tenant.id, contactId: c.id, total: 100, status, sentAt, viewedAt } });
    await quote('accepted', local(2, 10), local(2, 11));
    await quote('rejected', local(2, 10), local(2, 12));
    await quote('expired', local(3, 10));
    await quote('sent', local(1, 10), local(1, 11));
    await quote('sent', local(1, 10));
    await quote('draft', null);
    await quote('accepted', local(12, 10), local(12, 11));
    const res = await t.get('/api/dashboard/quotes?range=7d').expect(200);
    expect(res.body).toMatchObject({ sent: 5, viewed: 3, accepted: 1, declined: 1, expired: 1, awaiting: 2, acceptanceRate: 0.2 });
    expect(csvRows((await t.get('/api/dashboard/quotes?range=7d&format=csv').expect(200)).text)).toEqual(['outcome,count', 'sent,5', 'viewed,3', 'accepted,1', 'declined,1', 'expired,1', 'awaiting,2']);
  });
});

describe('email opens and clicks', () => {
  it('counts the emails sent in the range that were opened and clicked, and every open and click, per day', async () => {
    const t = await dashboardTenant();
    const c = await t.contact();
    await messages(t.db, [
      { contactId: c.id, channel: 'email', direction: 'outbound', at: local(2, 10), opens: 2, clicks: 1 },
      { contactId: c.id, channel: 'email', direction: 'outbound', at: local(2, 11), opens: 1 },
      { contactId: c.id, channel: 'email', direction: 'outbound', at: local(1, 10) },
      { contactId: c.id, channel: 'sms', direction: 'outbound', at: local(1, 10) },
      { contactId: c.id, channel: 'email', direction: 'inbound', at: local(1, 12) },
    ]);
    const res = await t.get('/api/dashboard/email?range=7d').expect(200);
    expect(res.body.total).toEqual({ sent: 3, opened: 2, clicked: 1, opens: 3, clicks: 1, openRate: 0.6667, clickRate: 0.3333 });
    expect(res.body.days.find((d: { date: string }) => d.date === dateOf(2))).toEqual({ date: dateOf(2), sent: 2, opened: 2, clicked: 1, opens: 3, clicks: 1, openRate: 1, clickRate: 0.5 });
    expect(res.body.days.find((d: { date: string }) => d.date === dateOf(0))).toEqual({ date: dateOf(0), sent: 0, opened: 0, clicked: 0, opens: 0, clicks: 0, openRate: null, clickRate: null });
  });
});

describe('who may read it', () => {
  it('answers a viewer and an empty tenant with zeros, never another tenant’s numbers', async () => {
    const t = await dashboardTenant();
    const viewer = await testMember(t.request, t.tenant.id, 'viewer');
    const res = await t.request().get('/api/dashboard/reply-rate').set(viewer.headers).expect(200);
    expect(res.body).toMatchObject({ messaged: 0, replied: 0, replyRate: null, window: { range: '30d' } });
  });
});
