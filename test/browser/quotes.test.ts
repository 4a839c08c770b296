import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addTestMember } from '../harness/accounts';
import { seriousAxeViolations, useBrowser, VIEWPORTS } from '../harness/browser';
import { fakeProviders } from '../harness/context';
import { signIn, signUpOwner } from '../harness/web-sign-in';
import { useWebStack } from '../harness/web-stack';
import type { RunningWebApp } from '../harness/web-app';

/*
 * Quotes in Chromium against the real parts (the web build, the API, a worker on the Temporal dev server, the fake
 * provider): an owner makes a quote of two lines for a contact, sees it texted, the lead accepts it on their phone,
 * and the quote's page shows each step. A viewer gets no "New quote", and the API refuses them.
 */
const taskQueue = 'browser-quotes';
const { fake, providers } = fakeProviders();
let web: RunningWebApp;

useWebStack({ taskQueue, providers }, (stack) => ({ web } = stack));
const { newContext } = useBrowser();

const TIMEOUT = 15_000;
const visible = (locator: Locator, timeout = TIMEOUT) => locator.waitFor({ state: 'visible', timeout });
const password = 'quotes-password-1';


describe('quotes', () => {
  it('makes a quote of lines for a contact; it is texted, accepted on the lead’s phone, and each step shows', async () => {
    const owner = await (await newContext()).newPage();
    const { tenantId } = await signUpOwner(owner, web.url, { name: 'Quinn Owner', business: 'Quote Plumbing', password });
    const headers = { origin: web.url };
    const created = await owner.request.post(`${web.url}/api/contacts`, { headers, data: { firstName: 'Lena', lastName: 'Lead', phone: '+14155550931' } });
    expect(created.status()).toBe(201);

    await owner.getByRole('link', { name: 'Quotes' }).first().click();
    await owner.waitForURL(/\/quotes$/);
    await visible(owner.getByText('No quotes yet'));
    await owner.getByRole('link', { name: 'New quote' }).first().click();
    await owner.waitForURL(/\/quotes\/new/);

    // Nothing chosen: the form says what is missing, and nothing is sent.
    await owner.getByRole('button', { name: 'Send quote' }).click();
    await visible(owner.getByText('Choose the contact the quote is for.'));

    await owner.getByTestId('contact-picker').click();
    await owner.getByPlaceholder('Search by name, phone or email').fill('Lena');
    await owner.getByTestId('contact-option').filter({ hasText: 'Lena Lead' }).click();
    await owner.getByPlaceholder('Bathroom refit').fill('Kitchen tap');
    await owner.getByLabel('Line 1 description').fill('Mixer tap');
    await owner.getByLabel('Line 1 price').fill('89.99');
    await owner.getByRole('button', { name: 'Add a line' }).click();
    await owner.getByLabel('Line 2 description').fill('Labour (hours)');
    await owner.getByLabel('Line 2 quantity').fill('1.5');
    await owner.getByLabel('Line 2 price').fill('60');
    // Worked out as typed, to the cent: 89.99 + 1.5 × 60.
    expect(await owner.getByTestId('quote-total').textContent()).toBe('$179.99');
    expect(await seriousAxeViolations(owner)).toEqual([]);
    await owner.getByRole('button', { name: 'Send quote' }).click();
    await owner.waitForURL(/\/quotes\/quo_/, { timeout: TIMEOUT });

    await visible(owner.getByTestId('quote-detail-line').first());
    expect(await owner.getByTestId('quote-detail-line').count()).toBe(2);
    expect(await owner.getByTestId('quote-detail-line').nth(1).textContent()).toContain('$90.00');
    // The worker texts it; the page shows it once it has.
    await expect.poll(async () => {
      await owner.reload();
      await visible(owner.getByTestId('quote-timeline'));
      return owner.getByTestId('quote-step-sent').getAttribute('data-done');
    }, { timeout: TIMEOUT }).toBe('true');
    expect(fake.calls.filter((c) => c.to === '+14155550931' && c.body.includes('/q/'))).toHaveLength(1);

    // The lead, on their phone, opens the link and accepts.
    const href = await owner.getByTestId('quote-page-link').getAttribute('href');
    const lead = await (await newContext({ viewport: VIEWPORTS.phone })).newPage();
    // The link names the API's public URL (herald.test in the test stack); the web app serves /q/ the same.
    await lead.goto(`${web.url}${new URL(href!).pathname}`);
    await visible(lead.getByText('Mixer tap'));
    expect(await lead.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await lead.getByRole('button', { name: 'Accept quote' }).click();
    await visible(lead.getByText(/You accepted this quote/));

    await owner.reload();
    await visible(owner.getByTestId('quote-step-answered'));
    expect(await owner.getByTestId('quote-detail-status').textContent()).toBe('Accepted');
    expect(await owner.getByTestId('quote-step-viewed').getAttribute('data-done')).toBe('true');
    await owner.goto(`${web.url}/quotes?status=accepted`);
    await visible(owner.getByTestId('quote-row'));
    expect(await owner.getByTestId('quote-row').count()).toBe(1);

    const { email } = await addTestMember(tenantId, 'viewer', 'Vic Viewer', password);
    const viewer = await (await newContext()).newPage();
    await signIn(viewer, web.url, email, password);
    await viewer.goto(`${web.url}/quotes`);
    await visible(viewer.getByTestId('quote-row'));
    expect(await viewer.getByRole('link', { name: 'New quote' }).count()).toBe(0);
    const refused = await viewer.request.post(`${web.url}/api/quotes`, { headers, data: { contactId: (await created.json()).contact.id, total: 5 } });
    expect(refused.status()).toBe(403);
  }, 120_000);
});
