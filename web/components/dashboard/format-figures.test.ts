import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, formatRate, formatWait } from './format-figures';

describe('dashboard figures', () => {
  it('writes rates as percentages, small ones with a decimal, none as a dash', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.004)).toBe('0.4%');
    expect(formatRate(0.1234)).toBe('12%');
    expect(formatRate(1)).toBe('100%');
  });

  it('writes waits in the largest units that fit', () => {
    expect(formatWait(null)).toBe('—');
    expect(formatWait(42)).toBe('42 s');
    expect(formatWait(12 * 60)).toBe('12 min');
    expect(formatWait(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(formatWait(2 * 86400 + 4 * 3600)).toBe('2 d 4 h');
    expect(formatWait(86400)).toBe('1 d');
  });

  it('never writes a wait of zero units or an empty string', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e8, noNaN: true }), (seconds) => {
        const text = formatWait(seconds);
        expect(text).toMatch(/^\d+ (s|min|h|d)( \d+ (min|h))?$/);
        expect(text).not.toMatch(/ 0 (min|h)$/);
      }),
    );
  });

  it('labels days without the time zone moving them', () => {
    expect(formatDay('2026-03-29')).toBe('29 Mar');
    expect(formatDay('2026-11-01')).toBe('1 Nov');
  });
});
