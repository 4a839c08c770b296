import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { CHANNELS, type Channel } from '../../../domain/channels';
import { DASHBOARD_RANGES, dashboardWindow, type DashboardWindow } from '../../../domain/dashboard-window';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { failureReason } from '../../../domain/failure-reasons';
import {
  DashboardQuerySchema,
  FunnelQuerySchema,
  type DeliveryViewSchema,
  type EmailEngagementViewSchema,
  type FailureReasonsViewSchema,
  type MessagesByDayViewSchema,
  type QuoteOutcomesViewSchema,
  type ReplyRateViewSchema,
  type ResponseTimesViewSchema,
  type SequenceFunnelViewSchema,
} from '../../../domain/schemas/dashboard';
import { deliveryRates } from '../../../prisma/queries/dashboard/delivery-rates';
import { emailEngagement } from '../../../prisma/queries/dashboard/email-engagement';
import { failureReasons } from '../../../prisma/queries/dashboard/failure-reasons';
import { messagesByDay } from '../../../prisma/queries/dashboard/messages-by-day';
import { quoteOutcomes } from '../../../prisma/queries/dashboard/quote-outcomes';
import { replyRate } from '../../../prisma/queries/dashboard/reply-rate';
import { responseTimes, type ResponseTimeRow } from '../../../prisma/queries/dashboard/response-times';
import { sequenceFunnel } from '../../../prisma/queries/dashboard/sequence-funnel';
import { getSequenceOrThrow } from '../../../prisma/queries/sequences/sequences';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import type { TenantDb } from '../../../prisma/tenant-scope';
import { tenantOf } from '../../http/authenticate';
import { sendCsv, wantsCsv, type CsvTable } from '../../http/csv';

/**
 * The dashboard's routes: each metric is one indexed aggregate in prisma/queries/dashboard over the last 7 or 30
 * days of the tenant's zone (domain/dashboard-window), answered as JSON or, asked for CSV, as a file of the same
 * data.
 */

type Window = z.infer<typeof MessagesByDayViewSchema>['window'];

interface Metric<Q, V> {
  /** In the CSV's file name. */
  name: string;
  query: z.ZodType<Q>;
  load(db: TenantDb, window: DashboardWindow, view: Window, query: Q, req: Request): Promise<V>;
  csv(view: V): CsvTable;
}

