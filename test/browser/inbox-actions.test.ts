import { DateTime } from 'luxon';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { forTenant } from '../../prisma/tenant-scope';
import type { AppPrisma } from '../../prisma/client';
import { enrollmentStateQuery, statusQuery, type EnrollmentResult } from '../../workflows/definitions';
import { signUpTestUser } from '../harness/accounts';
import { seriousAxeViolations, useBrowser } from '../harness/browser';
import { fakeProviders, testApi } from '../harness/context';
import type { DevServer } from '../harness/suites';
import { useWebStack } from '../harness/web-stack';
import type { RunningWebApp } from '../harness/web-app';

/*
 * What the inbox can do beyond the walkthrough, each in Chromium against the real parts (web build, API, a
 * worker on the Temporal dev server, the fake provider) and each with its own tenant: rescheduling a message,
 * the keyboard shortcuts, pausing and stopping an enrollment, labels, and an approved WhatsApp template's
 * values. Every test checks what the person sees and what the server now holds.
 */
const taskQueue = 'browser-inbox-actions';
const { fake, providers } = fakeProviders();
let server: DevServer;
let prisma: AppPrisma;
let web: RunningWebApp;
let request: ReturnType<typeof testApi>['request'];

useWebStack({ taskQueue, providers }, (stack) => ({ server, prisma, web, request } = stack));
const { newContext } = useBrowser();

