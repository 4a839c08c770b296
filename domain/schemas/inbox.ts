import { z } from 'zod';
import { ChannelSchema, MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH } from '../channels';
import { IdSchema, IsoInstantSchema } from './common';
import { ContactViewSchema } from './contact';
import { MAX_SCHEDULE_AHEAD_DAYS, MessageViewSchema } from './message';
import { EnrollmentStatusSchema } from './sequence';

/**
 * The agents' inbox: threads (one per contact and channel), their timeline, the composer, the contact panel,
 * canned replies and the realtime event stream. The web app parses every answer with these schemas.
 */

// ── Building blocks ────────────────────────────────────────────────────────────────────────────────────

/** How a thread reads now: closed, snoozed (until its time passes) or open. */
export const ThreadStateSchema = z.enum(['open', 'closed', 'snoozed']).describe('open, closed, or snoozed (reads as open once its time has passed)');
export type ThreadState = z.infer<typeof ThreadStateSchema>;

export const MAX_LABELS = 20;
export const LabelSchema = z
  .string()
  .trim()
  .min(1, 'a label is not empty')
  .max(50, 'a label is at most 50 characters')
  .regex(/^[^,\s][^,]*$/, 'a label has no commas')
  .describe('A label, e.g. "billing" (at most 50 characters, no commas)');

const MemberRefSchema = z.object({ id: z.string().describe('Member (user) id, usr_…'), name: z.string().describe('Their name') }).describe('A member of the tenant');

export const ThreadSummarySchema = z
  .object({
    id: z.string().describe('Thread id (thr_…)'),
    channel: ChannelSchema,
    status: ThreadStateSchema,
    assignee: MemberRefSchema.nullable().describe('Who works it; null: unassigned'),
    contact: z
      .object({
        id: z.string().describe('Contact id (ctc_…)'),
        name: z.string().nullable().describe('First and last name, when known'),
        phone: z.string().nullable().describe('Phone number, E.164'),
        email: z.string().nullable().describe('Email address'),
      })
      .describe('Who the thread is with'),
    lastMessage: z
      .object({
        id: z.string().describe('Message id'),
        direction: z.enum(['inbound', 'outbound']).describe('inbound (from the contact) or outbound'),
        preview: z.string().describe('The first 140 characters of its text'),
        status: z.string().describe('Its delivery status'),
        at: z.string().describe('When it was created, ISO 8601'),
      })
      .nullable()
      .describe('The newest message'),
    lastActivityAt: z.string().nullable().describe('Newest activity (the order of the list), ISO 8601'),
    unreadCount: z.number().int().nonnegative().describe('Inbound messages the calling member has not read (0 for API keys)'),
    labels: z.array(z.string().describe('A label')).describe('Labels, in the order set'),
    snoozedUntil: z.string().nullable().describe('Snoozed until then (ISO 8601); null when not snoozed or the time has passed'),
  })
  .describe('A thread in the inbox list');
export type ThreadSummary = z.infer<typeof ThreadSummarySchema>;

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('true or false');

export const ListThreadsQuerySchema = z
  .object({
    filter: z.enum(['all', 'mine', 'unassigned']).default('all').describe('all, mine (assigned to the calling member; not for API keys) or unassigned'),
    unread: booleanQuery.optional().describe('true: only threads with messages the calling member has not read (not for API keys)'),
    channel: ChannelSchema.optional().describe('Only this channel'),
    status: ThreadStateSchema.optional().describe('Only threads in this state; all states when omitted'),
    label: LabelSchema.optional().describe('Only threads with this label'),
    q: z.string().trim().min(1).max(200).optional().describe('Search: contact name, phone number, email, or words in the messages'),
    threadId: IdSchema.optional().describe('Only this thread: its row as the list shows it, or no row when it does not match the other filters (how a live list places a thread that changed)'),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(100).default(50).describe('Page size, 1–100'),
  })
  .strict();
export type ListThreadsQuery = z.infer<typeof ListThreadsQuerySchema>;

export const ThreadCountsSchema = z
  .object({
    all: z.number().int().describe('Open threads (not snoozed), up to 1000'),
    mine: z.number().int().describe('Open threads assigned to the calling member, up to 1000 (0 for API keys)'),
    unassigned: z.number().int().describe('Open threads assigned to nobody, up to 1000'),
    unread: z.number().int().describe('Open threads with messages the calling member has not read, up to 1000 (0 for API keys)'),
  })
  .describe('Counts for the sidebar, whatever the filters. Each is exact below 1000 (THREAD_COUNT_LIMIT); 1000 means 1000 or more (the inbox shows 999+), so a count costs the same on a tenant of any size');

