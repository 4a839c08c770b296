import type http from 'node:http';
import type { z } from 'zod';
import {
  DeliveryViewSchema,
  EmailEngagementViewSchema,
  FailureReasonsViewSchema,
  MessagesByDayViewSchema,
  QuoteOutcomesViewSchema,
  ReplyRateViewSchema,
  ResponseTimesViewSchema,
  SequenceFunnelViewSchema,
} from '../../domain/schemas/dashboard';
import type { Screen } from './api-stand-in';
import { json, type RecordedRequest } from './local-http-server';

/*
 * The dashboard's demo answers: a month of a small plumbing firm's messages, each answer checked against its
 * route's schema. The figures are made up but consistent (rates are what the counts say).
 */
const DAYS = 30;
const day = (offset: number) => new Date(Date.UTC(2026, 10, 23 - (DAYS - 1) + offset)).toISOString().slice(0, 10);
const wave = (i: number, base: number, swing: number) => Math.max(0, Math.round(base + swing * Math.sin(i / 2.3) + ((i * 7) % 5) - 2));

function windowOf(range: '7d' | '30d') {
  const n = range === '7d' ? 7 : DAYS;
  const days = Array.from({ length: n }, (_, i) => day(DAYS - n + i));
  return { range, timeZone: 'Europe/London', from: `${days[0]}T00:00:00.000Z`, to: '2026-11-23T15:30:00.000Z', days };
}

const rate = (a: number, b: number) => (b ? a / b : null);

function messages(range: '7d' | '30d') {
  const window = windowOf(range);
  const days = window.days.map((date, i) => ({
    date,
    sent: { sms: wave(i, 38, 12), whatsapp: wave(i + 3, 14, 6), email: wave(i + 5, 9, 5) },
    received: { sms: wave(i, 21, 8), whatsapp: wave(i + 1, 9, 4), email: wave(i + 2, 4, 3) },
  }));
  const total = (pick: 'sent' | 'received', c: 'sms' | 'whatsapp' | 'email') => days.reduce((n, d) => n + d[pick][c], 0);
  return {
    window,
    days,
    totals: {
      sent: { sms: total('sent', 'sms'), whatsapp: total('sent', 'whatsapp'), email: total('sent', 'email') },
      received: { sms: total('received', 'sms'), whatsapp: total('received', 'whatsapp'), email: total('received', 'email') },
    },
  };
}

function delivery(range: '7d' | '30d') {
  const m = messages(range).totals.sent;
  const counts = (channel: 'sms' | 'whatsapp' | 'email', sent: number, failShare: number, notSent: number) => {
    const failed = Math.round(sent * failShare);
    const awaiting = Math.round(sent * 0.01);
    const delivered = sent - failed - awaiting;
    return { channel, sent, delivered, failed, awaiting, notSent, deliveryRate: rate(delivered, sent), failureRate: rate(failed + notSent, sent + notSent) };
  };
  const channels = [counts('sms', m.sms, 0.031, 4), counts('whatsapp', m.whatsapp, 0.012, 2), counts('email', m.email, 0.02, 1)];
  const sum = (k: 'sent' | 'delivered' | 'failed' | 'awaiting' | 'notSent') => channels.reduce((n, c) => n + c[k], 0);
  const total = { sent: sum('sent'), delivered: sum('delivered'), failed: sum('failed'), awaiting: sum('awaiting'), notSent: sum('notSent') };
  return {
    window: windowOf(range),
    total: { ...total, deliveryRate: rate(total.delivered, total.sent), failureRate: rate(total.failed + total.notSent, total.sent + total.notSent) },
    channels,
  };
}

function failureReasons(range: '7d' | '30d') {
  const reasons = [
    { errorCode: '30007', reason: 'The carrier filtered the message as spam.', count: 14 },
    { errorCode: '30003', reason: 'The phone is off or out of reach.', count: 9 },
    { errorCode: 'CONSENT_REVOKED', reason: 'The contact opted out of this channel.', count: 5 },
    { errorCode: '63016', reason: 'Outside WhatsApp’s 24-hour window: only an approved template can be sent.', count: 3 },
  ];
  const failed = reasons.reduce((n, r) => n + r.count, 0);
  return { window: windowOf(range), failed, reasons: reasons.map((r) => ({ ...r, share: r.count / failed })) };
}

function responseTimes(range: '7d' | '30d') {
  const window = windowOf(range);
  const days = window.days.map((date, i) => {
    const answered = wave(i, 16, 5);
    const average = answered ? 60 * (18 + ((i * 13) % 40)) : null;
    return { date, answered, averageSeconds: average, medianSeconds: average && Math.round(average * 0.7) };
  });
  const answered = days.reduce((n, d) => n + d.answered, 0);
  return {
    window,
    total: { answered, averageSeconds: 60 * 34, medianSeconds: 60 * 21, unanswered: 6 },
    days,
    channels: [
      { channel: 'sms', answered: Math.round(answered * 0.6), averageSeconds: 60 * 29, medianSeconds: 60 * 18 },
      { channel: 'whatsapp', answered: Math.round(answered * 0.3), averageSeconds: 60 * 22, medianSeconds: 60 * 15 },
      { channel: 'email', answered: Math.round(answered * 0.1), averageSeconds: 60 * 140, medianSeconds: 60 * 95 },
    ],
  };
}

