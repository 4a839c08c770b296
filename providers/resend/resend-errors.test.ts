import { describe, expect, it } from 'vitest';
import { classifyResendError } from './resend-errors';

describe('classifyResendError', () => {
  it.each([
    [422, 'validation_error', 'permanent'],
    [400, 'missing_required_field', 'permanent'],
    [403, 'invalid_from_address', 'permanent'],
    [404, 'not_found', 'permanent'],
    [429, 'rate_limit_exceeded', 'transient'],
    [500, 'internal_server_error', 'transient'],
    [409, 'concurrent_idempotent_requests', 'unknown'],
  ] as const)('HTTP %i %s → %s', (status, name, kind) => expect(classifyResendError(status, name).kind).toBe(kind));
});