export const ThreadListViewSchema = z
  .object({
    threads: z.array(ThreadSummarySchema).describe('Newest activity first'),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
    counts: ThreadCountsSchema,
  })
  .describe('A page of threads');

// ── The thread view ────────────────────────────────────────────────────────────────────────────────────

export const SendTimingSchema = z
  .object({
    kind: z
      .enum(['immediate', 'scheduled', 'quiet-hours', 'paced', 'sequence-wait', 'business-days', 'compliance'])
      .describe('What decided the time: sent at once, its scheduled time, quiet hours, the send pace, a sequence wait (business days), a compliance reply'),
    text: z.string().describe('The same, in a sentence with local times'),
  })
  .describe('Why it went out (or will go out) when it did');

export const AutomationSchema = z
  .object({
    origin: z.string().describe('What created it: agent, api, sequence, quote, notification or compliance'),
    workflowId: z.string().describe('The Temporal workflow that sends it'),
    temporalUrl: z.string().describe('Temporal Web link to its run'),
    why: SendTimingSchema.nullable().describe('Why it went out when it did; null when it never went'),
    enrollmentId: z.string().nullable().describe('For a sequence step: its enrollment'),
  })
  .describe('The workflow behind an outbound message');

export const InboxMessageSchema = MessageViewSchema.extend({
  threadId: z.string().nullable().describe('Its thread'),
  mediaUrls: z.array(z.string().describe('A media URL')).describe('Attached media (images, files) to preview'),
  readAt: z.string().nullable().describe('When the contact read it (WhatsApp)'),
  failureReason: z.string().nullable().describe('Why it failed, in plain words; null unless it failed or was cancelled with a reason'),
  automation: AutomationSchema.nullable().describe('Its workflow, for outbound messages; null for inbound'),
}).describe('A message as the inbox shows it');
export type InboxMessage = z.infer<typeof InboxMessageSchema>;

export const NoteViewSchema = z
  .object({
    id: z.string().describe('Note id (not_…)'),
    threadId: z.string().describe('Its thread'),
    body: z.string().describe('Its text'),
    visibility: z.enum(['private', 'public']).describe('private (members only) or public'),
    author: MemberRefSchema.nullable().describe('Who wrote it; null when written with an API key'),
    createdAt: z.string().describe('When, ISO 8601'),
  })
  .describe('A note on a thread');

export const ActorSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('user').describe('A member'), id: z.string().describe('Member id'), name: z.string().nullable().describe('Their name') }).describe('A member'),
    z.object({ kind: z.literal('apiKey').describe('An API key'), id: z.string().describe('API key id') }).describe('A machine with an API key'),
    z.object({ kind: z.literal('system').describe('Herald itself') }).describe('Herald itself'),
  ])
  .describe('Who made a change');

export const ThreadEventViewSchema = z
  .object({
    id: z.string().describe('Event id (evt_…)'),
    type: z.string().describe('thread.assigned, thread.closed, thread.reopened, thread.snoozed, thread.labelled, …'),
    actor: ActorSchema,
    data: z.record(z.string(), z.unknown()).describe('What changed'),
    createdAt: z.string().describe('When, ISO 8601'),
  })
  .describe('A change to a thread, from the event log');

export const TimelineItemSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('message').describe('A message'), at: z.string().describe('Its time'), message: InboxMessageSchema }).describe('A message'),
    z.object({ kind: z.literal('note').describe('A note'), at: z.string().describe('Its time'), note: NoteViewSchema }).describe('A note'),
    z.object({ kind: z.literal('event').describe('A change'), at: z.string().describe('Its time'), event: ThreadEventViewSchema }).describe('A change'),
  ])
  .describe('One item of the timeline');

export const ThreadViewQuerySchema = z
  .object({
    before: IsoInstantSchema.optional().describe('Only items before this instant (the previous page: pass nextBefore)'),
    limit: z.coerce.number().int().min(1).max(200).default(100).describe('Items, 1–200'),
  })
  .strict();

export const ThreadTimelineQuerySchema = z
  .object({
    after: IsoInstantSchema.describe('Items created at or after this instant (inclusive, so an item of the same millisecond is not missed; the caller drops the ones it has)'),
    limit: z.coerce.number().int().min(1).max(200).default(100).describe('Items, 1–200'),
  })
  .strict();

