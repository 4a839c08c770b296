import { z } from 'zod';
import { ContactListAnswerSchema, ContactViewSchema, CreateContactSchema, ListContactsQuerySchema } from '../../domain/schemas/contact';
import { IdParamsSchema } from '../../domain/schemas/common';
import {
  CreatedIngestTokenViewSchema,
  CreateIngestTokenSchema,
  CreateNotificationRuleSchema,
  IngestTokenViewSchema,
  NotificationRuleViewSchema,
} from '../../domain/schemas/ingest';
import { CreateMessageSchema, ListMessagesQuerySchema, MessageChangeAnswerSchema, MessageViewSchema, RescheduleMessageSchema, SimulateInboundSchema, SimulatedInboundAnswerSchema } from '../../domain/schemas/message';
import { CreateQuoteSchema, ListQuotesQuerySchema, QuoteAnswerSchema, QuoteListAnswerSchema, QuoteSettingsSchema, QuoteSettingsViewSchema } from '../../domain/schemas/quote';
import { CreateSenderAddressSchema, SenderAddressViewSchema } from '../../domain/schemas/sender-address';
import { ProviderCredentialsViewSchema, ResendCredentialsSchema, TwilioCredentialsSchema } from '../../domain/schemas/provider-credentials';
import {
  BulkEnrollmentAnswerSchema,
  BulkEnrollSchema,
  CreateSequenceRequestSchema,
  EnrollmentAnswerSchema,
  EnrollmentListAnswerSchema,
  EnrollSchema,
  ListEnrollmentsQuerySchema,
  SequenceAnswerSchema,
  SequenceListAnswerSchema,
  SequencePreviewAnswerSchema,
  SequencePreviewQuerySchema,
  StopEnrollmentSchema,
  UpdateSequenceSchema,
} from '../../domain/schemas/sequence';
import { CreateTemplateSchema, PreviewTemplateSchema, TemplateListAnswerSchema, TemplatePreviewViewSchema, TemplateViewSchema, UpdateTemplateSchema } from '../../domain/schemas/template';
import { TenantSettingsSchema, TenantViewSchema, UpdateTenantSettingsSchema } from '../../domain/schemas/tenant';
import {
  AssignThreadSchema,
  CannedReplyViewSchema,
  ComposeMessageSchema,
  ComposerViewSchema,
  ContactPanelSchema,
  CreateCannedReplySchema,
  CreateNoteSchema,
  EventStreamHeadersSchema,
  EventStreamQuerySchema,
  ListThreadsQuerySchema,
  NoteAnswerSchema,
  SentMessageAnswerSchema,
  ThreadAnswerSchema,
  ThreadMessageParamsSchema,
  ThreadTimelineQuerySchema,
  ThreadTimelineSchema,
  SetLabelsSchema,
  SnoozeThreadSchema,
  ThreadListViewSchema,
  ThreadViewQuerySchema,
  ThreadViewSchema,
  UpdateCannedReplySchema,
} from '../../domain/schemas/inbox';
import { rateLimit } from '../http/rate-limit';
import type { Operation, OperationGroup } from '../openapi/operation';
import { accountOperations } from './accounts/account-operations';
import { leadFormOperations } from './lead-forms/lead-form-operations';
import { auditLogOperations } from './audit-log/audit-log-operations';
import { dashboardOperations } from './dashboard/dashboard-operations';
import { crmOperations } from './crm-operations';
import { createContact } from './contacts/create-contact';
import { getContact } from './contacts/get-contact';
import { listContacts } from './contacts/list-contacts';
import { getHealth } from './health/get-health';
import { cancelMessage } from './messages/cancel-message';
import { createMessage } from './messages/create-message';
import { getMessage } from './messages/get-message';
import { listMessages } from './messages/list-messages';
import { rescheduleMessage } from './messages/reschedule-message';
import { getTenant } from './tenant/get-tenant';
import { getTenantSettingsRoute, updateTenantSettingsRoute } from './tenant/tenant-settings-routes';
import { simulateInbound } from './fake/simulate-inbound';
import { addSenderAddressRoute, listSenderAddressesRoute, removeSenderAddressRoute, setDefaultSenderRoute } from './sender-addresses/sender-address-routes';
import {
  deleteCredentialsRoute,
  getProviderCredentialsRoute,
  putResendCredentialsRoute,
  putTwilioCredentialsRoute,
} from './provider-credentials/provider-credential-routes';
import { createIngestTokenRoute, listIngestTokensRoute, revokeIngestTokenRoute } from './ingest-tokens/ingest-token-routes';
import { createNotificationRuleRoute, listNotificationRulesRoute } from './notification-rules/notification-rule-routes';
import { createTemplateRoute, deleteTemplateRoute, getTemplateRoute, listTemplatesRoute, previewTemplateRoute, updateTemplateRoute } from './templates/template-routes';
import { createSequenceRoute, getSequenceRoute, listSequencesRoute, previewSequenceRoute, publishSequenceRoute, updateSequenceRoute } from './sequences/sequence-routes';
import { bulkEnrollRoute, changeEnrollmentRoute, enrollContactRoute, getBulkEnrollmentRoute, getEnrollmentRoute, listEnrollmentsRoute } from './enrollments/enrollment-routes';
import { createCannedReplyRoute, deleteCannedReplyRoute, listCannedRepliesRoute, updateCannedReplyRoute } from './canned-replies/canned-reply-routes';
import { getContactPanelRoute } from './contacts/get-contact-panel';
import { streamEventsRoute } from './events/stream-events';
import { composeMessageRoute } from './threads/compose-message';
import { getComposerRoute } from './threads/get-composer';
import { getThreadRoute } from './threads/get-thread';
import { getThreadMessageRoute } from './threads/get-thread-message';
import { getThreadTimelineRoute } from './threads/get-thread-timeline';
import { listThreadsRoute } from './threads/list-threads';
import { changeThreadRoute, createNoteRoute, readThreadRoute } from './threads/thread-actions';
import { createQuoteRoute, getQuoteRoute, getQuoteSettingsRoute, listQuotesRoute, updateQuoteSettingsRoute } from './quotes/quote-routes';

