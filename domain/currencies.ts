/**
 * ISO 4217 currency codes, as this runtime's Intl knows them (`Intl.supportedValuesOf('currency')`): the
 * codes it can format, which is what a quote needs. The `quotes.currency` column has a CHECK listing the same
 * codes; an integration test fails when a newer runtime knows a code the database does not.
 */
export const CURRENCY_CODES: readonly string[] = Object.freeze([...Intl.supportedValuesOf('currency')]);

const known = new Set(CURRENCY_CODES);

export function isCurrencyCode(code: string): boolean {
  return known.has(code);
}
