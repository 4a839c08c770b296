import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi } from '../harness/context';
import { seriousAxeViolations, setTheme, useBrowser } from '../harness/browser';
import { useDevServer, type DevServer } from '../harness/suites';
import { listen, startWebApp, type RunningWebApp } from '../harness/web-app';
import type { AppPrisma } from '../../prisma/client';

// The sign-in page in Chromium, served by the real web build and talking (same origin) to the real API.
let server: DevServer;
let prisma: AppPrisma;
let api: { url: string; close(): Promise<void> };
let web: RunningWebApp;

useDevServer((parts) => ({ server, prisma } = parts));
const { newContext } = useBrowser();

beforeAll(async () => {
  const { app } = testApi({ prisma, client: server.client, taskQueue: 'browser-sign-in' });
  api = await listen(app);
  web = await startWebApp({ apiUrl: api.url });
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await api?.close();
});

describe('sign-in page', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`renders its form with no serious accessibility violations (${theme})`, async () => {
      const context = await newContext({ colorScheme: theme });
      await setTheme(context, theme);
      const page = await context.newPage();
      await page.goto(`${web.url}/sign-in`);
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Sign in to Herald' }));
      expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(theme === 'dark');
      await expectVisible(page.getByLabel('Email'));
      await expectVisible(page.getByLabel('Password'));
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
  }

  it('says what is wrong with each field before calling the API, and links each message to its field', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const apiCalls: string[] = [];
    page.on('request', (r) => r.url().includes('/api/auth/') && apiCalls.push(r.url()));
    await page.goto(`${web.url}/sign-in`);
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const email = page.getByLabel('Email');
    await expectText(page.getByText('Enter a valid email address, like ada@example.com'), 'Enter a valid email address, like ada@example.com');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Enter a valid email address, like ada@example.com');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await expectVisible(page.getByText('Enter your password'));
    expect(apiCalls).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('shows the API’s own words when sign-in is refused, and stays on the page', async () => {
    const credentials = { email: 'nobody@example.test', password: 'wrong-password-1' };
    // What the API says to this request, asked directly: the page must show exactly that sentence.
    const direct = await fetch(`${api.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web.url },
      body: JSON.stringify(credentials),
    });
    expect(direct.ok).toBe(false);
    const body = (await direct.json()) as { error?: { message: string }; message?: string };
    const expected = body.error?.message ?? body.message;
    expect(expected).toBeTruthy();

    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${web.url}/sign-in`);
    await page.getByLabel('Email').fill(credentials.email);
    await page.getByLabel('Password').fill(credentials.password);
    const answered = page.waitForResponse((r) => r.url() === `${web.url}/api/auth/sign-in/email`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await answered).status()).toBe(direct.status);
    await expectText(page.getByTestId('form-error'), expected!);
    expect(await page.getByTestId('form-error').getAttribute('role')).toBe('alert');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

async function expectVisible(locator: import('playwright-core').Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
}

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
  expect((await locator.textContent())?.trim()).toBe(text);
}
