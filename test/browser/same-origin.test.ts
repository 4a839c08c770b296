import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, setTheme, useBrowser } from '../harness/browser';
import { json, startLocalServer, type RecordedRequest } from '../harness/local-http-server';
import { startWebApp, type RunningWebApp } from '../harness/web-app';

// The web app's side of the one-origin contract, against a local server standing in for Herald's API at the
// HTTP boundary: it answers what a test needs (a 401, a wrong shape, a held-open event stream) — answers the
// real API gives only in states a test cannot easily put it in. The real API's side is in sign-in.test.ts.
type Handler = (req: RecordedRequest, res: http.ServerResponse) => boolean;

let stand: Awaited<ReturnType<typeof startLocalServer>>;
let web: RunningWebApp;
let handlers: Handler[] = [];
const { newContext } = useBrowser();

const ME = {
  user: { id: 'usr_1', name: 'Ada Lovelace', email: 'ada@example.test' },
  role: 'agent',
  tenant: { id: 'ten_1', businessName: 'Acme Plumbing', timeZone: 'Europe/London' },
  memberships: [{ tenantId: 'ten_1', businessName: 'Acme Plumbing', role: 'agent' }],
};
const EMPTY_THREADS = { threads: [], nextCursor: null, counts: { mine: 0, unassigned: 0, all: 0, unread: 0 } };

beforeAll(async () => {
  stand = await startLocalServer((req, res) => {
    for (const handle of handlers) if (handle(req, res)) return;
    json(res, 404, { error: { code: 'NOT_FOUND', message: `No route for ${req.method} ${req.path}` } });
  });
  web = await startWebApp({ apiUrl: stand.url });
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await stand?.close();
});

const route = (method: string, path: string, answer: (req: RecordedRequest, res: http.ServerResponse) => void): Handler => (req, res) => {
  if (req.method !== method || req.path.split('?')[0] !== path) return false;
  answer(req, res);
  return true;
};

