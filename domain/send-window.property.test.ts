import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { nextSendTime, type QuietHours } from './quiet-hours';
import { addBusinessDays, stepFireTime, type WaitUnit } from './sequence-schedule';

/*
 * Send-window maths checked against a brute-force oracle over every IANA zone the platform knows, around
 * every DST transition of 2025–2030. The oracle shares nothing with the code under test (no Luxon, nothing
 * of Herald's): it reads the wall clock with a plain Intl.DateTimeFormat and walks minute by minute.
 *
 * Defects these properties found in the hand-written offset arithmetic this replaced (see the table tests
 * in quiet-hours.test.ts and sequence-schedule.test.ts for concrete cases):
 * - Zones more than 12 hours ahead of UTC that observe DST (New Zealand: Pacific/Auckland,
 *   Antarctica/McMurdo; Pacific/Chatham): on the spring-forward night a window ending from 02:00 to the end
 *   of the skipped hour (New Zealand 02:00–02:59, all skipped; Chatham 02:00–03:44) opened an hour early,
 *   sending inside quiet hours. The old resolver sampled offsets 12 hours either side of the wall time read
 *   as UTC, which does not bracket an instant 13+ hours away.
 * - Every zone that falls back: a message due in the second pass of the repeated hour, in a window ending
 *   inside that hour, was "deferred" to the window's end in the first pass — a time already gone — so it
 *   went out at once, inside quiet hours. And when falling back left the window backwards (the clock reads
 *   a time before the window's start again), the message waited for the window's end instead.
 * - A window whose only open minutes fall in the skipped hour (Europe/Riga, 03:01–03:00 on 29 March 2026)
 *   opened at the jump, which is inside the window; it now waits for the next day.
 * - Business days walked day by day kept the wall time a skipped hour had moved them to (Asia/Jerusalem
 *   springs forward on a Friday): every later business day fired at 03:00 instead of 02:30.
 * The default window (21:00–08:00) was right in every zone: the defects need a window edge within an hour
 * of a clock change (02:00 in New Zealand, 01:30 in New York).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2025, 0, 1);
const UNTIL = Date.UTC(2031, 0, 1);
// Defaults keep `npm test` quick; PROPERTY_RUNS=5000 (for instance) searches harder.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const TIMEOUT = Math.max(30_000, RUNS * 100);

// ---------------------------------------------------------------------------------------------------------
// The oracle
// ---------------------------------------------------------------------------------------------------------

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const readers = new Map<string, Intl.DateTimeFormat>();
function wall(ms: number, zone: string): Wall {
  let reader = readers.get(zone);
  if (!reader) {
    reader = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    readers.set(zone, reader);
  }
  const w: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of reader.formatToParts(ms)) if (type in w) w[type as keyof Wall] = Number(value);
  return w;
}

/** The wall clock as if it were UTC, in ms: differences between two of these are wall-clock differences. */
const wallMs = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
const offsetMinutes = (ms: number, zone: string) => (wallMs(wall(ms, zone)) - Math.floor(ms / 1000) * 1000) / MINUTE;
const weekdayOf = (w: Wall) => new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
const show = (ms: number, zone: string) => {
  const w = wall(ms, zone);
  return `${new Date(ms).toISOString()} (${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} in ${zone})`;
};

function quietAt(ms: number, zone: string, window: QuietHours): boolean {
  const w = wall(ms, zone);
  const minute = w.hour * 60 + w.minute;
  const { startMinute: start, endMinute: end } = window;
  if (start === end) return false;
  return start < end ? start <= minute && minute < end : minute >= start || minute < end;
}

/**
 * The first instant at or after `ms` outside the window. Offsets and transitions fall on whole minutes, so
 * after `ms` itself only minute boundaries need checking.
 */
function firstAllowed(ms: number, zone: string, window: QuietHours): number {
  if (!quietAt(ms, zone, window)) return ms;
  for (let t = Math.floor(ms / MINUTE) * MINUTE + MINUTE; t < ms + 3 * DAY; t += MINUTE) {
    if (!quietAt(t, zone, window)) return t;
  }
  throw new Error(`oracle: no allowed minute within 3 days of ${show(ms, zone)}`);
}

