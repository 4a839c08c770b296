import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, validateTemplate, type TemplateContext } from './templates';

const ctx: TemplateContext = {
  contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+14155550100', customProperties: { budget: '$5k', rooms: 3, vip: true, address: { city: 'Austin' }, tags: ['a', 'b'] } },
  tenant: { businessName: 'Acme & Sons', supportContact: '+14155550199' },
  quote: { total: '1250.50', currency: 'USD', shortUrl: 'https://h.test/q/abc', title: 'Remodel', expiresAt: '2027-03-05T12:00:00Z', data: { items: [{ name: 'Tiles' }] }, timeZone: 'America/New_York' },
};

describe('parseTemplate', () => {
  it('finds tokens with spaces, dotted paths and fallbacks', () => {
    expect(parseTemplate('Hi {{ first_name | there }}, {{custom.budget}}!').tokens).toEqual([
      { raw: '{{ first_name | there }}', path: 'first_name', fallback: 'there' },
      { raw: '{{custom.budget}}', path: 'custom.budget', fallback: null },
    ]);
  });
  it.each([['Hi {{first_name'], ['{{}}'], ['{{ first name }}'], ['{{first-name}}'], ['{{.x}}']])('reports a syntax problem in %s', (text) => {
    expect(parseTemplate(text).problems[0]?.code).toBe('syntax');
  });
  it('accepts text without tokens', () => {
    expect(parseTemplate('Plain text { not a token }')).toEqual({ tokens: [], problems: [] });
  });
});

describe('validateTemplate', () => {
  it('lists every unknown variable, with the known ones', () => {
    const problems = validateTemplate('Hi {{frist_name}} {{totl}} {{custom.x}}', 'contact');
    expect(problems.map((p) => p.token)).toEqual(['{{frist_name}}', '{{totl}}']);
    expect(problems[0]!.message).toMatch(/unknown variable "frist_name"; known: first_name, last_name/);
  });
  it('knows quote variables only in quote templates', () => {
    expect(validateTemplate('{{total}} {{short_url}} {{quote.items.0.name}}', 'quote')).toEqual([]);
    expect(validateTemplate('{{total}}', 'contact').map((p) => p.code)).toEqual(['unknown_variable']);
    expect(validateTemplate('{{custom}}', 'contact').map((p) => p.code)).toEqual(['unknown_variable']);
  });
});

describe('renderTemplate', () => {
  it('fills contact, tenant, custom and quote values', () => {
    expect(renderTemplate('Hi {{first_name}} ({{full_name}}), {{business_name}}: {{custom.budget}}, {{custom.rooms}} rooms, vip {{custom.vip}}, {{custom.address.city}}', ctx)).toEqual({
      ok: true,
      text: 'Hi Ada (Ada Lovelace), Acme & Sons: $5k, 3 rooms, vip true, Austin',
    });
    expect(renderTemplate('{{quote_title}} {{total}} {{short_url}} until {{expires_at}} — {{quote.items.0.name}}', ctx)).toEqual({
      ok: true,
      text: 'Remodel $1,250.50 https://h.test/q/abc until March 5, 2027 — Tiles',
    });
  });
  it('uses the fallback when the value is missing or empty', () => {
    expect(renderTemplate('Hi {{first_name|there}}', { ...ctx, contact: { firstName: '  ' } })).toEqual({ ok: true, text: 'Hi there' });
  });
  it('never leaves a blank: every missing value is a problem', () => {
    const result = renderTemplate('Hi {{first_name}}, {{custom.missing}} {{custom.address}}', { ...ctx, contact: { firstName: null, customProperties: { address: { city: 'x' } } } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => [p.code, p.token])).toEqual([
      ['missing_value', '{{first_name}}'],
      ['missing_value', '{{custom.missing}}'],
      ['missing_value', '{{custom.address}}'],
    ]);
  });
  it('renders plain text: values go in as they are, for every channel (email HTML is made once, when sent)', () => {
    const text = renderTemplate('From {{business_name}}: {{custom.note}}', { ...ctx, contact: { customProperties: { note: '<b>"x"</b>' } } });
    expect(text).toEqual({ ok: true, text: 'From Acme & Sons: <b>"x"</b>' });
  });
  it('does not expand tokens that arrive inside values', () => {
    expect(renderTemplate('{{custom.note}}', { ...ctx, contact: { customProperties: { note: '{{first_name}}' } } })).toEqual({ ok: true, text: '{{first_name}}' });
  });
});