describe('one origin', () => {
  it('forwards /api, /webhooks, /ingest, /q and /embed to the HERALD_API_URL given at start, with method, query, body, cookies and origin', async () => {
    handlers = [(req, res) => (json(res, 200, { echoed: req.path }), true)];
    stand.requests.length = 0;
    for (const path of ['/api/contacts?limit=5', '/webhooks/twilio/status', '/ingest/lead', '/q/quote_1', '/embed/lead-form.js']) {
      const res = await fetch(`${web.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: 'herald.session=abc', origin: web.url },
        body: JSON.stringify({ path }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ echoed: path });
    }
    expect(stand.requests.map((r) => [r.method, r.path, r.body, r.headers.cookie, r.headers.origin])).toEqual(
      ['/api/contacts?limit=5', '/webhooks/twilio/status', '/ingest/lead', '/q/quote_1', '/embed/lead-form.js'].map((p) => ['POST', p, JSON.stringify({ path: p }), 'herald.session=abc', web.url]),
    );
    // The API learns which host the browser used (for links and the CSRF check).
    expect(stand.requests[0]!.headers['x-forwarded-host']).toBe(new URL(web.url).host);
  });

  it('forwards a lead form’s CORS preflight from another site, and its grant back', async () => {
    handlers = [
      route('OPTIONS', '/ingest/forms/lfm_1/leads', (req, res) => {
        res.writeHead(204, { 'access-control-allow-origin': String(req.headers.origin), 'access-control-allow-methods': 'GET,POST', vary: 'Origin' });
        res.end();
      }),
    ];
    stand.requests.length = 0;
    const res = await fetch(`${web.url}/ingest/forms/lfm_1/leads`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.acme.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://www.acme.test');
    expect(stand.requests.map((r) => [r.method, r.path, r.headers.origin, r.headers['access-control-request-method']])).toEqual([
      ['OPTIONS', '/ingest/forms/lfm_1/leads', 'https://www.acme.test', 'POST'],
    ]);
  });

  it('streams Server-Sent Events to the browser as each is written, with Last-Event-ID on reconnect', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const lastEventIds: Array<string | undefined> = [];
    handlers = [
      route('GET', '/api/events', (req, res) => {
        lastEventIds.push(req.headers['last-event-id'] as string | undefined);
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        if (lastEventIds.length > 1) return void res.write('id: 3\ndata: {"n":3}\n\n');
        res.write('retry: 100\nid: 1\ndata: {"n":1}\n\n');
        // The second event waits for the test: if anything between buffered the stream, event 1 never arrives.
        void held.then(() => {
          res.write('id: 2\ndata: {"n":2}\n\n');
          res.end(); // the browser reconnects with Last-Event-ID: 2
        });
      }),
    ];
    const page = await (await newContext()).newPage();
    await page.goto(`${web.url}/sign-in`);
    await page.evaluate(() => {
      const w = window as unknown as { events: number[] };
      w.events = [];
      new EventSource('/api/events').onmessage = (e) => w.events.push((JSON.parse(e.data as string) as { n: number }).n);
    });
    await page.waitForFunction(() => (window as unknown as { events: number[] }).events.length === 1, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { events: number[] }).events)).toEqual([1]);
    release();
    await page.waitForFunction(() => (window as unknown as { events: number[] }).events.length === 3, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { events: number[] }).events)).toEqual([1, 2, 3]);
    expect(lastEventIds).toEqual([undefined, '2']);
  });
});

describe('signed-in area', () => {
  it('sends a visitor without a session (GET /api/me → 401) to /sign-in, remembering where they were going', async () => {
    handlers = [route('GET', '/api/me', (_req, res) => json(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } }))];
    const page = await (await newContext()).newPage();
    await page.goto(`${web.url}/settings/members`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/settings/members');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Herald' }).waitFor();
  });

  it('shows an answer of the wrong shape as an error, never as data', async () => {
    // A role the app does not know: the shared schema refuses it, so nothing of this answer reaches the screen.
    handlers = [route('GET', '/api/me', (_req, res) => json(res, 200, { ...ME, role: 'superuser' }))];
    const page = await (await newContext()).newPage();
    await page.goto(`${web.url}/inbox`);
    const error = page.getByTestId('error-state');
    await error.waitFor();
    expect(await error.textContent()).toContain('Herald answered in a form this page does not understand');
    expect(await page.getByText('Acme Plumbing').count()).toBe(0);
    expect(await page.getByText(/superuser|\{/).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`shows the member’s workspace and only the sections their role may use, accessibly (${theme})`, async () => {
      handlers = [route('GET', '/api/me', (_req, res) => json(res, 200, ME)), route('GET', '/api/threads', (_req, res) => json(res, 200, EMPTY_THREADS))];
      const context = await newContext({ colorScheme: theme });
      await setTheme(context, theme);
      const page = await context.newPage();
      await page.goto(`${web.url}/`);
      await page.waitForURL((url) => url.pathname === '/inbox');
      expect(await page.getByTestId('tenant-name').textContent()).toBe('Acme Plumbing');
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Inbox', 'Contacts', 'Sequences', 'Templates', 'Quotes', 'Dashboard']); // an agent: no Settings
      await page.getByTestId('empty-state').waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
  }

  it('shows a new conversation in the inbox as soon as its event arrives on the tab’s one event stream', async () => {
    let threads: unknown[] = [];
    const streams: http.ServerResponse[] = [];
    handlers = [
      route('GET', '/api/me', (_req, res) => json(res, 200, ME)),
      route('GET', '/api/threads', (_req, res) => json(res, 200, { ...EMPTY_THREADS, threads, counts: { ...EMPTY_THREADS.counts, mine: threads.length } })),
      route('GET', '/api/events', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(': open\n\n');
        streams.push(res);
      }),
    ];
    const page = await (await newContext()).newPage();
    await page.goto(`${web.url}/inbox`);
    await page.getByTestId('empty-state').waitFor();
    await expect.poll(() => streams.length).toBe(1);

    threads = [
      {
        id: 'thr_1',
        channel: 'sms',
        status: 'open',
        assignee: null,
        contact: { id: 'ctc_1', name: 'Grace Hopper', phone: '+14155550100', email: null },
        lastMessage: { id: 'msg_1', direction: 'inbound', preview: 'Is Thursday still on?', status: 'received', at: new Date().toISOString() },
        lastActivityAt: new Date().toISOString(),
        unreadCount: 1,
        labels: [],
        snoozedUntil: null,
      },
    ];
    streams[0]!.write(`id: 1\ndata: ${JSON.stringify({ id: '1', type: 'message.created', threadId: 'thr_1', data: { messageId: 'msg_1' }, at: new Date().toISOString() })}\n\n`);
    const row = page.getByTestId('thread-row');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Is Thursday still on?');
    expect(streams).toHaveLength(1); // one stream for the tab, still open
    for (const res of streams) res.end();
  });

  it('tells an agent who opens settings by URL that only admins manage them', async () => {
    handlers = [route('GET', '/api/me', (_req, res) => json(res, 200, ME))];
    const page = await (await newContext()).newPage();
    await page.goto(`${web.url}/settings/api-keys`);
    await page.getByText('Only admins manage settings').waitFor();
    expect(stand.requests.some((r) => r.path.startsWith('/api/api-keys'))).toBe(false);
  });
});
