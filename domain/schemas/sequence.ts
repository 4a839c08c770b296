import { z } from 'zod';
import { ChannelSchema, MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH } from '../channels';
import { parseClock } from '../quiet-hours';
import { IsoInstantSchema } from './common';

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour)')
  .describe('Local time of day, HH:MM');

/**
 * When a sequence may send, in the contact's time zone (falling back to the tenant's). "tenant": outside
 * the tenant's quiet hours (the default); "always": any time; or a quiet window of its own.
 */
export const SendWindowSchema = z
  .union([
    z.literal('tenant').describe('Outside the tenant’s quiet hours'),
    z.literal('always').describe('Any time'),
    z
      .object({ quietStart: clock.describe('Start of the quiet window, HH:MM local'), quietEnd: clock.describe('End of the quiet window, HH:MM local') })
      .strict()
      .describe('A quiet window of its own'),
  ])
  .describe('"tenant" (outside the tenant’s quiet hours), "always", or {quietStart, quietEnd}');
export type SendWindow = z.infer<typeof SendWindowSchema>;

export const SequenceSettingsSchema = z
  .object({
    stopOnReply: z.boolean().default(true).describe('End the enrollment when the contact replies'),
    sendWindow: SendWindowSchema.default('tenant'),
    missingChannel: z
      .enum(['skip', 'stop'])
      .default('skip')
      .describe('A step whose channel the contact lacks (no phone, no email): skip it, or end the enrollment'),
    reenroll: z
      .enum(['after-end', 'never'])
      .default('after-end')
      .describe('"after-end": a contact may be enrolled again once the previous enrollment ended; "never": once only'),
  })
  .strict()
  .describe('How the sequence behaves; every field has a default');
export type SequenceSettings = z.infer<typeof SequenceSettingsSchema>;

export const WaitUnitSchema = z.enum(['minutes', 'hours', 'days', 'business_days']).describe('Unit of the wait; business_days skip Saturdays and Sundays');

const MAX_WAIT_MINUTES = 366 * 24 * 60;
const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440, business_days: 1440 * 7 / 5 } as const;

export const SequenceStepSchema = z
  .object({
    channel: ChannelSchema,
    waitAmount: z.number().int().min(0).describe('Wait before this step, counted from the previous step (or enrollment); at most a year'),
    waitUnit: WaitUnitSchema.default('days'),
    templateId: z.string().min(1).max(64).optional().describe('A saved template (tpl_…); or give body (and subject)'),
    body: z.string().trim().min(1).optional().describe('Inline text with {{variables}}; or give templateId'),
    subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH).optional().describe('Inline email subject (email steps)'),
    approvedTemplateId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe(
        'WhatsApp steps: a saved WhatsApp template with a Content SID (tpl_…), sent instead of the step’s text when the contact has not written on WhatsApp in 24 hours. A step whose own template is approved needs none.',
      ),
  })
  .strict()
  .superRefine((step, ctx) => {
    if (step.waitAmount * UNIT_MINUTES[step.waitUnit] > MAX_WAIT_MINUTES) {
      ctx.addIssue({ code: 'custom', path: ['waitAmount'], message: 'a wait is at most a year' });
    }
    if (!step.templateId && !step.body) ctx.addIssue({ code: 'custom', path: ['body'], message: 'a step needs a templateId or a body' });
    if (step.templateId && (step.body || step.subject)) {
      ctx.addIssue({ code: 'custom', path: ['templateId'], message: 'give a templateId or an inline body/subject, not both' });
    }
    if (step.body && step.body.length > MAX_BODY_LENGTH[step.channel]) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `body is ${step.body.length} characters; ${step.channel} allows at most ${MAX_BODY_LENGTH[step.channel]}` });
    }
    if (step.channel === 'email' && step.body && !step.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'an email step needs a subject' });
    if (step.channel !== 'email' && step.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: `subject is only used by email, not ${step.channel}` });
    if (step.approvedTemplateId && step.channel !== 'whatsapp') {
      ctx.addIssue({ code: 'custom', path: ['approvedTemplateId'], message: `approvedTemplateId is only used by whatsapp steps, not ${step.channel}` });
    }
  })
  .describe('A step: wait, then send on a channel (a saved template or inline text)');
export type SequenceStepInput = z.infer<typeof SequenceStepSchema>;

