import { describe, expect, it } from 'vitest';
import { failureReason } from './failure-reasons';

describe('failureReason', () => {
  it.each([
    ['30003', null, 'The phone was unreachable (switched off or out of coverage) and the carrier gave up.'],
    ['30007', 'Twilio said: filtered', 'The carrier filtered the message as spam.'],
    ['CONSENT_REVOKED', 'Contact opted out', 'The contact opted out of this channel, so it was not sent.'],
    ['BOUNCED', null, 'The email bounced; the address no longer receives email from us.'],
  ])('explains code %s in words', (code, message, expected) => {
    expect(failureReason(code, message)).toBe(expected);
  });

  it('falls back to the stored explanation for a code it does not know', () => {
    expect(failureReason('21408', 'Sending to this country is not enabled on the Twilio account.')).toBe(
      'Sending to this country is not enabled on the Twilio account.',
    );
  });

  it('names an unknown code when nothing else is known', () => {
    expect(failureReason('99999', null)).toBe('The provider reported error 99999.');
  });

  it('is null for a message without an error', () => {
    expect(failureReason(null, null)).toBeNull();
  });
});
