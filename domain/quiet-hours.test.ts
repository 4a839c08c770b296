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
    // Found by the properties in send-window.property.test.ts; each failed before Luxon replaced the
    // hand-written offset arithmetic. Zones more than 12 h ahead of UTC (New Zealand, Chatham) sent up to an
    // hour inside quiet hours on the spring-forward night: the window's end was resolved with the offset of
    // the wrong side of the jump. New Zealand: 2026-09-27 02:00 NZST → 03:00 NZDT (14:00Z).
    ['New Zealand: a window ending in the skipped hour opens at the jump, not an hour early', '2026-09-26T11:00:00Z' /* 23:00 NZST */, { startMinute: 23 * 60, endMinute: 2 * 60 }, 'Pacific/Auckland', 'UTC', '2026-09-26T14:00:00.000Z'],
    ['Antarctica/McMurdo keeps New Zealand time, and the same fix', '2026-09-26T11:00:00Z', { startMinute: 23 * 60, endMinute: 2 * 60 }, 'Antarctica/McMurdo', 'UTC', '2026-09-26T14:00:00.000Z'],
    // Chatham (+12:45 → +13:45 at 02:45 local): even 02:00, which exists, came out as 01:00.
    ['Chatham: a window ending just before the jump ends on time', '2026-09-26T10:15:00Z' /* 23:00 CHAST */, { startMinute: 23 * 60, endMinute: 2 * 60 }, 'Pacific/Chatham', 'UTC', '2026-09-26T13:15:00.000Z'],
    ['New Zealand fall-back: the repeated 02:00 opens at its first occurrence', '2026-04-04T10:00:00Z' /* 23:00 NZDT */, { startMinute: 23 * 60, endMinute: 2 * 60 }, 'Pacific/Auckland', 'UTC', '2026-04-04T13:00:00.000Z'],
    // Every zone that falls back: due in the second pass of the repeated hour, the window's end in the first
    // pass had already gone, and the message went out at once, inside quiet hours.
    ['due in the second pass of the repeated hour: the second 01:30', '2026-11-01T06:00:00Z' /* 01:00 EST */, { startMinute: 22 * 60 + 30, endMinute: 90 }, 'America/New_York', 'UTC', '2026-11-01T06:30:00.000Z'],
    ['Chile falls back at midnight: the second 23:30 on Saturday', '2026-04-05T03:00:00Z' /* 23:00 -04, second pass */, { startMinute: 20 * 60 + 30, endMinute: 23 * 60 + 30 }, 'America/Santiago', 'UTC', '2026-04-05T03:30:00.000Z'],
    // Falling back can leave a window backwards: at 02:00 EDT the clock reads 01:00 EST, before 01:30.
    ['falling back to before the window start opens it at the change', '2026-11-01T05:30:00Z' /* 01:30 EDT */, { startMinute: 90, endMinute: 4 * 60 + 30 }, 'America/New_York', 'UTC', '2026-11-01T06:00:00.000Z'],
    // Riga skips 03:00–03:59 on 2026-03-29: the one open minute of 03:01–03:00 does not exist that day.
    ['a window whose only open minute is skipped waits for the next day', '2026-03-29T00:59:00Z' /* 02:59 EET */, { startMinute: 3 * 60 + 1, endMinute: 3 * 60 }, 'Europe/Riga', 'UTC', '2026-03-30T00:00:00.000Z'],
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
