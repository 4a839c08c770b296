import { z } from 'zod';
import { ChannelSchema, MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH } from '../channels';
import { parseClock } from '../quiet-hours';

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour)')
  .describe('Local time of day, HH:MM');

/**
 * When a sequence may send, in the contact's time zone (falling back to the tenant's). "tenant": outside
 * the tenant's quiet hours (the default); "always": any time; or a quiet window of its own.
 */
export const SendWindowSchema = z
  .union([z.literal('tenant'), z.literal('always'), z.object({ quietStart: clock, quietEnd: clock }).strict()])
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
  .strict();
export type SequenceSettings = z.infer<typeof SequenceSettingsSchema>;

export const WaitUnitSchema = z.enum(['minutes', 'hours', 'days', 'business_days']);

const MAX_WAIT_MINUTES = 366 * 24 * 60;
const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440, business_days: 1440 * 7 / 5 } as const;

export const SequenceStepSchema = z
  .object({
    channel: ChannelSchema,
    waitAmount: z.number().int().min(0).describe('Wait before this step, counted from the previous step (or enrollment)'),
    waitUnit: WaitUnitSchema.default('days'),
    templateId: z.string().min(1).max(64).optional().describe('A saved template (tpl_…); or give body (and subject)'),
    body: z.string().trim().min(1).optional(),
    subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH).optional(),
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
  });
export type SequenceStepInput = z.infer<typeof SequenceStepSchema>;

export const CreateSequenceSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    settings: SequenceSettingsSchema.default(SequenceSettingsSchema.parse({})),
    steps: z.array(SequenceStepSchema).min(1, 'a sequence needs at least one step').max(50),
  })
  .strict();
export type CreateSequence = z.infer<typeof CreateSequenceSchema>;

/** Editing replaces the draft's settings and steps; a published version is never changed (a new draft is made). */
export const UpdateSequenceSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    settings: SequenceSettingsSchema.optional(),
    steps: z.array(SequenceStepSchema).min(1).max(50).optional(),
  })
  .strict();
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
    source: z.string().min(1).max(200).optional(),
    hasPhone: z.boolean().optional(),
    hasEmail: z.boolean().optional(),
    createdAfter: z.iso.datetime({ offset: true }).optional(),
    createdBefore: z.iso.datetime({ offset: true }).optional(),
    properties: z
      .record(z.string().min(1).max(100), z.union([z.string().max(500), z.number(), z.boolean()]))
      .optional()
      .describe('Custom properties that must equal these values'),
  })
  .strict();
export type ContactFilter = z.infer<typeof contactFilter>;

export const BulkEnrollSchema = z
  .union([
    z.object({ contactIds: z.array(z.string().min(1).max(64)).min(1).max(10_000) }).strict(),
    z.object({ filter: contactFilter }).strict(),
  ])
  .describe('Either {contactIds: [...]} (at most 10,000) or {filter: {...}}');
export type BulkEnroll = z.infer<typeof BulkEnrollSchema>;

export const EnrollSchema = z.object({ contactId: z.string().min(1).max(64) }).strict();

export const StopEnrollmentSchema = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();
