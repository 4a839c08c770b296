import { z } from 'zod';
import { DASHBOARD_RANGES } from '../dashboard-window';

/**
 * The dashboard's answers. Every metric covers the last 7 or 30 calendar days in the tenant's time zone, today
 * included up to now, and answers as JSON or — the same data — as CSV (`?format=csv` or `Accept: text/csv`).
 */

const count = (what: string) => z.number().int().nonnegative().describe(what);
const rate = (what: string) => z.number().min(0).max(1).nullable().describe(`${what}, 0–1; null when there is nothing to divide by`);
const seconds = (what: string) => z.number().nonnegative().nullable().describe(`${what}, in seconds; null when there is none`);

export const DashboardRangeSchema = z
  .enum(Object.keys(DASHBOARD_RANGES) as [keyof typeof DASHBOARD_RANGES, ...Array<keyof typeof DASHBOARD_RANGES>])
  .describe('The last 7 or 30 days in the tenant’s time zone, today included');

const FormatSchema = z.enum(['json', 'csv']).describe('csv: the same data as a CSV file (like Accept: text/csv); json by default');

export const DashboardQuerySchema = z
  .object({
    range: DashboardRangeSchema.default('30d').describe('7d or 30d: the last 7 or 30 days in the tenant’s time zone, today included; 30d by default'),
    format: FormatSchema.optional().describe('csv: the same data as a CSV file (like Accept: text/csv); json by default'),
  })
  .strict();
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

export const FunnelQuerySchema = DashboardQuerySchema.extend({
  version: z.coerce.number().int().min(1).max(100_000).optional().describe('Only enrollments on this published version; every version when omitted'),
}).strict();

export const DashboardWindowSchema = z
  .object({
    range: DashboardRangeSchema,
    timeZone: z.string().describe('The tenant’s time zone, in which the days are counted'),
    from: z.string().describe('Start of the first day (its local midnight), ISO 8601'),
    to: z.string().describe('The end of the range: now, ISO 8601'),
    days: z.array(z.string().describe('A local date, YYYY-MM-DD')).describe('The days of the range, oldest first'),
  })
  .describe('What the numbers cover');

const ByChannelCountsSchema = z
  .object({ sms: count('SMS'), whatsapp: count('WhatsApp'), email: count('Email') })
  .describe('Per channel');

export const MessagesByDayViewSchema = z
  .object({
    window: DashboardWindowSchema,
    days: z
      .array(
        z
          .object({
            date: z.string().describe('The local date, YYYY-MM-DD'),
            sent: ByChannelCountsSchema.describe('Outbound messages a provider took that day (by the time it took them), per channel'),
            received: ByChannelCountsSchema.describe('Inbound messages that arrived that day, per channel'),
          })
          .describe('One day'),
      )
      .describe('Every day of the range, oldest first, days without messages included'),
    totals: z.object({ sent: ByChannelCountsSchema, received: ByChannelCountsSchema }).describe('The whole range'),
  })
  .describe('Messages sent and received per channel and day');

const DeliveryCountsSchema = z.object({
  sent: count('Outbound messages a provider took in the range (by the time it took them)'),
  delivered: count('Of those, confirmed delivered (or read)'),
  failed: count('Of those, failed or undelivered afterwards'),
  awaiting: count('Of those, with no delivery report yet'),
  notSent: count('Outbound messages created in the range that failed before any provider took them (opted out, no address, provider unreachable, …)'),
  deliveryRate: rate('delivered ÷ sent'),
  failureRate: rate('(failed + notSent) ÷ (sent + notSent)'),
});

export const DeliveryViewSchema = z
  .object({
    window: DashboardWindowSchema,
    total: DeliveryCountsSchema.describe('Every channel'),
    channels: z.array(DeliveryCountsSchema.extend({ channel: z.enum(['sms', 'whatsapp', 'email']).describe('The channel') }).describe('One channel')).describe('Per channel: sms, whatsapp, email'),
  })
  .describe('Delivery and failure rates');

export const FailureReasonsViewSchema = z
  .object({
    window: DashboardWindowSchema,
    failed: count('Outbound messages created in the range that failed or were undelivered'),
    reasons: z
      .array(
        z
          .object({
            errorCode: z.string().nullable().describe('The provider’s or Herald’s error code (null when none was given)'),
            reason: z.string().describe('Why, in plain words (as the inbox says it)'),
            count: count('Failed messages with this code'),
            share: z.number().min(0).max(1).describe('count ÷ failed'),
          })
          .describe('One reason'),
      )
      .describe('The most frequent first, at most 10'),
  })
  .describe('The top failure reasons');

