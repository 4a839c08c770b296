import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addTestMember } from '../harness/accounts';
import { seriousAxeViolations, useBrowser } from '../harness/browser';
import { fakeProviders } from '../harness/context';
import { signIn, signUpOwner } from '../harness/web-sign-in';
import { useWebStack } from '../harness/web-stack';
import type { RunningWebApp } from '../harness/web-app';

/*
 * The audit log page in Chromium against the real API: what an owner changes shows with their name and in words,
 * the filters in the URL narrow it, and an agent has no such tab (the API refuses them too).
 */
const taskQueue = 'browser-audit-log';
const { providers } = fakeProviders();
let web: RunningWebApp;

useWebStack({ taskQueue, providers }, (stack) => ({ web } = stack));
const { newContext } = useBrowser();

const TIMEOUT = 15_000;
const visible = (locator: Locator, timeout = TIMEOUT) => locator.waitFor({ state: 'visible', timeout });
const password = 'audit-log-password-1';


describe('the audit log', () => {
  it('shows who did what in words, narrows by the filters in the URL, and is not for agents', async () => {
    const owner = await (await newContext()).newPage();
    const { tenantId } = await signUpOwner(owner, web.url, { name: 'Olga Owner', business: 'Audit Plumbing', password });
    const headers = { origin: web.url };

    // Two changes through the API as the owner: a template and an API key.
    expect((await owner.request.post(`${web.url}/api/templates`, { headers, data: { name: 'Welcome', channel: 'sms', body: 'Hi {{first_name}}' } })).status()).toBe(201);
    expect((await owner.request.post(`${web.url}/api/api-keys`, { headers, data: { name: 'Zapier', role: 'agent' } })).status()).toBe(201);

    await owner.goto(`${web.url}/settings`);
    await owner.getByRole('link', { name: 'Audit log' }).click();
    await owner.waitForURL(/\/settings\/audit-log/);
    const rows = owner.getByTestId('audit-row');
    await visible(rows.first());
    // Newest first, each with the owner's name and the action in words.
    expect(await rows.first().getByTestId('audit-action').textContent()).toBe('made an API key');
    await expect.poll(async () => (await rows.getByTestId('audit-action').allTextContents()).includes('created a template')).toBe(true);
    expect(new Set(await rows.getByTestId('audit-actor').allTextContents())).toContain('Olga Owner');
    expect(await seriousAxeViolations(owner)).toEqual([]);

    // The action filter, from the menu; it goes into the URL, and a reload keeps it.
    await owner.getByTestId('filter-action').click();
    await owner.getByRole('option', { name: 'created a template' }).click();
    await owner.waitForURL(/type=template\.created/);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Welcome');
    await owner.reload();
    await visible(rows.first());
    expect(await rows.count()).toBe(1);
    // A filter nothing matches says so, and clears.
    await owner.goto(`${web.url}/settings/audit-log?type=quote.accepted`);
    await visible(owner.getByText('Nothing matches these filters'));
    await owner.getByRole('button', { name: 'Clear the filters' }).click();
    await visible(rows.nth(1));

    const { email } = await addTestMember(tenantId, 'agent', 'Alex Agent', password);
    const agent = await (await newContext()).newPage();
    await signIn(agent, web.url, email, password);
    await agent.goto(`${web.url}/settings/audit-log`);
    await visible(agent.getByText('Only admins manage settings'));
    expect(await agent.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    expect((await agent.request.get(`${web.url}/api/audit-log`)).status()).toBe(403);
  });
});