export const CreateSequenceSchema = z
  .object({
    name: z.string().trim().min(1).max(200).describe('Name of the sequence'),
    settings: SequenceSettingsSchema.default(SequenceSettingsSchema.parse({})),
    steps: z.array(SequenceStepSchema).min(1, 'a sequence needs at least one step').max(50).describe('The steps, in order (1–50)'),
  })
  .strict()
  .describe('A new sequence (saved as a draft unless published)');
export type CreateSequence = z.infer<typeof CreateSequenceSchema>;

/** Editing replaces the draft's settings and steps; a published version is never changed (a new draft is made). */
export const UpdateSequenceSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional().describe('New name'),
    settings: SequenceSettingsSchema.optional(),
    steps: z.array(SequenceStepSchema).min(1).max(50).optional().describe('The draft’s new steps, in order (1–50)'),
  })
  .strict()
  .describe('Changes to the draft; a published version never changes');
export type UpdateSequence = z.infer<typeof UpdateSequenceSchema>;

/** The quiet window a send window stands for, in minutes after local midnight; null: send any time. */
export function resolveSendWindow(
  window: SendWindow,
  tenantQuietHours: { startMinute: number; endMinute: number } | null,
): { startMinute: number; endMinute: number } | null {
  if (window === 'always') return null;
  if (window === 'tenant') return tenantQuietHours;
  return { startMinute: parseClock(window.quietStart), endMinute: parseClock(window.quietEnd) };
}

const contactFilter = z
  .object({
    source: z.string().min(1).max(200).optional().describe('Contacts from this source'),
    hasPhone: z.boolean().optional().describe('Contacts with (true) or without (false) a phone number'),
    hasEmail: z.boolean().optional().describe('Contacts with (true) or without (false) an email address'),
    createdAfter: IsoInstantSchema.optional().describe('Contacts created at or after this instant'),
    createdBefore: IsoInstantSchema.optional().describe('Contacts created before this instant'),
    properties: z
      .record(
        z.string().min(1).max(100).describe('Property name'),
        z.union([z.string().max(500), z.number(), z.boolean()]).describe('The value it must equal'),
      )
      .refine((v) => Object.keys(v).length <= 20, { message: 'at most 20 properties' })
      .optional()
      .describe('Custom properties that must equal these values (at most 20)'),
  })
  .strict()
  .describe('Which contacts to enroll: all of these must hold');
export type ContactFilter = z.infer<typeof contactFilter>;

export const BulkEnrollSchema = z
  .union([
    z
      .object({ contactIds: z.array(z.string().min(1).max(64).describe('A contact id')).min(1).max(10_000).describe('The contacts to enroll (1–10,000)') })
      .strict()
      .describe('Given contacts'),
    z.object({ filter: contactFilter }).strict().describe('Every contact matching a filter'),
  ])
  .describe('Either {contactIds: [...]} (at most 10,000) or {filter: {...}}');
export type BulkEnroll = z.infer<typeof BulkEnrollSchema>;

export const EnrollSchema = z
  .object({ contactId: z.string().min(1).max(64).describe('The contact to enroll (ctc_…)') })
  .strict()
  .describe('The contact to enroll');

export const StopEnrollmentSchema = z
  .object({ reason: z.string().trim().min(1).max(500).optional().describe('Why, for the event log') })
  .strict()
  .describe('Why the enrollment is stopped (optional)');

export const ENROLLMENT_STATUSES = ['active', 'paused', 'completed', 'stopped', 'failed'] as const;
export const EnrollmentStatusSchema = z.enum(ENROLLMENT_STATUSES).describe('Enrollment status');

export const ListEnrollmentsQuerySchema = z
  .object({
    sequenceId: z.string().min(1).max(64).optional().describe('Only this sequence’s enrollments'),
    contactId: z.string().min(1).max(64).optional().describe('Only this contact’s enrollments'),
    status: EnrollmentStatusSchema.optional().describe('Only enrollments in this status'),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1–200'),
    cursor: z.string().min(1).max(64).optional().describe('Id of the last enrollment of the previous page'),
  })
  .strict();

/** Creating a sequence may publish it at once. */
export const CreateSequenceRequestSchema = CreateSequenceSchema.extend({
  publish: z.boolean().optional().describe('Publish at once, so contacts can be enrolled'),
}).describe('A new sequence (saved as a draft unless publish is true)');

export const SequencePreviewQuerySchema = z
  .object({
    contactId: z.string().min(1).max(64).describe('The contact to preview for (ctc_…)'),
    version: z.enum(['published', 'draft']).optional().describe('Default: the published version, else the draft'),
    start: IsoInstantSchema.optional().describe('When the enrollment would start; default now'),
  })
  .strict();

