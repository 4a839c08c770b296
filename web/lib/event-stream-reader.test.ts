import { describe, expect, it } from 'vitest';
import { readStreamMessage, streamUrl } from './event-stream-reader';

const event = (id: string, type = 'message.created', extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, type, threadId: 'thr_1', data: { messageId: 'msg_1' }, at: '2026-11-23T10:00:00.000Z', ...extra });

describe('readStreamMessage', () => {
  it('takes the first event of a fresh stream whatever its number, then each next number', () => {
    const first = readStreamMessage(null, event('41'));
    expect(first.step).toMatchObject({ kind: 'event', event: { id: '41', type: 'message.created' } });
    expect(first.lastId).toBe('41');
    const next = readStreamMessage('41', event('42', 'thread.updated'));
    expect(next).toMatchObject({ step: { kind: 'event', event: { type: 'thread.updated' } }, lastId: '42' });
  });

  it('asks for a reload after a gap, and goes on from the event after it', () => {
    const gap = readStreamMessage('41', event('43'));
    expect(gap.step).toEqual({ kind: 'reset', reason: 'a gap after event 41' });
    expect(gap.lastId).toBe('43');
    expect(readStreamMessage(gap.lastId, event('44')).step.kind).toBe('event');
  });

  it('drops an event it has taken already', () => {
    expect(readStreamMessage('41', event('41'))).toEqual({ step: { kind: 'skip' }, lastId: '41' });
    expect(readStreamMessage('41', event('7'))).toEqual({ step: { kind: 'skip' }, lastId: '41' });
  });

  it('compares numbers past 2^53 exactly', () => {
    expect(readStreamMessage('9007199254740993', event('9007199254740994')).step.kind).toBe('event');
    expect(readStreamMessage('9007199254740993', event('9007199254740995')).step.kind).toBe('reset');
  });

  it('asks for a reload on a type it cannot merge (a later API’s, or a reset), keeping its place', () => {
    for (const type of ['reset', 'contact.updated']) {
      const read = readStreamMessage('41', event('42', type));
      expect(read.step).toEqual({ kind: 'reset', reason: `an event this page cannot merge (${type})` });
      expect(read.lastId).toBe('42');
    }
  });

  it('passes over a lead form’s submission (nothing in the inbox shows it), keeping its place', () => {
    expect(readStreamMessage('41', event('42', 'lead_form.submitted', { threadId: null }))).toEqual({ step: { kind: 'skip' }, lastId: '42' });
    expect(readStreamMessage('42', event('43')).step.kind).toBe('event');
  });

  it('asks for a reload on something that is not an event, and takes the next one as it comes', () => {
    expect(readStreamMessage('41', 'not json')).toEqual({ step: { kind: 'reset', reason: 'an event that is not JSON' }, lastId: null });
    expect(readStreamMessage('41', JSON.stringify({ type: 'reset' }))).toEqual({ step: { kind: 'reset', reason: 'an event without a number' }, lastId: null });
    expect(readStreamMessage('41', event('42', 'message.created', { data: 'no object' })).step.kind).toBe('reset');
  });
});

describe('streamUrl', () => {
  it('resumes after the last event taken, or starts from now', () => {
    expect(streamUrl(null)).toBe('/api/events');
    expect(streamUrl('42')).toBe('/api/events?lastEventId=42');
  });
});
