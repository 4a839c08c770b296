import type { Locator, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { applyDeliveryStatus } from '../../prisma/queries/messages/apply-delivery-status';
import { useBrowser } from '../harness/browser';
import { fakeProviders, testSystemPrisma, uniqueName } from '../harness/context';
import { useWebStack } from '../harness/web-stack';
import type { RunningWebApp } from '../harness/web-app';

/*
 * The inbox kept live by merging events, in Chromium against the real parts (web build, API with its event
 * stream, a worker on the Temporal dev server, the fake provider): every request the page makes is watched,
 * so each test shows what changed on screen AND that the page did not load the whole thread view or list
 * again to get there. Each test has its own tenant.
 */
const taskQueue = 'browser-live-inbox';
const { providers } = fakeProviders();
let web: RunningWebApp;

useWebStack({ taskQueue, providers }, (stack) => ({ web } = stack));
const { newContext } = useBrowser();

const TIMEOUT = 15_000;
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: TIMEOUT });

/** The inbox requests a page makes, from now on (the API's own requests from the test are not the page's). */
function watchRequests(page: Page) {
  const seen: Array<{ method: string; path: string; query: URLSearchParams }> = [];
  const record = (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) seen.push({ method: request.method(), path: url.pathname, query: url.searchParams });
  };
  page.on('request', record);
  const gets = (test: (r: (typeof seen)[number]) => boolean) => seen.filter((r) => r.method === 'GET' && test(r)).length;
  return {
    /** The whole thread view (GET /api/threads/:id, any page of it). */
    threadViews: (threadId: string) => gets((r) => r.path === `/api/threads/${threadId}`),
    timelineFetches: (threadId: string) => gets((r) => r.path === `/api/threads/${threadId}/timeline` && r.query.has('after')),
    messageFetches: (threadId: string, messageId: string) => gets((r) => r.path === `/api/threads/${threadId}/messages/${messageId}`),
    /** The whole list (GET /api/threads without threadId). */
    listLoads: () => gets((r) => r.path === '/api/threads' && !r.query.has('threadId')),
    rowFetches: (threadId: string) => gets((r) => r.path === '/api/threads' && r.query.get('threadId') === threadId),
    reset: () => void seen.splice(0),
  };
}

interface Workspace {
  page: Page;
  tenantId: string;
  userId: string;
  /** A contact writes in (the fake provider's inbound route); returns its thread and message. */
  contactWrites(from: string, body: string): Promise<{ threadId: string; messageId: string }>;
  call(method: 'get' | 'post', path: string, data?: object): Promise<any>;
}

/**
 * In every page: each event the app's EventSource takes, as it takes it (`__events`; the app's own listener
 * runs in the same dispatch), and the EventSources themselves (`__sources`), to know when the stream is open.
 */
function recordEventStream() {
  const w = window as unknown as { __events: Array<{ type: string; data: Record<string, unknown> }>; __sources: EventSource[] };
  w.__events = [];
  w.__sources = [];
  const Original = window.EventSource;
  window.EventSource = class extends Original {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      w.__sources.push(this);
      this.addEventListener('message', (m: MessageEvent<string>) => w.__events.push(JSON.parse(m.data)));
    }
  };
}

/** The app's event stream is open: the API has subscribed it, so every later change reaches the page. */
const streamOpen = (page: Page) =>
  page.waitForFunction(() => (window as unknown as { __sources: EventSource[] }).__sources.some((s) => s.readyState === EventSource.OPEN), undefined, { timeout: TIMEOUT });

