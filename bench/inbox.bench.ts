import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createApp } from '../api/app';
import { RealtimeHub } from '../api/realtime/realtime-hub';
import { TemporalGateway } from '../api/temporal-gateway';
import { createPrismaClient, createSystemPrismaClient, type AppPrisma, type SystemPrisma } from '../prisma/client';
import { createApiKey } from '../prisma/queries/api-keys/create-api-key';
import { addSenderAddress } from '../prisma/queries/sender-addresses/sender-addresses';
import { countThreads, listThreads, listThreadsSql, type ThreadListFilters } from '../prisma/queries/threads/list-threads';
import { threadTimeline } from '../prisma/queries/threads/thread-timeline';
import { forTenant, type TenantDb } from '../prisma/tenant-scope';
import { twilioSignatureFor } from '../providers/webhooks/verify-twilio-signature';
import { dropDatabase, ensureDatabase, migrate, startEmbeddedPostgres, withDatabase } from '../scripts/lib/postgres';
import { registerSearchAttributes } from '../scripts/lib/search-attributes';
import { resolveTemporalBinary } from '../scripts/lib/temporal-binaries';
import { startTemporalDevServer } from '../scripts/lib/temporal-dev-server';
import { launchBrowser, VIEWPORTS } from '../test/harness/browser';
import { openEventStream, type OpenStream } from '../test/harness/event-stream';
import { freePort } from '../test/harness/free-port';
import { startWebApp } from '../test/harness/web-app';
import { Samples } from './percentiles';
import { seedInbox } from './seed-inbox';

// The inbox on a large tenant (HERALD_BENCH_CONTACTS contacts, default 100,000; HERALD_BENCH_MESSAGES messages,
// default 1,000,000; made by bench/seed-inbox.ts): the thread list with its filters and search, and the thread
// view — through the real API (createApp on a port, called over HTTP with an API key) and through the query
// functions (as a member, with "mine" and "unread") — each with a baseline measured in the same run: a contact
// read by primary key through the same API, and the same list SQL through the system client (no row-level
// security). Then realtime: a signed Twilio inbound webhook to one API process, and the time until its event
// arrives on the SSE stream held open on another (two processes' worth: two apps, two LISTEN connections); and
// the same webhook until its bubble shows in a browser tab (Chromium on the web app's build, against the other
// API) holding a fresh tenant's conversation open.
// p50/p95 are printed at the end (Vitest bench itself shows mean, p75 and p99).
const CONTACTS = Number(process.env.HERALD_BENCH_CONTACTS ?? 100_000);
const MESSAGES = Number(process.env.HERALD_BENCH_MESSAGES ?? 1_000_000);
const TWILIO_TOKEN = 'bench-twilio-auth-token-0123456789';
const PUBLIC_URL = 'https://herald.bench';
const SENDER = '+15005550006';
/** The fresh tenant's number, for the browser case (a sender address belongs to one tenant). */
const BROWSER_SENDER = '+15005550007';
const AUTH_SECRET = 'bench-auth-secret-0123456789-abcdefghijklmnop';
const options = { time: 2_000, warmupTime: 300 };
const samples = new Samples();
const logger = pino({ level: 'silent' });

