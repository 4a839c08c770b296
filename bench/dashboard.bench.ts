import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { dashboardWindow, type DashboardWindow } from '../domain/dashboard-window';
import { createPrismaClient, Prisma, type AppPrisma } from '../prisma/client';
import { deliveryRates, deliveryRatesSql } from '../prisma/queries/dashboard/delivery-rates';
import { emailEngagement, emailEngagementSql } from '../prisma/queries/dashboard/email-engagement';
import { failureReasons, failureReasonsSql } from '../prisma/queries/dashboard/failure-reasons';
import { messagesByDay, messagesByDaySql } from '../prisma/queries/dashboard/messages-by-day';
import { quoteOutcomes, quoteOutcomesSql } from '../prisma/queries/dashboard/quote-outcomes';
import { replyRate, replyRateSql } from '../prisma/queries/dashboard/reply-rate';
import { responseTimes, responseTimesSql } from '../prisma/queries/dashboard/response-times';
import { sequenceFunnel, sequenceFunnelSql } from '../prisma/queries/dashboard/sequence-funnel';
import { listAuditLog, listAuditLogSql } from '../prisma/queries/event-logs/list-audit-log';
import { forTenant, type TenantDb } from '../prisma/tenant-scope';
import { dropDatabase, ensureDatabase, migrate, startEmbeddedPostgres, withDatabase } from '../scripts/lib/postgres';
import { freePort } from '../test/harness/free-port';
import { Samples } from './percentiles';
import { seedDashboard } from './seed-dashboard';
import { seedInbox } from './seed-inbox';

// The dashboard's queries on the inbox bench's large tenant (bench/seed-inbox.ts: HERALD_BENCH_CONTACTS contacts,
// default 100,000; HERALD_BENCH_MESSAGES messages, default 1,000,000) plus what the dashboard reads and the inbox
// seed does not make (bench/seed-dashboard.ts: agent replies, contacts writing back, failure codes, emails with
// opens and clicks, a sequence's enrollments and step messages, quotes). Each query runs through its query
// function under row-level security (the application role, the tenant set for the transaction), over the last
// 30 and 7 days; its plan (EXPLAIN ANALYZE, BUFFERS, through the same role) is printed first. p50/p95 at the end.
const CONTACTS = Number(process.env.HERALD_BENCH_CONTACTS ?? 100_000);
const MESSAGES = Number(process.env.HERALD_BENCH_MESSAGES ?? 1_000_000);
const options = { time: 2_000, warmupTime: 300 };
const samples = new Samples();
const cleanups: Array<() => Promise<void>> = [];
let app: AppPrisma;
let db: TenantDb;
let tenantId = '';
let sequenceId = '';
let memberId = '';
let seeded = '';
const windows = {} as Record<'30d' | '7d', DashboardWindow>;

