import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { addTestMember } from '../harness/accounts';
import { seriousAxeViolations, useBrowser, VIEWPORTS } from '../harness/browser';
import { fakeProviders, uniqueName } from '../harness/context';
import { useWebStack } from '../harness/web-stack';
import type { RunningWebApp } from '../harness/web-app';

/*
 * Issue 10's sequence screens in Chromium against the real parts (the web build, the API, a worker on the
 * Temporal dev server, the fake provider): an owner builds and publishes a two-step sequence, previews it for a
 * contact, enrolls a filter of contacts and watches the progress finish, then pauses, stops and fails to pause
 * in the enrollments table — each change checked against what the API then reports. An agent sees the builder
 * read-only, and the API refuses the agent's edit anyway. The tests run in order and share the tenant.
 */
const taskQueue = 'browser-sequences';
const { providers } = fakeProviders();
let web: RunningWebApp;
let owner: Page;

useWebStack(
  // One batch after another without the production pause between them: the bar still moves batch by batch.
  { taskQueue, providers, apiDeps: { bulkEnrollment: { batchSize: 2, batchIntervalMs: 200 } } },
  (stack) => ({ web } = stack),
);
const { browser, newContext } = useBrowser();
afterAll(async () => {
  await owner?.context().close();
});

const TIMEOUT = 15_000;
const visible = (locator: Locator, timeout = TIMEOUT) => locator.waitFor({ state: 'visible', timeout });
const password = 'sequences-password-1';
const source = uniqueName('walk-source');
const state: { tenantId?: string; sequencePath?: string; sequenceId?: string } = {};

async function signUp(page: Page): Promise<void> {
  await page.goto(`${web.url}/sign-up`);
  await page.getByLabel('Your name').fill('Olive Owner');
  await page.getByLabel('Business name').fill('Sequence Plumbing');
  await page.getByLabel('Work email').fill(`${uniqueName('owner')}@example.test`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/inbox/, { timeout: TIMEOUT });
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${web.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox/, { timeout: TIMEOUT });
}

/** The API as this page's session sees it (same origin, so the CSRF check passes). */
function apiOf(page: Page) {
  const headers = { origin: web.url };
  return {
    get: async (path: string) => (await page.request.get(`${web.url}${path}`)).json() as Promise<any>,
    post: (path: string, data: object = {}) => page.request.post(`${web.url}${path}`, { data, headers }),
    patch: (path: string, data: object) => page.request.patch(`${web.url}${path}`, { data, headers }),
  };
}