const VersionStepViewSchema = z
  .object({
    position: z.number().int().describe('Position, from 0'),
    channel: ChannelSchema,
    waitAmount: z.number().int().describe('Wait before this step'),
    waitUnit: WaitUnitSchema,
    templateId: z.string().nullable().describe('The saved template it came from'),
    subject: z.string().nullable().describe('Email subject (frozen when published)'),
    body: z.string().nullable().describe('Text (frozen when published)'),
    approvedTemplateId: z.string().nullable().describe('WhatsApp: the approved template sent when the 24-hour window is closed'),
    approvedContentSid: z.string().nullable().describe('WhatsApp: that template’s Content SID (frozen when published)'),
  })
  .describe('A step of a version');

const VersionViewSchema = z
  .object({
    id: z.string().describe('Version id'),
    version: z.number().int().describe('Version number, from 1'),
    publishedAt: z.string().nullable().describe('When it was published; null for the draft'),
    settings: SequenceSettingsSchema,
    steps: z.array(VersionStepViewSchema).describe('Its steps, in order'),
  })
  .describe('A version of a sequence');

/** How a sequence's (or one version's) enrollments stand; counted by Postgres. */
export const SequenceStatsSchema = z
  .object({
    active: z.number().int().describe('Enrollments running'),
    paused: z.number().int().describe('Enrollments paused'),
    completed: z.number().int().describe('Enrollments that sent every step'),
    stopped: z.number().int().describe('Enrollments ended early: a reply, an opt-out, a manual stop, a missing channel'),
    failed: z.number().int().describe('Enrollments ended by a failure (a send failed, a text could not be rendered)'),
    total: z.number().int().describe('Every enrollment ever started'),
    replied: z.number().int().describe('Enrollments whose contact wrote in while enrolled (an opt-out keyword is not a reply)'),
    replyRate: z.number().min(0).max(1).nullable().describe('replied / total, from 0 to 1; null before anyone was enrolled'),
  })
  .describe('Enrollment counts and the reply rate');
export type SequenceStats = z.infer<typeof SequenceStatsSchema>;

export const SequenceViewSchema = z
  .object({
    id: z.string().describe('Sequence id (seq_…)'),
    name: z.string().describe('Name'),
    createdAt: z.string().describe('When it was created'),
    updatedAt: z.string().describe('When it last changed'),
    published: VersionViewSchema.nullable().describe('The version enrollments start on'),
    draft: VersionViewSchema.nullable().describe('The version being edited'),
    versions: z
      .array(
        z
          .object({
            id: z.string().describe('Version id'),
            version: z.number().int().describe('Version number'),
            publishedAt: z.string().nullable().describe('When it was published'),
            stats: SequenceStatsSchema.describe('The enrollments that run (or ran) on this version'),
          })
          .describe('A version'),
      )
      .describe('Every version, newest first'),
    stats: SequenceStatsSchema.describe('Every enrollment of the sequence, whatever its version'),
    temporalRunsUrl: z.string().describe('Temporal Web, filtered to this sequence’s enrollments'),
  })
  .describe('A sequence');
export type SequenceView = z.infer<typeof SequenceViewSchema>;

/** The answer of the routes that make, read or change one sequence. */
export const SequenceAnswerSchema = z.object({ sequence: SequenceViewSchema });
export const SequenceListAnswerSchema = z.object({ sequences: z.array(SequenceViewSchema).describe('The sequences') });

const EnrollmentStopReasonSchema = z
  .enum(['replied', 'opted_out', 'manual', 'missing_channel', 'send_failed', 'sequence_empty'])
  .describe('Why the enrollment stopped');

export const EnrollmentStateViewSchema = z
  .object({
    enrollmentId: z.string().describe('Enrollment id'),
    status: EnrollmentStatusSchema,
    currentStep: z.number().int().describe('Index of the step being waited for or sent'),
    stepCount: z.number().int().describe('Number of steps'),
    nextSendAt: z.string().nullable().describe('When the next step fires'),
    pausedRemainingMs: z.number().nullable().describe('While paused: the wait left'),
    sent: z.number().int().describe('Steps sent so far'),
    stopReason: EnrollmentStopReasonSchema.nullable().describe('Why it stopped, once it has'),
  })
  .describe('The running workflow’s own answer');

