import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { dashboardWindow, type DashboardWindow } from './dashboard-window';

/*
 * The dashboard's days, checked against an oracle that shares nothing with the code under test (no Luxon,
 * nothing of Herald's): the local date of an instant as a plain Intl.DateTimeFormat reads it. Over every IANA
 * zone the platform knows and instants from 1990 to 2037 — DST changes, zones that moved across the date line,
 * half-hour offsets — each instant of the window must land in the day of its own local date, the way Postgres'
 * width_bucket files rows by the window's boundaries.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const zones = Intl.supportedValuesOf('timeZone');
const FROM = Date.UTC(1990, 0, 1);
const UNTIL = Date.UTC(2037, 11, 1);

const readers = new Map<string, Intl.DateTimeFormat>();
function localDate(ms: number, zone: string): string {
  let reader = readers.get(zone);
  if (!reader) {
    reader = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    readers.set(zone, reader);
  }
  const parts = Object.fromEntries(reader.formatToParts(ms).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** width_bucket(t, boundaries) - 1: the last day whose start is not after t. */
function dayOf(window: DashboardWindow, t: number): number {
  let index = -1;
  window.boundaries.forEach((edge, i) => {
    if (edge.getTime() <= t) index = i;
  });
  return index;
}

const zone = fc.constantFrom(...zones);
const instant = fc.integer({ min: FROM, max: UNTIL });
const days = fc.integer({ min: 1, max: 40 });

describe('dashboardWindow', () => {
  test.prop([zone, instant, days], { numRuns: RUNS })('has the requested number of consecutive local days, today last, with contiguous edges', (tz, now, n) => {
    const window = dashboardWindow(new Date(now), n, tz);
    expect(window.days).toHaveLength(n);
    expect(window.boundaries).toHaveLength(n + 1);
    expect(window.days.at(-1)!.date).toBe(localDate(now, tz));
    window.days.forEach((day, i) => {
      expect(day.start).toEqual(window.boundaries[i]);
      expect(day.end).toEqual(window.boundaries[i + 1]);
      expect(day.end.getTime()).toBeGreaterThanOrEqual(day.start.getTime());
      if (i > 0) expect(day.date).toBe(nextDate(window.days[i - 1]!.date));
    });
    expect(window.from).toEqual(window.days[0]!.start);
    expect(window.to.getTime()).toBe(now);
    const last = window.days.at(-1)!;
    expect(last.start.getTime()).toBeLessThanOrEqual(now);
    expect(last.end.getTime()).toBeGreaterThan(now);
  });

  test.prop([zone, instant, days, fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: RUNS })(
    'files every instant of the window under its own local date',
    (tz, now, n, where) => {
      const window = dashboardWindow(new Date(now), n, tz);
      const first = window.from.getTime();
      const t = Math.min(first + Math.floor(where * (window.days.at(-1)!.end.getTime() - first)), window.days.at(-1)!.end.getTime() - 1);
      const index = dayOf(window, t);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(window.days[index]!.date, `${new Date(t).toISOString()} in ${tz}`).toBe(localDate(t, tz));
    },
  );

  test.prop([zone, instant, days], { numRuns: RUNS })('starts each day at the first instant of its local date', (tz, now, n) => {
    const window = dashboardWindow(new Date(now), n, tz);
    for (const day of window.days) {
      if (day.start.getTime() === day.end.getTime()) continue; // a date the zone skipped
      expect(localDate(day.start.getTime(), tz)).toBe(day.date);
      expect(localDate(day.start.getTime() - 1, tz)).not.toBe(day.date);
    }
  });

  it('makes a day 23 or 25 hours long when the clocks change, and keeps a skipped date empty', () => {
    const london = dashboardWindow(new Date('2026-10-26T12:00:00Z'), 3, 'Europe/London');
    expect(london.days.map((d) => [d.date, (d.end.getTime() - d.start.getTime()) / 3_600_000])).toEqual([
      ['2026-10-24', 24],
      ['2026-10-25', 25],
      ['2026-10-26', 24],
    ]);
    expect(london.from.toISOString()).toBe('2026-10-23T23:00:00.000Z');
    const apia = dashboardWindow(new Date('2011-12-31T00:00:00Z'), 3, 'Pacific/Apia');
    expect(apia.days.map((d) => [d.date, (d.end.getTime() - d.start.getTime()) / 3_600_000])).toEqual([
      ['2011-12-29', 24],
      ['2011-12-30', 0],
      ['2011-12-31', 24],
    ]);
  });
});
