import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineItemsProblem, lineItemViews } from './quote-line-items';

describe('quote line items', () => {
  it('adds up in cents', () => {
    expect(lineItemsProblem(0.3, [{ description: 'a', quantity: 3, unitPrice: 0.1 }])).toBeNull();
    expect(lineItemsProblem(300, [{ description: 'h', quantity: 2.5, unitPrice: 120 }])).toBeNull();
    expect(lineItemsProblem(100, [{ description: 'p', quantity: 3, unitPrice: 30 }])).toBe('total: 100.00 is not the sum of the line items (90.00)');
    expect(lineItemsProblem(12, [])).toBeNull();
  });

  it('accepts the total its own amounts add up to, whatever the lines', () => {
    const item = fc.record({
      description: fc.constant('x'),
      quantity: fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100),
      unitPrice: fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100),
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), (items) => {
        const total = lineItemViews(items).reduce((n, v) => n + Math.round(Number(v.amount) * 100), 0) / 100;
        expect(lineItemsProblem(total, items)).toBeNull();
        expect(lineItemsProblem(total + 0.01, items)).not.toBeNull();
      }),
    );
  });
});