const ResponseTimeSchema = z.object({
  answered: count('Waits answered: inbound messages (a run of them counts from the first) that an agent replied to on the same thread'),
  averageSeconds: seconds('Mean time from the inbound message to the next agent reply'),
  medianSeconds: seconds('Median of the same'),
});

export const ResponseTimesViewSchema = z
  .object({
    window: DashboardWindowSchema,
    total: ResponseTimeSchema.extend({ unanswered: count('Threads whose inbound message in the range has had no agent reply yet') }).describe('The whole range'),
    days: z.array(ResponseTimeSchema.extend({ date: z.string().describe('The local date the wait began, YYYY-MM-DD') }).describe('One day')).describe('Every day of the range, oldest first'),
    channels: z.array(ResponseTimeSchema.extend({ channel: z.enum(['sms', 'whatsapp', 'email']).describe('The channel') }).describe('One channel')).describe('Per channel'),
  })
  .describe('First response times: from an inbound message to the next agent reply on its thread, both within the range');

export const ReplyRateViewSchema = z
  .object({
    window: DashboardWindowSchema,
    messaged: count('Contacts a provider took at least one outbound message for in the range'),
    replied: count('Of them, contacts who wrote back after their first such message, before now (an opt-out keyword is not a reply)'),
    replyRate: rate('replied ÷ messaged'),
  })
  .describe('Reply rate: of the contacts messaged, how many replied');

export const SequenceFunnelViewSchema = z
  .object({
    window: DashboardWindowSchema,
    sequenceId: z.string().describe('The sequence'),
    name: z.string().describe('Its name'),
    version: z.number().int().nullable().describe('The version counted; null: every version'),
    enrolled: count('Enrollments started in the range'),
    steps: z
      .array(
        z
          .object({
            step: z.number().int().min(1).describe('Step number, from 1'),
            channel: z.enum(['sms', 'whatsapp', 'email']).nullable().describe('Its channel (null across versions whose step differs)'),
            sent: count('Of the enrollments, how many had this step’s message taken by a provider (so far)'),
          })
          .describe('One step'),
      )
      .describe('Each step, in order'),
    replied: count('Of the enrollments, how many the contact replied to while they ran (an opt-out keyword is not a reply)'),
    optedOut: count('Ended because the contact opted out'),
    completed: count('Ran every step'),
    stopped: count('Ended otherwise: stopped by hand, a missing address, a failed send'),
    failed: count('Ended as failed (a step that could not be filled in)'),
    running: count('Still running or paused'),
  })
  .describe('A sequence’s funnel: its enrollments started in the range, through each step to their outcome');

export const QuoteOutcomesViewSchema = z
  .object({
    window: DashboardWindowSchema,
    sent: count('Quotes texted in the range'),
    viewed: count('Of them, opened on their public page'),
    accepted: count('Of them, accepted'),
    declined: count('Of them, declined'),
    expired: count('Of them, expired unanswered'),
    awaiting: count('Of them, still open for an answer'),
    acceptanceRate: rate('accepted ÷ sent'),
  })
  .describe('Quotes by outcome');

const EngagementSchema = z.object({
  sent: count('Emails Resend took'),
  opened: count('Of them, opened at least once'),
  clicked: count('Of them, with a link clicked at least once'),
  opens: count('Opens in all (repeat opens count)'),
  clicks: count('Clicks in all'),
  openRate: rate('opened ÷ sent'),
  clickRate: rate('clicked ÷ sent'),
});

export const EmailEngagementViewSchema = z
  .object({
    window: DashboardWindowSchema,
    total: EngagementSchema.describe('The whole range'),
    days: z.array(EngagementSchema.extend({ date: z.string().describe('The local date the email was sent, YYYY-MM-DD') }).describe('One day')).describe('Every day of the range, oldest first'),
  })
  .describe('Email opens and clicks, from Resend’s events (opens depend on the recipient loading images; some mail apps open every email by themselves)');

export const CSV_DESCRIPTION = 'The same data as CSV (UTF-8, a header row; cells that could start a spreadsheet formula begin with an apostrophe)';
