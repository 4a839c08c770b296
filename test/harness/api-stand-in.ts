import type http from 'node:http';
import type { Page } from 'playwright-core';
import { json, type RecordedRequest } from './local-http-server';

/*
 * Demo data in the shapes of ISSUE-9-CONTRACTS.md, answered by a local server standing in for the API, so each
 * screen can be shown and checked with a tenant in use before the auth and inbox routes exist in the API.
 * Used by test/browser/screens.test.ts (axe on every screen) and test/browser/take-screenshots.ts.
 */
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

export const DEMO_ME = {
  user: { id: 'usr_1', name: 'Maya Patel', email: 'maya@acmeplumbing.test' },
  role: 'owner',
  tenant: { id: 'ten_1', businessName: 'Acme Plumbing', timeZone: 'Europe/London' },
  memberships: [
    { tenantId: 'ten_1', businessName: 'Acme Plumbing', role: 'owner' },
    { tenantId: 'ten_2', businessName: 'Acme Heating', role: 'admin' },
  ],
};
const thread = (id: string, name: string, channel: string, preview: string, ago: number, unread: number, direction = 'inbound') => ({
  id,
  channel,
  status: 'open',
  assignee: null,
  contact: { id: `ctc_${id}`, name, phone: '+447700900123', email: null },
  lastMessage: { direction, preview, status: direction === 'inbound' ? 'received' : 'delivered', at: minutesAgo(ago) },
  unreadCount: unread,
  labels: [],
  snoozedUntil: null,
});
const threads = {
  threads: [
    thread('t1', 'Grace Hopper', 'sms', 'Yes, Thursday morning works. Will the engineer call before arriving?', 2, 2),
    thread('t2', 'Alan Turing', 'whatsapp', 'Thanks! The quote looks good, how do I pay the deposit?', 14, 1),
    thread('t3', 'Katherine Johnson', 'email', 'Your boiler service is booked for 3 December at 10:00.', 55, 0, 'outbound'),
    thread('t4', 'Tim Berners-Lee', 'sms', 'STOP', 180, 0),
    thread('t5', 'Margaret Hamilton', 'sms', 'Can you send someone today? The kitchen tap is leaking badly.', 600, 0),
    thread('t6', 'Linus Torvalds', 'whatsapp', 'Photo of the radiator valve attached', 1500, 0),
    thread('t7', 'Barbara Liskov', 'email', 'Re: Invoice INV-2041', 4000, 0),
  ],
  nextCursor: null,
  counts: { mine: 4, unassigned: 3, all: 7, unread: 3 },
};
const members = {
  members: [
    { id: 'usr_1', name: 'Maya Patel', email: 'maya@acmeplumbing.test', role: 'owner' },
    { id: 'usr_2', name: 'Tom Reed', email: 'tom@acmeplumbing.test', role: 'admin' },
    { id: 'usr_3', name: 'Priya Shah', email: 'priya@acmeplumbing.test', role: 'agent' },
    { id: 'usr_4', name: 'Sam Okafor', email: 'sam@acmeplumbing.test', role: 'viewer' },
  ],
};
const invitations = {
  invitations: [
    { id: 'inv_1', email: 'jo@acmeplumbing.test', role: 'agent', status: 'pending', expiresAt: inDays(6) },
    { id: 'inv_2', email: 'lee@acmeplumbing.test', role: 'admin', status: 'pending', expiresAt: inDays(2) },
  ],
};
const apiKeys = {
  apiKeys: [
    { id: 'key_1', name: 'Website form', role: 'agent', createdAt: minutesAgo(60 * 24 * 30), revokedAt: null },
    { id: 'key_2', name: 'CRM sync', role: 'admin', createdAt: minutesAgo(60 * 24 * 12), revokedAt: null },
    { id: 'key_3', name: 'Old script', role: 'viewer', createdAt: minutesAgo(60 * 24 * 90), revokedAt: minutesAgo(60 * 24 * 7) },
  ],
};


