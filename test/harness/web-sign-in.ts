import type { Page } from 'playwright-core';
import { uniqueName } from './context';

/*
 * Accounts through the web app's own forms, for browser tests: a new owner with a business of their own, or a
 * member made by the harness signing in. Both end on the inbox, where sign-in lands.
 */
const TIMEOUT = 15_000;

/** Signs up a new owner of a new business; answers their tenant (from /api/me, as the page's session sees it). */
export async function signUpOwner(page: Page, webUrl: string, who: { name: string; business: string; password: string }): Promise<{ tenantId: string; email: string }> {
  const email = `${uniqueName('owner')}@example.test`;
  await page.goto(`${webUrl}/sign-up`);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Business name').fill(who.business);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/inbox/, { timeout: TIMEOUT });
  const me = (await (await page.request.get(`${webUrl}/api/me`)).json()) as { tenant: { id: string } };
  return { tenantId: me.tenant.id, email };
}

export async function signIn(page: Page, webUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox/, { timeout: TIMEOUT });
}
