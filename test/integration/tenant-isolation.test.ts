import { expressRoutes } from '../harness/express-routes';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { forTenant } from '../../prisma/tenant-scope';
import { bearer, createTestTenant, fakeProviders, startWorker, testApi, testPrisma, uniqueName, type RunningWorker } from '../harness/context';
import { testMember } from '../harness/accounts';
import { devServer } from '../harness/dev-server';
import { startLocalServer } from '../harness/local-http-server';
import { twilioAccounts, twilioApi } from '../harness/twilio-api';

// Every tenant-scoped route, called by tenant B with ids that belong to tenant A: never A's data, never a
// change to A's rows. The route table is read from the app, so a new route without a case here fails.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: Awaited<ReturnType<typeof devServer>>;
let prisma: AppPrisma;
let worker: RunningWorker;
let twilioServer: Awaited<ReturnType<typeof startLocalServer>>;
const taskQueue = uniqueName('iso-tq');

// Two tenants' own Twilio accounts, at a local server that speaks Twilio's API (credentials are checked there).
const A_ACCOUNT = { accountSid: `AC${'a'.repeat(32)}`, authToken: 'a0'.repeat(16) };
const B_ACCOUNT = { accountSid: `AC${'b'.repeat(32)}`, authToken: 'b0'.repeat(16) };
const A_RESEND_KEY = 're_tenantA_only_key_AAAA';

beforeAll(async () => {
  twilioServer = await startLocalServer(twilioAccounts(twilioApi(A_ACCOUNT), twilioApi(B_ACCOUNT)));
  server = await devServer();
  prisma = testPrisma();
  worker = await startWorker({ connection: server.nativeConnection, taskQueue, prisma, providers: fakeProviders().providers });
});
afterAll(async () => {
  await twilioServer?.close();
  await worker?.stop();
  await server?.close();
  await prisma?.$disconnect();
});

type Ctx = {
  contactId: string;
  messageId: string;
  ingestTokenId: string;
  templateId: string;
  sequenceId: string;
  enrollmentId: string;
  bulkEnrollmentId: string;
  quoteId: string;
  senderAddressId: string;
  memberId: string;
  invitationId: string;
  apiKeyId: string;
  threadId: string;
  cannedReplyId: string;
  leadFormId: string;
  customFieldId: string;
  stageId: string;
  viewId: string;
  companyId: string;
  projectId: string;
  relationshipId: string;
};
type Case = {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (a: Ctx) => string;
  body?: (a: Ctx) => object;
  expectStatus: number;
  check?: (body: any, a: Ctx, text: string) => void;
};

const SENDER_A = `+1500555${String(Date.now()).slice(-4)}`;
const inFuture = () => new Date(Date.now() + 86_400_000).toISOString();

