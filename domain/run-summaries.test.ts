import { describe, expect, it } from 'vitest';
import { duration, enrollmentRunSummary, localMoment, messageRunSummary, quoteRunSummary } from './run-summaries';

describe('run summaries for Temporal Web', () => {
  it('say what a run is from ids and settings', () => {
    expect(messageRunSummary('sms', { kind: 'step', position: 1, stepCount: 4, sequence: { name: 'Welcome', version: 3 } })).toBe('SMS · step 2 of 4 · Welcome v3');
    expect(messageRunSummary('email', { kind: 'notification' })).toBe('Email · new-lead alert');
    expect(messageRunSummary('sms', { kind: 'compliance', keyword: 'opt-out' })).toBe('SMS · STOP confirmation');
    expect(messageRunSummary('whatsapp', { kind: 'api', scheduled: true })).toBe('WhatsApp · send later');
    expect(messageRunSummary('sms', { kind: 'agent', scheduled: false })).toBe('SMS · agent reply');
    expect(enrollmentRunSummary({ name: 'Welcome', version: 3 }, 4)).toBe('Sequence · Welcome v3 · 4 steps');
    expect(quoteRunSummary(3)).toBe('Quote follow-up · 3 days');
    expect(quoteRunSummary(0)).toBe('Quote · no follow-up');
  });

  it('stay within Temporal’s 200-byte limit for a static summary', () => {
    const summary = enrollmentRunSummary({ name: 'Ünïcödé '.repeat(40), version: 12 }, 3);
    expect(new TextEncoder().encode(summary).length).toBeLessThanOrEqual(200);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('give local times and waits in words', () => {
    expect(localMoment('2026-12-01T08:00:00Z', 'Europe/London')).toBe('08:00 Europe/London (Tue 1 Dec)');
    expect(duration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(duration(5 * 3_600_000 + 20 * 60_000)).toBe('5 h 20 min');
    expect(duration(42_000)).toBe('42 s');
  });
});