async function expectNoSeriousViolations(page: Page, what: string) {
  await page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached', timeout: TIMEOUT });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, theme === 'dark');
    expect(await seriousAxeViolations(page), `${what} (${theme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const steps = (page: Page) => page.getByTestId('step-card');
const stepBody = (page: Page, index: number) => steps(page).nth(index).getByTestId('step-body');


describe('sequences, walked through', () => {
  it('builds a two-step sequence (checked as typed, reordered by keyboard and buttons), previews it for a contact, publishes it', async () => {
    // The owner's browser lives across this file's tests (newContext's close with each test).
    owner = await (await browser().newContext({ viewport: VIEWPORTS.laptop, reducedMotion: 'reduce' })).newPage();
    await signUp(owner);
    const me = await apiOf(owner).get('/api/me');
    state.tenantId = me.tenant.id;
    // Three contacts from one source for the filter, and Pat (New York) to preview for.
    for (const [i, name] of ['Ada', 'Bo', 'Cy'].entries()) {
      const res = await apiOf(owner).post('/api/contacts', { firstName: name, lastName: 'Lead', phone: `+1415555${String(2100 + i)}`, source });
      expect(res.status(), await res.text()).toBe(201);
    }
    const pat = await apiOf(owner).post('/api/contacts', { firstName: 'Pat', lastName: 'Preview', phone: '+14155552199', timeZone: 'America/New_York' });
    const patId = (await pat.json()).contact.id as string;

    await owner.goto(`${web.url}/sequences`);
    await visible(owner.getByTestId('empty-state').filter({ hasText: 'No sequences yet' }));
    await owner.getByRole('link', { name: 'New sequence' }).click();
    await owner.waitForURL(/\/sequences\/new$/, { timeout: TIMEOUT });

    await owner.getByLabel('Name', { exact: true }).fill('Walkthrough follow-up');
    // A misspelt variable is flagged under the text as soon as the field is left, by the domain's own check.
    await stepBody(owner, 0).fill('Hi {{frist_name}}, thanks for getting in touch!');
    await stepBody(owner, 0).blur();
    await visible(steps(owner).nth(0).getByRole('alert').filter({ hasText: 'unknown variable "frist_name"' }));
    await stepBody(owner, 0).fill('Hi {{first_name}}, thanks for getting in touch!');
    await steps(owner).nth(0).getByRole('alert').waitFor({ state: 'detached', timeout: TIMEOUT });

    await owner.getByRole('button', { name: 'Add a step' }).click();
    await visible(steps(owner).nth(1));
    await steps(owner).nth(1).getByLabel('Wait before step 2', { exact: true }).fill('2');
    await stepBody(owner, 1).fill('Still interested, {{first_name|there}}?');

    // Keyboard drag: the second step's handle picks it up (Space), moves it up, drops it — each key after the
    // screen-reader announcement of the one before, as a person would hear it.
    const announced = (text: string) => owner.locator('[id^="DndLiveRegion"]').filter({ hasText: text }).waitFor({ state: 'attached', timeout: TIMEOUT });
    await owner.getByRole('button', { name: 'Reorder step 2' }).focus();
    await owner.keyboard.press('Space');
    await announced('Picked up step 2');
    await owner.keyboard.press('ArrowUp');
    await announced('Step 2 is over position 1');
    await owner.keyboard.press('Space');
    await announced('dropped at position 1');
    await owner.waitForFunction(() => (document.querySelector('[data-testid="step-body"]') as HTMLTextAreaElement | null)?.value.startsWith('Still interested'), undefined, { timeout: TIMEOUT });
    // And back with the button.
    await owner.getByRole('button', { name: 'Move step 1 down' }).click();
    expect(await stepBody(owner, 0).inputValue()).toBe('Hi {{first_name}}, thanks for getting in touch!');
    expect(await stepBody(owner, 1).inputValue()).toBe('Still interested, {{first_name|there}}?');

    await owner.getByRole('button', { name: 'Create draft' }).click();
    await owner.waitForURL(/\/sequences\/seq_[^/]+$/, { timeout: TIMEOUT });
    state.sequencePath = new URL(owner.url()).pathname;
    state.sequenceId = decodeURIComponent(state.sequencePath.split('/').pop()!);
    await visible(owner.getByTestId('sequence-status').filter({ hasText: 'Draft' }));
    const saved = (await apiOf(owner).get(`/api/sequences/${state.sequenceId}`)).sequence;
    expect(saved.draft.steps.map((s: { body: string; waitAmount: number; waitUnit: string }) => [s.body, s.waitAmount, s.waitUnit])).toEqual([
      ['Hi {{first_name}}, thanks for getting in touch!', 0, 'minutes'],
      ['Still interested, {{first_name|there}}?', 2, 'days'],
    ]);

    // The preview for Pat: each step's time as the API works it out, in Pat's zone, and the text as Pat reads it.
    await owner.getByLabel('Sample contact').click();
    await owner.getByRole('option', { name: /Pat Preview/ }).click();
    await visible(owner.getByTestId('preview-step').nth(1));
    const expected = (await apiOf(owner).get(`/api/sequences/${state.sequenceId}/preview?contactId=${patId}&version=draft`)).preview;
    expect(expected.timeZone).toBe('America/New_York');
    const shown = await owner.getByTestId('preview-fire-at').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    // Both ask "if enrolled now": the same minute, or the next one when the two calls straddle it.
    shown.forEach((at, i) => expect(Math.abs(Date.parse(at!) - Date.parse(expected.steps[i].fireAt))).toBeLessThan(120_000));
    expect(await owner.getByTestId('preview-text').allInnerTexts()).toEqual(['Hi Pat, thanks for getting in touch!', 'Still interested, Pat?']);
    expect(await owner.getByTestId('schedule-preview').innerText()).toContain('America/New_York');

    // Publish makes version 1 the one enrollments start on.
    await owner.getByRole('button', { name: 'Publish v1' }).click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Publish v1' }).click();
    await visible(owner.getByTestId('sequence-status').filter({ hasText: /^Published$/ }));
    expect((await apiOf(owner).get(`/api/sequences/${state.sequenceId}`)).sequence.published.version).toBe(1);
  }, 180_000);

  it('enrolls everyone matching a filter, with the progress bar following the bulk run to the end', async () => {
    await owner.goto(`${web.url}${state.sequencePath}/enrollments`);
    await visible(owner.getByTestId('empty-state').filter({ hasText: 'Nobody enrolled yet' }));
    await owner.getByRole('button', { name: 'Enroll contacts' }).click();
    await owner.getByRole('tab', { name: 'By filter' }).click();
    await owner.getByLabel('Source', { exact: true }).fill(source);
    await owner.getByRole('button', { name: 'Enroll matching contacts' }).click();
    const progress = owner.getByTestId('bulk-progress');
    await visible(progress);
    await owner.locator('[data-testid="bulk-progress"][data-status="completed"]').waitFor({ timeout: 60_000 });
    expect(await owner.getByTestId('bulk-progress-text').innerText()).toBe('3 of 3 looked at · 3 enrolled · 0 skipped');
    expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3');
    await owner.getByRole('button', { name: 'Done' }).click();

    const rows = owner.getByTestId('enrollment-row');
    await owner.waitForFunction(() => document.querySelectorAll('[data-testid="enrollment-row"]').length === 3, undefined, { timeout: TIMEOUT });
    expect((await owner.getByTestId('enrollment-contact').allInnerTexts()).sort()).toEqual(['Ada Lead', 'Bo Lead', 'Cy Lead']);
    for (const status of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) expect(status).toBe('active');
  }, 120_000);

  it('pauses one enrollment and stops two at once; a pause the workflow refuses is rolled back', async () => {
    const row = (name: string) => owner.getByTestId('enrollment-row').filter({ hasText: name });
    const statusOf = async (name: string) => (await apiOf(owner).get(`/api/enrollments/${await row(name).getAttribute('data-enrollment-id')}`)).enrollment.status;

    await owner.getByRole('button', { name: 'Pause Ada Lead' }).click();
    await visible(row('Ada Lead').getByTestId('enrollment-status').filter({ hasText: 'Paused' }));
    await visible(owner.locator('[data-sonner-toast]').filter({ hasText: 'Ada Lead paused.' }));
    expect(await statusOf('Ada Lead')).toBe('paused');

    await owner.getByRole('checkbox', { name: 'Select Bo Lead' }).click();
    await owner.getByRole('checkbox', { name: 'Select Cy Lead' }).click();
    await owner.getByTestId('bulk-actions').getByRole('button', { name: /Stop 2/ }).click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Stop 2' }).click();
    await visible(row('Bo Lead').getByTestId('enrollment-status').filter({ hasText: 'Stopped' }));
    await visible(row('Cy Lead').getByTestId('enrollment-status').filter({ hasText: 'Stopped' }));
    await visible(owner.locator('[data-sonner-toast]').filter({ hasText: '2 enrollments stopped.' }));
    expect([await statusOf('Bo Lead'), await statusOf('Cy Lead')]).toEqual(['stopped', 'stopped']);

    // Ada resumed in the table; then ended behind the table's back (an API call): the page still offers Pause,
    // shows it at once, and puts the row back when the workflow answers that it has ended.
    await owner.getByRole('button', { name: 'Resume Ada Lead' }).click();
    await visible(row('Ada Lead').getByTestId('enrollment-status').filter({ hasText: 'Running' }));
    await owner.locator('[data-sonner-toast]').filter({ hasText: 'Ada Lead resumed.' }).waitFor({ timeout: TIMEOUT });
    const adaId = await row('Ada Lead').getAttribute('data-enrollment-id');
    expect((await apiOf(owner).post(`/api/enrollments/${adaId}/stop`)).status()).toBe(200);
    await owner.getByRole('button', { name: 'Pause Ada Lead' }).click();
    await visible(owner.locator('[data-sonner-toast]').filter({ hasText: 'Could not pause one enrollment' }));
    await visible(row('Ada Lead').getByTestId('enrollment-status').filter({ hasText: 'Running' }));
    expect(await statusOf('Ada Lead')).toBe('stopped');

    // The list counts what happened.
    await owner.goto(`${web.url}/sequences`);
    const listed = owner.getByTestId('sequence-row').filter({ hasText: 'Walkthrough follow-up' });
    await visible(listed);
    expect(await listed.getByTestId('sequence-status').innerText()).toBe('Published');
    // Active (running or paused), completed, stopped, reply rate: everyone stopped, nobody replied.
    expect((await listed.getByRole('cell').allInnerTexts()).slice(-4)).toEqual(['0', '0', '3', '0%']);
  }, 120_000);

  it('the list, the builder with its preview, and the enrollments have no serious accessibility violations, light or dark', async () => {
    await owner.goto(`${web.url}/sequences`);
    await visible(owner.getByTestId('sequence-row').first());
    await expectNoSeriousViolations(owner, 'sequence list');
    await owner.goto(`${web.url}${state.sequencePath}`);
    await visible(steps(owner).first());
    await owner.getByLabel('Sample contact').click();
    await owner.getByRole('option', { name: /Pat Preview/ }).click();
    await visible(owner.getByTestId('preview-step').first());
    await expectNoSeriousViolations(owner, 'builder with preview');
    await owner.goto(`${web.url}${state.sequencePath}/enrollments`);
    await visible(owner.getByTestId('enrollment-row').first());
    await owner.getByRole('checkbox', { name: 'Select Ada Lead' }).click();
    await expectNoSeriousViolations(owner, 'enrollments with a selection');
  }, 120_000);

  it('an agent sees the sequence read-only, cannot create one, and the API refuses the agent’s edit', async () => {
    const { email } = await addTestMember(state.tenantId!, 'agent', 'Alex Agent', password);
    const agent = await (await newContext()).newPage();
    await signIn(agent, email);
    await agent.goto(`${web.url}/sequences`);
    await visible(agent.getByTestId('sequence-row').first());
    expect(await agent.getByRole('link', { name: 'New sequence' }).count()).toBe(0);

    await agent.goto(`${web.url}${state.sequencePath}`);
    await visible(agent.getByTestId('read-only-notice'));
    await visible(agent.getByTestId('step-summary').first());
    expect(await agent.getByTestId('step-card').count()).toBe(0);
    expect(await agent.getByRole('button', { name: /^(Save|Publish|Add a step)/ }).count()).toBe(0);
    expect(await agent.locator('textarea, input[type="number"]').count()).toBe(0);
    await expectNoSeriousViolations(agent, 'read-only builder');

    const refused = await apiOf(agent).patch(`/api/sequences/${state.sequenceId}`, { name: 'Renamed by an agent' });
    expect(refused.status()).toBe(403);
    expect((await apiOf(agent).post(`/api/sequences/${state.sequenceId}/publish`)).status()).toBe(403);

    await agent.goto(`${web.url}/sequences/new`);
    await visible(agent.getByText('Only admins create sequences'));
    expect(await agent.getByTestId('sequence-builder').count()).toBe(0);
  }, 60_000);
});
