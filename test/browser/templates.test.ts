import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addTestMember } from '../harness/accounts';
import { seriousAxeViolations, useBrowser } from '../harness/browser';
import { fakeProviders } from '../harness/context';
import { signIn, signUpOwner } from '../harness/web-sign-in';
import { useWebStack } from '../harness/web-stack';
import type { RunningWebApp } from '../harness/web-app';

/*
 * Templates in Chromium against the real API: an owner writes one with a variable the contact lacks, sees the
 * preview for that contact flag it inline and name where each variable comes from, saves it and finds it in the
 * list; filled in on the contact, the preview is whole. An agent reads but cannot change (and the API refuses).
 */
const taskQueue = 'browser-templates';
const { providers } = fakeProviders();
let web: RunningWebApp;

useWebStack({ taskQueue, providers }, (stack) => ({ web } = stack));
const { newContext } = useBrowser();

const TIMEOUT = 15_000;
const visible = (locator: Locator, timeout = TIMEOUT) => locator.waitFor({ state: 'visible', timeout });
const password = 'templates-password-1';

async function pickContact(page: Page, name: string) {
  await page.getByTestId('contact-picker').click();
  await page.getByPlaceholder('Search by name, phone or email').fill(name);
  await page.getByTestId('contact-option').filter({ hasText: name }).click();
}

describe('templates', () => {
  it('writes a template with a live preview that flags what the contact lacks; an agent only reads', async () => {
    const owner = await (await newContext()).newPage();
    const { tenantId } = await signUpOwner(owner, web.url, { name: 'Tess Owner', business: 'Template Plumbing', password });
    const headers = { origin: web.url };
    const contact = (await (await owner.request.post(`${web.url}/api/contacts`, { headers, data: { firstName: 'Ada', lastName: 'Lovelace', phone: '+14155550941' } })).json()).contact;

    await owner.getByRole('link', { name: 'Templates' }).first().click();
    await visible(owner.getByText('No templates yet'));
    await owner.getByRole('link', { name: 'New template' }).first().click();
    await owner.getByLabel('Name').fill('Service due');
    await owner.getByTestId('template-body').fill('Hi , your {{custom.boiler}} is due its service.');
    // A variable from the buttons lands where the cursor is.
    await owner.getByTestId('template-body').evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
    await owner.getByRole('button', { name: '{{first_name}}' }).click();
    expect(await owner.getByTestId('template-body').inputValue()).toBe('Hi {{first_name}}, your {{custom.boiler}} is due its service.');

    await pickContact(owner, 'Ada Lovelace');
    const problems = owner.getByTestId('template-problems');
    await visible(problems);
    expect(await problems.textContent()).toContain('{{custom.boiler}}');
    const variables = owner.getByTestId('template-variables');
    expect(await variables.textContent()).toContain('the contact’s first name');
    expect(await variables.textContent()).toContain('custom field “boiler”');
    await visible(variables.getByText('missing for this contact'));
    expect(await seriousAxeViolations(owner)).toEqual([]);

    await owner.getByRole('button', { name: 'Create template' }).click();
    await owner.waitForURL(/\/templates\/tpl_/, { timeout: TIMEOUT });
    const templateId = owner.url().split('/').pop()!;

    // Filled in on the contact, the preview is whole.
    await owner.request.patch(`${web.url}/api/contacts/${contact.id}`, { headers, data: { customProperties: { boiler: 'Worcester 30i' } } });
    await pickContact(owner, 'Ada Lovelace');
    await owner.getByTestId('template-body').fill('Hi {{first_name}}, your {{custom.boiler}} is due its service. ');
    await expect.poll(() => owner.getByTestId('template-preview').textContent(), { timeout: TIMEOUT }).toContain('Hi Ada, your Worcester 30i is due its service.');
    expect(await owner.getByTestId('template-problems').count()).toBe(0);

    await owner.goto(`${web.url}/templates`);
    await visible(owner.getByTestId('template-row'));
    expect(await owner.getByTestId('template-row').textContent()).toContain('Service due');

    const { email } = await addTestMember(tenantId, 'agent', 'Alex Agent', password);
    const agent = await (await newContext()).newPage();
    await signIn(agent, web.url, email, password);
    await agent.goto(`${web.url}/templates/${templateId}`);
    await visible(agent.getByTestId('template-body'));
    expect(await agent.getByTestId('template-body').isDisabled()).toBe(true);
    expect(await agent.getByRole('button', { name: 'Save' }).count()).toBe(0);
    const refused = await agent.request.patch(`${web.url}/api/templates/${templateId}`, { headers, data: { body: 'changed' } });
    expect(refused.status()).toBe(403);
  }, 120_000);
});