beforeAll(async () => {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'herald-bench-dashboard-'));
    await chmod(dataDir, 0o755);
    const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort() });
    cleanups.push(async () => {
      await pgServer.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    serverUrl = pgServer.serverUrl;
  }
  const database = `herald_bench_dashboard_${process.pid}`;
  await ensureDatabase(serverUrl, database);
  const server = serverUrl;
  cleanups.push(() => dropDatabase(server, database));
  const url = withDatabase(serverUrl, database);
  await migrate(url);

  const started = Date.now();
  const seed = await seedInbox(url, { contacts: CONTACTS, messages: MESSAGES });
  const inboxSeconds = (Date.now() - started) / 1000;
  tenantId = seed.tenantId;
  const sizes = { contacts: CONTACTS, enrollments: Math.round(CONTACTS / 2), quotes: Math.round(CONTACTS / 5), emails: Math.round(MESSAGES / 20), events: Math.round(MESSAGES / 5) };
  ({ sequenceId } = await seedDashboard(url, tenantId, sizes));
  seeded =
    `seeded ${CONTACTS.toLocaleString('en')} contacts and ${MESSAGES.toLocaleString('en')} messages in ${inboxSeconds.toFixed(1)} s, then ` +
    `${sizes.enrollments.toLocaleString('en')} enrollments, ${sizes.quotes.toLocaleString('en')} quotes, ${sizes.emails.toLocaleString('en')} emails, ${sizes.events.toLocaleString('en')} event-log entries and replies ` +
    `(with VACUUM ANALYZE) in ${((Date.now() - started) / 1000 - inboxSeconds).toFixed(1)} s`;
  console.log(seeded);

  app = createPrismaClient(url, { maxConnections: 5 });
  cleanups.push(() => app.$disconnect());
  db = forTenant(app, tenantId);
  memberId = seed.userId;
  const now = new Date();
  windows['30d'] = dashboardWindow(now, 30, 'Europe/London');
  windows['7d'] = dashboardWindow(now, 7, 'Europe/London');
  const counts = await db.$queryRaw<Array<{ messages: number; events: number }>>`
    SELECT (SELECT count(*)::int FROM messages) AS messages, (SELECT count(*)::int FROM event_logs) AS events`;
  console.log(`tenant rows: ${JSON.stringify(counts[0])}`);

  const funnel = { versionId: null, stepCount: 3 };
  const plans: Array<[string, Prisma.Sql]> = [
    ['messages by day (30 d)', messagesByDaySql(tenantId, windows['30d'])],
    ['delivery rates (30 d)', deliveryRatesSql(tenantId, windows['30d'])],
    ['failure reasons (30 d)', failureReasonsSql(tenantId, windows['30d'], 10)],
    ['response times (30 d)', responseTimesSql(tenantId, windows['30d'])],
    ['reply rate (30 d)', replyRateSql(tenantId, windows['30d'])],
    ['sequence funnel (30 d)', sequenceFunnelSql(tenantId, sequenceId, windows['30d'], funnel)],
    ['quote outcomes (30 d)', quoteOutcomesSql(tenantId, windows['30d'])],
    ['email engagement (30 d)', emailEngagementSql(tenantId, windows['30d'])],
    ['audit log, first page', listAuditLogSql(tenantId, {}, { limit: 50 })],
    ['audit log, one member', listAuditLogSql(tenantId, { actorId: seed.userId }, { limit: 50 })],
    ['audit log, one action', listAuditLogSql(tenantId, { type: 'thread.closed' }, { limit: 50 })],
  ];
  for (const [name, sql] of plans) {
    // Through the application role, in a transaction with the tenant set: the plan row-level security gets.
    const plan = await db.$queryRaw<Array<{ 'QUERY PLAN': string }>>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
    const lines = plan.map((r) => r['QUERY PLAN']);
    console.log(`\n── ${name}: ${lines.find((l) => l.startsWith('Execution Time')) ?? ''}\n${lines.join('\n')}`);
  }
}, 3_600_000);

afterAll(async () => {
  console.log(`\n${seeded}`);
  console.log(samples.table('Dashboard (p50/p95, milliseconds)'));
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
});

const time = (name: string, fn: () => Promise<unknown>) => async () => void (await samples.time(name, fn));

for (const range of ['30d', '7d'] as const) {
  describe(`dashboard queries, last ${range} (RLS)`, () => {
    bench(`messages by day, ${range}`, time(`messages by day, ${range}`, () => messagesByDay(db, windows[range])), options);
    bench(`delivery rates, ${range}`, time(`delivery rates, ${range}`, () => deliveryRates(db, windows[range])), options);
    bench(`failure reasons, ${range}`, time(`failure reasons, ${range}`, () => failureReasons(db, windows[range], 10)), options);
    bench(`response times, ${range}`, time(`response times, ${range}`, () => responseTimes(db, windows[range])), options);
    bench(`reply rate, ${range}`, time(`reply rate, ${range}`, () => replyRate(db, windows[range])), options);
    bench(`sequence funnel, ${range}`, time(`sequence funnel, ${range}`, () => sequenceFunnel(db, sequenceId, windows[range], { versionId: null, stepCount: 3 })), options);
    bench(`quote outcomes, ${range}`, time(`quote outcomes, ${range}`, () => quoteOutcomes(db, windows[range])), options);
    bench(`email engagement, ${range}`, time(`email engagement, ${range}`, () => emailEngagement(db, windows[range])), options);
  });
}

describe('audit log (RLS)', () => {
  bench('audit log, first page of 50', time('audit log, first page of 50', () => listAuditLog(db, {}, { limit: 50 })), options);
  bench('audit log, one member', time('audit log, one member', () => listAuditLog(db, { actorId: memberId }, { limit: 50 })), options);
  bench('audit log, one action', time('audit log, one action', () => listAuditLog(db, { type: 'thread.closed' }, { limit: 50 })), options);
});
