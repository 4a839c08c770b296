import { describe, expect, it } from 'vitest';
import { parseRetryAfter, whatsappWindowOpen, WHATSAPP_WINDOW_MS } from './provider-errors';

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

describe('whatsappWindowOpen', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it('is open for 24 hours after the contact last wrote, and closed before they ever did', () => {
    expect(whatsappWindowOpen(new Date(now.getTime() - WHATSAPP_WINDOW_MS + 1000), now)).toBe(true);
    expect(whatsappWindowOpen(new Date(now.getTime() - WHATSAPP_WINDOW_MS), now)).toBe(false);
    expect(whatsappWindowOpen(null, now)).toBe(false);
  });
});