const JSON_LIMIT = '1mb';
const json = (schema: z.ZodType, required = true) => ({ kind: 'json' as const, schema, limit: JSON_LIMIT, required });
const ok = (description: string, schema: z.ZodType) => ({ description, schema });
const nextCursor = z.string().nullable().describe('Pass as cursor for the next page; null on the last page');
const warning = z.string().optional().describe('Saved, but something needs your attention');

const HealthViewSchema = z
  .object({
    ok: z.boolean().describe('True when the database answers'),
    database: z.enum(['up', 'down']).describe('Postgres'),
    temporal: z.enum(['up', 'down']).describe('The Temporal frontend'),
    workers: z.enum(['up', 'down']).describe('Whether a Herald worker polls the task queue (down: runs wait)'),
    providers: z.record(z.string(), z.string()).describe('Provider serving each channel: twilio, resend or fake'),
  })
  .describe('Whether the API and what it depends on are up');

const threadAnswer = (description: string) => ({ 200: ok(description, ThreadAnswerSchema) });
const sendLimit = (deps: Parameters<NonNullable<Operation['middleware']>>[0]) => {
  const limit = deps.sendRateLimit ?? { perMinute: 120, burst: 120 };
  return [rateLimit('send', { capacity: limit.burst, refillPerSecond: limit.perMinute / 60 })];
};

