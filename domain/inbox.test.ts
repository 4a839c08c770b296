import { describe, expect, it } from 'vitest';
import { channelAvailability, containsPattern, decodeThreadCursor, encodeThreadCursor, formatThreadCount, prefixTsQuery, THREAD_COUNT_LIMIT, threadState } from './inbox';

describe('threadState', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('reads a snoozed thread as snoozed before its time and open after it', () => {
    expect(threadState('open', new Date('2026-12-01T12:00:01Z'), now)).toBe('snoozed');
    expect(threadState('open', new Date('2026-12-01T12:00:00Z'), now)).toBe('open');
    expect(threadState('open', null, now)).toBe('open');
  });
  it('keeps a closed thread closed whatever its snooze', () => {
    expect(threadState('closed', new Date('2027-01-01T00:00:00Z'), now)).toBe('closed');
  });
});

describe('thread cursors', () => {
  it('round-trip', () => {
    const cursor = { at: new Date('2026-12-01T12:00:00.123Z'), id: 'thr_abc' };
    expect(decodeThreadCursor(encodeThreadCursor(cursor))).toEqual(cursor);
  });
  it.each(['nonsense', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["not a date","thr_1"]').toString('base64url'), Buffer.from('["2026-01-01T00:00:00Z","x y"]').toString('base64url')])(
    'refuses %s as a validation error',
    (value) => {
      expect(() => decodeThreadCursor(value)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    },
  );
});

describe('prefixTsQuery', () => {
  it('turns words into prefix terms joined by AND', () => {
    expect(prefixTsQuery('Pipe  LEAK pipe')).toBe('pipe:* & leak:*');
  });
  it('drops everything that is not a letter or digit, so the syntax cannot break', () => {
    expect(prefixTsQuery("o'brien & | ! :* (x)")).toBe('o:* & brien:* & x:*');
    expect(prefixTsQuery('&&& !!!')).toBeNull();
  });
  it('keeps letters of any script', () => {
    expect(prefixTsQuery('Zoë Ärger')).toBe('zoë:* & ärger:*');
  });
});

describe('containsPattern', () => {
  it('escapes LIKE wildcards', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

describe('channelAvailability', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const contact = { phone: '+14155550100', email: null, smsConsent: 'granted', whatsappConsent: 'unknown', emailConsent: 'unknown', lastInboundWhatsappAt: null };
  it('allows a channel with an address and no opt-out', () => {
    expect(channelAvailability(contact, 'sms', now)).toMatchObject({ available: true, reason: null });
  });
  it('says why not: no address, an opt-out', () => {
    expect(channelAvailability(contact, 'email', now)).toMatchObject({ available: false, reason: 'no_address' });
    expect(channelAvailability({ ...contact, smsConsent: 'revoked' }, 'sms', now)).toMatchObject({ available: false, reason: 'opted_out', templatesOnly: false });
  });
  it('offers templates only outside the WhatsApp window, and says when an open window closes', () => {
    expect(channelAvailability(contact, 'whatsapp', now)).toMatchObject({ available: false, reason: 'whatsapp_window_closed', templatesOnly: true });
    const wrote = { ...contact, lastInboundWhatsappAt: new Date('2026-12-01T02:00:00Z') };
    expect(channelAvailability(wrote, 'whatsapp', now)).toMatchObject({ available: true, windowClosesAt: new Date('2026-12-02T02:00:00Z') });
    expect(channelAvailability({ ...contact, lastInboundWhatsappAt: new Date('2026-11-30T12:00:00Z') }, 'whatsapp', now).reason).toBe('whatsapp_window_closed');
  });
});

describe('formatThreadCount', () => {
  it('shows a count as it is below the limit, and as “limit − 1, plus” at it', () => {
    expect(THREAD_COUNT_LIMIT).toBe(1000);
    expect(formatThreadCount(0)).toBe('0');
    expect(formatThreadCount(999)).toBe('999');
    expect(formatThreadCount(1000)).toBe('999+');
  });
});