/** The stand-in's answers: the demo tenant seen by its owner. */
export function demoApi(req: RecordedRequest, res: http.ServerResponse): void {
  const p = req.path.split('?')[0];
  if (p === '/api/me') return json(res, 200, DEMO_ME);
  if (p === '/api/threads') return json(res, 200, threads);
  if (p === '/api/members') return json(res, 200, members);
  if (p === '/api/invitations') return json(res, 200, invitations);
  if (p === '/api/api-keys' && req.method === 'GET') return json(res, 200, apiKeys);
  if (p === '/api/api-keys' && req.method === 'POST')
    return json(res, 201, { apiKey: { id: 'key_4', name: 'Zapier', role: 'agent', createdAt: new Date().toISOString(), revokedAt: null }, key: 'hk_live_4f9c2b7e1d8a6f3c5b0e9d2a7c4f1b8e' });
  if (p === '/api/invitations/inv_1/public') return json(res, 200, { businessName: 'Acme Plumbing', email: 'jo@acmeplumbing.test', role: 'agent', expiresAt: inDays(6), status: 'pending' });
  if (p === '/api/auth/sign-in/email') return json(res, 401, { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' });
  json(res, 404, { error: { code: 'NOT_FOUND', message: `No route for ${req.method} ${p}` } });
}

export interface Screen {
  name: string;
  path: string;
  /** Brings the screen to the state worth seeing (data loaded, a dialog open). */
  prepare?: (page: Page) => Promise<unknown>;
}

export const SCREENS: Screen[] = [
  { name: 'sign-in', path: '/sign-in', prepare: (page) => page.getByRole('heading', { name: 'Sign in to Herald' }).waitFor() },
  {
    name: 'sign-in-error',
    path: '/sign-in',
    prepare: async (page) => {
      await page.getByLabel('Email').fill('maya@acmeplumbing.test');
      await page.getByLabel('Password').fill('not-my-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('form-error').waitFor();
    },
  },
  {
    name: 'sign-up-validation',
    path: '/sign-up',
    prepare: async (page) => {
      await page.getByLabel('Work email').fill('maya@');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Enter a valid email address, like ada@example.com').waitFor();
    },
  },
  { name: 'forgot-password', path: '/forgot-password', prepare: (page) => page.getByRole('heading', { name: 'Reset your password' }).waitFor() },
  { name: 'reset-password', path: '/reset-password?token=abc', prepare: (page) => page.getByRole('heading', { name: 'Choose a new password' }).waitFor() },
  { name: 'invitation', path: '/invite/inv_1', prepare: (page) => page.getByRole('heading', { name: 'Join Acme Plumbing on Herald' }).waitFor() },
  { name: 'inbox', path: '/inbox', prepare: (page) => page.getByTestId('thread-row').first().waitFor() },
  {
    name: 'menu',
    path: '/inbox',
    prepare: async (page) => {
      await page.getByTestId('thread-row').first().waitFor();
      const phone = (page.viewportSize()?.width ?? 1000) < 768;
      if (phone) await page.getByRole('button', { name: 'Open menu' }).click();
      await page.getByTestId('user-menu').last().click();
      await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    },
  },
  { name: 'settings-members', path: '/settings/members', prepare: (page) => page.getByTestId('member-row').first().waitFor() },
  { name: 'settings-invitations', path: '/settings/invitations', prepare: (page) => page.getByRole('table').waitFor() },
  { name: 'settings-api-keys', path: '/settings/api-keys', prepare: (page) => page.getByTestId('api-key-row').first().waitFor() },
  {
    name: 'settings-api-key-created',
    path: '/settings/api-keys',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'New API key' }).click();
      await page.getByLabel('Name').fill('Zapier');
      await page.getByRole('button', { name: 'Create key' }).click();
      await page.getByTestId('api-key-secret').waitFor();
    },
  },
];