/** The agents' inbox: threads, their timeline and composer, the contact panel, canned replies, the event stream. */
const inboxOperations: Operation[] = [
  {
    method: 'get', path: '/threads', operationId: 'listThreads', tag: 'inbox', security: 'apiKey',
    summary: 'Threads (one per contact and channel), newest activity first, with filters, search and the sidebar’s counts',
    description:
      'Keyset-paged (pass nextCursor as cursor). filter=mine and unread=true are per member: an API key has neither and gets a 400 for them; its unreadCount is always 0. status=open leaves out snoozed threads until their time passes. q searches contact names, phone numbers, emails and the words of messages. threadId asks for one thread under the same filters (no row: it does not match them), with the counts: what a live list needs after an event.',
    query: ListThreadsQuerySchema,
    responses: { 200: ok('A page of threads', ThreadListViewSchema) },
    handler: () => listThreadsRoute(),
  },
  {
    method: 'get', path: '/threads/:id', operationId: 'getThread', tag: 'inbox', security: 'apiKey',
    summary: 'A thread: its messages, notes and changes in time order, and what is still to go out',
    description: 'Each outbound message names its workflow (a Temporal Web link) and why it went out when it did; a failed one says why in plain words. Older items: pass nextBefore as before.',
    params: IdParamsSchema, query: ThreadViewQuerySchema,
    responses: { 200: ok('The thread', ThreadViewSchema) },
    errors: ['NOT_FOUND'],
    handler: getThreadRoute,
  },
  {
    method: 'get', path: '/threads/:id/timeline', operationId: 'getThreadTimeline', tag: 'inbox', security: 'apiKey', role: 'viewer',
    summary: 'What is new on a thread since an instant: its items created at or after it, and the thread as it now is',
    description: 'For a live conversation after a realtime event: pass the time of the newest item shown (less a margin for clocks and slow commits) and drop the items already shown. When more is true, load the whole thread view instead.',
    params: IdParamsSchema, query: ThreadTimelineQuerySchema,
    responses: { 200: ok('The new items', ThreadTimelineSchema) },
    errors: ['NOT_FOUND'],
    handler: getThreadTimelineRoute,
  },
  {
    method: 'get', path: '/threads/:id/messages/:messageId', operationId: 'getThreadMessage', tag: 'inbox', security: 'apiKey', role: 'viewer',
    summary: 'One message of a thread as the conversation shows it (delivery status, failure reason, its workflow)',
    description: 'For a live conversation after a message.updated event. A message of another thread is not found here.',
    params: ThreadMessageParamsSchema,
    responses: { 200: ok('The message', SentMessageAnswerSchema) },
    errors: ['NOT_FOUND'],
    handler: getThreadMessageRoute,
  },
  {
    method: 'post', path: '/threads/:id/messages', operationId: 'sendThreadMessage', tag: 'inbox', security: 'apiKey',
    summary: 'Reply on a thread, now or later (or on another of the contact’s channels)',
    description: 'Checked as the composer shows it: the contact needs an address and consent on the channel, and on WhatsApp outside the 24-hour window only an approved template goes. Sent like every message: a Temporal workflow that respects quiet hours and sends once.',
    params: IdParamsSchema, body: json(ComposeMessageSchema),
    responses: { 201: ok('Queued or scheduled', SentMessageAnswerSchema) },
    errors: ['NOT_FOUND', 'CONTACT_UNREACHABLE', 'CONSENT_REVOKED', 'WHATSAPP_WINDOW_CLOSED', 'TEMPLATE_INVALID', 'RATE_LIMITED', 'UNAVAILABLE'],
    middleware: sendLimit,
    handler: composeMessageRoute,
  },
  {
    method: 'get', path: '/threads/:id/composer', operationId: 'getComposer', tag: 'inbox', security: 'apiKey',
    summary: 'What can be sent on a thread: channels (and why not), templates for this contact, canned replies',
    params: IdParamsSchema,
    responses: { 200: ok('The composer', ComposerViewSchema) },
    errors: ['NOT_FOUND'],
    handler: getComposerRoute,
  },
  {
    method: 'post', path: '/threads/:id/assign', operationId: 'assignThread', tag: 'inbox', security: 'apiKey',
    summary: 'Assign a thread to a member, or unassign it', params: IdParamsSchema, body: json(AssignThreadSchema),
    responses: threadAnswer('Assigned'),
    errors: ['NOT_FOUND'],
    handler: () => changeThreadRoute('assign'),
  },
  {
    method: 'post', path: '/threads/:id/close', operationId: 'closeThread', tag: 'inbox', security: 'apiKey',
    summary: 'Close a thread (a reply from the contact opens it again)', params: IdParamsSchema,
    responses: threadAnswer('Closed'),
    errors: ['NOT_FOUND'],
    handler: () => changeThreadRoute('close'),
  },
  {
    method: 'post', path: '/threads/:id/reopen', operationId: 'reopenThread', tag: 'inbox', security: 'apiKey',
    summary: 'Open a closed or snoozed thread again', params: IdParamsSchema,
    responses: threadAnswer('Open'),
    errors: ['NOT_FOUND'],
    handler: () => changeThreadRoute('reopen'),
  },
  {
    method: 'post', path: '/threads/:id/snooze', operationId: 'snoozeThread', tag: 'inbox', security: 'apiKey',
    summary: 'Snooze a thread until a time: it reads as open again after it, or when the contact writes', params: IdParamsSchema, body: json(SnoozeThreadSchema),
    responses: threadAnswer('Snoozed'),
    errors: ['NOT_FOUND'],
    handler: () => changeThreadRoute('snooze'),
  },
  {
    method: 'post', path: '/threads/:id/read', operationId: 'markThreadRead', tag: 'inbox', security: 'apiKey', role: 'viewer',
    summary: 'Mark a thread read for the calling member (an API key has no read state: 400)', params: IdParamsSchema,
    responses: threadAnswer('Read'),
    errors: ['NOT_FOUND'],
    handler: () => readThreadRoute(),
  },
  {
    method: 'post', path: '/threads/:id/notes', operationId: 'addThreadNote', tag: 'inbox', security: 'apiKey',
    summary: 'Add a note to a thread (private: members only; public)', params: IdParamsSchema, body: json(CreateNoteSchema),
    responses: { 201: ok('Added', NoteAnswerSchema) },
    errors: ['NOT_FOUND'],
    handler: () => createNoteRoute(),
  },
  {
    method: 'put', path: '/threads/:id/labels', operationId: 'setThreadLabels', tag: 'inbox', security: 'apiKey',
    summary: 'Set the labels of a thread', params: IdParamsSchema, body: json(SetLabelsSchema),
    responses: threadAnswer('Labelled'),
    errors: ['NOT_FOUND'],
    handler: () => changeThreadRoute('labels'),
  },
  {
    method: 'get', path: '/contacts/:id/panel', operationId: 'getContactPanel', tag: 'inbox', security: 'apiKey',
    summary: 'The contact beside a thread: details, consent per channel, notes, running enrollments, quotes, labels', params: IdParamsSchema,
    responses: { 200: ok('The panel', ContactPanelSchema) },
    errors: ['NOT_FOUND'],
    handler: getContactPanelRoute,
  },
  {
    method: 'get', path: '/canned-replies', operationId: 'listCannedReplies', tag: 'inbox', security: 'apiKey',
    summary: 'Canned replies, by shortcut',
    responses: { 200: ok('The replies', z.object({ cannedReplies: z.array(CannedReplyViewSchema).describe('By shortcut') })) },
    handler: () => listCannedRepliesRoute(),
  },
  {
    method: 'post', path: '/canned-replies', operationId: 'createCannedReply', tag: 'inbox', security: 'apiKey', role: 'admin',
    summary: 'Add a canned reply', body: json(CreateCannedReplySchema),
    responses: { 201: ok('Added', z.object({ cannedReply: CannedReplyViewSchema })) },
    errors: ['CONFLICT'],
    handler: () => createCannedReplyRoute(),
  },
  {
    method: 'patch', path: '/canned-replies/:id', operationId: 'updateCannedReply', tag: 'inbox', security: 'apiKey', role: 'admin',
    summary: 'Change a canned reply', params: IdParamsSchema, body: json(UpdateCannedReplySchema),
    responses: { 200: ok('Changed', z.object({ cannedReply: CannedReplyViewSchema })) },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: () => updateCannedReplyRoute(),
  },
  {
    method: 'delete', path: '/canned-replies/:id', operationId: 'deleteCannedReply', tag: 'inbox', security: 'apiKey', role: 'admin',
    summary: 'Delete a canned reply', params: IdParamsSchema,
    responses: { 204: { description: 'Deleted' } },
    errors: ['NOT_FOUND'],
    handler: () => deleteCannedReplyRoute(),
  },
  {
    method: 'get', path: '/events', operationId: 'streamEvents', tag: 'inbox', security: 'apiKey',
    summary: 'The tenant’s realtime events as Server-Sent Events (message.created, message.updated, note.created, thread.updated, thread.read)',
    description:
      'Each SSE message has `id:` (the event number) and one `data:` line of JSON: {id, type, threadId, data, at}. Reconnecting with Last-Event-ID (EventSource does it by itself) or ?lastEventId= resumes with every event after it — none missed, none twice. Events are kept for a retention (7 days by default): resuming from an event older than that first gives one `reset` event (reload everything, then apply what follows). `:` comment lines are heartbeats. A stream ends after a few minutes (the client reconnects where it was). Fed by Postgres LISTEN/NOTIFY, so it works behind several API processes.',
    query: EventStreamQuerySchema, headers: EventStreamHeadersSchema,
    responses: { 200: { description: 'The event stream', contentType: 'text/event-stream', schema: z.string().describe('SSE frames: `id: <n>` and `data: <JSON event>` lines, blank-line separated; `:` lines are heartbeats') } },
    errors: ['UNAVAILABLE'],
    handler: streamEventsRoute,
  },
];

