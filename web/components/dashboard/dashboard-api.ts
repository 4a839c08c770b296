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
} from '../../../domain/schemas/dashboard';
import { SequenceListAnswerSchema } from '../../../domain/schemas/sequence';
import { api } from '../../lib/api-client';

export type DashboardRange = '7d' | '30d';

/** Each dashboard route (api/routes/dashboard, tag dashboard) with the schema its answer is parsed with. */
export const METRICS = {
  messages: MessagesByDayViewSchema,
  delivery: DeliveryViewSchema,
  'failure-reasons': FailureReasonsViewSchema,
  'response-times': ResponseTimesViewSchema,
  'reply-rate': ReplyRateViewSchema,
  quotes: QuoteOutcomesViewSchema,
  email: EmailEngagementViewSchema,
} as const;
export type Metric = keyof typeof METRICS;

export const dashboardApi = {
  metric: <M extends Metric>(metric: M, range: DashboardRange, signal?: AbortSignal): Promise<z.infer<(typeof METRICS)[M]>> =>
    api.request(`/api/dashboard/${metric}`, { query: { range }, schema: METRICS[metric] as unknown as z.ZodType<z.infer<(typeof METRICS)[M]>>, ...(signal ? { signal } : {}) }),
  funnel: (sequenceId: string, range: DashboardRange, signal?: AbortSignal) =>
    api.request(`/api/dashboard/sequences/${encodeURIComponent(sequenceId)}/funnel`, { query: { range }, schema: SequenceFunnelViewSchema, ...(signal ? { signal } : {}) }),
  sequences: (signal?: AbortSignal) => api.request('/api/sequences', { schema: SequenceListAnswerSchema, ...(signal ? { signal } : {}) }),
};

/** The same data as a CSV file: the route answers it with a Content-Disposition filename. */
export function csvHref(path: string, range: DashboardRange): string {
  return `${path}?${new URLSearchParams({ range, format: 'csv' }).toString()}`;
}
