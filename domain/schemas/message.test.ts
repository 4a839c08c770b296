import { describe, expect, it } from 'vitest';
import { CreateMessageSchema, RescheduleMessageSchema } from './message';

const base = { contactId: 'ctc_1', channel: 'sms' as const, body: 'Hello' };
const issues = (input: unknown) => {
  const result = CreateMessageSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('CreateMessageSchema', () => {
  it('accepts a minimal SMS and trims the body', () => {
    expect(CreateMessageSchema.parse({ ...base, body: '  Hi  ' })).toEqual({ ...base, body: 'Hi' });
  });
  it('enforces each channel’s body limit exactly', () => {
    expect(issues({ ...base, body: 'x'.repeat(1600) })).toEqual([]);
    expect(issues({ ...base, body: 'x'.repeat(1601) })).toEqual(['body: body is 1601 characters; sms allows at most 1600']);
    expect(issues({ ...base, channel: 'whatsapp', body: 'x'.repeat(4096) })).toEqual([]);
    expect(issues({ ...base, channel: 'whatsapp', body: 'x'.repeat(4097) })).toHaveLength(1);
  });
  it('requires a subject for email and refuses one elsewhere', () => {
    expect(issues({ ...base, channel: 'email' })).toEqual(['subject: subject is required for email']);
    expect(issues({ ...base, channel: 'email', subject: 'Your quote' })).toEqual([]);
    expect(issues({ ...base, subject: 'Hi' })).toEqual(['subject: subject is only used by email, not sms']);
  });
  it('takes sendAt only as an ISO instant with an offset, at most a year ahead', () => {
    expect(issues({ ...base, sendAt: '2026-12-01T09:00:00+01:00' })).toEqual([]);
    expect(issues({ ...base, sendAt: '2026-12-01 09:00' })).toHaveLength(1);
    expect(issues({ ...base, sendAt: new Date(Date.now() + 400 * 86_400_000).toISOString() })).toEqual(['sendAt: sendAt may be at most 366 days ahead']);
  });
  it('rejects unknown fields rather than ignoring them', () => {
    expect(issues({ ...base, send_at: 'tomorrow' })).toHaveLength(1);
  });
});

describe('RescheduleMessageSchema', () => {
  it('needs a sendAt instant', () => {
    expect(RescheduleMessageSchema.safeParse({}).success).toBe(false);
    expect(RescheduleMessageSchema.safeParse({ sendAt: '2026-12-01T09:00:00Z' }).success).toBe(true);
  });
});
