import type http from 'node:http';
import type { Page } from 'playwright-core';
import type { z } from 'zod';
import { ApiKeyListViewSchema, CreatedApiKeyViewSchema, InvitationListViewSchema, MemberListViewSchema, MeViewSchema, PublicInvitationViewSchema } from '../../domain/schemas/accounts';
import { ComposerViewSchema, ContactPanelSchema, ThreadAnswerSchema, ThreadListViewSchema, ThreadViewSchema } from '../../domain/schemas/inbox';
import { json, type RecordedRequest } from './local-http-server';
import { AUDIT_SCREENS, auditDemoApi } from './audit-stand-in';
import { CONTACT_SCREENS, contactsDemoApi } from './contacts-stand-in';
import { DASHBOARD_SCREENS, dashboardDemoApi } from './dashboard-stand-in';
import { QUOTE_SCREENS, quotesDemoApi } from './quotes-stand-in';
import { TEMPLATE_SCREENS } from './templates-stand-in';
import { SEQUENCE_SCREENS, sequenceDemoApi } from './sequence-stand-in';

/*
 * Demo data answered by a local server standing in for the API, each answer checked against the route's own
 * schema (domain/schemas) before it goes out, so each screen can be shown with a busy tenant in a known state.
 * Used by test/browser/screens.test.ts (axe on every screen) and test/browser/take-screenshots.ts; the real
 * API is walked through in test/browser/walkthrough.test.ts.
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
  lastMessage: { id: `msg_${id}`, direction, preview, status: direction === 'inbound' ? 'received' : 'delivered', at: minutesAgo(ago) },
  lastActivityAt: minutesAgo(ago),
  unreadCount: unread,
  labels: [],
  snoozedUntil: null,
});
const threads = {
  threads: [
    { ...thread('t1', 'Grace Hopper', 'sms', 'Yes, Thursday morning works. Will the engineer call before arriving?', 2, 2), assignee: { id: 'usr_1', name: 'Maya Patel' }, labels: ['boiler', 'vip'] },
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
    { id: 'usr_1', name: 'Maya Patel', email: 'maya@acmeplumbing.test', role: 'owner', createdAt: minutesAgo(60 * 24 * 200) },
    { id: 'usr_2', name: 'Tom Reed', email: 'tom@acmeplumbing.test', role: 'admin', createdAt: minutesAgo(60 * 24 * 150) },
    { id: 'usr_3', name: 'Priya Shah', email: 'priya@acmeplumbing.test', role: 'agent', createdAt: minutesAgo(60 * 24 * 40) },
    { id: 'usr_4', name: 'Sam Okafor', email: 'sam@acmeplumbing.test', role: 'viewer', createdAt: minutesAgo(60 * 24 * 10) },
  ],
};
const invitations = {
  invitations: [
    { id: 'inv_1', email: 'jo@acmeplumbing.test', role: 'agent', status: 'pending', expiresAt: inDays(6), createdAt: minutesAgo(60 * 24) },
    { id: 'inv_2', email: 'lee@acmeplumbing.test', role: 'admin', status: 'pending', expiresAt: inDays(2), createdAt: minutesAgo(60 * 24 * 5) },
  ],
};
const apiKeys = {
  apiKeys: [
    { id: 'key_1', name: 'Website form', prefix: 'hk_7f3a', role: 'agent', createdAt: minutesAgo(60 * 24 * 30), lastUsedAt: minutesAgo(12), revokedAt: null },
    { id: 'key_2', name: 'CRM sync', prefix: 'hk_c21e', role: 'admin', createdAt: minutesAgo(60 * 24 * 12), lastUsedAt: null, revokedAt: null },
    { id: 'key_3', name: 'Old script', prefix: 'hk_09bd', role: 'viewer', createdAt: minutesAgo(60 * 24 * 90), lastUsedAt: minutesAgo(60 * 24 * 8), revokedAt: minutesAgo(60 * 24 * 7) },
  ],
};


const contact = {
  id: 'ctc_t1',
  firstName: 'Grace',
  lastName: 'Hopper',
  phone: '+447700900123',
  email: 'grace@example.test',
  timeZone: 'America/New_York',
  customProperties: { property: 'Flat 4, 12 Harbour Road', boiler: 'Worcester Greenstar 30i', plan: 'HomeCare Plus' },
  consent: { sms: 'granted', whatsapp: 'granted', email: 'unknown' },
  source: 'website form',
  stageId: null,
  stageChangedAt: null,
  createdAt: minutesAgo(60 * 24 * 60),
  updatedAt: minutesAgo(60 * 24 * 60),
};
const TEMPORAL = 'http://localhost:8233/namespaces/default/workflows';
const message = (id: string, direction: 'inbound' | 'outbound', body: string, ago: number, extra: Record<string, unknown> = {}) => ({
  id,
  contactId: contact.id,
  contactName: 'Grace Hopper',
  direction,
  channel: 'sms',
  body,
  subject: null,
  status: direction === 'inbound' ? 'received' : 'delivered',
  provider: 'fake',
  providerMessageId: `FAKE${id}`,
  tenantAddress: '+447700900001',
  errorCode: null,
  errorMessage: null,
  scheduledAt: null,
  sentAt: direction === 'outbound' ? minutesAgo(ago) : null,
  deliveredAt: direction === 'outbound' ? minutesAgo(ago) : null,
  cancelledAt: null,
  createdAt: minutesAgo(ago),
  workflowId: direction === 'outbound' ? `message:${id}` : null,
  temporalUrl: direction === 'outbound' ? `${TEMPORAL}/message:${id}` : null,
  threadId: 't1',
  mediaUrls: [],
  readAt: null,
  failureReason: null,
  automation:
    direction === 'outbound'
      ? { origin: 'agent', workflowId: `message:${id}`, temporalUrl: `${TEMPORAL}/message:${id}`, why: { kind: 'immediate', text: 'Sent at once.' }, enrollmentId: null }
      : null,
  ...extra,
});
const msgItem = (m: ReturnType<typeof message>) => ({ kind: 'message', at: m.createdAt, message: m });
const maya = { id: 'usr_1', name: 'Maya Patel' };
const threadView = () => {
  const timeline = [
    msgItem(
      message('m1', 'outbound', 'Hi Grace, it is time for your annual boiler service. Reply with a day that suits you this week.', 60 * 26, {
        automation: {
          origin: 'sequence',
          workflowId: 'enrollment:enr_1',
          temporalUrl: `${TEMPORAL}/enrollment:enr_1`,
          why: { kind: 'quiet-hours', text: 'Held until 9:00 AM (America/New_York): quiet hours end then.' },
          enrollmentId: 'enr_1',
        },
      }),
    ),
    msgItem(message('m2', 'inbound', 'Thursday would be great. Morning if possible?', 60 * 3)),
    { kind: 'event', at: minutesAgo(60 * 3 - 2), event: { id: 'evt_1', type: 'thread.assigned', actor: { kind: 'user', ...maya }, data: { assigneeId: 'usr_1', assigneeName: 'Maya Patel' }, createdAt: minutesAgo(60 * 3 - 2) } },
    msgItem(message('m3', 'outbound', 'Thursday 9–11 AM is booked. The engineer will text when on the way.', 60 * 2, { status: 'read', readAt: minutesAgo(100) })),
    msgItem(
      message('m4', 'outbound', 'Here is a photo of the part we will replace.', 60 * 2 - 5, {
        status: 'failed',
        deliveredAt: null,
        errorCode: '30007',
        errorMessage: 'Carrier violation',
        failureReason: 'The carrier filtered it as spam. Try again without the link, or on another channel.',
      }),
    ),
    { kind: 'note', at: minutesAgo(70), note: { id: 'not_1', threadId: 't1', body: 'Gate code is 4512. Dog is friendly.', visibility: 'private', author: maya, createdAt: minutesAgo(70) } },
    msgItem(message('m5', 'inbound', 'Yes, Thursday morning works. Will the engineer call before arriving?', 2, { mediaUrls: [] })),
  ];
  return {
    thread: threads.threads[0],
    contact,
    timeline,
    nextBefore: minutesAgo(60 * 27),
    scheduled: [
      message('m6', 'outbound', 'Reminder: your engineer arrives tomorrow between 9 and 11 AM.', 0, {
        status: 'scheduled',
        scheduledAt: inDays(1.6),
        sentAt: null,
        deliveredAt: null,
        automation: { origin: 'agent', workflowId: 'message:m6', temporalUrl: `${TEMPORAL}/message:m6`, why: { kind: 'scheduled', text: 'At the time it was scheduled for.' }, enrollmentId: null },
      }),
    ],
  };
};
const composer = {
  threadId: 't1',
  channels: [
    { channel: 'sms', available: true, reason: null, message: null, templatesOnly: false, windowClosesAt: null, threadId: 't1', simulatedReplies: true },
    { channel: 'whatsapp', available: false, reason: 'whatsapp_window_closed', message: 'Grace has not written on WhatsApp in the last 24 hours: only approved templates can be sent.', templatesOnly: true, windowClosesAt: null, threadId: null, simulatedReplies: true },
    { channel: 'email', available: true, reason: null, message: null, templatesOnly: false, windowClosesAt: null, threadId: null, simulatedReplies: true },
  ],
  templates: [
    { id: 'tpl_1', name: 'Booking confirmed', channel: 'sms', subject: null, body: 'Hi {{first_name}}, your {{service}} is booked for {{date}}.', rendered: null, missing: ['{{service}}', '{{date}}'], approvedWhatsApp: false, variables: null },
    { id: 'tpl_2', name: 'On my way', channel: 'sms', subject: null, body: 'Hi {{first_name}}, your engineer is on the way.', rendered: 'Hi Grace, your engineer is on the way.', missing: [], approvedWhatsApp: false, variables: null },
    {
      id: 'tpl_3',
      name: 'Service reminder',
      channel: 'whatsapp',
      subject: null,
      body: 'Hi {{first_name}}, your {{custom.boiler}} is due its annual service (the last one was in {{custom.last_service}}). Reply with a day that suits you.',
      rendered: null,
      missing: ['{{custom.last_service}}'],
      approvedWhatsApp: true,
      variables: [
        { number: '1', name: 'first_name', value: 'Grace' },
        { number: '2', name: 'custom.boiler', value: 'Worcester Greenstar 30i' },
        { number: '3', name: 'custom.last_service', value: null },
      ],
    },
  ],
  cannedReplies: [
    { id: 'cnr_1', shortcut: 'thanks', body: 'Thanks, we are on it!', createdAt: minutesAgo(9000), updatedAt: minutesAgo(9000) },
    { id: 'cnr_2', shortcut: 'hours', body: 'We are open 8 AM to 6 PM, Monday to Saturday.', createdAt: minutesAgo(9000), updatedAt: minutesAgo(9000) },
  ],
  contactTimeZone: 'America/New_York',
  tenantTimeZone: 'Europe/London',
};
const panel = {
  contact,
  consent: [
    { channel: 'sms', status: 'granted', changedAt: minutesAgo(60 * 24 * 60) },
    { channel: 'whatsapp', status: 'granted', changedAt: minutesAgo(60 * 24 * 30) },
    { channel: 'email', status: 'unknown', changedAt: null },
  ],
  threads: [{ id: 't1', channel: 'sms', status: 'open' }],
  notes: [{ id: 'not_1', threadId: 't1', body: 'Gate code is 4512. Dog is friendly.', visibility: 'private', author: maya, createdAt: minutesAgo(70) }],
  enrollments: [
    {
      id: 'enr_1',
      sequenceId: 'seq_1',
      sequenceName: 'Annual service reminders',
      status: 'active',
      currentStep: 1,
      nextSendAt: inDays(3),
      pausedAt: null,
      workflowId: 'enrollment:enr_1',
      temporalUrl: `${TEMPORAL}/enrollment:enr_1`,
    },
  ],
  quotes: [{ id: 'quo_1', title: 'Boiler part replacement', total: '180.00', currency: 'GBP', status: 'sent', expiresAt: inDays(12), createdAt: minutesAgo(60 * 30) }],
  labels: ['boiler', 'vip'],
};

/** The stand-in's answers: the demo tenant seen by its owner, each checked against its route's schema. */
export function demoApi(req: RecordedRequest, res: http.ServerResponse): void {
  const p = req.path.split('?')[0];
  const send = <S extends z.ZodType>(status: number, schema: S, body: unknown) => json(res, status, schema.parse(body));
  if (p === '/api/me') return send(200, MeViewSchema, DEMO_ME);
  if (p === '/api/threads') return send(200, ThreadListViewSchema, threads);
  if (p === '/api/threads/t1') return send(200, ThreadViewSchema, threadView());
  if (p === '/api/threads/t1/composer') return send(200, ComposerViewSchema, composer);
  if (p === '/api/threads/t1/read') return send(200, ThreadAnswerSchema, { thread: { ...threads.threads[0], unreadCount: 0 } });
  if (p === '/api/contacts/ctc_t1/panel') return send(200, ContactPanelSchema, panel);
  if (p === '/api/members') return send(200, MemberListViewSchema, members);
  if (p === '/api/invitations') return send(200, InvitationListViewSchema, invitations);
  if (p === '/api/api-keys' && req.method === 'GET') return send(200, ApiKeyListViewSchema, apiKeys);
  if (p === '/api/api-keys' && req.method === 'POST')
    return send(201, CreatedApiKeyViewSchema, {
      apiKey: { id: 'key_4', name: 'Zapier', prefix: 'hk_4f9c', role: 'agent', createdAt: new Date().toISOString(), lastUsedAt: null, revokedAt: null },
      key: 'hk_live_4f9c2b7e1d8a6f3c5b0e9d2a7c4f1b8e',
    });
  if (p === '/api/invitations/inv_1/public')
    return send(200, PublicInvitationViewSchema, { businessName: 'Acme Plumbing', email: 'jo@acmeplumbing.test', role: 'agent', expiresAt: inDays(6), status: 'pending', accountExists: false });
  if (p === '/api/auth/sign-in/email') return json(res, 401, { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' });
  if (p === '/api/events') {
    // Held open with nothing to say, as the real stream is between events.
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    return void res.write(': quiet\n\n');
  }
  if (sequenceDemoApi(req, res)) return;
  if (dashboardDemoApi(req, res)) return;
  if (auditDemoApi(req, res)) return;
  if (quotesDemoApi(req, res)) return;
  if (contactsDemoApi(req, res)) return;
  json(res, 404, { error: { code: 'NOT_FOUND', message: `No route for ${req.method} ${p}` } });
}

export interface Screen {
  name: string;
  path: string;
  /**
   * Before the page loads: puts the API in a state the stand-in does not answer with (a tenant with nothing yet,
   * an API that is slow or failing), through Playwright's request interception.
   */
  setup?: (page: Page) => Promise<unknown>;
  /** The screen is caught mid-request: its requests never settle, so nothing may wait for the network to. */
  stillLoading?: boolean;
  /** Brings the screen to the state worth seeing (data loaded, a dialog open). */
  prepare?: (page: Page) => Promise<unknown>;
}

/** The inbox's own requests (threads, a conversation, its composer, the contact panel): not the shell's. */
const inboxRequest = (url: URL) => url.pathname.startsWith('/api/threads') || url.pathname.startsWith('/api/contacts/');

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
  {
    name: 'inbox-empty',
    path: '/inbox',
    // A tenant that has just signed up: no conversations yet.
    setup: (page) =>
      page.route(
        (url) => url.pathname === '/api/threads',
        (route) => route.fulfill({ json: ThreadListViewSchema.parse({ threads: [], nextCursor: null, counts: { all: 0, mine: 0, unassigned: 0, unread: 0 } }) }),
      ),
    prepare: (page) => page.getByTestId('empty-state').first().waitFor(),
  },
  {
    name: 'inbox-loading',
    path: '/inbox/t1',
    // The API is slow: every pane of the inbox waits for its answer (the shell has its own already).
    setup: (page) => page.route(inboxRequest, () => new Promise<void>(() => {})),
    stillLoading: true,
    prepare: (page) => page.locator('[aria-busy="true"]').first().waitFor(),
  },
  {
    name: 'inbox-error',
    path: '/inbox/t1',
    // The API fails: the thread list with a 500 (the API's error envelope), the conversation unreachable.
    setup: (page) =>
      page.route(inboxRequest, (route) =>
        new URL(route.request().url()).pathname === '/api/threads'
          ? route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } } })
          : route.abort('connectionrefused'),
      ),
    prepare: async (page) => {
      await page.getByTestId('error-state').nth(1).waitFor();
    },
  },
  { name: 'conversation', path: '/inbox/t1', prepare: (page) => page.getByTestId('message').last().waitFor() },
  {
    name: 'contact-panel',
    path: '/inbox/t1',
    prepare: async (page) => {
      await page.getByTestId('message').last().waitFor();
      // Beside the conversation on a wide screen; a sheet over it on a phone.
      if ((page.viewportSize()?.width ?? 1366) < 1280) await page.getByTestId('toggle-contact-panel').click();
      await page.getByTestId('enrollment').waitFor();
    },
  },
  {
    name: 'composer-templates',
    path: '/inbox/t1',
    prepare: async (page) => {
      await page.getByTestId('message').last().waitFor();
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.getByTestId('template-option').first().click();
      await page.getByTestId('template-missing').waitFor();
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.getByTestId('template-option').first().waitFor();
    },
  },
  {
    name: 'composer-whatsapp-template',
    path: '/inbox/t1',
    // WhatsApp outside its window: only approved templates; their numbered values, one missing for this contact.
    prepare: async (page) => {
      await page.getByTestId('message').last().waitFor();
      await page.getByTestId('channel-whatsapp').click();
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.getByTestId('template-option').filter({ hasText: 'Service reminder' }).click();
      await page.getByTestId('template-variables').waitFor();
    },
  },
  {
    name: 'reschedule',
    path: '/inbox/t1',
    // A scheduled message moved: the dialog, its calendar on the day it is scheduled for.
    prepare: async (page) => {
      await page.getByTestId('scheduled-message').first().waitFor();
      await page.getByTestId('scheduled-message').first().getByRole('button', { name: 'Reschedule' }).click();
      await page.getByRole('button', { name: 'New send day' }).click();
      await page.locator('td[aria-selected="true"] button').waitFor();
    },
  },
  {
    name: 'composer-canned',
    path: '/inbox/t1',
    prepare: async (page) => {
      await page.getByTestId('message').last().waitFor();
      await page.getByTestId('composer-text').fill('/');
      await page.getByTestId('canned-option').first().waitFor();
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
  ...SEQUENCE_SCREENS,
  ...DASHBOARD_SCREENS,
  ...AUDIT_SCREENS,
  ...QUOTE_SCREENS,
  ...TEMPLATE_SCREENS,
  ...CONTACT_SCREENS,
];