/**
 * The first minute whose wall clock reads `target` or later: a repeated time resolves to its first
 * occurrence, a skipped one to the moment of the jump. Starts 14 hours before `target` read as UTC (no zone
 * is further ahead) so no occurrence is missed.
 */
function resolveWall(target: Wall, zone: string): number {
  const goal = wallMs(target);
  for (let t = goal - 14 * HOUR - MINUTE; t < goal + 13 * HOUR; t += MINUTE) {
    if (wallMs(wall(t, zone)) >= goal) return t;
  }
  throw new Error(`oracle: ${JSON.stringify(target)} never reached in ${zone}`);
}

/** Calendar date arithmetic without any zone: the day `days` after `w`, same time of day. */
function plusDays(w: Wall, days: number): Wall {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekdays (1 = Monday … 7 = Sunday) → a test of a JS weekday (0 = Sunday … 6 = Saturday). */
const isBusiness = (businessDays: number[]) => (jsWeekday: number) => businessDays.includes(jsWeekday === 0 ? 7 : jsWeekday);

/** Business days the slow way: a start on a day off moves to the next business day, then one calendar day at a time. */
function naiveBusinessDays(from: number, days: number, zone: string, businessDays = [1, 2, 3, 4, 5]): number {
  const business = isBusiness(businessDays);
  let date = wall(from, zone);
  while (!business(weekdayOf(date))) date = plusDays(date, 1);
  for (let left = days; left > 0; ) {
    date = plusDays(date, 1);
    if (business(weekdayOf(date))) left--;
  }
  return resolveWall(date, zone);
}

/** A tenant's business days: any non-empty set of ISO weekdays. */
const businessDaySets = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }).map((days) => [...days].sort());

// ---------------------------------------------------------------------------------------------------------
// Transitions, found by scanning offsets: month by month, then bisecting to the minute.
// ---------------------------------------------------------------------------------------------------------

interface Transition {
  zone: string;
  at: number;
  /** Wall minute of the day just before and at the transition. */
  minuteBefore: number;
  minuteAfter: number;
}

const zones = Intl.supportedValuesOf('timeZone');
const monthStarts = Array.from({ length: 6 * 12 + 1 }, (_, i) => Date.UTC(2025, i, 1));
const monthlyOffsets = new Map(zones.map((zone) => [zone, monthStarts.map((ms) => offsetMinutes(ms, zone))]));
const dstZones = zones.filter((zone) => new Set(monthlyOffsets.get(zone)).size > 1);

const transitionCache = new Map<string, Transition[]>();
function transitionsOf(zone: string): Transition[] {
  let found = transitionCache.get(zone);
  if (found) return found;
  found = [];
  const offsets = monthlyOffsets.get(zone)!;
  const minuteOfDay = (ms: number) => {
    const w = wall(ms, zone);
    return w.hour * 60 + w.minute;
  };
  for (let i = 0; i + 1 < monthStarts.length; i++) {
    if (offsets[i] === offsets[i + 1]) continue;
    let lo = monthStarts[i]!;
    let hi = monthStarts[i + 1]!;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offsetMinutes(mid, zone) === offsets[i]) lo = mid;
      else hi = mid;
    }
    found.push({ zone, at: hi, minuteBefore: minuteOfDay(hi - MINUTE) + 1, minuteAfter: minuteOfDay(hi) });
  }
  transitionCache.set(zone, found);
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------------

const NIGHT: QuietHours = { startMinute: 21 * 60, endMinute: 8 * 60 };
const clockMinute = fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 47 }).map((half) => half * 30));
const anyWindow: fc.Arbitrary<QuietHours> = fc.oneof(
  fc.constant(NIGHT),
  fc.record({ startMinute: clockMinute, endMinute: clockMinute }),
);
/** Windows with an edge near the transition's wall time: their end falls in the gap or the repeated hour. */
const windowAround = (t: Transition): fc.Arbitrary<QuietHours> => {
  const near = fc
    .tuple(fc.constantFrom(t.minuteBefore % 1440, t.minuteAfter), fc.integer({ min: -90, max: 90 }), fc.boolean())
    .map(([base, delta, onHalfHour]) => {
      const minute = (((base + delta) % 1440) + 1440) % 1440;
      return onHalfHour ? Math.round(minute / 30) * 30 % 1440 : minute;
    });
  return fc.oneof(anyWindow, fc.record({ startMinute: fc.oneof(clockMinute, near), endMinute: near }), fc.record({ startMinute: near, endMinute: clockMinute }));
};

