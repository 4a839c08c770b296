import { describe, expect, it } from 'vitest';
import { apiQuery, filtersFromSearch, searchFromFilters, subjectHref } from './audit-log-query';

describe('the audit log’s filters in the URL', () => {
  it('keeps known values and drops the rest', () => {
    const filters = filtersFromSearch(new URLSearchParams('actorType=user&type=template.updated&subjectType=nope&from=2026-11-01&to=11/20/2026'));
    expect(filters).toEqual({ actorType: 'user', type: 'template.updated', from: '2026-11-01' });
    expect(searchFromFilters(filters)).toBe('actorType=user&type=template.updated&from=2026-11-01');
  });

  it('asks the API for whole days: from the first day’s start to the day after the last', () => {
    const q = apiQuery({ from: '2026-11-01', to: '2026-11-01' });
    expect(Date.parse(q.to!) - Date.parse(q.from!)).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(Date.parse(q.to!) - Date.parse(q.from!)).toBeLessThanOrEqual(25 * 3_600_000);
    expect(apiQuery({}, 'abc')).toEqual({ cursor: 'abc' });
  });

  it('links the subjects the app has pages for', () => {
    expect(subjectHref({ type: 'sequence', id: 'seq_1' })).toBe('/sequences/seq_1');
    expect(subjectHref({ type: 'thread', id: 'thr/1' })).toBe('/inbox/thr%2F1');
    expect(subjectHref({ type: 'provider_credentials', id: 'twilio' })).toBeNull();
  });
});