const TIMEOUT = 15_000;
const AGENT_ZONE = 'America/New_York';
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: TIMEOUT });
const randomPhone = () => `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;

/** Waits for a condition held by another process (the API, Temporal) to become true. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100)); // polling another process
  }
}

/**
 * A new tenant whose owner is signed in in a fresh browser (agent's zone: New York; the tenant's: London), and
 * `call` for the API as that browser (same origin, its session cookie).
 */
async function signedIn() {
  const owner = await signUpTestUser(request, { timeZone: 'Europe/London', name: 'Olive Owner' });
  const context = await newContext({ reducedMotion: 'reduce', timezoneId: AGENT_ZONE });
  await context.addCookies(
    owner.cookie.split('; ').map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: web.url };
    }),
  );
  const page = await context.newPage();
  const call = async <T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<T> => {
    const res = await page.request.fetch(`${web.url}/api${path}`, { method, headers: { origin: web.url }, ...(data === undefined ? {} : { data }) });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
  /** A contact (made through the API) writes in by SMS: their thread. */
  const contactWrites = async (contact: { firstName: string; customProperties?: Record<string, string> }, body: string) => {
    const phone = randomPhone();
    const made = await call<{ contact: { id: string } }>('POST', '/contacts', { ...contact, phone });
    const inbound = await call<{ contactId: string; messageId: string }>('POST', '/fake/inbound', { channel: 'sms', from: phone, body });
    expect(inbound.contactId).toBe(made.contact.id);
    const { threads } = await call<{ threads: Array<{ id: string; contact: { id: string } }> }>('GET', '/threads?filter=all');
    return { contactId: made.contact.id, threadId: threads.find((t) => t.contact.id === made.contact.id)!.id };
  };
  const open = async (threadId: string) => {
    await page.goto(`${web.url}/inbox/${threadId}`);
    await visible(page.getByTestId('conversation-header'));
  };
  return { owner, page, call, contactWrites, open, db: forTenant(prisma, owner.tenant.id) };
}

async function expectNoSeriousViolations(page: Page, what: string) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, theme === 'dark');
    expect(await seriousAxeViolations(page), `${what} (${theme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Focus out of any field, so single-key shortcuts reach the page. */
const focusPage = (page: Page) => page.getByTestId('timeline').click({ position: { x: 4, y: 4 } });

describe('the inbox, beyond the walkthrough', () => {
  it('reschedules a message with the date-time picker: the new time is shown, and the API and its workflow have it', async () => {
    const s = await signedIn();
    const { threadId } = await s.contactWrites({ firstName: 'Ada' }, 'Can someone come next week?');
    const first = DateTime.now().setZone(AGENT_ZONE).plus({ days: 2 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const { message } = await s.call<{ message: { id: string; workflowId: string } }>('POST', `/threads/${threadId}/messages`, { body: 'See you then', sendAt: first.toISO() });
    await s.open(threadId);
    const row = s.page.getByTestId('scheduled-message').filter({ hasText: 'See you then' });
    await visible(row);

    await row.getByRole('button', { name: 'Reschedule' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Reschedule the message' });
    await visible(dialog);
    await expectNoSeriousViolations(s.page, 'reschedule dialog');
    // The calendar opens on the scheduled day; the arrow key moves a day on, Enter picks it; then the time.
    await dialog.getByRole('button', { name: 'New send day' }).click();
    // The scheduled day shows as picked (the primary colour, as the Save button has) and has the focus.
    const picked = s.page.locator('td[aria-selected="true"] button');
    await visible(picked);
    expect(await picked.textContent()).toBe(String(first.day));
    const background = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background(picked)).toBe(await background(dialog.getByRole('button', { name: 'Save' })));
    expect(await picked.evaluate((el) => el === document.activeElement)).toBe(true);
    await s.page.keyboard.press('ArrowRight');
    await s.page.keyboard.press('Enter');
    await dialog.getByLabel('Time').fill('14:30');
    const moved = first.plus({ days: 1 }).set({ hour: 14, minute: 30 });
    await visible(dialog.getByText(moved.toFormat('ccc d LLL yyyy')));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached', timeout: TIMEOUT });

    // Shown in the agent's zone and in the contact's (the tenant's, London).
    const shown = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: AGENT_ZONE }).format(moved.toJSDate());
    const forContact = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London' }).format(moved.toJSDate());
    await visible(row.getByText(`${shown} · ${forContact} for the contact`));
    const after = await s.call<{ message: { scheduledAt: string; status: string } }>('GET', `/messages/${message.id}`);
    expect(after.message).toMatchObject({ status: 'scheduled' });
    expect(Date.parse(after.message.scheduledAt)).toBe(moved.toMillis());
    const status = await eventually(
      () => server.client.workflow.getHandle(message.workflowId).query(statusQuery),
      (st) => st.scheduledAt !== null && Date.parse(st.scheduledAt) === moved.toMillis(),
      'the workflow’s scheduled time',
    );
    expect(status.state).toBe('waiting');
  }, 90_000);

  it('keyboard: j and k move between conversations, ? lists the shortcuts, Ctrl+Enter sends, a assigns to me, e closes', async () => {
    const s = await signedIn();
    const oldest = await s.contactWrites({ firstName: 'Oona' }, 'First in');
    const middle = await s.contactWrites({ firstName: 'Milo' }, 'Second in');
    const newest = await s.contactWrites({ firstName: 'Nell' }, 'Third in');
    await s.open(middle.threadId);
    await visible(s.page.getByTestId('message').filter({ hasText: 'Second in' }));
    // j and k move along the list as shown: all conversations (a new one is nobody's yet).
    await s.page.getByRole('tab', { name: /All/ }).click();
    await visible(s.page.getByTestId('thread-row').nth(2));

    await focusPage(s.page);
    await s.page.keyboard.press('j');
    await s.page.waitForURL(`**/inbox/${oldest.threadId}`, { timeout: TIMEOUT });
    await visible(s.page.getByTestId('message').filter({ hasText: 'First in' }));
    await focusPage(s.page);
    await s.page.keyboard.press('k');
    await s.page.waitForURL(`**/inbox/${middle.threadId}`, { timeout: TIMEOUT });
    await focusPage(s.page);
    await s.page.keyboard.press('k');
    await s.page.waitForURL(`**/inbox/${newest.threadId}`, { timeout: TIMEOUT });
    await visible(s.page.getByTestId('message').filter({ hasText: 'Third in' }));

    await focusPage(s.page);
    await s.page.keyboard.press('?');
    const help = s.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await visible(help);
    for (const does of ['Next conversation', 'Previous conversation', 'Assign to me', 'Close the conversation']) await visible(help.getByText(does));
    await expectNoSeriousViolations(s.page, 'keyboard shortcuts dialog');
    await s.page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached', timeout: TIMEOUT });

    await s.page.getByTestId('composer-text').fill('On our way, Nell');
    await s.page.getByTestId('composer-text').press('Control+Enter');
    await visible(s.page.getByTestId('message').filter({ hasText: 'On our way, Nell' }));
    await expect.poll(() => s.db.message.count({ where: { threadId: newest.threadId, direction: 'outbound', body: 'On our way, Nell' } }), { timeout: TIMEOUT }).toBe(1);

    await focusPage(s.page);
    await s.page.keyboard.press('a');
    await visible(s.page.getByTestId('assignee').filter({ hasText: 'Assigned to Olive Owner' }));
    await focusPage(s.page);
    await s.page.keyboard.press('e');
    await visible(s.page.getByTestId('thread-status').filter({ hasText: 'Closed' }));
    const { thread } = await s.call<{ thread: { status: string; assignee: { name: string } | null } }>('GET', `/threads/${newest.threadId}`);
    expect(thread).toMatchObject({ status: 'closed', assignee: { name: 'Olive Owner' } });
  }, 90_000);

  it('pauses, then stops, an enrollment from the contact panel: the API and the Temporal workflow follow', async () => {
    const s = await signedIn();
    const { contactId, threadId } = await s.contactWrites({ firstName: 'Pia' }, 'Tell me more about the service plan');
    const { sequence } = await s.call<{ sequence: { id: string } }>('POST', '/sequences', {
      name: 'Service plan follow-up',
      publish: true,
      settings: { stopOnReply: false },
      steps: [{ channel: 'sms', waitAmount: 2, waitUnit: 'days', body: 'Hi {{first_name}}, any questions about the service plan?' }],
    });
    const { enrollment } = await s.call<{ enrollment: { id: string; workflowId: string } }>('POST', `/sequences/${sequence.id}/enrollments`, { contactId });
    const handle = server.client.workflow.getHandle(enrollment.workflowId);
    await s.open(threadId);
    const card = s.page.getByTestId('enrollment').filter({ hasText: 'Service plan follow-up' });
    await visible(card.getByText('Running'));

    await card.getByRole('button', { name: 'Pause' }).click();
    await visible(card.getByText('Paused'));
    await visible(card.getByRole('button', { name: 'Resume' }));
    expect((await s.call<{ enrollment: { status: string; pausedAt: string | null } }>('GET', `/enrollments/${enrollment.id}`)).enrollment).toMatchObject({ status: 'paused', pausedAt: expect.any(String) });
    expect(await handle.query(enrollmentStateQuery)).toMatchObject({ status: 'paused', sent: 0 });

    await card.getByRole('button', { name: 'Stop' }).click();
    // Stopping cannot be undone: it asks first.
    const confirm = s.page.getByRole('dialog');
    await visible(confirm.getByText('Its remaining steps will not be sent.', { exact: false }));
    expect((await s.call<{ enrollment: { status: string } }>('GET', `/enrollments/${enrollment.id}`)).enrollment.status).toBe('paused');
    await confirm.getByRole('button', { name: 'Stop the sequence' }).click();
    await card.waitFor({ state: 'detached', timeout: TIMEOUT });
    await visible(s.page.getByText('Not in any running sequence.'));
    expect((await s.call<{ enrollment: { status: string; stopReason: string | null } }>('GET', `/enrollments/${enrollment.id}`)).enrollment).toMatchObject({ status: 'stopped', stopReason: 'manual' });
    expect((await handle.result()) as EnrollmentResult).toMatchObject({ status: 'stopped', stopReason: 'manual', sent: 0 });
  }, 90_000);

  it('adds and removes labels on a conversation', async () => {
    const s = await signedIn();
    const { threadId } = await s.contactWrites({ firstName: 'Lena' }, 'The radiator is cold again');
    await s.open(threadId);
    const labels = s.page.getByRole('list', { name: 'Labels of this conversation' });
    await visible(labels.getByText('No labels'));
    for (const label of ['heating', 'vip']) {
      await s.page.getByLabel('New label').fill(label);
      await s.page.getByRole('button', { name: 'Add', exact: true }).click();
      await visible(labels.getByText(label, { exact: true }));
    }
    const held = async () => (await s.call<{ thread: { labels: string[] } }>('GET', `/threads/${threadId}`)).thread.labels;
    expect((await held()).sort()).toEqual(['heating', 'vip']);

    await s.page.getByRole('button', { name: 'Remove the label vip' }).click();
    await labels.getByText('vip', { exact: true }).waitFor({ state: 'detached', timeout: TIMEOUT });
    expect(await held()).toEqual(['heating']);
    // The thread list's label filter finds it by the label that is left, not by the one removed.
    expect((await s.call<{ threads: Array<{ id: string }> }>('GET', '/threads?filter=all&label=heating')).threads.map((t) => t.id)).toEqual([threadId]);
    expect((await s.call<{ threads: unknown[] }>('GET', '/threads?filter=all&label=vip')).threads).toEqual([]);
  }, 90_000);

  it('WhatsApp outside its window: only approved templates; the agent fills the value the contact lacks, and it is sent with it', async () => {
    const s = await signedIn();
    const { contactId, threadId } = await s.contactWrites({ firstName: 'Ada', customProperties: { service: 'boiler service' } }, 'Can you book me in?');
    const contentSid = `HX${'c'.repeat(32)}`;
    await s.call('POST', '/templates', { name: 'Booking', channel: 'whatsapp', body: 'Hi {{first_name}}, your {{custom.service}} is booked for {{custom.day}}. Reply to change it.', contentSid });
    await s.call('POST', '/templates', { name: 'Free text only', channel: 'whatsapp', body: 'Hi {{first_name}}, thanks!' });
    await s.open(threadId);

    await s.page.getByTestId('channel-whatsapp').click();
    await visible(s.page.getByTestId('channel-reason').filter({ hasText: 'approved template' }));
    expect(await s.page.getByTestId('composer-text').isDisabled()).toBe(true);
    await s.page.getByRole('button', { name: 'Templates' }).click();
    const options = s.page.getByTestId('template-option');
    await visible(options.first());
    expect(await options.allInnerTexts()).toEqual([expect.stringContaining('Booking')]);
    await options.first().click();

    const form = s.page.getByTestId('template-variables');
    await visible(form);
    const fields = form.getByTestId('template-variable');
    expect(await fields.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['Ada', 'boiler service', '']);
    const day = form.getByLabel('{{3}} custom.day');
    expect(await day.getAttribute('aria-invalid')).toBe('true');
    await visible(form.getByText('This contact has no value: fill it in'));
    const send = s.page.getByRole('button', { name: 'Send', exact: true });
    expect(await send.isDisabled()).toBe(true);
    await expectNoSeriousViolations(s.page, 'approved template form');

    await day.fill('Friday 9 AM');
    expect(await day.getAttribute('aria-invalid')).toBeNull();
    await visible(s.page.getByTestId('template-text').filter({ hasText: 'Hi Ada, your boiler service is booked for Friday 9 AM. Reply to change it.' }));
    await send.click();
    await visible(s.page.getByText('Sent on the contact’s whatsapp conversation'));

    const row = await eventually(
      () => s.db.message.findFirst({ where: { contactId, channel: 'whatsapp', direction: 'outbound' } }),
      (m) => m !== null && ['sent', 'delivered'].includes(m.status),
      'the WhatsApp message',
    );
    expect(row).toMatchObject({
      body: 'Hi Ada, your boiler service is booked for Friday 9 AM. Reply to change it.',
      templateSid: contentSid,
      templateVariables: { 1: 'Ada', 2: 'boiler service', 3: 'Friday 9 AM' },
      origin: 'agent',
    });
    expect(fake.calls.find((c) => c.template?.contentSid === contentSid)).toMatchObject({ channel: 'whatsapp', template: { variables: { 1: 'Ada', 2: 'boiler service', 3: 'Friday 9 AM' } } });
  }, 90_000);
});
