import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { addTestMember } from '../harness/accounts';
import { seriousAxeViolations, useBrowser, VIEWPORTS } from '../harness/browser';
import { fakeProviders, uniqueName } from '../harness/context';
import { useWebStack } from '../harness/web-stack';
import type { RunningWebApp } from '../harness/web-app';

/*
 * Issue 9's walkthrough in Chromium against the real parts: the web build, the API (Better Auth, row-level
 * security, the event stream), a worker on the Temporal dev server and the fake provider. The tests run in
 * order and share what the first one made (the tenant, its agent, the thread), as a support team would.
 */
const taskQueue = 'browser-walkthrough';
const { providers } = fakeProviders();
let web: RunningWebApp;

useWebStack({ taskQueue, providers }, (stack) => ({ web } = stack));
const { browser, newContext } = useBrowser();

afterAll(async () => {
  await state.agent?.close();
});

const TIMEOUT = 15_000;
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: TIMEOUT });
const password = 'walkthrough-password-1';
const contactPhone = `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;

const state: { tenantId?: string; ownerEmail?: string; agent?: BrowserContext; agentPage?: Page; threadPath?: string } = {};

async function signUp(page: Page, businessName: string): Promise<string> {
  const email = `${uniqueName('owner')}@example.test`;
  await page.goto(`${web.url}/sign-up`);
  await page.getByLabel('Your name').fill('Olive Owner');
  await page.getByLabel('Business name').fill(businessName);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/inbox/, { timeout: TIMEOUT });
  return email;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${web.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox/, { timeout: TIMEOUT });
}

/** A contact writes in (the fake provider's inbound route, as the owner's browser would call it). */
async function contactWrites(page: Page, body: string) {
  const res = await page.request.post(`${web.url}/api/fake/inbound`, { data: { channel: 'sms', from: contactPhone, body }, headers: { origin: web.url } });
  expect(res.status(), await res.text()).toBe(201);
}

async function expectNoSeriousViolations(page: Page, what: string) {
  // Toasts come and go (their own contrast is sonner's); the screen under them is what is checked.
  await page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached', timeout: TIMEOUT });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, theme === 'dark');
    expect(await seriousAxeViolations(page), `${what} (${theme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('the inbox, walked through', () => {
  it('sign up, invite an agent who joins; the agent replies, sees the reply live in a second tab, notes, schedules and cancels, closes', async () => {
    // The owner signs up and invites an agent, copying the link from the invitation dialog.
    const owner = await (await newContext()).newPage();
    state.ownerEmail = await signUp(owner, 'Walkthrough Plumbing');
    await owner.goto(`${web.url}/settings/invitations`);
    await owner.getByRole('button', { name: 'Invite' }).click();
    const agentEmail = `${uniqueName('agent')}@example.test`;
    await owner.getByLabel('Email').fill(agentEmail);
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await visible(owner.getByTestId('invitation-link'));
    const link = await owner.getByTestId('invitation-link').inputValue();
    expect(new URL(link).pathname).toMatch(/^\/invite\/[^/]+$/);

    // The agent opens the link in their own browser, joins with a name and password, lands in the inbox.
    // The agent's browser lives across this file's tests (newContext's close with each test).
    state.agent = await browser().newContext({ viewport: VIEWPORTS.laptop, reducedMotion: 'reduce' });
    const agent = (state.agentPage = await state.agent.newPage());
    await agent.goto(link);
    await agent.getByLabel('Your name').fill('Alex Agent');
    await agent.getByLabel('Choose a password').fill(password);
    await agent.getByRole('button', { name: 'Accept and join' }).click();
    await agent.waitForURL(/\/inbox/, { timeout: TIMEOUT });
    const me = (await (await agent.request.get(`${web.url}/api/me`)).json()) as { role: string; tenant: { id: string } };
    expect(me.role).toBe('agent');
    state.tenantId = me.tenant.id;

    // A contact writes in; the agent's open inbox shows the thread live (no reload).
    await agent.getByRole('tab', { name: /All/ }).click();
    await contactWrites(owner, 'Hi, is anyone there?');
    await visible(agent.getByTestId('thread-row').filter({ hasText: 'Hi, is anyone there?' }));
    await agent.getByTestId('thread-row').first().click();
    await agent.waitForURL(/\/inbox\/thr_/, { timeout: TIMEOUT });
    state.threadPath = new URL(agent.url()).pathname;
    await visible(agent.getByTestId('message').filter({ hasText: 'Hi, is anyone there?' }));

    // The agent replies by SMS: the bubble shows at once and settles to what the fake provider reports.
    await agent.getByTestId('composer-text').fill('Hello! How can we help?');
    await agent.getByTestId('composer-text').press('Control+Enter');
    const reply = agent.getByTestId('message').filter({ hasText: 'Hello! How can we help?' });
    await visible(reply.first());
    await agent.waitForFunction(
      () => Array.from(document.querySelectorAll('[data-testid="message"]')).some((m) => m.textContent?.includes('Hello! How can we help?') && ['sent', 'delivered'].includes(m.querySelector('[data-testid="delivery-status"]')?.getAttribute('data-status') ?? '')),
      undefined,
      { timeout: 30_000 },
    );

    // A second tab on the same conversation; the contact's reply, simulated from the first, appears in it live.
    const secondTab = await state.agent.newPage();
    await secondTab.goto(`${web.url}${state.threadPath}`);
    await visible(secondTab.getByTestId('message').filter({ hasText: 'Hello! How can we help?' }));
    await agent.getByRole('button', { name: /Simulate/ }).click();
    await agent.getByLabel('The contact writes').fill('My tap is leaking');
    await agent.getByRole('button', { name: 'Receive it' }).click();
    await visible(secondTab.getByTestId('message').filter({ hasText: 'My tap is leaking' }));
    expect(await secondTab.getByTestId('message').filter({ hasText: 'My tap is leaking' }).getAttribute('data-direction')).toBe('inbound');
    await secondTab.close();

    // A private note.
    await agent.getByRole('radio', { name: 'Note' }).click();
    await agent.getByTestId('composer-text').fill('Customer sounds worried, call back today');
    await agent.getByRole('button', { name: 'Add note' }).click();
    const note = agent.getByTestId('note').filter({ hasText: 'Customer sounds worried' });
    await visible(note);
    expect(await note.getAttribute('data-visibility')).toBe('private');

    // Keyboard: outside a field, `a` assigns the conversation to the agent.
    await agent.getByTestId('timeline').click({ position: { x: 4, y: 4 } });
    await agent.keyboard.press('a');
    await visible(agent.getByTestId('assignee').filter({ hasText: 'Assigned to Alex Agent' }));

    // Schedule a message for tomorrow (the calendar opens on today; the arrow key moves a day), then cancel it.
    await agent.getByRole('radio', { name: 'Reply' }).click();
    await agent.getByTestId('composer-text').fill('Reminder: the engineer comes tomorrow');
    await agent.getByRole('button', { name: 'Send later' }).click();
    await agent.getByRole('button', { name: 'Send day' }).click();
    await agent.keyboard.press('ArrowRight');
    await agent.keyboard.press('Enter');
    await agent.getByRole('button', { name: 'Done' }).click();
    await visible(agent.getByTestId('send-at'));
    await agent.getByRole('button', { name: 'Schedule' }).click();
    const scheduled = agent.getByTestId('scheduled-message').filter({ hasText: 'Reminder: the engineer comes tomorrow' });
    await visible(scheduled);
    await scheduled.getByRole('button', { name: 'Cancel' }).click();
    await agent.getByRole('button', { name: 'Cancel message' }).click();
    await scheduled.waitFor({ state: 'detached', timeout: TIMEOUT });

    // Close the thread: the header says so and the timeline records who did it.
    await agent.getByRole('button', { name: 'Close', exact: true }).click();
    await visible(agent.getByTestId('thread-status').filter({ hasText: 'Closed' }));
    await visible(agent.getByTestId('timeline-event').filter({ hasText: 'Alex Agent closed it' }));
  }, 180_000);

  it('the inbox, the conversation and the contact panel have no serious accessibility violations, light or dark', async () => {
    const agent = state.agentPage!;
    await visible(agent.getByTestId('contact-panel'));
    await expectNoSeriousViolations(agent, 'conversation with the contact panel');
    await agent.goto(`${web.url}/inbox`);
    await visible(agent.getByRole('heading', { name: 'Inbox' }));
    await expectNoSeriousViolations(agent, 'inbox');
  }, 60_000);

  it('a viewer reads the conversation but has no composer and no actions', async () => {
    const { email } = await addTestMember(state.tenantId!, 'viewer', 'Vera Viewer', password);
    const viewer = await (await newContext()).newPage();
    await signIn(viewer, email);
    await viewer.goto(`${web.url}${state.threadPath}`);
    await visible(viewer.getByTestId('message').filter({ hasText: 'My tap is leaking' }));
    await visible(viewer.getByTestId('read-only-notice'));
    expect(await viewer.getByTestId('composer').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /^(Close|Reopen|Assign|Snooze)$/ }).count()).toBe(0);
  }, 60_000);

  it('an agent has no Settings, and the settings URL tells them so', async () => {
    const agent = state.agentPage!;
    await agent.goto(`${web.url}/inbox`);
    await visible(agent.getByRole('heading', { name: 'Inbox' }));
    expect(await agent.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await agent.goto(`${web.url}/settings/members`);
    await visible(agent.getByText('Only admins manage settings'));
    expect(await agent.getByTestId('member-row').count()).toBe(0);
  }, 60_000);

  it('a user of another tenant sees none of it, not even by the thread id in the URL', async () => {
    const outsider = await (await newContext()).newPage();
    await signUp(outsider, 'Other Business');
    await visible(outsider.getByTestId('empty-state'));
    expect(await outsider.getByTestId('thread-row').count()).toBe(0);
    await outsider.goto(`${web.url}${state.threadPath}`);
    await visible(outsider.getByText('Conversation not found'));
    const text = await outsider.locator('body').innerText();
    for (const secret of ['My tap is leaking', 'Hello! How can we help?', contactPhone, 'Customer sounds worried']) expect(text).not.toContain(secret);
  }, 60_000);
});
