import { describe, expect, it } from 'vitest';
import { explainSendTiming, type SendTimingInput } from './send-timing';

const base: SendTimingInput = {
  origin: 'api',
  status: 'sent',
  scheduledAt: null,
  sentAt: null,
  sendSlotAt: null,
  createdAt: new Date('2026-12-01T10:00:00Z'),
  quietHours: { startMinute: 21 * 60, endMinute: 8 * 60 },
  contactTimeZone: 'Europe/London',
  tenantTimeZone: 'America/New_York',
};

describe('explainSendTiming', () => {
  it('says a message due in quiet hours was held until they ended, in the contact’s zone', () => {
    const timing = explainSendTiming({ ...base, scheduledAt: new Date('2026-12-01T22:30:00Z'), sentAt: new Date('2026-12-02T08:00:05Z') });
    expect(timing).toEqual({
      kind: 'quiet-hours',
      text: 'Due 22:30 Europe/London (Tue 1 Dec), inside quiet hours (21:00–08:00 Europe/London): held until they ended and sent 08:00 Europe/London (Wed 2 Dec).',
    });
  });

  it('says when a scheduled message waiting for the morning will go', () => {
    const timing = explainSendTiming({ ...base, status: 'scheduled', scheduledAt: new Date('2026-12-01T23:00:00Z') });
    expect(timing?.kind).toBe('quiet-hours');
    expect(timing?.text).toContain('it will go 08:00 Europe/London (Wed 2 Dec)');
  });

  it('falls back to the tenant’s zone when the contact has none', () => {
    // 03:00 UTC is 22:00 in New York: quiet there.
    const timing = explainSendTiming({ ...base, contactTimeZone: null, status: 'scheduled', scheduledAt: new Date('2026-12-02T03:00:00Z') });
    expect(timing?.text).toContain('America/New_York');
    expect(timing?.kind).toBe('quiet-hours');
  });

  it('says the send rate held a message back when its slot came after it was due', () => {
    const timing = explainSendTiming({ ...base, sendSlotAt: new Date('2026-12-01T10:05:00Z'), sentAt: new Date('2026-12-01T10:05:01Z') });
    expect(timing).toMatchObject({ kind: 'paced' });
    expect(timing?.text).toContain('its turn came 10:05 Europe/London');
  });

  it('names a sequence step’s business-day wait', () => {
    const timing = explainSendTiming({
      ...base,
      origin: 'sequence',
      scheduledAt: new Date('2026-12-01T10:00:00Z'),
      sentAt: new Date('2026-12-01T10:00:01Z'),
      step: { position: 1, waitAmount: 2, waitUnit: 'business_days' },
    });
    expect(timing).toEqual({
      kind: 'business-days',
      text: 'Sequence step 2: 2 business days after the previous step (non-business days skipped); sent 10:00 Europe/London (Tue 1 Dec).',
    });
  });

  it('tells an immediate send from a scheduled one', () => {
    expect(explainSendTiming({ ...base, sentAt: new Date('2026-12-01T10:00:01Z') })?.kind).toBe('immediate');
    expect(explainSendTiming({ ...base, scheduledAt: new Date('2026-12-01T12:00:00Z'), sentAt: new Date('2026-12-01T12:00:01Z') })).toEqual({
      kind: 'scheduled',
      text: 'Sent at its scheduled time, 12:00 Europe/London (Tue 1 Dec).',
    });
  });

  it('says compliance replies ignore quiet hours, and nothing for a message that never went', () => {
    expect(explainSendTiming({ ...base, origin: 'compliance', sentAt: new Date('2026-12-01T23:00:00Z') })?.kind).toBe('compliance');
    expect(explainSendTiming({ ...base, status: 'cancelled' })).toBeNull();
  });
});