const CASES: Record<string, Case> = {
  'GET /tenant': { method: 'get', path: () => '/api/tenant', expectStatus: 200, check: (b, _a) => expect(b.tenant.businessName).toBe('Tenant B Ltd') },
  'GET /tenant/settings': { method: 'get', path: () => '/api/tenant/settings', expectStatus: 200, check: (b) => expect(b.settings.businessName).toBe('Tenant B Ltd') },
  // B changing its own settings changes B's only (A's quiet hours are checked untouched below).
  'PATCH /tenant/settings': {
    method: 'patch',
    path: () => '/api/tenant/settings',
    body: () => ({ quietHours: { start: '20:00', end: '09:00' } }),
    expectStatus: 200,
    check: (b) => expect(b.settings).toMatchObject({ businessName: 'Tenant B Ltd', quietHours: { start: '20:00', end: '09:00' } }),
  },
  'GET /contacts': { method: 'get', path: () => '/api/contacts', expectStatus: 200, check: (b) => expect(b.contacts).toEqual([]) },
  'POST /contacts': { method: 'post', path: () => '/api/contacts', body: () => ({ firstName: 'Bo', phone: '+14155550199' }), expectStatus: 201, check: (b) => expect(b.contact.firstName).toBe('Bo') },
  'GET /contacts/:id': { method: 'get', path: (a) => `/api/contacts/${a.contactId}`, expectStatus: 404 },
  'GET /messages': { method: 'get', path: () => '/api/messages', expectStatus: 200, check: (b) => expect(b.messages).toEqual([]) },
  'POST /messages': { method: 'post', path: () => '/api/messages', body: (a) => ({ contactId: a.contactId, channel: 'sms', body: 'hi' }), expectStatus: 404 },
  'GET /messages/:id': { method: 'get', path: (a) => `/api/messages/${a.messageId}`, expectStatus: 404 },
  'POST /messages/:id/cancel': { method: 'post', path: (a) => `/api/messages/${a.messageId}/cancel`, expectStatus: 404 },
  'POST /messages/:id/reschedule': { method: 'post', path: (a) => `/api/messages/${a.messageId}/reschedule`, body: () => ({ sendAt: inFuture() }), expectStatus: 404 },
  // The same phone number writing to tenant B is B's own, new contact — never A's.
  'POST /fake/inbound': { method: 'post', path: () => '/api/fake/inbound', body: () => ({ from: '+14155550100', body: 'hello B' }), expectStatus: 201, check: (b, a) => expect(b.contactId).not.toBe(a.contactId) },
  'GET /ingest-tokens': { method: 'get', path: () => '/api/ingest-tokens', expectStatus: 200, check: (b) => expect(b.ingestTokens).toEqual([]) },
  'POST /ingest-tokens': { method: 'post', path: () => '/api/ingest-tokens', body: () => ({ name: 'B site' }), expectStatus: 201 },
  'POST /ingest-tokens/:id/revoke': { method: 'post', path: (a) => `/api/ingest-tokens/${a.ingestTokenId}/revoke`, expectStatus: 404 },
  'GET /sender-addresses': { method: 'get', path: () => '/api/sender-addresses', expectStatus: 200, check: (b) => expect(b.senderAddresses).toEqual([]) },
  // A's number cannot be claimed by B: inbound messages to it must keep reaching A.
  'POST /sender-addresses': { method: 'post', path: () => '/api/sender-addresses', body: () => ({ channel: 'sms', address: SENDER_A }), expectStatus: 409 },
  'POST /sender-addresses/:id/default': { method: 'post', path: (a) => `/api/sender-addresses/${a.senderAddressId}/default`, expectStatus: 404 },
  'DELETE /sender-addresses/:id': { method: 'delete', path: (a) => `/api/sender-addresses/${a.senderAddressId}`, expectStatus: 404 },
  // B sees its own accounts (none), never A's; storing and forgetting its own leaves A's as they were.
  'GET /provider-credentials': {
    method: 'get',
    path: () => '/api/provider-credentials',
    expectStatus: 200,
    check: (b) => expect(b.providerCredentials).toMatchObject({ twilio: null, resend: null, channels: { sms: { account: 'shared', defaultSender: null } } }),
  },
  'PUT /provider-credentials/twilio': {
    method: 'put',
    path: () => '/api/provider-credentials/twilio',
    body: () => B_ACCOUNT,
    expectStatus: 200,
    check: (b) => expect(b.providerCredentials.twilio.accountSid).toBe(B_ACCOUNT.accountSid),
  },
  'DELETE /provider-credentials/twilio': { method: 'delete', path: () => '/api/provider-credentials/twilio', expectStatus: 204 },
  'PUT /provider-credentials/resend': {
    method: 'put',
    path: () => '/api/provider-credentials/resend',
    body: () => ({ apiKey: 're_tenantB_only_key_BBBB' }),
    expectStatus: 200,
    check: (b) => expect(b.providerCredentials.resend.apiKeyLast4).toBe('BBBB'),
  },
  'DELETE /provider-credentials/resend': { method: 'delete', path: () => '/api/provider-credentials/resend', expectStatus: 204 },
  'GET /notification-rules': { method: 'get', path: () => '/api/notification-rules', expectStatus: 200, check: (b) => expect(b.notificationRules).toEqual([]) },
  'POST /notification-rules': { method: 'post', path: () => '/api/notification-rules', body: () => ({ event: 'lead.created', channel: 'sms', recipient: '+14155550111' }), expectStatus: 201 },
  'GET /templates': { method: 'get', path: () => '/api/templates', expectStatus: 200, check: (b) => expect(b.templates).toEqual([]) },
  'POST /templates': { method: 'post', path: () => '/api/templates', body: () => ({ name: 'B hello', channel: 'sms', body: 'Hi {{first_name}}' }), expectStatus: 201 },
  'POST /templates/preview': { method: 'post', path: () => '/api/templates/preview', body: (a) => ({ contactId: a.contactId, body: 'Hi {{first_name}}' }), expectStatus: 404 },
  'GET /templates/:id': { method: 'get', path: (a) => `/api/templates/${a.templateId}`, expectStatus: 404 },
  'PATCH /templates/:id': { method: 'patch', path: (a) => `/api/templates/${a.templateId}`, body: () => ({ body: 'changed by B' }), expectStatus: 404 },
  'DELETE /templates/:id': { method: 'delete', path: (a) => `/api/templates/${a.templateId}`, expectStatus: 404 },
  'POST /templates/:id/preview': { method: 'post', path: (a) => `/api/templates/${a.templateId}/preview`, body: (a) => ({ contactId: a.contactId }), expectStatus: 404 },
  'GET /sequences': { method: 'get', path: () => '/api/sequences', expectStatus: 200, check: (b) => expect(b.sequences).toEqual([]) },
  // A's template cannot be used by B's sequence.
  'POST /sequences': {
    method: 'post',
    path: () => '/api/sequences',
    body: (a) => ({ name: 'B seq', steps: [{ channel: 'sms', waitAmount: 0, templateId: a.templateId }] }),
    expectStatus: 422,
    check: (b, a) => expect(b.error.details.problems[0].message).toBe(`template ${a.templateId} not found`),
  },
  'GET /sequences/:id': { method: 'get', path: (a) => `/api/sequences/${a.sequenceId}`, expectStatus: 404 },
  'PATCH /sequences/:id': { method: 'patch', path: (a) => `/api/sequences/${a.sequenceId}`, body: () => ({ name: 'renamed by B' }), expectStatus: 404 },
  'POST /sequences/:id/publish': { method: 'post', path: (a) => `/api/sequences/${a.sequenceId}/publish`, expectStatus: 404 },
  'GET /sequences/:id/preview': { method: 'get', path: (a) => `/api/sequences/${a.sequenceId}/preview?contactId=${a.contactId}`, expectStatus: 404 },
  'POST /sequences/:id/enrollments': { method: 'post', path: (a) => `/api/sequences/${a.sequenceId}/enrollments`, body: (a) => ({ contactId: a.contactId }), expectStatus: 404 },
  'POST /sequences/:id/enrollments/bulk': { method: 'post', path: (a) => `/api/sequences/${a.sequenceId}/enrollments/bulk`, body: (a) => ({ contactIds: [a.contactId] }), expectStatus: 404 },
  'GET /bulk-enrollments/:id': { method: 'get', path: (a) => `/api/bulk-enrollments/${a.bulkEnrollmentId}`, expectStatus: 404 },
  'GET /enrollments': { method: 'get', path: () => '/api/enrollments', expectStatus: 200, check: (b) => expect(b.enrollments).toEqual([]) },
  'GET /enrollments/:id': { method: 'get', path: (a) => `/api/enrollments/${a.enrollmentId}`, expectStatus: 404 },
  'POST /enrollments/:id/pause': { method: 'post', path: (a) => `/api/enrollments/${a.enrollmentId}/pause`, expectStatus: 404 },
  'POST /enrollments/:id/resume': { method: 'post', path: (a) => `/api/enrollments/${a.enrollmentId}/resume`, expectStatus: 404 },
  'POST /enrollments/:id/stop': { method: 'post', path: (a) => `/api/enrollments/${a.enrollmentId}/stop`, body: () => ({}), expectStatus: 404 },
  'GET /quotes': { method: 'get', path: () => '/api/quotes', expectStatus: 200, check: (b) => expect(b.quotes).toEqual([]) },
  'POST /quotes': { method: 'post', path: () => '/api/quotes', body: (a) => ({ contactId: a.contactId, total: 10 }), expectStatus: 404 },
  'GET /quotes/:id': { method: 'get', path: (a) => `/api/quotes/${a.quoteId}`, expectStatus: 404 },
  'GET /quote-settings': { method: 'get', path: () => '/api/quote-settings', expectStatus: 200, check: (b) => expect(b.quoteSettings.followUpDays).toBe(3) },
  'PUT /quote-settings': { method: 'put', path: () => '/api/quote-settings', body: () => ({ followUpDays: 9 }), expectStatus: 200, check: (b) => expect(b.quoteSettings.followUpDays).toBe(9) },
  // Accounts: B sees and changes its own members, invitations and keys only.
  'GET /me': { method: 'get', path: () => '/api/me', expectStatus: 200, check: (b) => expect(b.tenant.businessName).toBe('Tenant B Ltd') },
  'POST /me/tenant': { method: 'post', path: () => '/api/me/tenant', body: () => ({ tenantId: 'ten_of_a' }), expectStatus: 409 },
  'GET /members': { method: 'get', path: () => '/api/members', expectStatus: 200, check: (b, a) => expect(b.members.map((m: { id: string }) => m.id)).not.toContain(a.memberId) },
  'PATCH /members/:id': { method: 'patch', path: (a) => `/api/members/${a.memberId}`, body: () => ({ role: 'viewer' }), expectStatus: 404 },
  'DELETE /members/:id': { method: 'delete', path: (a) => `/api/members/${a.memberId}`, expectStatus: 404 },
  'GET /invitations': { method: 'get', path: () => '/api/invitations', expectStatus: 200, check: (b) => expect(b.invitations).toEqual([]) },
  'POST /invitations': { method: 'post', path: () => '/api/invitations', body: () => ({ email: 'someone-for-b@example.com', role: 'agent' }), expectStatus: 201 },
  'DELETE /invitations/:id': { method: 'delete', path: (a) => `/api/invitations/${a.invitationId}`, expectStatus: 404 },
  'GET /api-keys': { method: 'get', path: () => '/api/api-keys', expectStatus: 200, check: (b, a) => expect(b.apiKeys.map((k: { id: string }) => k.id)).not.toContain(a.apiKeyId) },
  'POST /api-keys': { method: 'post', path: () => '/api/api-keys', body: () => ({ name: 'B key', role: 'viewer' }), expectStatus: 201 },
  'POST /api-keys/:id/revoke': { method: 'post', path: (a) => `/api/api-keys/${a.apiKeyId}/revoke`, expectStatus: 404 },
  // B's key is an admin's: deleting a tenant is for owners (and only ever the caller's own: accounts.test.ts).
  'DELETE /tenant': { method: 'delete', path: () => '/api/tenant', body: () => ({ confirmBusinessName: 'Tenant A Inc' }), expectStatus: 403 },
  // The inbox: B's list holds B's own thread (its fake inbound above), never A's; A's thread by id is not there.
  'GET /threads': {
    method: 'get',
    path: () => '/api/threads?q=Alice',
    expectStatus: 200,
    check: (b) => expect(b).toMatchObject({ threads: [], counts: { all: 1, unassigned: 1 } }),
  },
  'GET /threads/:id': { method: 'get', path: (a) => `/api/threads/${a.threadId}`, expectStatus: 404 },
  'GET /threads/:id/timeline': { method: 'get', path: (a) => `/api/threads/${a.threadId}/timeline?after=2000-01-01T00:00:00Z`, expectStatus: 404 },
  'GET /threads/:id/messages/:messageId': { method: 'get', path: (a) => `/api/threads/${a.threadId}/messages/${a.messageId}`, expectStatus: 404 },
  'POST /threads/:id/messages': { method: 'post', path: (a) => `/api/threads/${a.threadId}/messages`, body: () => ({ body: 'from B' }), expectStatus: 404 },
  'GET /threads/:id/composer': { method: 'get', path: (a) => `/api/threads/${a.threadId}/composer`, expectStatus: 404 },
  'POST /threads/:id/assign': { method: 'post', path: (a) => `/api/threads/${a.threadId}/assign`, body: () => ({ userId: null }), expectStatus: 404 },
  'POST /threads/:id/close': { method: 'post', path: (a) => `/api/threads/${a.threadId}/close`, expectStatus: 404 },
  'POST /threads/:id/reopen': { method: 'post', path: (a) => `/api/threads/${a.threadId}/reopen`, expectStatus: 404 },
  'POST /threads/:id/snooze': { method: 'post', path: (a) => `/api/threads/${a.threadId}/snooze`, body: () => ({ until: inFuture() }), expectStatus: 404 },
  'POST /threads/:id/read': { method: 'post', path: (a) => `/api/threads/${a.threadId}/read`, expectStatus: 404 },
  'POST /threads/:id/notes': { method: 'post', path: (a) => `/api/threads/${a.threadId}/notes`, body: () => ({ body: 'B was here' }), expectStatus: 404 },
  'PUT /threads/:id/labels': { method: 'put', path: (a) => `/api/threads/${a.threadId}/labels`, body: () => ({ labels: ['by-b'] }), expectStatus: 404 },
  'GET /contacts/:id/panel': { method: 'get', path: (a) => `/api/contacts/${a.contactId}/panel`, expectStatus: 404 },
  'GET /canned-replies': { method: 'get', path: () => '/api/canned-replies', expectStatus: 200, check: (b) => expect(b.cannedReplies).toEqual([]) },
  // The same shortcut is B's own to take.
  'POST /canned-replies': { method: 'post', path: () => '/api/canned-replies', body: () => ({ shortcut: 'hello', body: 'B says hi' }), expectStatus: 201 },
  'PATCH /canned-replies/:id': { method: 'patch', path: (a) => `/api/canned-replies/${a.cannedReplyId}`, body: () => ({ body: 'changed by B' }), expectStatus: 404 },
  'DELETE /canned-replies/:id': { method: 'delete', path: (a) => `/api/canned-replies/${a.cannedReplyId}`, expectStatus: 404 },
  // Lead forms: B sees and changes its own only; A's token cannot get a form of B's, A's form and its leads are not there.
  'GET /lead-forms': { method: 'get', path: () => '/api/lead-forms', expectStatus: 200, check: (b) => expect(b.leadForms).toEqual([]) },
  'POST /lead-forms': { method: 'post', path: () => '/api/lead-forms', body: (a) => ({ ingestTokenId: a.ingestTokenId }), expectStatus: 404 },
  'GET /lead-forms/:id': { method: 'get', path: (a) => `/api/lead-forms/${a.leadFormId}`, expectStatus: 404 },
  'PATCH /lead-forms/:id': { method: 'patch', path: (a) => `/api/lead-forms/${a.leadFormId}`, body: () => ({ enabled: false }), expectStatus: 404 },
  'GET /lead-forms/:id/leads': { method: 'get', path: (a) => `/api/lead-forms/${a.leadFormId}/leads`, expectStatus: 404 },
  // CRM records: B's own custom fields (the same key is B's to take), never A's.
  'GET /custom-fields': { method: 'get', path: () => '/api/custom-fields', expectStatus: 200, check: (b) => expect(b.customFields).toEqual([]) },
  'POST /custom-fields': { method: 'post', path: () => '/api/custom-fields', body: () => ({ key: 'budget', label: 'B budget', type: 'text' }), expectStatus: 201 },
  // An order naming A's field is not an order of B's fields.
  'PUT /custom-fields/order': { method: 'put', path: () => '/api/custom-fields/order', body: (a) => ({ ids: [a.customFieldId] }), expectStatus: 409, check: (b, a) => expect(b.error.details.ids).not.toContain(a.customFieldId) },
  'GET /custom-fields/:id': { method: 'get', path: (a) => `/api/custom-fields/${a.customFieldId}`, expectStatus: 404 },
  'PATCH /custom-fields/:id': { method: 'patch', path: (a) => `/api/custom-fields/${a.customFieldId}`, body: () => ({ label: 'changed by B' }), expectStatus: 404 },
  'DELETE /custom-fields/:id': { method: 'delete', path: (a) => `/api/custom-fields/${a.customFieldId}`, expectStatus: 404 },
  // B's pipeline is its own default set (plus what B adds); A's stages are not there, by list or by id.
  'GET /pipeline-stages': {
    method: 'get',
    path: () => '/api/pipeline-stages',
    expectStatus: 200,
    check: (b, a) => {
      expect(b.stages.map((s: { name: string }) => s.name)).toEqual(['New', 'Contacted', 'Qualified', 'Won', 'Lost']);
      expect(b.stages.map((s: { id: string }) => s.id)).not.toContain(a.stageId);
    },
  },
  'POST /pipeline-stages': { method: 'post', path: () => '/api/pipeline-stages', body: () => ({ name: 'B proposal' }), expectStatus: 201 },
  'PUT /pipeline-stages/order': { method: 'put', path: () => '/api/pipeline-stages/order', body: (a) => ({ ids: [a.stageId] }), expectStatus: 409, check: (b, a) => expect(b.error.details.ids).not.toContain(a.stageId) },
  'GET /pipeline-stages/:id': { method: 'get', path: (a) => `/api/pipeline-stages/${a.stageId}`, expectStatus: 404 },
  'PATCH /pipeline-stages/:id': { method: 'patch', path: (a) => `/api/pipeline-stages/${a.stageId}`, body: () => ({ name: 'renamed by B' }), expectStatus: 404 },
  'DELETE /pipeline-stages/:id': { method: 'delete', path: (a) => `/api/pipeline-stages/${a.stageId}`, expectStatus: 404 },
  'POST /contacts/:id/stage': { method: 'post', path: (a) => `/api/contacts/${a.contactId}/stage`, body: () => ({ stageId: null }), expectStatus: 404 },
  'GET /pipeline/board': {
    method: 'get',
    path: () => '/api/pipeline/board',
    expectStatus: 200,
    check: (b, a) => {
      expect(b.columns.map((c: { stage: { name: string } | null }) => c.stage?.name ?? null)).toEqual(['New', 'Contacted', 'Qualified', 'Won', 'Lost', 'B proposal', null]);
      expect(JSON.stringify(b)).not.toContain(a.contactId);
    },
  },
  'PATCH /contacts/:id': { method: 'patch', path: (a) => `/api/contacts/${a.contactId}`, body: () => ({ firstName: 'changed by B' }), expectStatus: 404 },
  // Neither way round: A's contact is not B's to merge into, nor to merge away.
  'POST /contacts/:id/merge': { method: 'post', path: (a) => `/api/contacts/${a.contactId}/merge`, body: () => ({ sourceId: 'ctc_of_b' }), expectStatus: 404 },
  'GET /contacts/:id/timeline': { method: 'get', path: (a) => `/api/contacts/${a.contactId}/timeline`, expectStatus: 404 },
  'GET /saved-views': { method: 'get', path: () => '/api/saved-views', expectStatus: 200, check: (b) => expect(b.views).toEqual([]) },
  // A view's filter naming A's stage finds nothing of A's: B's own name space, B's own contacts.
  'POST /saved-views': { method: 'post', path: () => '/api/saved-views', body: (a) => ({ name: 'A stage', filter: { stageIds: [a.stageId] } }), expectStatus: 201 },
  'GET /saved-views/:id': { method: 'get', path: (a) => `/api/saved-views/${a.viewId}`, expectStatus: 404 },
  'PATCH /saved-views/:id': { method: 'patch', path: (a) => `/api/saved-views/${a.viewId}`, body: () => ({ name: 'renamed by B' }), expectStatus: 404 },
  'DELETE /saved-views/:id': { method: 'delete', path: (a) => `/api/saved-views/${a.viewId}`, expectStatus: 404 },
  'GET /companies': { method: 'get', path: () => '/api/companies', expectStatus: 200, check: (b) => expect(b.companies).toEqual([]) },
  'POST /companies': { method: 'post', path: () => '/api/companies', body: () => ({ name: 'Acme' }), expectStatus: 201 },
  'GET /companies/:id': { method: 'get', path: (a) => `/api/companies/${a.companyId}`, expectStatus: 404 },
  'PATCH /companies/:id': { method: 'patch', path: (a) => `/api/companies/${a.companyId}`, body: () => ({ name: 'renamed by B' }), expectStatus: 404 },
  'DELETE /companies/:id': { method: 'delete', path: (a) => `/api/companies/${a.companyId}`, expectStatus: 404 },
  'GET /projects': { method: 'get', path: (a) => `/api/projects?companyId=${a.companyId}`, expectStatus: 200, check: (b) => expect(b.projects).toEqual([]) },
  // B's project cannot be put at A's company.
  'POST /projects': { method: 'post', path: () => '/api/projects', body: (a) => ({ name: 'B job', kind: 'position', companyId: a.companyId }), expectStatus: 404 },
  'GET /projects/:id': { method: 'get', path: (a) => `/api/projects/${a.projectId}`, expectStatus: 404 },
  'PATCH /projects/:id': { method: 'patch', path: (a) => `/api/projects/${a.projectId}`, body: () => ({ status: 'closed' }), expectStatus: 404 },
  'DELETE /projects/:id': { method: 'delete', path: (a) => `/api/projects/${a.projectId}`, expectStatus: 404 },
  'GET /relationships': { method: 'get', path: (a) => `/api/relationships?contactId=${a.contactId}`, expectStatus: 200, check: (b) => expect(b.relationships).toEqual([]) },
  'POST /relationships': { method: 'post', path: () => '/api/relationships', body: (a) => ({ contactId: a.contactId, companyId: a.companyId, roles: ['client'] }), expectStatus: 404 },
  'GET /relationships/:id': { method: 'get', path: (a) => `/api/relationships/${a.relationshipId}`, expectStatus: 404 },
  'PATCH /relationships/:id': { method: 'patch', path: (a) => `/api/relationships/${a.relationshipId}`, body: () => ({ roles: ['candidate'] }), expectStatus: 404 },
  'DELETE /relationships/:id': { method: 'delete', path: (a) => `/api/relationships/${a.relationshipId}`, expectStatus: 404 },
  // From B's very first event on: B's own events only (its inbound thread), never one of A's threads.
  'GET /events': {
    method: 'get',
    path: () => '/api/events?lastEventId=0',
    expectStatus: 200,
    check: (_b, a, text) => {
      expect(text).toMatch(/^retry: /);
      expect(text).toContain('"type":"message.created"');
      expect(text).not.toContain(a.threadId);
    },
  },
  // The dashboard counts B's own rows only: B's one inbound message, none of A's messages, sequences or quotes.
  'GET /dashboard/messages': {
    method: 'get',
    path: () => '/api/dashboard/messages?range=7d',
    expectStatus: 200,
    check: (b) => expect(b.totals).toEqual({ sent: { sms: 0, whatsapp: 0, email: 0 }, received: { sms: 1, whatsapp: 0, email: 0 } }),
  },
  'GET /dashboard/delivery': { method: 'get', path: () => '/api/dashboard/delivery', expectStatus: 200, check: (b) => expect(b.total).toMatchObject({ sent: 0, notSent: 0 }) },
  'GET /dashboard/failure-reasons': { method: 'get', path: () => '/api/dashboard/failure-reasons', expectStatus: 200, check: (b) => expect(b).toMatchObject({ failed: 0, reasons: [] }) },
  'GET /dashboard/response-times': { method: 'get', path: () => '/api/dashboard/response-times', expectStatus: 200, check: (b) => expect(b.total).toMatchObject({ answered: 0, unanswered: 1 }) },
  'GET /dashboard/reply-rate': { method: 'get', path: () => '/api/dashboard/reply-rate', expectStatus: 200, check: (b) => expect(b).toMatchObject({ messaged: 0, replied: 0 }) },
  'GET /dashboard/sequences/:id/funnel': { method: 'get', path: (a) => `/api/dashboard/sequences/${a.sequenceId}/funnel`, expectStatus: 404 },
  'GET /dashboard/quotes': { method: 'get', path: () => '/api/dashboard/quotes', expectStatus: 200, check: (b) => expect(b.sent).toBe(0) },
  'GET /dashboard/email': { method: 'get', path: () => '/api/dashboard/email', expectStatus: 200, check: (b) => expect(b.total.sent).toBe(0) },
  // B's log holds B's own changes, never one of A's ids.
  'GET /audit-log': {
    method: 'get',
    path: () => '/api/audit-log?limit=100',
    expectStatus: 200,
    check: (b, a) => {
      expect(b.entries.length).toBeGreaterThan(0);
      for (const id of Object.values(a)) expect(JSON.stringify(b.entries)).not.toContain(id);
    },
  },
};
// Signature-authenticated provider webhooks (webhooks-and-consent.test.ts), ingest-token routes
// (ingest.test.ts, which covers their isolation) and the health check.
// The public quote page is reached by an unguessable token, not a tenant key (quote-api.test.ts). The API
// reference and its document describe the API, not a tenant's data (openapi-document.test.ts).
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs',
  'POST /webhooks/twilio/inbound',
  'POST /webhooks/twilio/status',
  'POST /webhooks/resend',
  'POST /ingest/leads',
  'POST /ingest/quotes',
  // A web page names a lead form by its public id; each form writes to its own tenant (lead-forms.test.ts).
  'GET /ingest/forms/:formId',
  'OPTIONS /ingest/forms/:formId/leads',
  'POST /ingest/forms/:formId/leads',
  'GET /embed/lead-form.js',
  'GET /q/:token',
  'POST /q/:token/accept',
  'POST /q/:token/reject',
  // Sign-up makes a new tenant; an invitation is reached by its unguessable id (accounts.test.ts).
  'POST /api/signup',
  'GET /api/invitations/:id/public',
  'POST /api/invitations/:id/accept',
]);

