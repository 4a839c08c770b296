import { describe, expect, it } from 'vitest';
import { addLocalDays, atWallTime, canonicalTimeZone, fromLocal, isValidTimeZone, offsetMs, plusLocalDays, toLocal } from './time-zone';

describe('time zones', () => {
  it('reads the wall clock of an instant', () => {
    expect(toLocal(new Date('2026-01-15T12:34:56Z'), 'America/Los_Angeles')).toEqual({ year: 2026, month: 1, day: 15, hour: 4, minute: 34, second: 56 });
  });
  it('knows offsets on both sides of a transition', () => {
    expect(offsetMs(new Date('2026-03-08T06:59:00Z'), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(offsetMs(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
  });
  it('turns ordinary local times into instants', () => {
    expect(fromLocal({ year: 2026, month: 7, day: 4, hour: 9, minute: 0, second: 0 }, 'Europe/Paris').toISOString()).toBe('2026-07-04T07:00:00.000Z');
  });
  it('resolves a skipped local time to the moment of the jump', () => {
    expect(fromLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 }, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });
  it('resolves a repeated local time to its first occurrence', () => {
    expect(fromLocal({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
  it('adds calendar days across month and year ends', () => {
    expect(addLocalDays({ year: 2026, month: 12, day: 31, hour: 8, minute: 0, second: 0 }, 1)).toMatchObject({ year: 2027, month: 1, day: 1, hour: 8 });
    expect(addLocalDays({ year: 2028, month: 2, day: 28, hour: 0, minute: 0, second: 0 }, 1)).toMatchObject({ month: 2, day: 29 });
  });
  it('resolves a repeated local time to its later occurrence, or the first not before an instant, when asked', () => {
    const local = { year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 };
    expect(fromLocal(local, 'America/New_York', 'later').toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(atWallTime(local, 'America/New_York', { notBefore: Date.parse('2026-11-01T05:30:00.001Z') }).toISO()).toBe('2026-11-01T01:30:00.000-05:00');
    expect(atWallTime(local, 'America/New_York', { notBefore: Date.parse('2026-11-01T05:00:00Z') }).toISO()).toBe('2026-11-01T01:30:00.000-04:00');
  });
  it('resolves a skipped time in a zone far ahead of UTC to the jump (New Zealand, +12 → +13)', () => {
    expect(fromLocal({ year: 2026, month: 9, day: 27, hour: 2, minute: 30, second: 0 }, 'Pacific/Auckland').toISOString()).toBe('2026-09-26T14:00:00.000Z');
    // Chatham jumps at 02:45 local (+12:45 → +13:45): 02:00 exists and is 13:15Z.
    expect(fromLocal({ year: 2026, month: 9, day: 27, hour: 2, minute: 0, second: 0 }, 'Pacific/Chatham').toISOString()).toBe('2026-09-26T13:15:00.000Z');
  });
  it('adds calendar days keeping the wall time and the milliseconds; a skipped time becomes the jump', () => {
    expect(plusLocalDays(new Date('2026-03-07T07:30:00.250Z'), 1, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z'); // 02:30 → 03:00 EDT
    expect(plusLocalDays(new Date('2026-03-07T07:30:00.250Z'), 2, 'America/New_York').toISOString()).toBe('2026-03-09T06:30:00.250Z'); // 02:30 EDT
  });
  it('refuses a zone it does not know instead of reading NaN', () => {
    expect(() => toLocal(new Date(0), 'Mars/Olympus')).toThrow(RangeError);
  });
  it('validates IANA zone names', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('canonicalTimeZone', () => {
  it.each([
    ['America/New_York', 'America/New_York'],
    ['america/new_york', 'America/New_York'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['  Europe/Berlin ', 'Europe/Berlin'],
    ['US/Eastern', 'America/New_York'],
    ['us/pacific', 'America/Los_Angeles'],
    ['EST5EDT', 'America/New_York'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
    ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['America/Godthab', 'America/Nuuk'],
    ['NZ', 'Pacific/Auckland'],
    ['Antarctica/South_Pole', 'Antarctica/McMurdo'],
    ['Europe/Bratislava', 'Europe/Bratislava'], // IANA merged it into Prague; the contact stays Slovak
    ['UTC', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['GMT', 'UTC'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
  ])('%j → %j', (input, canonical) => {
    expect(canonicalTimeZone(input)).toBe(canonical);
  });

  it.each(['Mars/Olympus', '', '   ', '+05:30', 'America/New York', 'x'.repeat(65)])('%j is not a zone', (input) => {
    expect(canonicalTimeZone(input)).toBeNull();
  });

  it('maps every zone the platform knows to a name that maps to itself', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const canonical = canonicalTimeZone(zone);
      expect(canonical, zone).not.toBeNull();
      expect(canonicalTimeZone(canonical!), zone).toBe(canonical);
      expect(canonicalTimeZone(zone.toLowerCase()), zone).toBe(canonical);
    }
  });
});