/** A fresh tenant whose owner is signed in in a new browser context (the session cookie is the web app's). */
async function workspace(): Promise<Workspace> {
  const context = await newContext({ reducedMotion: 'reduce' });
  await context.addInitScript(recordEventStream);
  const page = await context.newPage();
  const signUp = await page.request.post(`${web.url}/api/signup`, {
    headers: { origin: web.url },
    data: { name: 'Lena Live', email: `${uniqueName('live')}@example.test`, password: 'live-inbox-password-1', businessName: 'Live Plumbing' },
  });
  expect(signUp.status(), await signUp.text()).toBe(201);
  const call = async (method: 'get' | 'post', path: string, data?: object) => {
    const res = await page.request[method](`${web.url}/api${path}`, { headers: { origin: web.url }, ...(data ? { data } : {}) });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return res.json();
  };
  const me = await call('get', '/me');
  return {
    page,
    tenantId: me.tenant.id,
    userId: me.user.id,
    call,
    async contactWrites(from, body) {
      const { messageId } = (await call('post', '/fake/inbound', { channel: 'sms', from, body })) as { messageId: string };
      const row = await testSystemPrisma().message.findFirstOrThrow({ where: { id: messageId }, select: { threadId: true } });
      return { threadId: row.threadId!, messageId };
    },
  };
}