/** Everything under /api a tenant's API key reaches, plus the health check. */
const operations: Operation[] = [
  {
    method: 'get', path: '/health', operationId: 'getHealth', tag: 'health', security: 'none',
    summary: 'Liveness, and whether Postgres and Temporal answer',
    responses: { 200: ok('Up', HealthViewSchema), 503: ok('The database is down', HealthViewSchema) },
    handler: getHealth,
  },
  {
    method: 'get', path: '/tenant', operationId: 'getTenant', tag: 'tenant', security: 'apiKey',
    summary: 'The tenant this API key belongs to',
    responses: { 200: ok('The tenant', z.object({ tenant: TenantViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: getTenant,
  },
  {
    method: 'get', path: '/tenant/settings', operationId: 'getTenantSettings', tag: 'tenant', security: 'apiKey',
    summary: 'The tenant’s settings: business details, time zone, quiet hours, business days and send limits',
    responses: { 200: ok('The settings', z.object({ settings: TenantSettingsSchema })) },
    handler: () => getTenantSettingsRoute(),
  },
  {
    method: 'patch', path: '/tenant/settings', operationId: 'updateTenantSettings', tag: 'tenant', security: 'apiKey', role: 'admin',
    summary: 'Change some settings; messages waiting out quiet hours look at the new ones at once',
    body: json(UpdateTenantSettingsSchema),
    responses: {
      200: ok(
        'The settings as they now are',
        z.object({
          settings: TenantSettingsSchema,
          recheck: z.object({ workflowId: z.string().describe('The run telling waiting messages about the change') }).optional().describe('Present when quiet hours or the zone changed'),
          warning,
        }),
      ),
    },
    handler: updateTenantSettingsRoute,
  },
  {
    method: 'get', path: '/contacts', operationId: 'listContacts', tag: 'contacts', security: 'apiKey',
    summary: 'Contacts, newest first, searched and filtered (stage, custom fields, consent, creation time) or as a saved view',
    description:
      'Keyset-paged: pass nextCursor as cursor. filter is URL-encoded JSON, e.g. {"stageIds":["stg_…"],"consent":{"sms":["granted"]},"fields":[{"key":"budget","op":"range","min":1000},{"key":"plan","op":"oneOf","values":["Gold"]},{"key":"notes","op":"contains","value":"boiler"}]}. Each condition must fit its custom field’s type (text: equals, contains; number and date: range; select: oneOf), else a 400 naming it. viewId uses a saved view’s filter; q searches name, phone and email on top.',
    query: ListContactsQuerySchema,
    responses: { 200: ok('A page of contacts', ContactListAnswerSchema) },
    errors: ['NOT_FOUND'],
    handler: () => listContacts(),
  },
  {
    method: 'post', path: '/contacts', operationId: 'createContact', tag: 'contacts', security: 'apiKey',
    summary: 'Add a contact', body: json(CreateContactSchema),
    description: 'A phone number or email another contact has is a 409 whose details name that contact ({field, contactId}), so the app can offer to merge. Values of the tenant’s custom fields must fit their type.',
    responses: { 201: ok('Created', z.object({ contact: ContactViewSchema })) },
    errors: ['CONFLICT', 'NOT_FOUND'],
    handler: () => createContact(),
  },
  {
    method: 'get', path: '/contacts/:id', operationId: 'getContact', tag: 'contacts', security: 'apiKey',
    summary: 'One contact', params: IdParamsSchema,
    responses: { 200: ok('The contact', z.object({ contact: ContactViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => getContact(),
  },
  {
    method: 'get', path: '/messages', operationId: 'listMessages', tag: 'messages', security: 'apiKey',
    summary: 'Messages, newest first', query: ListMessagesQuerySchema,
    responses: { 200: ok('A page of messages', z.object({ messages: z.array(MessageViewSchema).describe('The page'), nextCursor })) },
    handler: listMessages,
  },
  {
    method: 'post', path: '/messages', operationId: 'createMessage', tag: 'messages', security: 'apiKey',
    summary: 'Send a message now or schedule it', description: 'Every message is a Temporal workflow: it waits for sendAt, respects quiet hours and consent, and sends once.',
    body: json(CreateMessageSchema),
    responses: { 201: ok('Scheduled or queued', z.object({ message: MessageViewSchema })) },
    errors: ['NOT_FOUND', 'CONTACT_UNREACHABLE', 'RATE_LIMITED', 'UNAVAILABLE'],
    middleware: sendLimit,
    handler: createMessage,
  },
  {
    method: 'get', path: '/messages/:id', operationId: 'getMessage', tag: 'messages', security: 'apiKey',
    summary: 'One message', params: IdParamsSchema,
    responses: { 200: ok('The message', z.object({ message: MessageViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: getMessage,
  },
  {
    method: 'post', path: '/messages/:id/cancel', operationId: 'cancelMessage', tag: 'messages', security: 'apiKey',
    summary: 'Cancel a message that has not been sent', params: IdParamsSchema,
    responses: { 200: ok('Cancelled', MessageChangeAnswerSchema) },
    errors: ['NOT_FOUND', 'TOO_LATE'],
    handler: cancelMessage,
  },
  {
    method: 'post', path: '/messages/:id/reschedule', operationId: 'rescheduleMessage', tag: 'messages', security: 'apiKey',
    summary: 'Move a message that has not been sent', params: IdParamsSchema, body: json(RescheduleMessageSchema),
    responses: { 200: ok('Rescheduled', MessageChangeAnswerSchema) },
    errors: ['NOT_FOUND', 'TOO_LATE'],
    handler: rescheduleMessage,
  },
  {
    method: 'post', path: '/fake/inbound', operationId: 'simulateInbound', tag: 'messages', security: 'apiKey',
    summary: 'Play the contact: an inbound SMS, WhatsApp message or email through the same path as a provider webhook',
    description: 'Lands like a real reply: the contact is found or created by phone number (sms, whatsapp) or email address (email), the message goes on their thread for that channel, and its workflow ends their enrollments that stop on reply. Consent keywords count on sms and whatsapp only. Only while the fake provider serves the channel for the calling tenant; otherwise a 404 saying which provider serves it.',
    body: json(SimulateInboundSchema),
    responses: {
      201: ok('Received', SimulatedInboundAnswerSchema),
    },
    errors: ['NOT_FOUND', 'UNAVAILABLE'],
    handler: simulateInbound,
  },
  {
    method: 'get', path: '/ingest-tokens', operationId: 'listIngestTokens', tag: 'ingest tokens', security: 'apiKey',
    summary: 'Ingest tokens (without the tokens)',
    responses: { 200: ok('The tokens', z.object({ ingestTokens: z.array(IngestTokenViewSchema).describe('Newest first') })) },
    handler: () => listIngestTokensRoute(),
  },
  {
    method: 'post', path: '/ingest-tokens', operationId: 'createIngestToken', tag: 'ingest tokens', security: 'apiKey', role: 'admin',
    summary: 'Make an ingest token for a website or tool', body: json(CreateIngestTokenSchema),
    responses: { 201: ok('Created; the token is shown only now', z.object({ ingestToken: CreatedIngestTokenViewSchema, note: z.string().describe('A reminder to store it') })) },
    handler: () => createIngestTokenRoute(),
  },
  {
    method: 'post', path: '/ingest-tokens/:id/revoke', operationId: 'revokeIngestToken', tag: 'ingest tokens', security: 'apiKey', role: 'admin',
    summary: 'Revoke an ingest token', params: IdParamsSchema,
    responses: { 204: { description: 'Revoked' } },
    errors: ['NOT_FOUND'],
    handler: () => revokeIngestTokenRoute(),
  },
  {
    method: 'get', path: '/sender-addresses', operationId: 'listSenderAddresses', tag: 'sender addresses', security: 'apiKey',
    summary: 'The tenant’s sender numbers and addresses',
    responses: { 200: ok('The senders', z.object({ senderAddresses: z.array(SenderAddressViewSchema).describe('Oldest first') })) },
    handler: () => listSenderAddressesRoute(),
  },
  {
    method: 'post', path: '/sender-addresses', operationId: 'addSenderAddress', tag: 'sender addresses', security: 'apiKey', role: 'admin',
    summary: 'Add a sender: an SMS number, short code or Messaging Service, a WhatsApp number, or an email from-address',
    description:
      'Sends on a channel go out from its default sender (`isDefault`), else from the server’s shared sender. Inbound webhooks find their tenant by the number a message was sent to, so a sender belongs to one tenant: one registered by any tenant is a 409.',
    body: json(CreateSenderAddressSchema),
    responses: { 201: ok('Added', z.object({ senderAddress: SenderAddressViewSchema })) },
    errors: ['CONFLICT'],
    handler: () => addSenderAddressRoute(),
  },
  {
    method: 'post', path: '/sender-addresses/:id/default', operationId: 'setDefaultSender', tag: 'sender addresses', security: 'apiKey', role: 'admin',
    summary: 'Make a sender the default of its channel', params: IdParamsSchema,
    responses: { 200: ok('It is the default', z.object({ senderAddress: SenderAddressViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => setDefaultSenderRoute(),
  },
  {
    method: 'delete', path: '/sender-addresses/:id', operationId: 'removeSenderAddress', tag: 'sender addresses', security: 'apiKey', role: 'admin',
    summary: 'Remove a sender', description: 'Removing a channel’s default leaves the channel on the server’s shared sender. Inbound messages to it no longer find this tenant by it.',
    params: IdParamsSchema,
    responses: { 204: { description: 'Removed' } },
    errors: ['NOT_FOUND'],
    handler: () => removeSenderAddressRoute(),
  },
  {
    method: 'get', path: '/provider-credentials', operationId: 'getProviderCredentials', tag: 'provider accounts', security: 'apiKey',
    summary: 'Which provider and account serves each channel for this tenant',
    description: 'Shows the Account SID of an own Twilio account and the last four characters of an own Resend API key; secrets are never returned.',
    responses: { 200: ok('The tenant’s provider accounts', z.object({ providerCredentials: ProviderCredentialsViewSchema })) },
    handler: getProviderCredentialsRoute,
  },
  {
    method: 'put', path: '/provider-credentials/twilio', operationId: 'putTwilioCredentials', tag: 'provider accounts', security: 'apiKey', role: 'admin',
    summary: 'Send this tenant’s SMS and WhatsApp through its own Twilio account',
    description:
      'The credentials are checked with Twilio first (the account fetch): refused ones are a 422 with Twilio’s reason. They are stored encrypted (AES-256-GCM under HERALD_SECRETS_KEY) and never shown again. Sends then need a default sender of that account.',
    body: json(TwilioCredentialsSchema),
    responses: { 200: ok('Stored', z.object({ providerCredentials: ProviderCredentialsViewSchema })) },
    errors: ['CREDENTIALS_REJECTED', 'UNAVAILABLE'],
    handler: putTwilioCredentialsRoute,
  },
  {
    method: 'delete', path: '/provider-credentials/twilio', operationId: 'deleteTwilioCredentials', tag: 'provider accounts', security: 'apiKey', role: 'admin',
    summary: 'Forget the tenant’s own Twilio account: SMS and WhatsApp go back to the server’s',
    responses: { 204: { description: 'Forgotten (or there was none)' } },
    handler: (deps) => deleteCredentialsRoute(deps, 'twilio'),
  },
  {
    method: 'put', path: '/provider-credentials/resend', operationId: 'putResendCredentials', tag: 'provider accounts', security: 'apiKey', role: 'admin',
    summary: 'Send this tenant’s email through its own Resend account',
    description: 'Stored encrypted (AES-256-GCM under HERALD_SECRETS_KEY) and never shown again; the webhook secret verifies that account’s webhooks. Sends then need a default email sender on a domain of that account.',
    body: json(ResendCredentialsSchema),
    responses: { 200: ok('Stored', z.object({ providerCredentials: ProviderCredentialsViewSchema })) },
    errors: ['UNAVAILABLE'],
    handler: putResendCredentialsRoute,
  },
  {
    method: 'delete', path: '/provider-credentials/resend', operationId: 'deleteResendCredentials', tag: 'provider accounts', security: 'apiKey', role: 'admin',
    summary: 'Forget the tenant’s own Resend account: email goes back to the server’s',
    responses: { 204: { description: 'Forgotten (or there was none)' } },
    handler: (deps) => deleteCredentialsRoute(deps, 'resend'),
  },
  {
    method: 'get', path: '/notification-rules', operationId: 'listNotificationRules', tag: 'notification rules', security: 'apiKey',
    summary: 'Who is told when a lead comes in',
    responses: { 200: ok('The rules', z.object({ notificationRules: z.array(NotificationRuleViewSchema).describe('Oldest first') })) },
    handler: () => listNotificationRulesRoute(),
  },
  {
    method: 'post', path: '/notification-rules', operationId: 'createNotificationRule', tag: 'notification rules', security: 'apiKey', role: 'admin',
    summary: 'Tell someone by SMS or email when a lead comes in', body: json(CreateNotificationRuleSchema),
    responses: { 201: ok('Created', z.object({ notificationRule: NotificationRuleViewSchema })) },
    handler: () => createNotificationRuleRoute(),
  },
  {
    method: 'get', path: '/templates', operationId: 'listTemplates', tag: 'templates', security: 'apiKey',
    summary: 'Saved templates',
    responses: { 200: ok('The templates', TemplateListAnswerSchema) },
    handler: () => listTemplatesRoute(),
  },
  {
    method: 'post', path: '/templates', operationId: 'createTemplate', tag: 'templates', security: 'apiKey', role: 'admin',
    summary: 'Save a template', body: json(CreateTemplateSchema),
    responses: { 201: ok('Saved', z.object({ template: TemplateViewSchema })) },
    errors: ['CONFLICT', 'TEMPLATE_INVALID'],
    handler: () => createTemplateRoute(),
  },
  {
    method: 'post', path: '/templates/preview', operationId: 'previewTemplateText', tag: 'templates', security: 'apiKey', role: 'viewer',
    summary: 'Render unsaved text for a contact', body: json(PreviewTemplateSchema),
    responses: { 200: ok('Rendered', z.object({ preview: TemplatePreviewViewSchema })) },
    errors: ['NOT_FOUND', 'TEMPLATE_INVALID'],
    handler: () => previewTemplateRoute(),
  },
  {
    method: 'get', path: '/templates/:id', operationId: 'getTemplate', tag: 'templates', security: 'apiKey',
    summary: 'One template', params: IdParamsSchema,
    responses: { 200: ok('The template', z.object({ template: TemplateViewSchema })) },
    errors: ['NOT_FOUND'],
    handler: () => getTemplateRoute(),
  },
  {
    method: 'patch', path: '/templates/:id', operationId: 'updateTemplate', tag: 'templates', security: 'apiKey', role: 'admin',
    summary: 'Change a template', params: IdParamsSchema, body: json(UpdateTemplateSchema),
    responses: { 200: ok('Changed', z.object({ template: TemplateViewSchema })) },
    errors: ['NOT_FOUND', 'CONFLICT', 'TEMPLATE_INVALID'],
    handler: () => updateTemplateRoute(),
  },
  {
    method: 'delete', path: '/templates/:id', operationId: 'deleteTemplate', tag: 'templates', security: 'apiKey', role: 'admin',
    summary: 'Delete a template', params: IdParamsSchema,
    responses: { 204: { description: 'Deleted' } },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: () => deleteTemplateRoute(),
  },
  {
    method: 'post', path: '/templates/:id/preview', operationId: 'previewTemplate', tag: 'templates', security: 'apiKey', role: 'viewer',
    summary: 'Render a saved template (or unsaved changes to it) for a contact', params: IdParamsSchema, body: json(PreviewTemplateSchema),
    responses: { 200: ok('Rendered', z.object({ preview: TemplatePreviewViewSchema })) },
    errors: ['NOT_FOUND', 'TEMPLATE_INVALID'],
    handler: () => previewTemplateRoute(),
  },
  {
    method: 'get', path: '/sequences', operationId: 'listSequences', tag: 'sequences', security: 'apiKey',
    summary: 'Sequences',
    responses: { 200: ok('The sequences', SequenceListAnswerSchema) },
    handler: listSequencesRoute,
  },
  {
    method: 'post', path: '/sequences', operationId: 'createSequence', tag: 'sequences', security: 'apiKey', role: 'admin',
    summary: 'Make a sequence (a draft, or published at once)', body: json(CreateSequenceRequestSchema),
    responses: { 201: ok('Created', SequenceAnswerSchema) },
    errors: ['CONFLICT', 'TEMPLATE_INVALID'],
    handler: createSequenceRoute,
  },
  {
    method: 'get', path: '/sequences/:id', operationId: 'getSequence', tag: 'sequences', security: 'apiKey',
    summary: 'One sequence with its published version and draft', params: IdParamsSchema,
    responses: { 200: ok('The sequence', SequenceAnswerSchema) },
    errors: ['NOT_FOUND'],
    handler: getSequenceRoute,
  },
  {
    method: 'patch', path: '/sequences/:id', operationId: 'updateSequence', tag: 'sequences', security: 'apiKey', role: 'admin',
    summary: 'Change the draft (a published version never changes)', params: IdParamsSchema, body: json(UpdateSequenceSchema),
    responses: { 200: ok('Changed', SequenceAnswerSchema) },
    errors: ['NOT_FOUND', 'CONFLICT', 'TEMPLATE_INVALID'],
    handler: updateSequenceRoute,
  },
  {
    method: 'post', path: '/sequences/:id/publish', operationId: 'publishSequence', tag: 'sequences', security: 'apiKey', role: 'admin',
    summary: 'Publish the draft: new enrollments start on it', params: IdParamsSchema,
    responses: { 200: ok('Published', SequenceAnswerSchema) },
    errors: ['NOT_FOUND', 'CONFLICT', 'TEMPLATE_INVALID'],
    handler: publishSequenceRoute,
  },
  {
    method: 'get', path: '/sequences/:id/preview', operationId: 'previewSequence', tag: 'sequences', security: 'apiKey',
    summary: 'When each step would fire for a contact, and what it would say', params: IdParamsSchema, query: SequencePreviewQuerySchema,
    responses: { 200: ok('The schedule', SequencePreviewAnswerSchema) },
    errors: ['NOT_FOUND'],
    handler: () => previewSequenceRoute(),
  },
  {
    method: 'post', path: '/sequences/:id/enrollments', operationId: 'enrollContact', tag: 'enrollments', security: 'apiKey',
    summary: 'Enroll a contact in the published version', params: IdParamsSchema, body: json(EnrollSchema),
    responses: { 201: ok('Enrolled', EnrollmentAnswerSchema) },
    errors: ['NOT_FOUND', 'NOT_PUBLISHED', 'ALREADY_ENROLLED', 'UNAVAILABLE'],
    handler: enrollContactRoute,
  },
  {
    method: 'post', path: '/sequences/:id/enrollments/bulk', operationId: 'bulkEnroll', tag: 'enrollments', security: 'apiKey',
    summary: 'Enroll many contacts, paced by a workflow', params: IdParamsSchema, body: json(BulkEnrollSchema),
    responses: { 202: ok('Accepted; progress is on the bulk enrollment', BulkEnrollmentAnswerSchema) },
    errors: ['NOT_FOUND', 'NOT_PUBLISHED', 'UNAVAILABLE'],
    handler: bulkEnrollRoute,
  },
  {
    method: 'get', path: '/bulk-enrollments/:id', operationId: 'getBulkEnrollment', tag: 'enrollments', security: 'apiKey',
    summary: 'Progress of a bulk enrollment', params: IdParamsSchema,
    responses: { 200: ok('Its progress', BulkEnrollmentAnswerSchema) },
    errors: ['NOT_FOUND'],
    handler: getBulkEnrollmentRoute,
  },
  {
    method: 'get', path: '/enrollments', operationId: 'listEnrollments', tag: 'enrollments', security: 'apiKey',
    summary: 'Enrollments, newest first', query: ListEnrollmentsQuerySchema,
    responses: { 200: ok('A page of enrollments', EnrollmentListAnswerSchema) },
    handler: listEnrollmentsRoute,
  },
  {
    method: 'get', path: '/enrollments/:id', operationId: 'getEnrollment', tag: 'enrollments', security: 'apiKey',
    summary: 'One enrollment, with its workflow’s own state while it runs', params: IdParamsSchema,
    responses: { 200: ok('The enrollment', EnrollmentAnswerSchema) },
    errors: ['NOT_FOUND'],
    handler: getEnrollmentRoute,
  },
  ...(['pause', 'resume', 'stop'] as const).map(
    (action): Operation => ({
      method: 'post', path: `/enrollments/:id/${action}`, operationId: `${action}Enrollment`, tag: 'enrollments', security: 'apiKey',
      summary: `${action[0]!.toUpperCase()}${action.slice(1)} an enrollment (a workflow update: the answer says whether it took)`,
      params: IdParamsSchema,
      ...(action === 'stop' ? { body: json(StopEnrollmentSchema, false) } : {}),
      responses: { 200: ok('Done', EnrollmentAnswerSchema) },
      errors: ['NOT_FOUND', 'CONFLICT', 'UNAVAILABLE'],
      handler: (deps) => changeEnrollmentRoute(deps, action),
    }),
  ),
  {
    method: 'get', path: '/quotes', operationId: 'listQuotes', tag: 'quotes', security: 'apiKey',
    summary: 'Quotes, newest first', query: ListQuotesQuerySchema,
    responses: { 200: ok('A page of quotes', QuoteListAnswerSchema) },
    handler: listQuotesRoute,
  },
  {
    method: 'post', path: '/quotes', operationId: 'createQuote', tag: 'quotes', security: 'apiKey',
    summary: 'Make a quote and text it to the contact', body: json(CreateQuoteSchema),
    responses: { 201: ok('Created', QuoteAnswerSchema) },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: createQuoteRoute,
  },
  {
    method: 'get', path: '/quotes/:id', operationId: 'getQuote', tag: 'quotes', security: 'apiKey',
    summary: 'One quote', params: IdParamsSchema,
    responses: { 200: ok('The quote', QuoteAnswerSchema.pick({ quote: true })) },
    errors: ['NOT_FOUND'],
    handler: getQuoteRoute,
  },
  {
    method: 'get', path: '/quote-settings', operationId: 'getQuoteSettings', tag: 'quotes', security: 'apiKey',
    summary: 'The quote texts and follow-up',
    responses: { 200: ok('The settings', z.object({ quoteSettings: QuoteSettingsViewSchema })) },
    handler: () => getQuoteSettingsRoute(),
  },
  {
    method: 'put', path: '/quote-settings', operationId: 'updateQuoteSettings', tag: 'quotes', security: 'apiKey', role: 'admin',
    summary: 'Change the quote texts and follow-up', body: json(QuoteSettingsSchema),
    responses: { 200: ok('Changed', z.object({ quoteSettings: QuoteSettingsViewSchema })) },
    errors: ['TEMPLATE_INVALID'],
    handler: () => updateQuoteSettingsRoute(),
  },
  ...inboxOperations,
];

export const apiGroup: OperationGroup = {
  prefix: '/api',
  operations: [...operations, ...crmOperations, ...accountOperations, ...leadFormOperations, ...dashboardOperations, ...auditLogOperations],
};