const transition = fc.constantFrom(...dstZones).chain((zone) => fc.constantFrom(...transitionsOf(zone)));
const jitter = fc.constantFrom(0, 0, 0, 1_000, 30_000, 59_999);

interface SendCase {
  zone: string;
  at: number;
  window: QuietHours;
}
const nearTransition: fc.Arbitrary<SendCase> = transition.chain((t) =>
  fc.record({
    zone: fc.constant(t.zone),
    at: fc.tuple(fc.integer({ min: -26 * 60, max: 26 * 60 }), jitter).map(([minutes, ms]) => t.at + minutes * MINUTE + ms),
    window: windowAround(t),
  }),
);
const anywhere: fc.Arbitrary<SendCase> = fc.record({
  zone: fc.constantFrom(...zones),
  at: fc.integer({ min: FROM, max: UNTIL }),
  window: anyWindow,
});
const sendCase = fc.oneof({ arbitrary: nearTransition, weight: 3 }, { arbitrary: anywhere, weight: 1 });

/** Minute-aligned starts near transitions (and anywhere), for calendar arithmetic. */
const calendarStart = fc.oneof(
  transition.chain((t) =>
    fc.record({ zone: fc.constant(t.zone), at: fc.integer({ min: -10 * 24 * 60, max: 26 * 60 }).map((minutes) => t.at + minutes * MINUTE) }),
  ),
  fc.record({ zone: fc.constantFrom(...zones), at: fc.integer({ min: FROM / MINUTE, max: UNTIL / MINUTE }).map((m) => m * MINUTE) }),
);

// ---------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------

