import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { redactPersonalData } from './redact';

describe('redactPersonalData', () => {
  it.each([
    ["The 'To' number +14155550100 is not a valid phone number.", "The 'To' number [number] is not a valid phone number."],
    ['Attempt to send to unsubscribed recipient +1 (415) 555-0100', 'Attempt to send to unsubscribed recipient [number]'],
    ['The email ada.lovelace+crm@example.co.uk bounced', 'The email [email] bounced'],
    ['Twilio error 21610 on message SM123: rate 429', 'Twilio error 21610 on message SM123: rate 429'],
  ])('%s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  test.prop([fc.string(), fc.stringMatching(/^\+?[1-9]\d{6,14}$/), fc.emailAddress(), fc.string()])(
    'leaves no phone number or email address of the text behind',
    (before, phone, email, after) => {
      const out = redactPersonalData(`${before} ${phone} ${after} ${email} `);
      expect(out).not.toContain(phone);
      expect(out).not.toContain(email);
    },
  );
});
