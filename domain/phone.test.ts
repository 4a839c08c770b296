import { describe, expect, it } from 'vitest';
import { isE164, isSmsShortCode, maskPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['+1 (415) 555-0100', '+14155550100'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
    ['+49.30.1234567', '+49301234567'],
    ['  +14155550100  ', '+14155550100'],
  ])('%s → %s', (input, expected) => expect(normalizePhone(input)).toBe(expected));

  it('uses a default country code for national numbers only when given one', () => {
    expect(normalizePhone('(415) 555-0100')).toBeNull();
    expect(normalizePhone('(415) 555-0100', '1')).toBe('+14155550100');
    expect(normalizePhone('1 415 555 0100', '+1')).toBe('+14155550100');
    expect(normalizePhone('020 7946 0958', '44')).toBe('+442079460958');
  });

  it.each(['', 'call me', '+1 415 555 0100 ext 2', '++14155550100', '+0123456789', '+12', '1+4155550100', '+1234567890123456'])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('isE164 / maskPhone', () => {
  it('accepts only canonical E.164', () => {
    expect(isE164('+14155550100')).toBe(true);
    expect(isE164('14155550100')).toBe(false);
    expect(isE164('+1 415')).toBe(false);
  });
  it('keeps only the country code and the last two digits', () => {
    expect(maskPhone('+14155550100')).toBe('+14*******00');
  });
});

describe('isSmsShortCode', () => {
  it('takes 5–6 digits only, as Twilio writes short codes', () => {
    for (const code of ['12345', '123456']) expect(isSmsShortCode(code)).toBe(true);
    for (const other of ['1234', '1234567', '+12345', '12 345', 'abcde', '']) expect(isSmsShortCode(other)).toBe(false);
  });
});