const replyRate = (range: '7d' | '30d') => ({ window: windowOf(range), messaged: 412, replied: 157, replyRate: 157 / 412 });

const funnel = (range: '7d' | '30d') => ({
  window: windowOf(range),
  sequenceId: 'seq_1',
  name: 'New website leads',
  version: null,
  enrolled: 120,
  steps: [
    { step: 1, channel: 'sms', sent: 114 },
    { step: 2, channel: 'email', sent: 71 },
    { step: 3, channel: 'whatsapp', sent: 38 },
  ],
  replied: 46,
  optedOut: 7,
  completed: 31,
  stopped: 12,
  failed: 1,
  running: 23,
});

const quotes = (range: '7d' | '30d') => ({ window: windowOf(range), sent: 64, viewed: 51, accepted: 22, declined: 9, expired: 6, awaiting: 27, acceptanceRate: 22 / 64 });

function email(range: '7d' | '30d') {
  const window = windowOf(range);
  const days = window.days.map((date, i) => {
    const sent = wave(i + 5, 9, 5);
    const opened = Math.round(sent * 0.55);
    const clicked = Math.round(sent * 0.18);
    return { date, sent, opened, clicked, opens: opened + Math.round(opened / 3), clicks: clicked, openRate: rate(opened, sent), clickRate: rate(clicked, sent) };
  });
  const sum = (k: 'sent' | 'opened' | 'clicked' | 'opens' | 'clicks') => days.reduce((n, d) => n + d[k], 0);
  const t = { sent: sum('sent'), opened: sum('opened'), clicked: sum('clicked'), opens: sum('opens'), clicks: sum('clicks') };
  return { window, total: { ...t, openRate: rate(t.opened, t.sent), clickRate: rate(t.clicked, t.sent) }, days };
}

const ROUTES: Record<string, [z.ZodType, (range: '7d' | '30d') => unknown]> = {
  '/api/dashboard/messages': [MessagesByDayViewSchema, messages],
  '/api/dashboard/delivery': [DeliveryViewSchema, delivery],
  '/api/dashboard/failure-reasons': [FailureReasonsViewSchema, failureReasons],
  '/api/dashboard/response-times': [ResponseTimesViewSchema, responseTimes],
  '/api/dashboard/reply-rate': [ReplyRateViewSchema, replyRate],
  '/api/dashboard/sequences/seq_1/funnel': [SequenceFunnelViewSchema, funnel],
  '/api/dashboard/quotes': [QuoteOutcomesViewSchema, quotes],
  '/api/dashboard/email': [EmailEngagementViewSchema, email],
};

/** Answers the dashboard routes; false when the request is not one of them. */
export function dashboardDemoApi(req: RecordedRequest, res: http.ServerResponse): boolean {
  const [p, search] = req.path.split('?');
  const route = ROUTES[p ?? ''];
  if (!route) return false;
  const range = new URLSearchParams(search ?? '').get('range') === '7d' ? '7d' : '30d';
  json(res, 200, route[0].parse(route[1](range)));
  return true;
}

const dashboardRequest = (url: URL) => url.pathname.startsWith('/api/dashboard') || url.pathname === '/api/sequences';

export const DASHBOARD_SCREENS: Screen[] = [
  { name: 'dashboard', path: '/dashboard', prepare: (page) => page.getByTestId('funnel-summary').waitFor() },
  { name: 'dashboard-7d', path: '/dashboard?range=7d', prepare: (page) => page.getByTestId('funnel-summary').waitFor() },
  {
    name: 'dashboard-empty',
    path: '/dashboard',
    // A tenant that has just signed up: nothing sent, no sequences.
    setup: (page) =>
      page.route(dashboardRequest, async (route) => {
        const url = new URL(route.request().url());
        const range = url.searchParams.get('range') === '7d' ? '7d' : '30d';
        const zero = (value: unknown): unknown =>
          typeof value === 'number' ? 0 : Array.isArray(value) ? value.map(zero) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'window' ? v : zero(v)])) : value;
        if (url.pathname === '/api/sequences') return route.fulfill({ json: { sequences: [] } });
        const found = ROUTES[url.pathname];
        return route.fulfill({ json: found ? zero(found[1](range)) : {} });
      }),
    prepare: (page) => page.getByTestId('chart-empty').nth(5).waitFor(),
  },
  {
    name: 'dashboard-loading',
    path: '/dashboard',
    setup: (page) => page.route(dashboardRequest, () => new Promise<void>(() => {})),
    stillLoading: true,
    prepare: (page) => page.getByTestId('chart-loading').first().waitFor(),
  },
  {
    name: 'dashboard-error',
    path: '/dashboard',
    setup: (page) =>
      page.route(
        (url) => url.pathname.startsWith('/api/dashboard/messages') || url.pathname.startsWith('/api/dashboard/quotes'),
        (route) => route.fulfill({ status: 500, json: { error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged.' } } }),
      ),
    prepare: (page) => page.getByTestId('error-state').nth(1).waitFor(),
  },
];