export const EnrollmentViewSchema = z
  .object({
    id: z.string().describe('Enrollment id (enr_…)'),
    sequenceId: z.string().describe('The sequence'),
    versionId: z.string().describe('The version it runs'),
    contactId: z.string().describe('The contact'),
    contactName: z.string().nullable().describe('The contact’s name, when known'),
    status: EnrollmentStatusSchema,
    currentStep: z.number().int().describe('Index of the step being waited for or sent'),
    nextSendAt: z.string().nullable().describe('When the next step fires'),
    stopReason: z.string().nullable().describe('Why it stopped'),
    startedAt: z.string().describe('When it started'),
    endedAt: z.string().nullable().describe('When it ended'),
    pausedAt: z.string().nullable().describe('When it was paused'),
    bulkEnrollmentId: z.string().nullable().describe('The bulk enrollment that started it'),
    workflowId: z.string().nullable().describe('Temporal workflow id'),
    temporalUrl: z.string().nullable().describe('Temporal Web link to its run'),
    live: EnrollmentStateViewSchema.nullable().optional().describe('The workflow’s own state while it runs; null when it cannot be asked'),
  })
  .describe('An enrollment of a contact in a sequence');

/** The answer of the routes that read or change one enrollment. */
export const EnrollmentAnswerSchema = z.object({ enrollment: EnrollmentViewSchema });

export const EnrollmentListAnswerSchema = z.object({
  enrollments: z.array(EnrollmentViewSchema).describe('The page'),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
});

export const BulkEnrollmentViewSchema = z
  .object({
    id: z.string().describe('Bulk enrollment id (bke_…)'),
    sequenceId: z.string().describe('The sequence'),
    status: z.string().describe('running, completed or failed'),
    criteria: z.unknown().describe('The contact ids or filter it was given'),
    total: z.number().int().describe('Contacts covered'),
    enrolled: z.number().int().describe('Contacts enrolled so far'),
    skipped: z.number().int().describe('Contacts skipped (already enrolled, opted out, …)'),
    remaining: z.number().int().describe('Contacts not yet looked at'),
    error: z.string().nullable().describe('Why it failed'),
    createdAt: z.string().describe('When it was asked for'),
    finishedAt: z.string().nullable().describe('When it finished'),
    workflowId: z.string().nullable().describe('Temporal workflow id'),
    temporalUrl: z.string().nullable().describe('Temporal Web link to its run'),
  })
  .describe('A bulk enrollment, paced by a workflow');

export const BulkEnrollmentAnswerSchema = z.object({ bulkEnrollment: BulkEnrollmentViewSchema });

const PlacedProblemSchema = z
  .object({
    code: z.string().describe('syntax, unknown_variable or missing_value'),
    token: z.string().describe('The {{token}} at fault'),
    message: z.string().describe('What is wrong'),
  })
  .describe('A problem rendering a template');

export const SequencePreviewViewSchema = z
  .object({
    sequenceId: z.string().describe('The sequence'),
    versionId: z.string().describe('The version previewed'),
    version: z.number().int().describe('Its number'),
    published: z.boolean().describe('Whether it is the published version'),
    contactId: z.string().describe('The contact'),
    timeZone: z.string().describe('The zone the times are worked out in'),
    quietHours: z
      .object({ startMinute: z.number().int().describe('Minutes after local midnight'), endMinute: z.number().int().describe('Minutes after local midnight') })
      .nullable()
      .describe('The quiet window; null: any time'),
    start: z.string().describe('When the enrollment would start'),
    steps: z
      .array(
        z
          .object({
            position: z.number().int().describe('Position'),
            channel: ChannelSchema,
            wait: z.object({ amount: z.number().int().describe('Wait'), unit: WaitUnitSchema }).describe('The wait before it'),
            fireAt: z.string().describe('When it would fire'),
            reasons: z
              .array(
                z
                  .object({
                    code: z.enum(['business_day', 'quiet_hours']).describe('Why it moved'),
                    message: z.string().describe('Explanation'),
                    from: z.string().describe('Time before moving'),
                    to: z.string().describe('Time after moving'),
                  })
                  .describe('Why the step moved'),
              )
              .describe('Why it moved, if it did'),
            outcome: z.enum(['send', 'skip', 'stop', 'not_reached']).describe('What would happen'),
            note: z.string().nullable().describe('Why it would skip or stop'),
            subject: z.string().nullable().describe('Rendered subject'),
            body: z.string().nullable().describe('Rendered text; null when it has problems'),
            problems: z.array(PlacedProblemSchema).describe('Rendering problems'),
          })
          .describe('A step as it would run'),
      )
      .describe('Each step'),
  })
  .describe('When each step would fire for the contact, rendered for them');

export const SequencePreviewAnswerSchema = z.object({ preview: SequencePreviewViewSchema });
