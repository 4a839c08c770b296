import { describe, expect, it } from 'vitest';
import { emailHtmlFromText, escapeHtml } from './html';

describe('escapeHtml', () => {
  it('escapes the characters that open markup or end an attribute', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('emailHtmlFromText', () => {
  it('escapes the text once and turns line breaks into <br>', () => {
    expect(emailHtmlFromText('Tom & "Jerry" <3\r\nSee you\nBye')).toBe('<p>Tom &amp; &quot;Jerry&quot; &lt;3<br>See you<br>Bye</p>');
  });
  it('leaves text that merely looks escaped as the person typed it', () => {
    expect(emailHtmlFromText('&amp; is how HTML writes &')).toBe('<p>&amp;amp; is how HTML writes &amp;</p>');
  });
});
