import { addLocalDays, fromLocal, toLocal } from './time-zone';

/**
 * The days a dashboard chart shows: the last N calendar days in the tenant's zone, today included (up to now).
 * Each day runs from its local midnight to the next one, so it is 23 or 25 hours long when the clocks change,
 * and a day the zone skipped entirely (Samoa, 30 December 2011) is empty. Postgres buckets rows by these
 * boundaries (width_bucket), so Luxon alone decides where a day starts.
 */

export const DASHBOARD_RANGES = { '7d': 7, '30d': 30 } as const;
export type DashboardRange = keyof typeof DASHBOARD_RANGES;

export interface DashboardDay {
  /** The local calendar date, YYYY-MM-DD. */
  date: string;
  /** Its local midnight. */
  start: Date;
  /** The next day's local midnight. */
  end: Date;
}

export interface DashboardWindow {
  timeZone: string;
  days: DashboardDay[];
  /** The first day's start: rows from here on count. */
  from: Date;
  /** Now: rows before it count. */
  to: Date;
  /** Every day's start and the last day's end, ascending: the buckets' edges. */
  boundaries: Date[];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The last `days` local days in `timeZone` up to `now`, today last. */
export function dashboardWindow(now: Date, days: number, timeZone: string): DashboardWindow {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, not ${days}`);
  const today = toLocal(now, timeZone);
  const midnight = (offset: number) => {
    const day = addLocalDays({ ...today, hour: 0, minute: 0, second: 0 }, offset);
    return { day, at: fromLocal(day, timeZone) };
  };
  const edges = Array.from({ length: days + 1 }, (_, i) => midnight(i - days + 1));
  const list = edges.slice(0, days).map(({ day, at }, i) => ({ date: `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`, start: at, end: edges[i + 1]!.at }));
  return { timeZone, days: list, from: list[0]!.start, to: now, boundaries: edges.map((e) => e.at) };
}

