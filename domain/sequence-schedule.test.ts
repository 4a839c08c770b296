import { describe, expect, it } from 'vitest';
import { scheduleSteps, stepFireTime, type StepTiming } from './sequence-schedule';

const NIGHT = { startMinute: 21 * 60, endMinute: 8 * 60 };
const at = (iso: string) => new Date(iso);
const fire = (from: string, step: StepTiming, timeZone = 'UTC', quietHours: typeof NIGHT | null = null) => stepFireTime(at(from), step, { timeZone, quietHours });

describe('stepFireTime', () => {
  it.each<[string, StepTiming, string]>([
    ['2026-03-02T10:00:00.000Z', { waitAmount: 0, waitUnit: 'minutes' }, '2026-03-02T10:00:00.000Z'],
    ['2026-03-02T10:00:00.000Z', { waitAmount: 90, waitUnit: 'minutes' }, '2026-03-02T11:30:00.000Z'],
    ['2026-03-02T10:00:00.000Z', { waitAmount: 30, waitUnit: 'hours' }, '2026-03-03T16:00:00.000Z'],
    ['2026-03-02T10:00:00.250Z', { waitAmount: 3, waitUnit: 'days' }, '2026-03-05T10:00:00.250Z'],
  ])('from %s waits %o → %s (UTC, no quiet hours)', (from, step, expected) => {
    expect(fire(from, step)).toEqual({ at: at(expected), reasons: [] });
  });

  it('keeps the local time across DST in both directions (New York and London)', () => {
    // New York springs forward on 8 March 2026 and falls back on 1 November 2026.
    expect(fire('2026-03-07T14:00:00Z', { waitAmount: 1, waitUnit: 'days' }, 'America/New_York').at).toEqual(at('2026-03-08T13:00:00Z'));
    expect(fire('2026-10-31T13:00:00Z', { waitAmount: 1, waitUnit: 'days' }, 'America/New_York').at).toEqual(at('2026-11-01T14:00:00Z'));
    // London: 29 March and 25 October 2026.
    expect(fire('2026-03-28T09:00:00Z', { waitAmount: 2, waitUnit: 'days' }, 'Europe/London').at).toEqual(at('2026-03-30T08:00:00Z'));
    expect(fire('2026-10-24T08:00:00Z', { waitAmount: 1, waitUnit: 'days' }, 'Europe/London').at).toEqual(at('2026-10-25T09:00:00Z'));
    // Hours are elapsed time: 24 hours across spring-forward reads an hour later on the clock.
    expect(fire('2026-03-07T14:00:00Z', { waitAmount: 24, waitUnit: 'hours' }, 'America/New_York').at).toEqual(at('2026-03-08T14:00:00Z'));
  });

  it('counts business days over the weekend, Monday to Friday in the zone', () => {
    // Thursday 5 March 2026, 10:00 UTC.
    expect(fire('2026-03-05T10:00:00Z', { waitAmount: 1, waitUnit: 'business_days' }).at).toEqual(at('2026-03-06T10:00:00Z'));
    expect(fire('2026-03-05T10:00:00Z', { waitAmount: 2, waitUnit: 'business_days' }).at).toEqual(at('2026-03-09T10:00:00Z'));
    expect(fire('2026-03-05T10:00:00Z', { waitAmount: 6, waitUnit: 'business_days' }).at).toEqual(at('2026-03-13T10:00:00Z'));
    // From Saturday counting starts at Monday: one business day is Tuesday; zero is Monday.
    expect(fire('2026-03-07T10:00:00Z', { waitAmount: 1, waitUnit: 'business_days' }).at).toEqual(at('2026-03-10T10:00:00Z'));
    expect(fire('2026-03-07T10:00:00Z', { waitAmount: 0, waitUnit: 'business_days' }).at).toEqual(at('2026-03-09T10:00:00Z'));
    expect(fire('2026-03-07T10:00:00Z', { waitAmount: 1, waitUnit: 'business_days' }).reasons).toEqual([
      { code: 'business_day', message: 'counted business days from Monday: Saturday is not a business day', from: '2026-03-07T10:00:00.000Z', to: '2026-03-10T10:00:00.000Z' },
    ]);
    expect(fire('2026-03-05T10:00:00Z', { waitAmount: 1, waitUnit: 'business_days' }).reasons).toEqual([]);
    // Friday evening in New York is Saturday in UTC: the zone decides.
    expect(fire('2026-03-07T01:00:00Z', { waitAmount: 1, waitUnit: 'business_days' }, 'America/New_York').at).toEqual(at('2026-03-10T00:00:00Z'));
  });

  it('keeps the wall time over a business day that skips it (Jerusalem springs forward on a Friday)', () => {
    // Thursday 26 March 2026, 02:30 in Jerusalem (+02). Friday 02:30 does not exist (02:00 → 03:00 +03): that
    // step fires at the jump; Monday has 02:30 again. Walking day by day used to carry 03:00 on to Monday.
    const thursday = '2026-03-26T00:30:00Z';
    expect(fire(thursday, { waitAmount: 1, waitUnit: 'business_days' }, 'Asia/Jerusalem').at).toEqual(at('2026-03-27T00:00:00Z'));
    expect(fire(thursday, { waitAmount: 2, waitUnit: 'business_days' }, 'Asia/Jerusalem').at).toEqual(at('2026-03-29T23:30:00Z'));
  });

  it('counts thousands of business days a week at a time, landing where the calendar says', () => {
    // Monday 2 March 2026, 10:00 EST + 2,000 business days = 400 weeks: Monday 31 October 2033, 10:00 EDT.
    expect(fire('2026-03-02T15:00:00Z', { waitAmount: 2_000, waitUnit: 'business_days' }, 'America/New_York').at).toEqual(at('2033-10-31T14:00:00Z'));
  });

  it('moves a step out of quiet hours that cross midnight, with the reason', () => {
    const step = fire('2026-03-03T01:30:00Z', { waitAmount: 1, waitUnit: 'hours' }, 'America/New_York', NIGHT); // 21:30 NY → 22:30
    expect(step.at).toEqual(at('2026-03-03T13:00:00Z')); // 08:00 NY next morning
    expect(step.reasons).toEqual([
      { code: 'quiet_hours', message: 'moved out of quiet hours (21:00–08:00 America/New_York) to 08:00 on Tue, Mar 3', from: '2026-03-03T02:30:00.000Z', to: '2026-03-03T13:00:00.000Z' },
    ]);
    // Early morning moves to the same morning.
    expect(fire('2026-03-03T09:00:00Z', { waitAmount: 0, waitUnit: 'minutes' }, 'America/New_York', NIGHT).at).toEqual(at('2026-03-03T13:00:00Z'));
  });

  it('moves a business-day step pushed onto Saturday by quiet hours to Monday', () => {
    // Thursday 22:00 UTC + 1 business day = Friday 22:00 (quiet) → Saturday 08:00 → Monday 08:00.
    const step = fire('2026-03-05T22:00:00Z', { waitAmount: 1, waitUnit: 'business_days' }, 'UTC', NIGHT);
    expect(step.at).toEqual(at('2026-03-09T08:00:00Z'));
    expect(step.reasons.map((r) => r.code)).toEqual(['quiet_hours', 'business_day']);
    expect(step.reasons[1]!.message).toBe('waited for a business day: Saturday → Monday');
  });

  it('evaluates quiet hours in zones with odd offsets', () => {
    // 16:00 UTC is 21:30 in Kolkata (+5:30): quiet until 08:00 local = 02:30 UTC.
    expect(fire('2026-03-03T16:00:00Z', { waitAmount: 0, waitUnit: 'minutes' }, 'Asia/Kolkata', NIGHT).at).toEqual(at('2026-03-04T02:30:00Z'));
    // 10:00 UTC is 23:00 in Auckland (+13 in March): quiet until 08:00 = 19:00 UTC.
    expect(fire('2026-03-03T10:00:00Z', { waitAmount: 0, waitUnit: 'minutes' }, 'Pacific/Auckland', NIGHT).at).toEqual(at('2026-03-03T19:00:00Z'));
  });
});

describe('scheduleSteps', () => {
  it('chains four steps over ten days, each from the one before', () => {
    const times = scheduleSteps(
      at('2026-03-02T15:00:00Z'), // Monday
      [
        { waitAmount: 0, waitUnit: 'minutes' },
        { waitAmount: 2, waitUnit: 'days' },
        { waitAmount: 3, waitUnit: 'business_days' },
        { waitAmount: 5, waitUnit: 'days' },
      ],
      { timeZone: 'UTC', quietHours: NIGHT },
    );
    expect(times.map((t) => t.at.toISOString())).toEqual([
      '2026-03-02T15:00:00.000Z',
      '2026-03-04T15:00:00.000Z',
      '2026-03-09T15:00:00.000Z',
      '2026-03-14T15:00:00.000Z',
    ]);
    expect(times.every((t) => t.reasons.length === 0)).toBe(true);
  });
});
