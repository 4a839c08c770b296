/**
 * A quote's lines and their sums, in cents so that 3 × 0.10 is 0.30 and not 0.30000000000000004. Amounts are
 * rounded half away from zero to the cent (a quantity may have decimals: 2.5 hours).
 */
export interface QuoteLineItem {
  description: string;
  quantity: number;
  unitPrice: number;
}

const cents = (amount: number) => Math.round(amount * 100);
const lineCents = (item: QuoteLineItem) => Math.round(item.quantity * cents(item.unitPrice));
const asAmount = (c: number) => (c / 100).toFixed(2);

/** Each line with its unit price and amount as money strings ("950.00"), as the API answers them. */
export function lineItemViews(items: QuoteLineItem[]) {
  return items.map((item) => ({ description: item.description, quantity: item.quantity, unitPrice: asAmount(cents(item.unitPrice)), amount: asAmount(lineCents(item)) }));
}

/** Why the lines cannot go with this total, or null: they must add up to it exactly (to the cent). */
export function lineItemsProblem(total: number, items: QuoteLineItem[]): string | null {
  if (items.length === 0) return null;
  const sum = items.reduce((n, item) => n + lineCents(item), 0);
  return sum === cents(total) ? null : `total: ${asAmount(cents(total))} is not the sum of the line items (${asAmount(sum)})`;
}