const phone = () => `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
const bubble = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });

describe('the conversation, kept live by merging', () => {
  it('shows the contact’s reply without loading the thread view again, and the list row follows', async () => {
    const w = await workspace();
    const from = phone();
    const { threadId } = await w.contactWrites(from, 'Is the boiler fixed?');
    await w.call('post', `/threads/${threadId}/assign`, { userId: w.userId });
    const requests = watchRequests(w.page);
    await w.page.goto(`${web.url}/inbox/${threadId}`);
    await visible(bubble(w.page, 'Is the boiler fixed?'));
    await visible(w.page.getByTestId('thread-row').filter({ hasText: 'Is the boiler fixed?' }));
    await streamOpen(w.page);
    expect(requests.threadViews(threadId)).toBe(1);
    expect(requests.listLoads()).toBe(1);
    requests.reset();

    await w.contactWrites(from, 'It is dripping again');
    await visible(bubble(w.page, 'It is dripping again'));
    expect(await bubble(w.page, 'It is dripping again').getAttribute('data-direction')).toBe('inbound');
    // The list's row shows the new preview, fetched alone under the list's filter ("Mine").
    await visible(w.page.getByTestId('thread-row').filter({ hasText: 'It is dripping again' }));
    expect(requests.timelineFetches(threadId)).toBeGreaterThanOrEqual(1);
    expect(requests.rowFetches(threadId)).toBeGreaterThanOrEqual(1);
    expect(requests.threadViews(threadId), 'the whole thread view was loaded again').toBe(0);
    expect(requests.listLoads(), 'the whole list was loaded again').toBe(0);
    // Both bubbles, once each.
    expect(await w.page.getByTestId('message').count()).toBe(2);
  }, 90_000);

  it('updates one bubble’s delivery mark and failure reason in place when its status changes', async () => {
    const w = await workspace();
    const { threadId } = await w.contactWrites(phone(), 'Can you confirm?');
    const { message } = await w.call('post', `/threads/${threadId}/messages`, { body: 'Confirmed for 3pm' });
    const requests = watchRequests(w.page);
    await w.page.goto(`${web.url}/inbox/${threadId}`);
    const sent = w.page.locator(`[data-testid="message"][data-message-id="${message.id}"]`);
    await visible(sent);
    const mark = sent.getByTestId('delivery-status');
    await w.page.waitForFunction((id) => document.querySelector(`[data-message-id="${id}"] [data-testid="delivery-status"]`)?.getAttribute('data-status') === 'sent', message.id, { timeout: 30_000 });
    const node = await sent.elementHandle();
    await streamOpen(w.page);
    requests.reset();

    // The carrier reports it undelivered (what Twilio's status callback records).
    const row = await testSystemPrisma().message.findFirstOrThrow({ where: { id: message.id }, select: { providerMessageId: true } });
    expect(await applyDeliveryStatus(testSystemPrisma(), row.providerMessageId!, { status: 'undelivered', at: new Date(), errorCode: '30003', errorMessage: 'Unreachable handset' })).not.toBeNull();
    await w.page.waitForFunction((id) => document.querySelector(`[data-message-id="${id}"] [data-testid="delivery-status"]`)?.getAttribute('data-status') === 'undelivered', message.id, { timeout: TIMEOUT });
    expect(await sent.getByTestId('failure-reason').innerText()).toBe('The phone was unreachable (switched off or out of coverage) and the carrier gave up.');
    expect(await mark.innerText()).toBe('Undelivered');
    // The same element, changed in place; fetched alone.
    expect(await node!.evaluate((el) => el.isConnected)).toBe(true);
    expect(requests.messageFetches(threadId, message.id)).toBeGreaterThanOrEqual(1);
    expect(requests.threadViews(threadId), 'the whole thread view was loaded again').toBe(0);
  }, 90_000);

  it('a sent message shows at once and settles to its real status, never twice, even when its event comes before the answer', async () => {
    const w = await workspace();
    const { threadId } = await w.contactWrites(phone(), 'Hello?');
    await w.page.goto(`${web.url}/inbox/${threadId}`);
    await visible(bubble(w.page, 'Hello?'));
    await streamOpen(w.page);
    // The most bubbles showing the reply at any moment.
    await w.page.evaluate(() => {
      const win = window as unknown as { __most: number };
      win.__most = 0;
      const count = () => Array.from(document.querySelectorAll('[data-testid="message"]')).filter((m) => m.textContent?.includes('We are on our way')).length;
      new MutationObserver(() => (win.__most = Math.max(win.__most, count()))).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    const requests = watchRequests(w.page);

    // The send's answer is held back until the page has taken the event of the message it made.
    let eventBeforeAnswer = false;
    let bubblesDuringHold = -1;
    let mergesDuringHold = -1;
    await w.page.route(`**/api/threads/${threadId}/messages`, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      const response = await route.fetch();
      const { message } = (await response.json()) as { message: { id: string } };
      await w.page.waitForFunction(
        (id) => (window as unknown as { __events: Array<{ type: string; data: { messageId?: string } }> }).__events.some((e) => e.type === 'message.created' && e.data.messageId === id),
        message.id,
        { timeout: TIMEOUT },
      );
      eventBeforeAnswer = true;
      // Two frames after the event: a merge (or a reload) it started would have made its request by now.
      await w.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      mergesDuringHold = requests.timelineFetches(threadId) + requests.threadViews(threadId);
      bubblesDuringHold = await bubble(w.page, 'We are on our way').count();
      await route.fulfill({ response });
    });
    await w.page.getByTestId('composer-text').fill('We are on our way');
    await w.page.getByTestId('composer-text').press('Control+Enter');
    await w.page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('[data-testid="message"]')).some(
          (m) => m.textContent?.includes('We are on our way') && m.hasAttribute('data-message-id') && ['sent', 'delivered'].includes(m.querySelector('[data-testid="delivery-status"]')?.getAttribute('data-status') ?? ''),
        ),
      undefined,
      { timeout: 30_000 },
    );
    expect(eventBeforeAnswer).toBe(true);
    expect(bubblesDuringHold, 'only the pending bubble while the answer is held').toBe(1);
    expect(mergesDuringHold, 'merged while the answer was held').toBe(0);
    // The held event is merged once the answer is in.
    await expect.poll(() => requests.timelineFetches(threadId), { timeout: TIMEOUT }).toBeGreaterThanOrEqual(1);
    expect(await bubble(w.page, 'We are on our way').count()).toBe(1);
    expect(await w.page.locator('[data-pending="true"]').count()).toBe(0);
    expect(await w.page.evaluate(() => (window as unknown as { __most: number }).__most), 'two bubbles of one message at some moment').toBe(1);
    expect(requests.threadViews(threadId), 'the whole thread view was loaded again').toBe(0);
  }, 90_000);

  it('loads everything again on an event it cannot merge (a later API’s type, or a reset)', async () => {
    const w = await workspace();
    const { threadId } = await w.contactWrites(phone(), 'Anyone?');
    const requests = watchRequests(w.page);
    await w.page.goto(`${web.url}/inbox/${threadId}`);
    await visible(bubble(w.page, 'Anyone?'));
    // Opening it marked it read; once that event is in, the page has settled.
    await w.page.waitForFunction(() => (window as unknown as { __events: Array<{ type: string }> }).__events.some((e) => e.type === 'thread.read'), undefined, { timeout: TIMEOUT });
    requests.reset();
    const reload = w.page.waitForRequest((r) => new URL(r.url()).pathname === `/api/threads/${threadId}` && r.method() === 'GET', { timeout: TIMEOUT });
    const listReload = w.page.waitForRequest((r) => new URL(r.url()).pathname === '/api/threads' && !new URL(r.url()).searchParams.has('threadId'), { timeout: TIMEOUT });
    await testSystemPrisma().$executeRaw`INSERT INTO realtime_events (tenant_id, type, thread_id, data) VALUES (${w.tenantId}, 'contact.merged', ${threadId}, '{}'::jsonb)`;
    await Promise.all([reload, listReload]);
    await visible(bubble(w.page, 'Anyone?'));
    expect(requests.threadViews(threadId)).toBe(1);
  }, 90_000);
});

describe('the thread list, kept live by merging', () => {
  it('keeps to its filter: a change to a thread outside it does not show, one that stops matching leaves, and the counts follow', async () => {
    const w = await workspace();
    const [mineFrom, otherFrom] = [phone(), phone()];
    const mine = await w.contactWrites(mineFrom, 'Mine: first');
    const other = await w.contactWrites(otherFrom, 'Other: first');
    await w.call('post', `/threads/${mine.threadId}/assign`, { userId: w.userId });
    const requests = watchRequests(w.page);
    await w.page.goto(`${web.url}/inbox`);
    const rows = w.page.getByTestId('thread-row');
    await visible(rows.filter({ hasText: 'Mine: first' }));
    await streamOpen(w.page);
    expect(await rows.count()).toBe(1);
    requests.reset();

    // The other (unassigned) thread's contact writes: the page asks for that row under "Mine" and gets none.
    const asked = w.page.waitForResponse((r) => r.url().includes(`threadId=${other.threadId}`), { timeout: TIMEOUT });
    await w.contactWrites(otherFrom, 'Other: again');
    expect(((await (await asked).json()) as { threads: unknown[] }).threads).toEqual([]);
    // Then the assigned thread's contact: its row changes in place.
    await w.contactWrites(mineFrom, 'Mine: again');
    await visible(rows.filter({ hasText: 'Mine: again' }));
    expect(await rows.count()).toBe(1);
    expect(await w.page.getByText('Other: again').count()).toBe(0);
    expect(requests.listLoads(), 'the whole list was loaded again').toBe(0);

    // Unassigned: the other thread is there; assigned to the owner elsewhere, it leaves, and the tab's count drops.
    await w.page.getByRole('tab', { name: /Unassigned/ }).click();
    const otherRow = rows.filter({ hasText: 'Other: again' });
    await visible(otherRow);
    const unassignedTab = w.page.getByRole('tab', { name: /Unassigned/ });
    expect(await unassignedTab.innerText()).toMatch(/1\s*$/);
    requests.reset();
    await w.call('post', `/threads/${other.threadId}/assign`, { userId: w.userId });
    await otherRow.waitFor({ state: 'detached', timeout: TIMEOUT });
    await w.page.waitForFunction(() => /0\s*$/.test(Array.from(document.querySelectorAll('[role="tab"]')).find((t) => t.textContent?.startsWith('Unassigned'))?.textContent ?? ''), undefined, { timeout: TIMEOUT });
    expect(requests.listLoads(), 'the whole list was loaded again').toBe(0);
    expect(requests.rowFetches(other.threadId)).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('moves the thread with new activity to the top', async () => {
    const w = await workspace();
    const [first, second] = [phone(), phone()];
    await w.contactWrites(first, 'Older thread');
    await w.contactWrites(second, 'Newer thread');
    await w.page.goto(`${web.url}/inbox`);
    await w.page.getByRole('tab', { name: /All/ }).click();
    const rows = w.page.getByTestId('thread-row');
    await visible(rows.filter({ hasText: 'Older thread' }));
    expect(await rows.first().innerText()).toContain('Newer thread');
    await streamOpen(w.page);
    const requests = watchRequests(w.page);
    await w.contactWrites(first, 'Older thread, written again');
    await visible(rows.first().filter({ hasText: 'Older thread, written again' }));
    expect(await rows.count()).toBe(2);
    expect(requests.listLoads(), 'the whole list was loaded again').toBe(0);
  }, 90_000);
});
