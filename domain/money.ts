/** A money amount in its currency, for people: 1250.5 USD → "$1,250.50"; JPY has no minor unit. */
export function formatMoney(amount: string | number, currency: string, locale = 'en-US'): string {
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) throw new RangeError(`"${amount}" is not an amount of money`);
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    throw new RangeError(`"${currency}" is not an ISO 4217 currency code (e.g. USD, EUR)`);
  }
  return format.format(value);
}