export const ThreadTimelineSchema = z
  .object({
    thread: ThreadSummarySchema,
    timeline: z.array(TimelineItemSchema).describe('Messages, notes and changes at or after `after`, oldest first'),
    more: z.boolean().describe('True when more than `limit` items are that new: only the oldest `limit` are here (load the whole thread view instead)'),
  })
  .describe('What is new on a thread since an instant, with the thread as it now is');

export const ThreadMessageParamsSchema = z
  .object({
    id: IdSchema.describe('Thread id (thr_…)'),
    messageId: IdSchema.describe('Message id (msg_…) on that thread'),
  })
  .strict();

export const ThreadViewSchema = z
  .object({
    thread: ThreadSummarySchema,
    contact: ContactViewSchema,
    timeline: z.array(TimelineItemSchema).describe('Messages, notes and changes, oldest first'),
    nextBefore: z.string().nullable().describe('Pass as before for older items; null when there are none'),
    scheduled: z.array(InboxMessageSchema).describe('Messages still to go out on this thread, soonest first (cancel and reschedule with /messages/{id}/cancel and /reschedule)'),
  })
  .describe('A thread with its timeline');

// ── The composer ───────────────────────────────────────────────────────────────────────────────────────

export const ComposeMessageSchema = z
  .object({
    body: z.string().trim().min(1).max(MAX_BODY_LENGTH.email).optional().describe('The text; omit when sending a template'),
    channel: ChannelSchema.optional().describe('Another of the contact’s channels (it lands on that channel’s thread); the thread’s own when omitted'),
    subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH).optional().describe('Email subject (email only; the thread’s last subject when omitted)'),
    templateId: IdSchema.optional().describe('A saved template to send, rendered for the contact'),
    variables: z
      .record(z.string().regex(/^\w{1,32}$/).describe('Variable name'), z.string().max(1024).describe('Its value'))
      .optional()
      .describe('An approved WhatsApp template: the value of each of its numbered variables ({"1": …, "2": …}, every number once; the named variables of its text, in order of first appearance, are {{1}}, {{2}}, …); the contact’s values when omitted'),
    sendAt: IsoInstantSchema.optional().describe('When to send; now when omitted or past'),
  })
  .strict()
  .refine((v) => v.body !== undefined || v.templateId !== undefined, { message: 'give a body or a templateId', path: ['body'] })
  .refine((v) => !v.sendAt || Date.parse(v.sendAt) - Date.now() <= MAX_SCHEDULE_AHEAD_DAYS * 86_400_000, {
    message: `sendAt may be at most ${MAX_SCHEDULE_AHEAD_DAYS} days ahead`,
    path: ['sendAt'],
  })
  .describe('A message from an agent');
export type ComposeMessage = z.infer<typeof ComposeMessageSchema>;

export const ChannelAvailabilitySchema = z
  .object({
    channel: ChannelSchema,
    available: z.boolean().describe('Free text can be sent now'),
    reason: z.enum(['no_address', 'opted_out', 'whatsapp_window_closed']).nullable().describe('Why not, as a code'),
    message: z.string().nullable().describe('Why not, in words'),
    templatesOnly: z.boolean().describe('Only an approved template can be sent (WhatsApp outside its 24-hour window)'),
    windowClosesAt: z.string().nullable().describe('WhatsApp: when its 24-hour window closes (ISO 8601), while open'),
    threadId: z.string().nullable().describe('The contact’s thread on this channel, when there is one'),
    simulatedReplies: z.boolean().describe('The fake provider carries this channel for the tenant: POST /api/fake/inbound can play the contact'),
  })
  .describe('Whether the contact can be written to on a channel');

export const ComposerTemplateVariableSchema = z
  .object({
    number: z.string().regex(/^[1-9]\d*$/).describe('Its number in the approved content ({{1}}, {{2}}, …): the named variables of the template’s text, in order of first appearance'),
    name: z.string().describe('The variable of the template’s text it stands for (first_name, custom.day)'),
    value: z.string().nullable().describe('This contact’s value (else the text’s fallback); null when there is none'),
  })
  .describe('A numbered variable of an approved WhatsApp template');

