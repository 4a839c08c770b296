import { describe, expect, it } from 'vitest';
import { CreateContactSchema } from './contact';

describe('CreateContactSchema', () => {
  it('normalises phone to E.164 and lower-cases email', () => {
    expect(CreateContactSchema.parse({ phone: '+1 (415) 555-0100', email: 'Ada@Example.COM' })).toEqual({ phone: '+14155550100', email: 'ada@example.com' });
  });
  it('explains a phone number it cannot read', () => {
    const result = CreateContactSchema.safeParse({ phone: '555-0100' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/not an international phone number/);
  });
  it('needs a phone or an email, and a real time zone', () => {
    expect(CreateContactSchema.safeParse({ firstName: 'Ada' }).error?.issues[0]?.message).toMatch(/phone number or an email/);
    expect(CreateContactSchema.safeParse({ email: 'a@b.co', timeZone: 'Mars/Base' }).success).toBe(false);
    expect(CreateContactSchema.safeParse({ email: 'a@b.co', timeZone: 'Europe/Berlin' }).success).toBe(true);
  });
  it('stores a time zone under its canonical IANA name', () => {
    expect(CreateContactSchema.parse({ email: 'a@b.co', timeZone: 'america/new_york' }).timeZone).toBe('America/New_York');
    expect(CreateContactSchema.parse({ email: 'a@b.co', timeZone: 'US/Eastern' }).timeZone).toBe('America/New_York');
    expect(CreateContactSchema.parse({ email: 'a@b.co', timeZone: 'Asia/Calcutta' }).timeZone).toBe('Asia/Kolkata');
    expect(CreateContactSchema.safeParse({ email: 'a@b.co', timeZone: 'Mars/Base' }).error?.issues[0]).toMatchObject({
      path: ['timeZone'],
      message: '"Mars/Base" is not an IANA time zone (e.g. America/New_York)',
    });
  });
});
