import { describe, expect, it } from 'vitest';
import { classifyTwilioError } from './twilio-errors';

describe('classifyTwilioError', () => {
  it.each([
    [400, 21211, 'permanent', /not valid/],
    [400, 21614, 'permanent', /landline/],
    [400, 21610, 'permanent', /STOP/],
    [400, 21608, 'permanent', /trial account/],
    [400, 63016, 'permanent', /24-hour window/],
    [429, 20429, 'transient', /rate limiting/],
    [429, null, 'transient', /rate limiting/],
    [503, null, 'transient', /server error/],
    [401, 20003, 'permanent', /credentials/],
    [400, 30999, 'unknown', /error 30999/],
  ] as const)('HTTP %i code %s → %s', (status, code, kind, explanation) => {
    const result = classifyTwilioError(status, code);
    expect(result.kind).toBe(kind);
    expect(result.explanation).toMatch(explanation);
  });
  it('marks carrier opt-outs', () => {
    expect(classifyTwilioError(400, 21610).optOut).toBe(true);
    expect(classifyTwilioError(400, 21211).optOut).toBeUndefined();
  });
});