export const ComposerTemplateSchema = z
  .object({
    id: z.string().describe('Template id (tpl_…)'),
    name: z.string().describe('Its name'),
    channel: ChannelSchema,
    subject: z.string().nullable().describe('Email subject'),
    body: z.string().describe('Its text with {{variables}}'),
    rendered: z.string().nullable().describe('Its text for this contact; null when a value is missing'),
    missing: z.array(z.string().describe('A variable')).describe('Variables this contact has no value for'),
    approvedWhatsApp: z.boolean().describe('An approved WhatsApp template (has a Twilio Content SID): sendable outside the 24-hour window'),
    variables: z
      .array(ComposerTemplateVariableSchema)
      .nullable()
      .describe('An approved WhatsApp template’s numbered variables, {{1}} first, with this contact’s values (send them, changed or not, as variables); null for other templates'),
  })
  .describe('A template the composer offers');

export const CannedReplyViewSchema = z
  .object({
    id: z.string().describe('Canned reply id (cnr_…)'),
    shortcut: z.string().describe('What agents type after / to insert it'),
    body: z.string().describe('Its text'),
    createdAt: z.string().describe('When it was made'),
    updatedAt: z.string().describe('When it last changed'),
  })
  .describe('A canned reply');

export const ComposerViewSchema = z
  .object({
    threadId: z.string().describe('The thread'),
    channels: z.array(ChannelAvailabilitySchema).describe('Every channel, the thread’s first'),
    templates: z.array(ComposerTemplateSchema).describe('Saved templates, by name'),
    cannedReplies: z.array(CannedReplyViewSchema).describe('Canned replies, by shortcut'),
    contactTimeZone: z.string().describe('The contact’s zone (else the tenant’s): scheduled sends are shown in it too'),
    tenantTimeZone: z.string().describe('The tenant’s zone'),
  })
  .describe('What the composer can send on this thread');

export const CreateCannedReplySchema = z
  .object({
    shortcut: z.string().trim().min(1).max(40).regex(/^[\w-]+$/, 'letters, digits, _ and - only').describe('Shortcut, e.g. thanks (letters, digits, _ and -)'),
    body: z.string().trim().min(1).max(MAX_BODY_LENGTH.whatsapp).describe('The text'),
  })
  .strict()
  .describe('A new canned reply');
export const UpdateCannedReplySchema = CreateCannedReplySchema.partial().strict().describe('Changes to a canned reply');

// ── Thread actions ─────────────────────────────────────────────────────────────────────────────────────

export const AssignThreadSchema = z
  .object({ userId: IdSchema.nullable().describe('The member to assign it to (usr_…); null to unassign') })
  .strict()
  .describe('Who works the thread');

export const SnoozeThreadSchema = z
  .object({ until: IsoInstantSchema.describe('When it comes back as open, ISO 8601, in the future') })
  .strict()
  .refine((v) => Date.parse(v.until) > Date.now(), { message: 'until must be in the future', path: ['until'] })
  .refine((v) => Date.parse(v.until) - Date.now() <= MAX_SCHEDULE_AHEAD_DAYS * 86_400_000, {
    message: `until may be at most ${MAX_SCHEDULE_AHEAD_DAYS} days ahead`,
    path: ['until'],
  })
  .describe('Snooze until then');

export const CreateNoteSchema = z
  .object({
    body: z.string().trim().min(1).max(10_000).describe('The note, at most 10,000 characters'),
    visibility: z.enum(['private', 'public']).default('private').describe('private (members only, the default) or public'),
  })
  .strict()
  .describe('A note on the thread');

export const SetLabelsSchema = z
  .object({
    labels: z
      .array(LabelSchema)
      .max(MAX_LABELS, `at most ${MAX_LABELS} labels`)
      .transform((labels) => [...new Set(labels)])
      .describe(`The thread’s labels (replacing the ones it has), at most ${MAX_LABELS}`),
  })
  .strict()
  .describe('The labels a thread carries');

// ── The contact panel ──────────────────────────────────────────────────────────────────────────────────