function route<Q extends { range: keyof typeof DASHBOARD_RANGES; format?: 'json' | 'csv' | undefined }, V>(metric: Metric<Q, V>): RequestHandler {
  return async (req, res) => {
    const query = metric.query.parse(req.query);
    const { db } = tenantOf(res);
    const tenant = await getTenantOrThrow(db);
    const window = dashboardWindow(new Date(), DASHBOARD_RANGES[query.range], tenant.timeZone);
    const view: Window = {
      range: query.range,
      timeZone: window.timeZone,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      days: window.days.map((d) => d.date),
    };
    const answer = await metric.load(db, window, view, query, req);
    if (wantsCsv(req, query.format)) {
      sendCsv(res, `herald-${metric.name}-${view.days[0]}-to-${view.days.at(-1)}.csv`, metric.csv(answer));
      return;
    }
    res.json(answer);
  };
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const roundSeconds = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
const perChannel = () => Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;

export const messagesByDayRoute = route({
  name: 'messages-by-day',
  query: DashboardQuerySchema,
  async load(db, window, view): Promise<z.infer<typeof MessagesByDayViewSchema>> {
    const rows = await messagesByDay(db, window);
    const days = window.days.map((d) => ({ date: d.date, sent: perChannel(), received: perChannel() }));
    const totals = { sent: perChannel(), received: perChannel() };
    for (const row of rows) {
      const day = days[row.day];
      if (!day) continue;
      day[row.kind][row.channel] += row.count;
      totals[row.kind][row.channel] += row.count;
    }
    return { window: view, days, totals };
  },
  csv: (view) => ({
    columns: ['date', 'channel', 'sent', 'received'],
    rows: view.days.flatMap((d) => CHANNELS.map((c) => [d.date, c, d.sent[c], d.received[c]])),
  }),
});

function deliveryCounts(row: { sent: number; delivered: number; failed: number; notSent: number }) {
  return {
    sent: row.sent,
    delivered: row.delivered,
    failed: row.failed,
    awaiting: row.sent - row.delivered - row.failed,
    notSent: row.notSent,
    deliveryRate: ratio(row.delivered, row.sent),
    failureRate: ratio(row.failed + row.notSent, row.sent + row.notSent),
  };
}

export const deliveryRoute = route({
  name: 'delivery',
  query: DashboardQuerySchema,
  async load(db, window, view): Promise<z.infer<typeof DeliveryViewSchema>> {
    const rows = await deliveryRates(db, window);
    const channels = CHANNELS.map((channel) => ({ channel, ...deliveryCounts(rows.find((r) => r.channel === channel) ?? { sent: 0, delivered: 0, failed: 0, notSent: 0 }) }));
    const sum = (key: 'sent' | 'delivered' | 'failed' | 'notSent') => rows.reduce((n, r) => n + r[key], 0);
    return { window: view, total: deliveryCounts({ sent: sum('sent'), delivered: sum('delivered'), failed: sum('failed'), notSent: sum('notSent') }), channels };
  },
  csv: (view) => ({
    columns: ['channel', 'sent', 'delivered', 'failed', 'awaiting', 'not_sent', 'delivery_rate', 'failure_rate'],
    rows: [...view.channels, { channel: 'all', ...view.total }].map((c) => [c.channel, c.sent, c.delivered, c.failed, c.awaiting, c.notSent, c.deliveryRate, c.failureRate]),
  }),
});

export const failureReasonsRoute = route({
  name: 'failure-reasons',
  query: DashboardQuerySchema,
  async load(db, window, view): Promise<z.infer<typeof FailureReasonsViewSchema>> {
    const { failed, reasons } = await failureReasons(db, window, 10);
    return {
      window: view,
      failed,
      reasons: reasons.map((r) => ({
        errorCode: r.errorCode,
        // The inbox's own words for a code; a code without them keeps the provider's explanation.
        reason: failureReason(r.errorCode, r.errorMessage) ?? 'No reason was given.',
        count: r.count,
        share: ratio(r.count, failed) ?? 0,
      })),
    };
  },
  csv: (view) => ({
    columns: ['error_code', 'reason', 'count', 'share'],
    rows: view.reasons.map((r) => [r.errorCode, r.reason, r.count, r.share]),
  }),
});

const timing = (row: ResponseTimeRow | undefined) => ({
  answered: row?.answered ?? 0,
  averageSeconds: roundSeconds(row?.averageSeconds ?? null),
  medianSeconds: roundSeconds(row?.medianSeconds ?? null),
});

export const responseTimesRoute = route({
  name: 'response-times',
  query: DashboardQuerySchema,
  async load(db, window, view): Promise<z.infer<typeof ResponseTimesViewSchema>> {
    const { rows, unanswered } = await responseTimes(db, window);
    return {
      window: view,
      total: { ...timing(rows.find((r) => r.scope === 'total')), unanswered },
      days: window.days.map((d, i) => ({ date: d.date, ...timing(rows.find((r) => r.scope === 'day' && r.day === i)) })),
      channels: CHANNELS.map((channel) => ({ channel, ...timing(rows.find((r) => r.scope === 'channel' && r.channel === channel)) })),
    };
  },
  csv: (view) => ({
    columns: ['date', 'answered', 'average_seconds', 'median_seconds'],
    rows: [...view.days, { date: 'all', ...view.total }].map((d) => [d.date, d.answered, d.averageSeconds, d.medianSeconds]),
  }),
});

export const replyRateRoute = route({
  name: 'reply-rate',
  query: DashboardQuerySchema,
  async load(db, window, view): Promise<z.infer<typeof ReplyRateViewSchema>> {
    const { messaged, replied } = await replyRate(db, window);
    return { window: view, messaged, replied, replyRate: ratio(replied, messaged) };
  },
  csv: (view) => ({ columns: ['messaged', 'replied', 'reply_rate'], rows: [[view.messaged, view.replied, view.replyRate]] }),
});

export const sequenceFunnelRoute = route({
  name: 'sequence-funnel',
  query: FunnelQuerySchema,
  async load(db, window, view, query, req): Promise<z.infer<typeof SequenceFunnelViewSchema>> {
    const sequence = await getSequenceOrThrow(db, String(req.params.id));
    const published = sequence.versions.filter((v) => v.publishedAt !== null);
    const version = query.version === undefined ? null : published.find((v) => v.version === query.version);
    if (version === undefined) throw new AppError(ErrorCodes.NOT_FOUND, `Sequence ${sequence.id} has no published version ${query.version}`);
    // Across versions, step n is whatever each version's step n was: its channel only when they all agree.
    const counted = version ? [version] : published;
    const stepCount = Math.max(0, ...counted.map((v) => v.steps.length));
    const row = await sequenceFunnel(db, sequence.id, window, { versionId: version?.id ?? null, stepCount });
    const channelOf = (position: number) => {
      const channels = new Set(counted.flatMap((v) => v.steps.filter((s) => s.position === position).map((s) => s.channel)));
      return channels.size === 1 ? [...channels][0]! : null;
    };
    return {
      window: view,
      sequenceId: sequence.id,
      name: sequence.name,
      version: version?.version ?? null,
      enrolled: row.enrolled,
      steps: Array.from({ length: stepCount }, (_, position) => ({ step: position + 1, channel: channelOf(position), sent: row.stepsSent[position] ?? 0 })),
      replied: row.replied,
      optedOut: row.optedOut,
      completed: row.completed,
      stopped: row.stopped,
      failed: row.failed,
      running: row.running,
    };
  },
  csv: (view) => ({
    columns: ['stage', 'count'],
    rows: [
      ['enrolled', view.enrolled],
      ...view.steps.map((s): [string, number] => [`step ${s.step} sent`, s.sent]),
      ['replied', view.replied],
      ['opted out', view.optedOut],
      ['completed', view.completed],
      ['stopped', view.stopped],
      ['failed', view.failed],
      ['running', view.running],
    ],
  }),
});

export const quoteOutcomesRoute = route({
  name: 'quotes',
  query: DashboardQuerySchema,
  async load(db, window, view): Promise<z.infer<typeof QuoteOutcomesViewSchema>> {
    const row = await quoteOutcomes(db, window);
    return { window: view, ...row, acceptanceRate: ratio(row.accepted, row.sent) };
  },
  csv: (view) => ({
    columns: ['outcome', 'count'],
    rows: (['sent', 'viewed', 'accepted', 'declined', 'expired', 'awaiting'] as const).map((outcome) => [outcome, view[outcome]]),
  }),
});

function engagement(row: { sent: number; opened: number; clicked: number; opens: number; clicks: number } | undefined) {
  const r = row ?? { sent: 0, opened: 0, clicked: 0, opens: 0, clicks: 0 };
  return { sent: r.sent, opened: r.opened, clicked: r.clicked, opens: r.opens, clicks: r.clicks, openRate: ratio(r.opened, r.sent), clickRate: ratio(r.clicked, r.sent) };
}

export const emailEngagementRoute = route({
  name: 'email-engagement',
  query: DashboardQuerySchema,
  async load(db, window, view): Promise<z.infer<typeof EmailEngagementViewSchema>> {
    const rows = await emailEngagement(db, window);
    return {
      window: view,
      total: engagement(rows.find((r) => r.day === null)),
      days: window.days.map((d, i) => ({ date: d.date, ...engagement(rows.find((r) => r.day === i)) })),
    };
  },
  csv: (view) => ({
    columns: ['date', 'sent', 'opened', 'clicked', 'opens', 'clicks', 'open_rate', 'click_rate'],
    rows: [...view.days, { date: 'all', ...view.total }].map((d) => [d.date, d.sent, d.opened, d.clicked, d.opens, d.clicks, d.openRate, d.clickRate]),
  }),
});
