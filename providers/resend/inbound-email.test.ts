import { describe, expect, it } from 'vitest';
import { emailAddressOf, inboundEmailBody } from './inbound-email';

describe('emailAddressOf', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['Ada Lovelace <Ada@Example.COM>', 'ada@example.com'],
    ['"Lovelace, Ada" <ada@example.com>', 'ada@example.com'],
    ['=?UTF-8?B?w4lsaXNl?= <elise@example.com>', 'elise@example.com'],
    ['ada@example.com (Ada at home)', 'ada@example.com'],
    ['  <ADA@example.com>  ', 'ada@example.com'],
  ])('%s → %s', (value, address) => expect(emailAddressOf(value)).toBe(address));

  it.each(['', 'Ada', 'Ada <>', 'not an address', '<@example.com>'])('%j names no address', (value) => expect(emailAddressOf(value)).toBeNull());
});

describe('inboundEmailBody', () => {
  it('prefers the text part and keeps it whole, quoted history included', () => {
    const text = 'Yes.\n\nOn Mon, Acme wrote:\n> Shall we?';
    expect(inboundEmailBody({ text, html: '<p>Yes.</p>' })).toBe(text);
  });

  it('falls back to the HTML when the text part is missing or blank', () => {
    expect(inboundEmailBody({ text: null, html: '<p>Yes</p>' })).toBe('Yes');
    expect(inboundEmailBody({ text: ' \n', html: '<p>Yes, <b>call me</b> at 10.</p><p>Ada</p>' })).toBe('Yes, call me at 10.\n\nAda');
    // Links keep their address; images and scripts leave nothing behind.
    expect(inboundEmailBody({ text: null, html: '<p>See <a href="https://x.test/q">the quote</a></p><img src="cid:1"><script>alert(1)</script>' })).toBe(
      'See the quote [https://x.test/q]',
    );
    expect(inboundEmailBody({ text: null, html: null })).toBe('');
  });

  it('drops what Postgres cannot store and nothing else', () => {
    expect(inboundEmailBody({ text: 'a\u0000b \ud83d\ude00 \ud800c', html: null })).toBe('ab \ud83d\ude00 \ufffdc');
  });
});
