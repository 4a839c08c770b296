import { describe, expect, it } from 'vitest';
import { addLocalDays, fromLocal, isValidTimeZone, offsetMs, toLocal } from './time-zone';

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
  it('validates IANA zone names', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
