'use client';

import { useApiQuery } from '../../lib/use-api';
import { dashboardApi, type DashboardRange, type Metric } from './dashboard-api';

/** One dashboard route's answer for the range (loaded again when the range changes). */
export function useMetric<M extends Metric>(metric: M, range: DashboardRange) {
  return useApiQuery(`${metric}:${range}`, (signal) => dashboardApi.metric(metric, range, signal));
}
