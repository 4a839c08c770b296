import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations, useBrowser, VIEWPORTS } from '../harness/browser';
import { fakeProviders } from '../harness/context';
import { signUpOwner } from '../harness/web-sign-in';
import { useWebStack } from '../harness/web-stack';
import type { RunningWebApp } from '../harness/web-app';

/*
 * The dashboard in Chromium against the real parts (the web build, the API, a worker on the Temporal dev server,
 * the fake provider): a new tenant's activity — two leads text in, an agent answers both, one writes again, a
 * quote goes out — shows up in the charts' figures as it happened; the range switch keeps it; a chart's CSV
 * downloads with the same figures. The tests share the tenant and run in order.
 */
const taskQueue = 'browser-dashboard';
const { providers } = fakeProviders();
let web: RunningWebApp;
let owner: Page;

useWebStack({ taskQueue, providers }, (stack) => ({ web } = stack));
// The owner's page lives across the file's tests (a test's own contexts close after it).
const { browser } = useBrowser();
afterAll(async () => {
  await owner?.context().close();
});

const TIMEOUT = 15_000;
const visible = (locator: Locator, timeout = TIMEOUT) => locator.waitFor({ state: 'visible', timeout });

/** The API as this page's session sees it (same origin, so the CSRF check passes). */
function apiOf(page: Page) {
  const headers = { origin: web.url };
  return {
    get: async (path: string) => (await page.request.get(`${web.url}${path}`)).json() as Promise<any>,
    post: async (path: string, data: object = {}) => {
      const res = await page.request.post(`${web.url}${path}`, { data, headers });
      expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
      return res.json() as Promise<any>;
    },
  };
}

/** Polls the API until a condition a worker makes true holds (a send recorded), bounded. */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe('the dashboard', () => {
  it('shows what happened: messages sent and received, the reply rate, waits and a quote', async () => {
    owner = await (await browser().newContext({ viewport: VIEWPORTS.laptop, reducedMotion: 'reduce', acceptDownloads: true })).newPage();
    await signUpOwner(owner, web.url, { name: 'Dana Dashboard', business: 'Dashboard Plumbing', password: 'dashboard-password-1' });

    // Nothing yet: every chart says so.
    await owner.getByRole('link', { name: 'Dashboard' }).first().click();
    await owner.waitForURL(/\/dashboard/);
    await visible(owner.getByTestId('chart-messages').getByTestId('chart-empty'));
    await visible(owner.getByTestId('chart-funnel').getByText('No published sequences yet'));

    const api = apiOf(owner);
    const ada = await api.post('/api/fake/inbound', { channel: 'sms', from: '+14155550701', body: 'Can you fix a leaking tap?' });
    const bob = await api.post('/api/fake/inbound', { channel: 'sms', from: '+14155550702', body: 'Do you do boilers?' });
    const threadOf = async (contactId: string) => (await api.get('/api/threads')).threads.find((t: any) => t.contact.id === contactId).id as string;
    for (const contactId of [ada.contactId, bob.contactId]) {
      const sent = await api.post(`/api/threads/${await threadOf(contactId)}/messages`, { body: 'Yes — when suits you?' });
      await until(() => api.get(`/api/messages/${sent.message.id}`), (m) => m.message.status === 'sent' || m.message.status === 'delivered', 'the reply was sent');
    }
    await api.post('/api/fake/inbound', { channel: 'sms', from: '+14155550701', body: 'Tomorrow morning please' });
    const quote = await api.post('/api/quotes', { contactId: ada.contactId, total: 240, title: 'Tap repair' });
    await until(() => api.get(`/api/quotes/${quote.quote.id}`), (q) => q.quote.sentAt !== null, 'the quote was texted');

    await owner.reload();
    const messages = owner.getByTestId('chart-messages');
    // Two replies and the quote went out; three messages came in.
    await expect.poll(() => messages.getByTestId('messages-sent').textContent(), { timeout: TIMEOUT }).toBe('3');
    expect(await messages.getByTestId('messages-received').textContent()).toBe('3');
    expect(await messages.getByTestId('messages-sent-sms').textContent()).toBe('3');
    // The figures are in a table for screen readers too: today's row.
    const today = messages.locator('table tbody tr').last();
    expect(await today.locator('td').allTextContents()).toEqual(['3', '0', '0', '3']);
    // Ada wrote back after her reply, Bob did not; Ada's last message waits for an answer.
    await expect.poll(() => owner.getByTestId('reply-rate').textContent(), { timeout: TIMEOUT }).toBe('50%');
    expect(await owner.getByTestId('response-unanswered').textContent()).toBe('1');
    expect(await owner.getByTestId('response-average').textContent()).toMatch(/^\d+ (s|min)$/);
    expect(await owner.getByTestId('quotes-sent').textContent()).toBe('1');
    expect(await owner.getByTestId('delivery-rate').textContent()).toMatch(/^\d+%$/);

    for (const theme of ['light', 'dark'] as const) {
      await owner.emulateMedia({ colorScheme: theme });
      await owner.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, theme === 'dark');
      expect(await seriousAxeViolations(owner), `dashboard (${theme})`).toEqual([]);
    }
    await owner.emulateMedia({ colorScheme: 'light' });
  });

  it('keeps the figures on the 7-day range, in the URL', async () => {
    await owner.getByTestId('range-7d').click();
    await owner.waitForURL(/range=7d/);
    await expect.poll(() => owner.getByTestId('chart-messages').locator('table tbody tr').count(), { timeout: TIMEOUT }).toBe(7);
    expect(await owner.getByTestId('messages-sent').textContent()).toBe('3');
    await owner.reload();
    await visible(owner.getByTestId('messages-sent'));
    expect(await owner.getByTestId('range-7d').getAttribute('data-state')).toBe('active');
  });

  it('downloads a chart’s data as CSV, with the same figures', async () => {
    const [download] = await Promise.all([owner.waitForEvent('download'), owner.getByTestId('csv-messages').click()]);
    expect(download.suggestedFilename()).toMatch(/^herald-messages-by-day-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toBe('date,channel,sent,received');
    // A row per day and channel, the 7 days of the range.
    expect(rows).toHaveLength(7 * 3);
    const today = rows.slice(-3).map((row) => row.split(','));
    expect(today.map(([, channel, sent, received]) => [channel, sent, received])).toEqual([
      ['sms', '3', '3'],
      ['whatsapp', '0', '0'],
      ['email', '0', '0'],
    ]);
  });
});
