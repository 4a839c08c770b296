import { z } from 'zod';
import { TimeZoneSchema } from './time-zone';

export const TenantViewSchema = z
  .object({
    id: z.string().describe('Tenant id (ten_…)'),
    name: z.string().describe('Tenant name'),
    businessName: z.string().describe('Business name shown to contacts'),
    supportContact: z.string().nullable().describe('How contacts reach the business'),
    timeZone: z.string().describe('The tenant’s IANA time zone; contacts without one use it'),
    quietHours: z
      .object({ start: z.string().describe('Start, HH:MM local'), end: z.string().describe('End, HH:MM local') })
      .nullable()
      .describe('When nothing is sent, in the contact’s time zone; null: any time'),
    temporalRunsUrl: z.string().describe('Temporal Web, filtered to this tenant’s runs'),
  })
  .describe('The tenant the API key belongs to');
export type TenantView = z.infer<typeof TenantViewSchema>;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];
/** ISO weekday (1 = Monday … 7 = Sunday) of a weekday name, and back. */
export const isoWeekday = (name: WeekdayName): number => WEEKDAYS.indexOf(name) + 1;
export const weekdayName = (iso: number): WeekdayName => WEEKDAYS[iso - 1]!;

const Clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM on a 24-hour clock')
  .describe('Local time of day, HH:MM (24-hour)');

const QuietHoursSchema = z
  .object({ start: Clock.describe('When quiet hours begin, local HH:MM'), end: Clock.describe('When they end, local HH:MM; may be the next morning') })
  .strict()
  .refine((q) => q.start !== q.end, { message: 'start and end are the same; use null for no quiet hours' })
  .describe('When nothing automated is sent, in the contact’s zone (the tenant’s for contacts without one); may cross midnight');

const SendLimitsSchema = z
  .object({
    perMinute: z.number().int().min(1).max(60_000).describe('Automated sends per minute, sustained'),
    burst: z.number().int().min(1).max(10_000).describe('How many may go back to back before the pace applies'),
    dailyCap: z.number().int().min(1).max(10_000_000).describe('Automated sends per tenant-local day; more wait for the next day'),
  })
  .strict()
  .describe('The pace and the daily cap every automated message keeps; a message over them waits its turn');

const SettingsFields = {
  businessName: z.string().trim().min(1).max(200).describe('The name contacts see (in HELP replies, quotes and templates)'),
  supportContact: z.string().trim().min(1).max(320).nullable().describe('How contacts reach the business (HELP replies); null: none'),
  timeZone: TimeZoneSchema.describe('The tenant’s IANA time zone, for contacts without one and for daily caps'),
  quietHours: QuietHoursSchema.nullable().describe('When nothing automated is sent; null: any time'),
  businessDays: z
    .array(z.enum(WEEKDAYS))
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, { message: 'each weekday once' })
    .describe('Weekdays that count as business days ("mon" … "sun")'),
  sendLimits: SendLimitsSchema,
  complianceRepliesPerDay: z.number().int().min(1).max(100).describe('Automatic STOP/START/HELP replies a contact may get in 24 hours'),
  ingestRatePerMinute: z.number().int().min(1).max(60_000).describe('Requests per minute each ingest token may make'),
};

export const TenantSettingsSchema = z.object(SettingsFields).describe('The tenant’s settings');
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

/** A change to some settings; what is left out stays as it is. */
export const UpdateTenantSettingsSchema = z
  .object({ ...SettingsFields, sendLimits: SendLimitsSchema.partial().strict().describe('The limits to change; the others stay') })
  .partial()
  .strict()
  .describe('The settings to change; the others stay as they are');
export type UpdateTenantSettings = z.infer<typeof UpdateTenantSettingsSchema>;
