import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it.each([
    [1250.5, 'USD', '$1,250.50'],
    ['1250.50', 'USD', '$1,250.50'],
    ['980', 'EUR', '€980.00'],
    [1500, 'JPY', '¥1,500'],
    [0, 'GBP', '£0.00'],
    ['1234567.89', 'CAD', 'CA$1,234,567.89'],
  ])('%s %s → %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it('formats for another locale', () => {
    expect(formatMoney(1250.5, 'EUR', 'de-DE')).toBe('1.250,50\u00a0€');
  });

  it('refuses what is not money', () => {
    expect(() => formatMoney('12,50', 'USD')).toThrow(RangeError);
    expect(() => formatMoney(10, 'DOLLARS')).toThrow(/ISO 4217/);
  });
});
