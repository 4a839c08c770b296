import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addTestMember } from '../harness/accounts';
import { seriousAxeViolations, useBrowser } from '../harness/browser';
import { fakeProviders } from '../harness/context';
import { signIn, signUpOwner } from '../harness/web-sign-in';
import { useWebStack } from '../harness/web-stack';
import type { RunningWebApp } from '../harness/web-app';

/*
 * The contact list in Chromium against the real API: search and the stage filter (both in the URL), adding a
 * contact, a duplicate phone named instead of doubled; a viewer reads and cannot add.
 */
const taskQueue = 'browser-contacts';
const { providers } = fakeProviders();
let web: RunningWebApp;

useWebStack({ taskQueue, providers }, (stack) => ({ web } = stack));
const { newContext } = useBrowser();

const TIMEOUT = 15_000;
const visible = (locator: Locator, timeout = TIMEOUT) => locator.waitFor({ state: 'visible', timeout });
const password = 'contacts-password-1';

describe('contacts', () => {
  it('searches and filters by stage in the URL, adds a contact, names a duplicate; a viewer only reads', async () => {
    const owner = await (await newContext()).newPage();
    const { tenantId } = await signUpOwner(owner, web.url, { name: 'Cora Owner', business: 'Contact Plumbing', password });
    const headers = { origin: web.url };
    const add = async (data: object) => (await (await owner.request.post(`${web.url}/api/contacts`, { headers, data })).json()).contact as { id: string };
    await add({ firstName: 'Ada', lastName: 'Lovelace', phone: '+14155550951' });
    const grace = await add({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.test' });
    await add({ firstName: 'Alan', lastName: 'Turing', phone: '+14155550953' });
    const stages = (await (await owner.request.get(`${web.url}/api/pipeline-stages`)).json()).stages as Array<{ id: string; name: string }>;
    const qualified = stages.find((s) => s.name === 'Qualified')!;
    expect((await owner.request.post(`${web.url}/api/contacts/${grace.id}/stage`, { headers, data: { stageId: qualified.id } })).status()).toBe(200);

    await owner.getByRole('link', { name: 'Contacts' }).first().click();
    const rows = owner.getByTestId('contact-row');
    await visible(rows.first());
    expect(await rows.count()).toBe(3);
    expect(await seriousAxeViolations(owner)).toEqual([]);

    await owner.getByTestId('contact-search').fill('ada');
    await owner.waitForURL(/q=ada/);
    await expect.poll(() => rows.count(), { timeout: TIMEOUT }).toBe(1);
    expect(await rows.first().textContent()).toContain('Ada Lovelace');
    await owner.getByTestId('contact-search').fill('');
    await expect.poll(() => rows.count(), { timeout: TIMEOUT }).toBe(3);

    await owner.getByTestId('contact-stage-filter').click();
    await owner.getByRole('option', { name: 'Qualified' }).click();
    await owner.waitForURL(/stage=stg_/);
    await expect.poll(() => rows.count(), { timeout: TIMEOUT }).toBe(1);
    expect(await rows.first().textContent()).toContain('Grace Hopper');
    expect(await rows.first().textContent()).toContain('Qualified');
    await owner.reload();
    await visible(rows.first());
    expect(await rows.count()).toBe(1);
    await owner.goto(`${web.url}/contacts?q=nobody-by-this-name`);
    await visible(owner.getByText('No contact matches'));

    await owner.goto(`${web.url}/contacts`);
    await owner.getByRole('button', { name: 'New contact' }).click();
    await owner.getByLabel('First name').fill('Katherine');
    await owner.getByLabel('Phone').fill('+1 415 555 0954');
    await owner.getByRole('button', { name: 'Add contact' }).click();
    await expect.poll(() => rows.count(), { timeout: TIMEOUT }).toBe(4);
    // The same phone, typed another way: named as a duplicate, not added.
    await owner.getByRole('button', { name: 'New contact' }).click();
    await owner.getByLabel('First name').fill('Kathy');
    await owner.getByLabel('Phone').fill('+14155550954');
    await owner.getByRole('button', { name: 'Add contact' }).click();
    await visible(owner.getByTestId('contact-duplicate'));
    expect(await owner.getByTestId('contact-duplicate').textContent()).toContain('phone number');

    const { email } = await addTestMember(tenantId, 'viewer', 'Vera Viewer', password);
    const viewer = await (await newContext()).newPage();
    await signIn(viewer, web.url, email, password);
    await viewer.goto(`${web.url}/contacts`);
    await visible(viewer.getByTestId('contact-row').first());
    expect(await viewer.getByRole('button', { name: 'New contact' }).count()).toBe(0);
  }, 120_000);
});