export const ContactPanelSchema = z
  .object({
    contact: ContactViewSchema,
    consent: z
      .array(
        z
          .object({
            channel: ChannelSchema,
            status: z.enum(['unknown', 'granted', 'revoked']).describe('unknown, granted or revoked (an opt-out)'),
            changedAt: z.string().nullable().describe('When it last changed'),
          })
          .describe('Consent on one channel'),
      )
      .describe('Consent per channel'),
    threads: z
      .array(z.object({ id: z.string().describe('Thread id'), channel: ChannelSchema, status: ThreadStateSchema }).describe('A thread'))
      .describe('The contact’s threads, one per channel'),
    notes: z.array(NoteViewSchema).describe('Notes on the contact’s threads, newest first (at most 50)'),
    enrollments: z
      .array(
        z
          .object({
            id: z.string().describe('Enrollment id (enr_…)'),
            sequenceId: z.string().describe('The sequence'),
            sequenceName: z.string().describe('Its name'),
            status: EnrollmentStatusSchema,
            currentStep: z.number().int().describe('Index of the step being waited for or sent'),
            nextSendAt: z.string().nullable().describe('When its next step goes out'),
            pausedAt: z.string().nullable().describe('When it was paused'),
            workflowId: z.string().nullable().describe('Temporal workflow id'),
            temporalUrl: z.string().nullable().describe('Temporal Web link to its run'),
          })
          .describe('An active or paused enrollment (pause, resume and stop with /enrollments/{id}/pause, /resume, /stop)'),
      )
      .describe('Active and paused enrollments'),
    quotes: z
      .array(
        z
          .object({
            id: z.string().describe('Quote id (quo_…)'),
            title: z.string().nullable().describe('Its title'),
            total: z.string().describe('Total, as a decimal string'),
            currency: z.string().describe('ISO 4217 currency'),
            status: z.string().describe('draft, open, sent, accepted, rejected or expired'),
            expiresAt: z.string().nullable().describe('When it expires'),
            createdAt: z.string().describe('When it was made'),
          })
          .describe('A quote'),
      )
      .describe('The contact’s quotes, newest first (at most 20)'),
    labels: z.array(z.string().describe('A label')).describe('Labels on the contact’s threads'),
  })
  .describe('Everything about a contact the inbox shows beside a thread');

// ── Realtime ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * `reset` is the stream's own: events the client had not received yet were pruned (the log keeps a retention's
 * worth), so what it shows may be stale and it must load everything again. It comes first on a stream resumed
 * from a pruned event, numbered like an event (resume after it), with no thread.
 */
export const REALTIME_EVENT_TYPES = ['message.created', 'message.updated', 'note.created', 'thread.updated', 'thread.read', 'lead_form.submitted', 'reset'] as const;

export const RealtimeEventSchema = z
  .object({
    id: z.string().describe('The event’s number in the tenant’s stream (send back as Last-Event-ID)'),
    type: z
      .enum(REALTIME_EVENT_TYPES)
      .describe(
        'What happened. `reset`: events after the client’s Last-Event-ID were pruned (older than the retention), so it may have missed changes: reload every view, then keep applying the events that follow. Treat a type you do not know the same way',
      ),
    threadId: z.string().nullable().describe('The thread it concerns (null for `reset`)'),
    data: z.record(z.string(), z.unknown()).describe('The ids and fields that changed (messageId, status, …)'),
    at: z.string().describe('When, ISO 8601'),
  })
  .describe('One event of the stream (the data of an SSE message)');
export type RealtimeEvent = z.infer<typeof RealtimeEventSchema>;

export const EventStreamQuerySchema = z
  .object({
    lastEventId: z.string().regex(/^\d{1,18}$/, 'an event id (digits)').optional().describe('Resume after this event (like the Last-Event-ID header)'),
  })
  .strict();

export const EventStreamHeadersSchema = z.object({
  'last-event-id': z.string().regex(/^\d{1,18}$/, 'an event id (digits)').optional().describe('Resume after this event: EventSource sends it when it reconnects'),
});

// ── Answers (the routes declare them; the web app parses with them) ─────────────────────────────────────

export const ThreadAnswerSchema = z.object({ thread: ThreadSummarySchema });
/** One message as the inbox shows it: the answer to sending one, and to reading one after its status changed. */
export const SentMessageAnswerSchema = z.object({ message: InboxMessageSchema });
export const NoteAnswerSchema = z.object({ note: NoteViewSchema });

export type ThreadList = z.infer<typeof ThreadListViewSchema>;
export type ThreadView = z.infer<typeof ThreadViewSchema>;
export type ThreadTimeline = z.infer<typeof ThreadTimelineSchema>;
export type TimelineItem = z.infer<typeof TimelineItemSchema>;
export type NoteView = z.infer<typeof NoteViewSchema>;
export type ThreadEventView = z.infer<typeof ThreadEventViewSchema>;
export type ComposerView = z.infer<typeof ComposerViewSchema>;
export type ComposerTemplate = z.infer<typeof ComposerTemplateSchema>;
export type ComposerTemplateVariable = z.infer<typeof ComposerTemplateVariableSchema>;
export type ChannelAvailability = z.infer<typeof ChannelAvailabilitySchema>;
export type CannedReplyView = z.infer<typeof CannedReplyViewSchema>;
export type ContactPanel = z.infer<typeof ContactPanelSchema>;
