import { describe, expect, it } from 'vitest';
import { classifyResendError, classifyTwilioError, parseRetryAfter } from './provider-errors';

describe('classifyTwilioError', () => {
  it.each([
    [400, 21211, 'permanent', /not valid/],
    [400, 21614, 'permanent', /landline/],
    [400, 21610, 'permanent', /STOP/],
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

describe('classifyResendError', () => {
  it.each([
    [422, 'validation_error', 'permanent'],
    [400, 'missing_required_field', 'permanent'],
    [403, 'invalid_from_address', 'permanent'],
    [429, 'rate_limit_exceeded', 'transient'],
    [500, 'internal_server_error', 'transient'],
    [409, 'concurrent_idempotent_requests', 'unknown'],
  ] as const)('HTTP %i %s → %s', (status, name, kind) => expect(classifyResendError(status, name).kind).toBe(kind));
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
