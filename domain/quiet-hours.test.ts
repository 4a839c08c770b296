import { describe, expect, it } from 'vitest';
import { formatClock, nextSendTime, parseClock, type QuietHours } from './quiet-hours';

const night: QuietHours = { startMinute: parseClock('21:00'), endMinute: parseClock('08:00') };
const lunch: QuietHours = { startMinute: parseClock('12:00'), endMinute: parseClock('13:30') };

describe('nextSendTime', () => {
  // [description, instant, quiet hours, contact zone, tenant zone, expected send instant]
  const cases: Array<[string, string, QuietHours | null, string | null, string, string]> = [
    ['no quiet hours: as due', '2026-03-08T06:30:00Z', null, null, 'UTC', '2026-03-08T06:30:00.000Z'],
    ['outside the window: as due', '2026-06-01T15:00:00Z', night, 'America/New_York', 'UTC', '2026-06-01T15:00:00.000Z'],
    ['evening part of a window across midnight: next morning', '2026-06-01T02:00:00Z' /* 22:00 EDT */, night, 'America/New_York', 'UTC', '2026-06-01T12:00:00.000Z'],
    ['morning part of a window across midnight: same morning', '2026-06-01T09:00:00Z' /* 05:00 EDT */, night, 'America/New_York', 'UTC', '2026-06-01T12:00:00.000Z'],
    ['window start is inclusive', '2026-06-02T01:00:00Z' /* 21:00 EDT */, night, 'America/New_York', 'UTC', '2026-06-02T12:00:00.000Z'],
    ['window end is exclusive', '2026-06-01T12:00:00Z' /* 08:00 EDT */, night, 'America/New_York', 'UTC', '2026-06-01T12:00:00.000Z'],
    ['a window within one day', '2026-06-01T12:15:00Z', lunch, 'Europe/London' /* 13:15 BST */, 'UTC', '2026-06-01T12:30:00.000Z'],
    ['falls back to the tenant zone', '2026-06-01T02:00:00Z', night, null, 'America/New_York', '2026-06-01T12:00:00.000Z'],
    ['contact zone wins over the tenant zone', '2026-06-01T02:00:00Z' /* 11:00 in Tokyo */, night, 'Asia/Tokyo', 'America/New_York', '2026-06-01T02:00:00.000Z'],
    // Spring forward in New York, 2026-03-08 02:00 → 03:00: the night is 10 h, and 08:00 EDT is 12:00Z.
    ['spring-forward night ends at 08:00 local', '2026-03-08T03:00:00Z' /* 22:00 EST on the 7th */, night, 'America/New_York', 'UTC', '2026-03-08T12:00:00.000Z'],
    // Fall back, 2026-11-01 02:00 → 01:00: the night is 12 h, and 08:00 EST is 13:00Z.
    ['fall-back night ends at 08:00 local', '2026-11-01T02:00:00Z' /* 22:00 EDT on Oct 31 */, night, 'America/New_York', 'UTC', '2026-11-01T13:00:00.000Z'],
    // Windows that end inside the skipped or repeated hour.
    ['a window ending in the skipped hour opens at the jump', '2026-03-08T06:45:00Z' /* 01:45 EST */, { startMinute: 60, endMinute: 150 }, 'America/New_York', 'UTC', '2026-03-08T07:00:00.000Z'],
    ['a window ending in the repeated hour opens at its first occurrence', '2026-11-01T05:10:00Z' /* 01:10 EDT */, { startMinute: 60, endMinute: 90 }, 'America/New_York', 'UTC', '2026-11-01T05:30:00.000Z'],
    // Southern hemisphere: Sydney leaves DST on 2026-04-05 (03:00 → 02:00).
    ['southern-hemisphere fall-back', '2026-04-04T11:00:00Z' /* 22:00 AEDT */, night, 'Australia/Sydney', 'UTC', '2026-04-04T22:00:00.000Z'],
    ['half-hour zone', '2026-06-01T17:00:00Z' /* 22:30 IST */, night, 'Asia/Kolkata', 'UTC', '2026-06-02T02:30:00.000Z'],
    ['equal start and end means no window', '2026-06-01T02:00:00Z', { startMinute: 600, endMinute: 600 }, 'UTC', 'UTC', '2026-06-01T02:00:00.000Z'],
  ];

  it.each(cases)('%s', (_name, at, quiet, contactZone, tenantZone, expected) => {
    const decision = nextSendTime(new Date(at), quiet, contactZone, tenantZone);
    expect(decision.sendAt.toISOString()).toBe(expected);
    expect(decision.deferred).toBe(expected !== new Date(at).toISOString());
    expect(decision.timeZone).toBe(contactZone ?? tenantZone);
  });
});

describe('parseClock / formatClock', () => {
  it('round-trips times of day', () => {
    for (const clock of ['00:00', '08:05', '21:00', '23:59']) expect(formatClock(parseClock(clock))).toBe(clock);
  });
  it.each(['24:00', '7:00', '12:60', 'noon', ''])('rejects %j', (value) => {
    expect(() => parseClock(value)).toThrow(RangeError);
  });
});