describe('tenant isolation on every route', () => {
  it('covers every route the API serves', () => {
    const { app } = testApi({ prisma, client: server.client, taskQueue });
    const routes = expressRoutes(app as any);
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) expect(PUBLIC.has(route) || route.replace(' /api/', ' /') in CASES, `no isolation case for ${route}`).toBe(true);
    expect(routes).toContain('POST /api/sequences/:id/enrollments');
  });

  it('never shows or changes another tenant’s rows', async () => {
    const a = await createTestTenant(prisma, { businessName: 'Tenant A Inc' });
    const b = await createTestTenant(prisma, { businessName: 'Tenant B Ltd' });
    const { request } = testApi({ prisma, client: server.client, taskQueue, deps: { twilioApiBaseUrl: twilioServer.url } });
    const contact = await request().post('/api/contacts').set(bearer(a.apiKey)).send({ firstName: 'Alice', phone: '+14155550100' });
    expect(contact.status).toBe(201);
    const message = await request().post('/api/messages').set(bearer(a.apiKey)).send({ contactId: contact.body.contact.id, channel: 'sms', body: 'for A only', sendAt: inFuture() });
    expect(message.status).toBe(201);
    const sender = await request().post('/api/sender-addresses').set(bearer(a.apiKey)).send({ channel: 'sms', address: SENDER_A, isDefault: true }).expect(201);
    await request().put('/api/provider-credentials/twilio').set(bearer(a.apiKey)).send(A_ACCOUNT).expect(200);
    await request().put('/api/provider-credentials/resend').set(bearer(a.apiKey)).send({ apiKey: A_RESEND_KEY }).expect(200);
    const token = await request().post('/api/ingest-tokens').set(bearer(a.apiKey)).send({ name: 'A site' });
    await request().post('/api/notification-rules').set(bearer(a.apiKey)).send({ event: 'lead.created', channel: 'email', recipient: 'owner-a@example.com' }).expect(201);
    const template = await request().post('/api/templates').set(bearer(a.apiKey)).send({ name: 'A hello', channel: 'sms', body: 'for A only, {{first_name}}' }).expect(201);
    const sequence = await request()
      .post('/api/sequences')
      .set(bearer(a.apiKey))
      .send({ name: 'A outreach', publish: true, steps: [{ channel: 'sms', waitAmount: 2, waitUnit: 'days', templateId: template.body.template.id }] })
      .expect(201);
    const sequenceId: string = sequence.body.sequence.id;
    const enrollment = await request().post(`/api/sequences/${sequenceId}/enrollments`).set(bearer(a.apiKey)).send({ contactId: contact.body.contact.id }).expect(201);
    const bulk = await request().post(`/api/sequences/${sequenceId}/enrollments/bulk`).set(bearer(a.apiKey)).send({ contactIds: [contact.body.contact.id] }).expect(202);
    const quote = await request().post('/api/quotes').set(bearer(a.apiKey)).send({ contactId: contact.body.contact.id, total: 99, title: 'for A only' }).expect(201);
    const member = await testMember(request, a.tenant.id, 'agent', 'Alice Agent');
    const invitation = await request().post('/api/invitations').set(bearer(a.apiKey)).send({ email: 'invitee-of-a@example.com', role: 'viewer' }).expect(201);
    const key = await request().post('/api/api-keys').set(bearer(a.apiKey)).send({ name: 'A site key', role: 'agent' }).expect(201);
    const thread = await forTenant(prisma, a.tenant.id).thread.findFirstOrThrow({ where: { contactId: contact.body.contact.id } });
    await request().post(`/api/threads/${thread.id}/notes`).set(bearer(a.apiKey)).send({ body: 'for A only: a note' }).expect(201);
    const cannedReply = await request().post('/api/canned-replies').set(bearer(a.apiKey)).send({ shortcut: 'hello', body: 'for A only, hello' }).expect(201);
    const leadForm = await request().post('/api/lead-forms').set(bearer(a.apiKey)).send({ ingestTokenId: token.body.ingestToken.id, consentText: 'for A only: text me' }).expect(201);
    const at = Date.now();
    await request()
      .post(`/ingest/forms/${leadForm.body.leadForm.id}/leads`)
      .set('Origin', 'https://a.example')
      .send({ name: 'Alice Lead', email: 'alice-lead@example.com', message: 'for A only: a lead', renderedAt: at - 5000, submittedAt: at, pageUrl: 'https://a.example/contact' })
      .expect(201);
    const stage = await request().post('/api/pipeline-stages').set(bearer(a.apiKey)).send({ name: 'for A only: Proposal' }).expect(201);
    await request().post(`/api/contacts/${contact.body.contact.id}/stage`).set(bearer(a.apiKey)).send({ stageId: stage.body.stage.id }).expect(200);
    const view = await request().post('/api/saved-views').set(bearer(a.apiKey)).send({ name: 'for A only: view', filter: { q: 'Alice' } }).expect(201);
    const company = await request().post('/api/companies').set(bearer(a.apiKey)).send({ name: 'for A only: Acme' }).expect(201);
    const project = await request().post('/api/projects').set(bearer(a.apiKey)).send({ name: 'for A only: job', kind: 'position', companyId: company.body.company.id }).expect(201);
    const relationship = await request().post('/api/relationships').set(bearer(a.apiKey)).send({ contactId: contact.body.contact.id, companyId: company.body.company.id, roles: ['client'] }).expect(201);
    const customField = await request().post('/api/custom-fields').set(bearer(a.apiKey)).send({ key: 'budget', label: 'for A only: budget', type: 'number' }).expect(201);
    const ctx: Ctx = {
      contactId: contact.body.contact.id,
      messageId: message.body.message.id,
      ingestTokenId: token.body.ingestToken.id,
      templateId: template.body.template.id,
      sequenceId,
      enrollmentId: enrollment.body.enrollment.id,
      bulkEnrollmentId: bulk.body.bulkEnrollment.id,
      quoteId: quote.body.quote.id,
      senderAddressId: sender.body.senderAddress.id,
      memberId: member.userId,
      invitationId: invitation.body.invitation.id,
      apiKeyId: key.body.apiKey.id,
      threadId: thread.id,
      cannedReplyId: cannedReply.body.cannedReply.id,
      leadFormId: leadForm.body.leadForm.id,
      customFieldId: customField.body.customField.id,
      stageId: stage.body.stage.id,
      viewId: view.body.view.id,
      companyId: company.body.company.id,
      projectId: project.body.project.id,
      relationshipId: relationship.body.relationship.id,
    };

    for (const [name, c] of Object.entries(CASES)) {
      let req = request()[c.method](c.path(ctx)).set(bearer(b.apiKey));
      if (c.body) req = req.send(c.body(ctx));
      const res = await req;
      expect(res.status, name).toBe(c.expectStatus);
      expect(JSON.stringify(res.body), name).not.toContain('for A only');
      expect(JSON.stringify(res.body), name).not.toContain('Alice');
      expect(JSON.stringify(res.body), name).not.toContain('owner-a@example.com');
      expect(JSON.stringify(res.body), name).not.toContain('A site');
      expect(JSON.stringify(res.body), name).not.toContain('A outreach');
      expect(JSON.stringify(res.body), name).not.toContain(A_ACCOUNT.accountSid);
      expect(JSON.stringify(res.body), name).not.toContain(A_RESEND_KEY.slice(-4));
      expect(res.text ?? '', name).not.toContain('for A only');
      c.check?.(res.body, ctx, res.text ?? '');
    }
    // A's rows are untouched: still scheduled, still A's only contact.
    const row = await forTenant(prisma, a.tenant.id).message.findFirstOrThrow({ where: { id: ctx.messageId } });
    expect(row.status).toBe('scheduled');
    expect(row.scheduledAt?.toISOString()).toBe(message.body.message.scheduledAt);
    expect(await forTenant(prisma, b.tenant.id).message.count({ where: { direction: 'outbound' } })).toBe(0);
    const dbA = forTenant(prisma, a.tenant.id);
    expect(await dbA.template.findFirstOrThrow({ where: { id: ctx.templateId } })).toMatchObject({ body: 'for A only, {{first_name}}' });
    expect(await dbA.sequence.findFirstOrThrow({ where: { id: ctx.sequenceId } })).toMatchObject({ name: 'A outreach' });
    expect((await dbA.enrollment.findFirstOrThrow({ where: { id: ctx.enrollmentId } })).status).toBe('active');
    expect(await dbA.tenant.findFirstOrThrow({})).toMatchObject({ quoteFollowUpDays: 3, quietStartMinute: null, quietEndMinute: null });
    expect(await dbA.senderAddress.findFirst({ where: { id: ctx.senderAddressId }, include: { defaults: true } })).toMatchObject({ address: SENDER_A, defaults: [{ channel: 'sms' }] });
    expect((await dbA.providerCredential.findMany({ orderBy: { provider: 'asc' } })).map((c) => [c.provider, c.accountSid, c.keyLast4])).toEqual([
      ['twilio', A_ACCOUNT.accountSid, null],
      ['resend', null, A_RESEND_KEY.slice(-4)],
    ]);
    expect(await dbA.member.findFirstOrThrow({ where: { id: ctx.memberId } })).toMatchObject({ role: 'agent' });
    expect(await dbA.invitation.findFirstOrThrow({ where: { id: ctx.invitationId } })).toMatchObject({ status: 'pending' });
    expect(await dbA.apiKey.findFirstOrThrow({ where: { id: ctx.apiKeyId } })).toMatchObject({ revokedAt: null });
    await request().get('/api/contacts').set(bearer(key.body.key)).expect(200);
    const threadA = await dbA.thread.findFirstOrThrow({ where: { id: ctx.threadId } });
    expect(threadA).toMatchObject({ status: 'open', assigneeId: null, snoozedUntil: null, labels: [] });
    expect(await dbA.note.count({ where: { threadId: ctx.threadId } })).toBe(1);
    expect(await dbA.cannedReply.findFirstOrThrow({ where: { id: ctx.cannedReplyId } })).toMatchObject({ body: 'for A only, hello' });
    expect(await dbA.leadForm.findFirstOrThrow({ where: { id: ctx.leadFormId } })).toMatchObject({ enabled: true });
    expect(await forTenant(prisma, b.tenant.id).leadForm.count()).toBe(0);
    expect(await dbA.pipelineStage.findFirstOrThrow({ where: { id: ctx.stageId } })).toMatchObject({ name: 'for A only: Proposal', position: 5 });
    expect(await dbA.contact.findFirstOrThrow({ where: { id: ctx.contactId } })).toMatchObject({ stageId: ctx.stageId });
    expect(await dbA.company.findFirstOrThrow({ where: { id: ctx.companyId } })).toMatchObject({ name: 'for A only: Acme' });
    expect(await dbA.project.findFirstOrThrow({ where: { id: ctx.projectId } })).toMatchObject({ status: 'open', companyId: ctx.companyId });
    expect(await dbA.relationship.findFirstOrThrow({ where: { id: ctx.relationshipId } })).toMatchObject({ roles: ['client'] });
    expect(await dbA.savedView.findFirstOrThrow({ where: { id: ctx.viewId } })).toMatchObject({ name: 'for A only: view' });
    expect(await dbA.contact.findFirstOrThrow({ where: { id: ctx.contactId } })).toMatchObject({ firstName: 'Alice' });
    // A's view by id, in B's list: not there.
    expect((await request().get(`/api/contacts?viewId=${ctx.viewId}`).set(bearer(b.apiKey))).status).toBe(404);
    // B's view naming A's stage finds none of A's contacts.
    const bView = await request().get('/api/saved-views').set(bearer(b.apiKey)).expect(200);
    const bList = await request().get(`/api/contacts?viewId=${bView.body.views[0].id}`).set(bearer(b.apiKey)).expect(200);
    expect(bList.body.contacts).toEqual([]);
    expect(await dbA.customField.findFirstOrThrow({ where: { id: ctx.customFieldId } })).toMatchObject({ label: 'for A only: budget', position: 0 });
    await request().post(`/api/messages/${ctx.messageId}/cancel`).set(bearer(a.apiKey)).expect(200);
    await request().post(`/api/enrollments/${ctx.enrollmentId}/stop`).set(bearer(a.apiKey)).send({}).expect(200);
  });

  it('rejects missing, unknown and revoked keys on every tenant route with 401', async () => {
    const t = await createTestTenant(prisma);
    await forTenant(prisma, t.tenant.id).apiKey.updateMany({ data: { revokedAt: new Date() } });
    const { request } = testApi({ prisma, client: server.client, taskQueue });
    const ctx: Ctx = {
      contactId: 'ctc_x',
      messageId: 'msg_x',
      ingestTokenId: 'ing_x',
      templateId: 'tpl_x',
      sequenceId: 'seq_x',
      enrollmentId: 'enr_x',
      bulkEnrollmentId: 'bke_x',
      quoteId: 'quo_x',
      senderAddressId: 'snd_x',
      memberId: 'usr_x',
      invitationId: 'inv_x',
      apiKeyId: 'key_x',
      threadId: 'thr_x',
      cannedReplyId: 'cnr_x',
      leadFormId: 'lfm_x',
      customFieldId: 'cfd_x',
      stageId: 'stg_x',
      viewId: 'svw_x',
      companyId: 'cmp_x',
      projectId: 'prj_x',
      relationshipId: 'rel_x',
    };
    for (const [name, c] of Object.entries(CASES)) {
      for (const headers of [{}, bearer('hk_not_a_real_key_at_all'), bearer(t.apiKey)]) {
        const res = await request()[c.method](c.path(ctx)).set(headers);
        expect(res.status, name).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
      }
    }
    const health = await request().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: true, database: 'up', temporal: 'up', workers: 'up', providers: { sms: 'fake', whatsapp: 'fake', email: 'fake' } });
    // A task queue nobody polls: the API still answers, and says runs would wait.
    const idle = testApi({ prisma, client: server.client, taskQueue: uniqueName('nobody-polls') });
    expect((await idle.request().get('/api/health')).body).toMatchObject({ ok: true, temporal: 'up', workers: 'down' });
  });
});
