import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { localDay, paceSend, startOfNextLocalDay } from './send-pacing';

const rates = fc.record({ perMinute: fc.integer({ min: 1, max: 6000 }), burst: fc.integer({ min: 1, max: 200 }) });

/** Reserves a slot for each arrival time, in order, as the database does one reservation at a time. */
function reserveAll(arrivals: number[], rate: { perMinute: number; burst: number }): number[] {
  let tat: number | null = null;
  return arrivals.map((at) => {
    const next = paceSend(tat, at, rate);
    tat = next.tat;
    return next.slot;
  });
}

describe('paceSend', () => {
  it('lets a burst out at once, then one message per interval', () => {
    const slots = reserveAll([0, 0, 0, 0, 0], { perMinute: 60, burst: 3 });
    expect(slots).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('does not bank unused time beyond the burst', () => {
    const slots = reserveAll([0, 600_000, 600_000, 600_000], { perMinute: 60, burst: 2 });
    expect(slots).toEqual([0, 600_000, 600_000, 601_000]);
  });

  test.prop([rates, fc.array(fc.integer({ min: 0, max: 3_600_000 }), { minLength: 1, maxLength: 300 })])(
    'slots never precede their request, keep the order of reservation, and respect the rate in every window',
    (rate, times) => {
      const arrivals = [...times].sort((a, b) => a - b);
      const slots = reserveAll(arrivals, rate);
      const interval = 60_000 / rate.perMinute;
      slots.forEach((slot, i) => {
        expect(slot).toBeGreaterThanOrEqual(arrivals[i]!);
        if (i > 0) expect(slot).toBeGreaterThanOrEqual(slots[i - 1]!);
      });
      // Any window [s, s + w) holds at most burst + w / interval sends.
      for (let i = 0; i < slots.length; i++) {
        for (let j = i; j < slots.length; j++) {
          const w = slots[j]! - slots[i]!;
          expect(j - i + 1).toBeLessThanOrEqual(rate.burst + Math.floor(w / interval + 1e-9));
        }
      }
    },
  );
});

describe('local days', () => {
  it('counts days in the tenant zone and finds the next local midnight', () => {
    const at = Date.parse('2026-03-08T06:30:00Z'); // 01:30 in New York, the night clocks spring forward
    expect(localDay(at, 'America/New_York')).toBe('2026-03-08');
    expect(new Date(startOfNextLocalDay(at, 'America/New_York')).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(localDay(at, 'Asia/Tokyo')).toBe('2026-03-08');
    expect(new Date(startOfNextLocalDay(at, 'Asia/Tokyo')).toISOString()).toBe('2026-03-08T15:00:00.000Z');
  });
});