describe('send windows agree with a minute-by-minute oracle in every zone', () => {
  test('the transition scan found the zones that change offset', () => {
    expect(dstZones).toContain('America/New_York');
    expect(dstZones).toContain('Pacific/Auckland');
    expect(dstZones).not.toContain('Asia/Tokyo');
    expect(transitionsOf('America/New_York').map((t) => new Date(t.at).toISOString()).slice(0, 2)).toEqual([
      '2025-03-09T07:00:00.000Z',
      '2025-11-02T06:00:00.000Z',
    ]);
  });

  test.prop([sendCase], { numRuns: RUNS })('nextSendTime: never early, never inside quiet hours, the first allowed minute', ({ zone, at, window }) => {
    const decision = nextSendTime(new Date(at), window, zone, 'UTC');
    const sendAt = decision.sendAt.getTime();
    const context = `due ${show(at, zone)}, quiet ${clock(window.startMinute)}–${clock(window.endMinute)}: got ${show(sendAt, zone)}`;
    expect(sendAt, `earlier than due; ${context}`).toBeGreaterThanOrEqual(at);
    expect(quietAt(sendAt, zone, window), `inside quiet hours; ${context}`).toBe(false);
    expect(show(sendAt, zone), `not the first allowed minute; ${context}`).toBe(show(firstAllowed(at, zone, window), zone));
    expect(decision.deferred).toBe(sendAt !== at);
    expect(decision.timeZone).toBe(zone);
  }, TIMEOUT);

  const elapsed = fc.oneof(
    fc.record({ waitUnit: fc.constant<WaitUnit>('minutes'), waitAmount: fc.integer({ min: 0, max: 3 * 24 * 60 }) }),
    fc.record({ waitUnit: fc.constant<WaitUnit>('hours'), waitAmount: fc.integer({ min: 0, max: 72 }) }),
  );
  test.prop([sendCase, elapsed], { numRuns: RUNS })('stepFireTime, minutes and hours: the first allowed minute after the wait', ({ zone, at, window }, step) => {
    const due = at + step.waitAmount * (step.waitUnit === 'minutes' ? MINUTE : HOUR);
    const fired = stepFireTime(new Date(at), step, { timeZone: zone, quietHours: window }).at.getTime();
    expect(show(fired, zone)).toBe(show(firstAllowed(due, zone, window), zone));
  }, TIMEOUT);

  test.prop([calendarStart, fc.integer({ min: 0, max: 10 }), anyWindow], { numRuns: Math.ceil(RUNS / 3) })(
    'stepFireTime, days: the same wall time n days later, then the first allowed minute',
    ({ zone, at }, days, window) => {
      const due = resolveWall(plusDays(wall(at, zone), days), zone);
      const fired = stepFireTime(new Date(at), { waitUnit: 'days', waitAmount: days }, { timeZone: zone, quietHours: window }).at.getTime();
      expect(show(fired, zone)).toBe(show(firstAllowed(due, zone, window), zone));
    },
    TIMEOUT,
  );

  test.prop([calendarStart, fc.integer({ min: 0, max: 12 })], { numRuns: Math.ceil(RUNS / 3) })(
    'addBusinessDays equals the day-by-day count, keeping the wall time',
    ({ zone, at }, days) => {
      expect(show(addBusinessDays(new Date(at), days, zone).getTime(), zone)).toBe(show(naiveBusinessDays(at, days, zone), zone));
    },
    TIMEOUT,
  );

  test.prop([calendarStart, fc.integer({ min: 0, max: 40 }), businessDaySets], { numRuns: Math.ceil(RUNS / 3) })(
    'addBusinessDays counts a tenant’s own business days (Sunday to Thursday, six days, any set)',
    ({ zone, at }, days, businessDays) => {
      const got = addBusinessDays(new Date(at), days, zone, businessDays).getTime();
      expect(show(got, zone), `${days} business days of [${businessDays}] from ${show(at, zone)}`).toBe(show(naiveBusinessDays(at, days, zone, businessDays), zone));
    },
    TIMEOUT,
  );

  test.prop([calendarStart, fc.integer({ min: 0, max: 12 }), anyWindow, businessDaySets], { numRuns: Math.ceil(RUNS / 3) })(
    'stepFireTime, business days: on one of the tenant’s business days, outside quiet hours, not before the counted day',
    ({ zone, at }, days, window, businessDays) => {
      const counted = naiveBusinessDays(at, days, zone, businessDays);
      const fired = stepFireTime(new Date(at), { waitUnit: 'business_days', waitAmount: days }, { timeZone: zone, quietHours: window, businessDays }).at.getTime();
      const context = `from ${show(at, zone)} +${days} business days of [${businessDays}], quiet ${clock(window.startMinute)}–${clock(window.endMinute)}: got ${show(fired, zone)}`;
      expect(fired, `before the counted day; ${context}`).toBeGreaterThanOrEqual(counted);
      expect(quietAt(fired, zone, window), `inside quiet hours; ${context}`).toBe(false);
      expect(isBusiness(businessDays)(weekdayOf(wall(fired, zone))), `not a business day; ${context}`).toBe(true);
    },
    TIMEOUT,
  );

  test.prop([calendarStart, fc.integer({ min: 0, max: 12 }), anyWindow], { numRuns: Math.ceil(RUNS / 3) })(
    'stepFireTime, business days: on a weekday, outside quiet hours, not before the counted day',
    ({ zone, at }, days, window) => {
      const counted = naiveBusinessDays(at, days, zone);
      const fired = stepFireTime(new Date(at), { waitUnit: 'business_days', waitAmount: days }, { timeZone: zone, quietHours: window }).at.getTime();
      const context = `from ${show(at, zone)} +${days} business days, quiet ${clock(window.startMinute)}–${clock(window.endMinute)}: got ${show(fired, zone)}`;
      expect(fired, `before the counted day; ${context}`).toBeGreaterThanOrEqual(counted);
      expect(quietAt(fired, zone, window), `inside quiet hours; ${context}`).toBe(false);
      expect([0, 6], `on a weekend; ${context}`).not.toContain(weekdayOf(wall(fired, zone)));
    },
    TIMEOUT,
  );
});
