import { describe, expect, it } from 'vitest';
import { BoundedJsonObjectSchema, CurrencySchema, CustomPropertiesSchema, IdSchema, IsoInstantSchema, MoneyAmountSchema } from './common';

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues.map((i) => i.message) ?? [];

describe('IsoInstantSchema', () => {
  it('takes instants with an offset in the years Postgres and JavaScript agree on', () => {
    for (const ok of ['0001-01-01T00:00:00Z', '2026-12-01T09:00:00+01:00', '9999-12-31T23:59:59.999Z']) expect(IsoInstantSchema.safeParse(ok).success, ok).toBe(true);
    for (const outside of ['0000-06-01T00:00:00Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:59:59-23:59']) {
      expect(messages(IsoInstantSchema.safeParse(outside)), outside).toEqual(['must fall between the years 0001 and 9999 (UTC)']);
    }
    expect(messages(IsoInstantSchema.safeParse('2026-12-01 09:00'))).toEqual(['an ISO 8601 instant with an offset, e.g. 2026-12-01T09:00:00+01:00']);
  });
});

describe('MoneyAmountSchema', () => {
  it('fits numeric(14,2)', () => {
    expect(MoneyAmountSchema.safeParse(999_999_999_999.99).success).toBe(true);
    expect(MoneyAmountSchema.safeParse(0).success).toBe(true);
    expect(messages(MoneyAmountSchema.safeParse(1e12))).toEqual(['at most 999,999,999,999.99']);
    expect(messages(MoneyAmountSchema.safeParse(0.001))).toEqual(['at most 2 decimals']);
    expect(MoneyAmountSchema.safeParse(-1).success).toBe(false);
  });
});

describe('CurrencySchema', () => {
  it('takes the ISO 4217 codes the runtime knows, and nothing else', () => {
    for (const code of ['USD', 'EUR', 'JPY', 'GBP']) expect(CurrencySchema.safeParse(code).success, code).toBe(true);
    for (const code of ['ABC', 'usd', 'US', 'EURO']) expect(messages(CurrencySchema.safeParse(code)), code).toEqual(['currency is not an ISO 4217 code (e.g. USD, EUR, GBP)']);
  });
});

describe('IdSchema', () => {
  it('takes Herald ids and refuses anything else', () => {
    expect(IdSchema.safeParse('ctc_3f2a9c0e11aa4b7e9d5c1e0f2a3b4c5d').success).toBe(true);
    for (const bad of ['', 'x'.repeat(65), 'ctc 1', 'ctc/1', 'ctç_1']) expect(IdSchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe('CustomPropertiesSchema', () => {
  it('is flat: name → text, number, boolean or null, within bounds', () => {
    expect(CustomPropertiesSchema.parse({ budget: 5000, vip: true, note: 'x'.repeat(2000), none: null })).toEqual({ budget: 5000, vip: true, note: 'x'.repeat(2000), none: null });
    const nested = CustomPropertiesSchema.safeParse({ address: { city: 'Paris' } });
    expect(nested.error?.issues[0]).toMatchObject({ path: ['address'], message: expect.stringMatching(/not an object or a list/) });
    expect(CustomPropertiesSchema.safeParse({ tags: ['a'] }).success).toBe(false);
    expect(CustomPropertiesSchema.safeParse({ note: 'x'.repeat(2001) }).success).toBe(false);
    expect(CustomPropertiesSchema.safeParse({ ['k'.repeat(101)]: 1 }).success).toBe(false);
    expect(CustomPropertiesSchema.safeParse({ '': 1 }).success).toBe(false);
    expect(messages(CustomPropertiesSchema.safeParse(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]))))).toEqual(['at most 100 properties']);
  });
});

describe('BoundedJsonObjectSchema', () => {
  it('lets data nest a little, and refuses deep or huge data without recursing', () => {
    expect(BoundedJsonObjectSchema.safeParse({ items: [{ name: 'Boiler', price: 1200 }], notes: null }).success).toBe(true);
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(messages(BoundedJsonObjectSchema.safeParse({ deep }))).toEqual(['nested at most 5 levels deep']);
    expect(messages(BoundedJsonObjectSchema.safeParse({ many: Array.from({ length: 2000 }, (_, i) => i) }))).toEqual(['at most 1000 values in all']);
    expect(messages(BoundedJsonObjectSchema.safeParse({ text: 'x'.repeat(2001) }))).toEqual(['text values are at most 2000 characters']);
  });
});
