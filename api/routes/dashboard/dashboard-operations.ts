import { z } from 'zod';
import { IdParamsSchema } from '../../../domain/schemas/common';
import {
  CSV_DESCRIPTION,
  DashboardQuerySchema,
  DeliveryViewSchema,
  EmailEngagementViewSchema,
  FailureReasonsViewSchema,
  FunnelQuerySchema,
  MessagesByDayViewSchema,
  QuoteOutcomesViewSchema,
  ReplyRateViewSchema,
  ResponseTimesViewSchema,
  SequenceFunnelViewSchema,
} from '../../../domain/schemas/dashboard';
import type { Operation } from '../../openapi/operation';
import {
  deliveryRoute,
  emailEngagementRoute,
  failureReasonsRoute,
  messagesByDayRoute,
  quoteOutcomesRoute,
  replyRateRoute,
  responseTimesRoute,
  sequenceFunnelRoute,
} from './dashboard-routes';

const RANGE =
  'Over the last 7 or 30 days (range) in the tenant’s time zone, today included up to now. The same data as a CSV file with format=csv or Accept: text/csv (Content-Disposition names the file).';

/** A metric's answer: JSON, or the same data as CSV with its columns. */
const answer = (description: string, schema: z.ZodType, columns: string) => ({
  200: {
    description,
    schema,
    alternatives: [{ contentType: 'text/csv', schema: z.string().describe(`${CSV_DESCRIPTION}. Columns: ${columns}`) }],
  },
});

/** The dashboard's metrics: read-only aggregates any member may see. */
export const dashboardOperations: Operation[] = [
  {
    method: 'get', path: '/dashboard/messages', operationId: 'getMessagesByDay', tag: 'dashboard', security: 'apiKey',
    summary: 'Messages sent and received per channel and day',
    description: `Sent: outbound messages by the day a provider took them. Received: inbound messages by the day they arrived. ${RANGE}`,
    query: DashboardQuerySchema,
    responses: answer('Per day and channel', MessagesByDayViewSchema, 'date, channel, sent, received'),
    handler: () => messagesByDayRoute,
  },
  {
    method: 'get', path: '/dashboard/delivery', operationId: 'getDeliveryRates', tag: 'dashboard', security: 'apiKey',
    summary: 'Delivery and failure rates per channel',
    description: `Of the outbound messages a provider took in the range: delivered (or read), failed or undelivered, awaiting a report; plus those that failed before any provider took them. ${RANGE}`,
    query: DashboardQuerySchema,
    responses: answer('Per channel and in all', DeliveryViewSchema, 'channel, sent, delivered, failed, awaiting, not_sent, delivery_rate, failure_rate (the last row, channel "all", is every channel)'),
    handler: () => deliveryRoute,
  },
  {
    method: 'get', path: '/dashboard/failure-reasons', operationId: 'getFailureReasons', tag: 'dashboard', security: 'apiKey',
    summary: 'The top failure reasons, in plain words',
    description: `Failed or undelivered outbound messages created in the range, by error code, with the reason the inbox gives. ${RANGE}`,
    query: DashboardQuerySchema,
    responses: answer('The most frequent first', FailureReasonsViewSchema, 'error_code, reason, count, share'),
    handler: () => failureReasonsRoute,
  },
  {
    method: 'get', path: '/dashboard/response-times', operationId: 'getResponseTimes', tag: 'dashboard', security: 'apiKey',
    summary: 'First response times: average and median, per day and channel',
    description: `From an inbound message to the next agent reply on its thread, both within the range; a run of inbound messages answered by one reply counts once, from its first. ${RANGE}`,
    query: DashboardQuerySchema,
    responses: answer('Per day, per channel and in all', ResponseTimesViewSchema, 'date, answered, average_seconds, median_seconds (the last row, date "all", is the whole range)'),
    handler: () => responseTimesRoute,
  },
  {
    method: 'get', path: '/dashboard/reply-rate', operationId: 'getReplyRate', tag: 'dashboard', security: 'apiKey',
    summary: 'Reply rate: of the contacts messaged, how many replied',
    description: `Contacts a provider took an outbound message for in the range, and of them those who wrote back afterwards (an opt-out keyword is not a reply). ${RANGE}`,
    query: DashboardQuerySchema,
    responses: answer('The rate', ReplyRateViewSchema, 'messaged, replied, reply_rate'),
    handler: () => replyRateRoute,
  },
  {
    method: 'get', path: '/dashboard/sequences/:id/funnel', operationId: 'getSequenceFunnel', tag: 'dashboard', security: 'apiKey',
    summary: 'A sequence’s funnel: enrolled → each step sent → replied, opted out, completed',
    description: `The enrollments started in the range (on one published version, or every version), how many reached each step, and how they ended. ${RANGE}`,
    params: IdParamsSchema, query: FunnelQuerySchema,
    responses: answer('The funnel', SequenceFunnelViewSchema, 'stage, count'),
    errors: ['NOT_FOUND'],
    handler: () => sequenceFunnelRoute,
  },
  {
    method: 'get', path: '/dashboard/quotes', operationId: 'getQuoteOutcomes', tag: 'dashboard', security: 'apiKey',
    summary: 'Quotes by outcome: sent, viewed, accepted, declined, expired',
    description: `Quotes texted in the range and what became of them. ${RANGE}`,
    query: DashboardQuerySchema,
    responses: answer('The outcomes', QuoteOutcomesViewSchema, 'outcome, count'),
    handler: () => quoteOutcomesRoute,
  },
  {
    method: 'get', path: '/dashboard/email', operationId: 'getEmailEngagement', tag: 'dashboard', security: 'apiKey',
    summary: 'Email opens and clicks, from Resend’s events',
    description: `Emails Resend took in the range, and how many were opened and clicked (Resend's email.opened and email.clicked webhooks; opens need the recipient to load images). ${RANGE}`,
    query: DashboardQuerySchema,
    responses: answer('Per day and in all', EmailEngagementViewSchema, 'date, sent, opened, clicked, opens, clicks, open_rate, click_rate (the last row, date "all", is the whole range)'),
    handler: () => emailEngagementRoute,
  },
];
