import { describe, expect, it } from 'vitest';
import { isFilledTooFast, isOriginAllowed, leadFormSnippet, normalizeOrigin, pageWithoutQuery, splitName } from './lead-form';
import { AllowedOriginSchema, LeadFormSubmissionSchema, leadFormSubmissionSchema } from './schemas/lead-form';

describe('which pages may use a form', () => {
  it('lets any page use a form without a list, and only listed origins otherwise (a missing Origin included)', () => {
    expect(isOriginAllowed([], undefined)).toBe(true);
    expect(isOriginAllowed([], 'https://anywhere.example')).toBe(true);
    expect(isOriginAllowed(['https://www.acme.test'], 'https://www.acme.test')).toBe(true);
    expect(isOriginAllowed(['https://www.acme.test'], 'https://WWW.ACME.test')).toBe(true);
    expect(isOriginAllowed(['https://www.acme.test'], 'http://www.acme.test')).toBe(false);
    expect(isOriginAllowed(['https://www.acme.test'], 'https://www.acme.test.evil.example')).toBe(false);
    expect(isOriginAllowed(['https://www.acme.test'], undefined)).toBe(false);
    expect(isOriginAllowed(['https://www.acme.test'], 'null')).toBe(false);
  });

  it.each([
    ['https://Example.com/', 'https://example.com'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['https://example.com:443', 'https://example.com'],
    ['https://example.com/contact', null],
    ['https://example.com/?a=1', null],
    ['https://user:pw@example.com', null],
    ['ftp://example.com', null],
    ['*', null],
    ['example.com', null],
  ])('normalises the origin %s to %s', (input, expected) => {
    expect(normalizeOrigin(input)).toBe(expected);
    expect(AllowedOriginSchema.safeParse(input).success).toBe(expected !== null);
  });
});

describe('what is kept of the page', () => {
  it('keeps origin and path, never the query or fragment (they may carry personal data)', () => {
    expect(pageWithoutQuery('https://www.acme.test/contact?email=ada%40example.com&utm_source=x#form')).toBe('https://www.acme.test/contact');
    expect(pageWithoutQuery('javascript:alert(1)')).toBeNull();
    expect(pageWithoutQuery('not a url')).toBeNull();
  });

  it('splits the one name field into a first name and the rest', () => {
    expect(splitName('  Ada   Lovelace ')).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(splitName('Grace Brewster Murray Hopper')).toEqual({ firstName: 'Grace', lastName: 'Brewster Murray Hopper' });
    expect(splitName('Cher')).toEqual({ firstName: 'Cher', lastName: null });
  });

  it('measures the fill time on the visitor’s own clock, so a clock set wrong does not matter', () => {
    expect(isFilledTooFast(1_000, 2_999)).toBe(true);
    expect(isFilledTooFast(1_000, 3_000)).toBe(false);
    expect(isFilledTooFast(5_000, 1_000)).toBe(true);
  });

  it('builds the snippet with the form id and the API’s script URL, escaped', () => {
    expect(leadFormSnippet('https://herald.example.com/', 'lfm_abc')).toBe(
      '<div data-herald-lead-form="lfm_abc"></div>\n<script src="https://herald.example.com/embed/lead-form.js" async></script>',
    );
    expect(leadFormSnippet('https://h.example/"x', 'lfm_abc')).toContain('src="https://h.example/&quot;x/embed/lead-form.js"');
  });
});

describe('a submission', () => {
  const base = { name: 'Ada', email: 'ada@example.com', renderedAt: 1, submittedAt: 5000, pageUrl: 'https://www.acme.test/' };

  it('reads JSON and form-encoded values alike: "" is not given, "on" is a ticked box, digits are timestamps', () => {
    const json = LeadFormSubmissionSchema.parse({ ...base, consent: true, consentText: 'Yes', phone: '' });
    const form = LeadFormSubmissionSchema.parse({ ...base, consent: 'on', consentText: 'Yes', phone: '', renderedAt: '1', submittedAt: '5000', referrer: '', utm_source: '' });
    expect(form).toEqual(json);
    expect(json).toMatchObject({ consent: true, phone: undefined });
    expect(LeadFormSubmissionSchema.parse({ ...base, consent: '' }).consent).toBe(false);
  });

  it('takes national numbers only with the form’s default country code', () => {
    expect(LeadFormSubmissionSchema.safeParse({ ...base, phone: '020 7946 0958' }).success).toBe(false);
    expect(leadFormSubmissionSchema('44').parse({ ...base, phone: '020 7946 0958' }).phone).toBe('+442079460958');
    expect(leadFormSubmissionSchema('44').parse({ ...base, phone: '+1 415 555 0100' }).phone).toBe('+14155550100');
  });
});