const cleanups: Array<() => Promise<void>> = [];
let app: AppPrisma;
let system: SystemPrisma;
let db: TenantDb;
let tenantId = '';
let userId = '';
let key = '';
let apiA = '';
let apiB = '';
let threadIds: string[] = [];
let contactIds: string[] = [];
let stream: OpenStream;
let i = 0;
let seeded = '';
/** Where the web app will listen: the APIs must know its origin (sessions, CSRF) before it starts. */
let webPort = 0;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'herald-bench-inbox-'));
    await chmod(dataDir, 0o755);
    const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort() });
    cleanups.push(async () => {
      await pgServer.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    serverUrl = pgServer.serverUrl;
  }
  const database = `herald_bench_inbox_${process.pid}`;
  await ensureDatabase(serverUrl, database);
  const server = serverUrl;
  cleanups.push(() => dropDatabase(server, database));
  const url = withDatabase(serverUrl, database);
  await migrate(url);

  const started = Date.now();
  const seed = await seedInbox(url, { contacts: CONTACTS, messages: MESSAGES });
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await owner.query('ANALYZE');
  await owner.end();
  seeded = `seeded ${CONTACTS.toLocaleString('en')} contacts and ${MESSAGES.toLocaleString('en')} messages (with ANALYZE) in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  console.log(seeded);
  tenantId = seed.tenantId;
  userId = seed.userId;

  app = createPrismaClient(url, { maxConnections: 5 });
  system = createSystemPrismaClient(url, { maxConnections: 5 });
  cleanups.push(async () => {
    await Promise.all([app.$disconnect(), system.$disconnect()]);
  });
  db = forTenant(app, tenantId);
  key = (await createApiKey(db, { name: 'bench', role: 'admin' })).key;
  await addSenderAddress(db, { channel: 'sms', address: SENDER, isDefault: true });
  // Busy and quiet threads alike: every 500th of the newest-first list.
  threadIds = (await system.$queryRaw<Array<{ id: string }>>`SELECT id FROM threads WHERE tenant_id = ${tenantId} AND id LIKE '%s' ORDER BY id LIMIT 200`).map((r) => r.id);
  contactIds = (await system.$queryRaw<Array<{ id: string }>>`SELECT id FROM contacts WHERE tenant_id = ${tenantId} ORDER BY id LIMIT 200`).map((r) => r.id);

  // A real Temporal: an inbound webhook starts the inbound workflow before it answers (no worker: it waits).
  const temporal = await startTemporalDevServer({
    binary: resolveTemporalBinary('temporal', { install: true }),
    port: await freePort(),
    headless: true,
    extraArgs: ['--http-port', String(await freePort()), '--metrics-port', String(await freePort())],
  });
  cleanups.push(() => temporal.stop());
  webPort = await freePort();
  const apis = [0, 1].map(() => {
    const gateway = new TemporalGateway({ TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'bench-inbox', TEMPORAL_UI_URL: 'http://localhost:8233' });
    const hub = new RealtimeHub({ prisma: app, databaseUrl: url, logger });
    const http = createApp({
      prisma: app,
      systemPrisma: system,
      temporal: gateway,
      temporalWeb: { uiUrl: 'http://localhost:8233', namespace: 'default' },
      logger,
      realtime: { hub, maxStreamMs: 30 * 60_000 },
      webhooks: { twilioAuthToken: TWILIO_TOKEN, publicUrl: PUBLIC_URL },
      auth: { secret: AUTH_SECRET, appUrl: `http://127.0.0.1:${webPort}` },
      sendRateLimit: { perMinute: 1_000_000, burst: 1_000_000 },
    }).listen(0, '127.0.0.1');
    cleanups.push(async () => {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await Promise.all([hub.close(), gateway.close()]);
    });
    return http;
  });
  [apiA = '', apiB = ''] = await Promise.all(apis.map(listen));
  const connection = await (await import('@temporalio/client')).Connection.connect({ address: temporal.address });
  await registerSearchAttributes(connection, 'default');
  await connection.close();
  stream = await openEventStream(`${apiB}/api/events`, { Authorization: `Bearer ${key}` });
  cleanups.push(async () => stream.close());
}, 30 * 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error('bench cleanup:', error));
  console.log(`\n${seeded}`);
  console.log(
    samples.table('Inbox (p50/p95, milliseconds)', [
      ['HTTP list (all) ÷ HTTP contact by id', 'http list: all', 'http baseline: contact by id'],
      ['HTTP thread view ÷ HTTP contact by id', 'http thread view', 'http baseline: contact by id'],
      ['query list (all, RLS) ÷ same SQL, system client', 'query list: all (member)', 'query baseline: same list SQL, system client (no RLS)'],
    ]),
  );
});

const nextThread = () => threadIds[(i = (i + 1) % threadIds.length)]!;
const nextContact = () => contactIds[(i = (i + 1) % contactIds.length)]!;

/** One GET through API A; an answer other than 200 is counted under its own name (the run goes on to show the rest). */
async function get(name: string, pathAndQuery: string): Promise<void> {
  const started = performance.now();
  const res = await fetch(`${apiA}/api${pathAndQuery}`, { headers: { Authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  samples.record(res.status === 200 ? name : `${name} — answered ${res.status}`, performance.now() - started);
}

describe('inbox over HTTP (API key)', () => {
  const cases: Array<[string, string]> = [
    ['http list: all', '/threads'],
    ['http list: open', '/threads?status=open'],
    ['http list: unassigned, open', '/threads?filter=unassigned&status=open'],
    ['http list: channel email', '/threads?channel=email'],
    ['http list: label vip', '/threads?label=vip'],
    ['http list: search name', '/threads?q=lovelace12'],
    ['http list: search words', '/threads?q=radiator%20invoice'],
  ];
  for (const [name, query] of cases) bench(name, () => get(name, query), options);
  bench('http thread view', () => get('http thread view', `/threads/${nextThread()}`), options);
  bench('http baseline: contact by id', () => get('http baseline: contact by id', `/contacts/${nextContact()}`), options);
});

describe('inbox through the query functions (a member)', () => {
  const page = () => ({ limit: 50, now: new Date() });
  const cases: Array<[string, Omit<ThreadListFilters, 'userId'>]> = [
    ['query list: all (member)', {}],
    ['query list: mine', { assignee: 'mine' }],
    ['query list: unread', { unread: true }],
    ['query list: search phone', { q: '415 000 12' }],
  ];
  for (const [name, filters] of cases) bench(name, async () => void (await samples.time(name, () => listThreads(db, { userId, ...filters }, page()))), options);
  bench('query baseline: same list SQL, system client (no RLS)', async () =>
    void (await samples.time('query baseline: same list SQL, system client (no RLS)', () => system.$queryRaw(listThreadsSql(tenantId, { userId }, page())))), options);
  bench('query counts (sidebar)', async () => void (await samples.time('query counts (sidebar)', () => countThreads(db, userId, new Date()))), options);
  bench('query thread view: timeline', async () => void (await samples.time('query thread view: timeline', () => threadTimeline(db, nextThread(), { limit: 50 }))), options);
});

let sid = 0;
/** A signed Twilio inbound webhook to API A; resolves when it has answered 200, with when it was sent and answered. */
async function postInbound(from: string, to: string, body: string): Promise<{ sent: number; answered: number }> {
  const fields = { MessageSid: `SM${process.pid}${String(++sid).padStart(26, '0')}`.slice(0, 34), From: from, To: to, Body: body, NumMedia: '0' };
  const signature = twilioSignatureFor(TWILIO_TOKEN, `${PUBLIC_URL}/webhooks/twilio/inbound`, fields);
  const sent = performance.now();
  const res = await fetch(`${apiA}/webhooks/twilio/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(fields).toString(),
  });
  await res.text();
  const answered = performance.now();
  if (res.status !== 200) throw new Error(`the webhook answered ${res.status}`);
  return { sent, answered };
}

/**
 * The second tab: the web app against API B, and a fresh tenant (signed up through the web app, so the session
 * cookie is the web app's) whose owner has one contact's conversation open. Made on the first call of the
 * browser case, so a run without it pays nothing.
 */
async function openConversationTab(): Promise<{ page: Page; from: string }> {
  const web = await startWebApp({ apiUrl: apiB, port: webPort });
  cleanups.push(() => web.stop());
  const browser: Browser = await launchBrowser();
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: VIEWPORTS.laptop, reducedMotion: 'reduce' });
  // When each inbound message.created reaches the tab's EventSource, and when each bench body first shows in a
  // bubble (a MutationObserver in the page; wall clock both): the figure splits into "event reaches the tab",
  // "the tab shows it" and Playwright's own time to notice (it polls).
  await context.addInitScript(() => {
    const shownAt: Record<string, number> = {};
    (window as unknown as { __heraldShown: typeof shownAt }).__heraldShown = shownAt;
    new MutationObserver(() => {
      for (const bubble of Array.from(document.querySelectorAll('[data-testid="message"]'))) {
        const body = /bench tab \d+-\d{8}/.exec(bubble.textContent ?? '')?.[0];
        if (body && !(body in shownAt)) shownAt[body] = performance.timeOrigin + performance.now();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
    const arrivals: number[] = [];
    (window as unknown as { __heraldInbound: number[] }).__heraldInbound = arrivals;
    const Original = window.EventSource;
    window.EventSource = class extends Original {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener('message', (m: MessageEvent<string>) => {
          const at = performance.timeOrigin + performance.now();
          try {
            const event = JSON.parse(m.data) as { type?: string; data?: { direction?: string } };
            if (event.type === 'message.created' && event.data?.direction === 'inbound') arrivals.push(at);
          } catch {
            // not an event of ours
          }
        });
      }
    };
  });
  const page = await context.newPage();
  const signUp = await page.request.post(`${web.url}/api/signup`, {
    headers: { origin: web.url },
    data: { name: 'Bench Owner', email: `bench-${process.pid}@example.test`, password: `pw-bench-${process.pid}-tab`, businessName: 'Bench Tab Plumbing' },
  });
  if (signUp.status() !== 201) throw new Error(`sign-up answered ${signUp.status()}: ${await signUp.text()}`);
  const tenant = ((await signUp.json()) as { tenant: { id: string } }).tenant.id;
  await addSenderAddress(forTenant(app, tenant), { channel: 'sms', address: BROWSER_SENDER, isDefault: true });
  const from = '+14155550199';
  await postInbound(from, BROWSER_SENDER, 'bench tab: the first message');
  const list = await page.request.get(`${web.url}/api/threads`);
  const threadId = ((await list.json()) as { threads: Array<{ id: string }> }).threads[0]?.id;
  if (!threadId) throw new Error(`no thread after the first webhook: ${list.status()}`);
  await page.goto(`${web.url}/inbox/${threadId}`);
  await page.getByTestId('message').getByText('bench tab: the first message').waitFor({ state: 'visible', timeout: 30_000 });
  return { page, from };
}

describe('realtime', () => {
  // From one of the seeded contacts, so each message lands on an existing thread of the large tenant.
  const from = '+14150000012';
  bench(
    'inbound webhook (API A) → event on SSE (API B)',
    async () => {
      const inbound = () => stream.events.filter((e) => (e.data as { type?: string; data?: { direction?: string } }).type === 'message.created' && (e.data as { data: { direction: string } }).data.direction === 'inbound').length;
      const before = inbound();
      const { sent, answered } = await postInbound(from, SENDER, `bench ${sid + 1}`);
      await stream.until(() => inbound() > before, 10_000);
      const arrived = performance.now();
      samples.record('realtime: webhook response → event on the other API', arrived - answered);
      samples.record('realtime: webhook request → event on the other API', arrived - sent);
      samples.record('realtime: webhook response time', answered - sent);
    },
    { time: 5_000, warmupTime: 300 },
  );

  let tab: Promise<{ page: Page; from: string }> | undefined;
  let warm = false;
  bench(
    'inbound webhook (API A) → bubble in a browser tab (web app on API B)',
    async () => {
      const { page, from } = await (tab ??= openConversationTab());
      // Fixed width, so no body is a prefix of a later one (getByText matches substrings).
      const body = `bench tab ${process.pid}-${String(sid + 1).padStart(8, '0')}`;
      const { answered } = await postInbound(from, BROWSER_SENDER, body);
      await page.getByTestId('message').getByText(body).waitFor({ state: 'visible', timeout: 10_000 });
      const shown = performance.now();
      // The first pass opened the tab (and its event stream may have connected only just before): warm-up.
      if (warm) {
        samples.record('realtime: webhook response → bubble in a second tab', shown - answered);
        const answeredAt = performance.timeOrigin + answered;
        const arrivals = await page.evaluate(() => (window as unknown as { __heraldInbound: number[] }).__heraldInbound);
        // The webhook's event reaches API B's stream before the webhook answers (see above), so its arrival
        // in the tab is the last one before the bubble showed; never more than one per pass.
        const arrived = arrivals.filter((at) => at <= performance.timeOrigin + shown).at(-1);
        if (arrived !== undefined) samples.record('realtime: webhook response → event in the tab', Math.max(0, arrived - answeredAt));
        const inDom = await page.evaluate((b) => (window as unknown as { __heraldShown: Record<string, number> }).__heraldShown[b], body);
        if (inDom !== undefined) samples.record('realtime: webhook response → bubble in the tab’s DOM', inDom - answeredAt);
      }
      warm = true;
    },
    { time: 0, iterations: 25, warmupTime: 0, warmupIterations: 1 },
  );
});
