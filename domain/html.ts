/** Text made safe to place inside HTML: the five characters that could open markup or end an attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The HTML part of an email whose body is plain text (what a person wrote, or a template rendered for the
 * contact). Made here and only here, from the text as stored, so nothing is escaped twice.
 */
export function emailHtmlFromText(text: string): string {
  return `<p>${escapeHtml(text).replace(/\r?\n/g, '<br>')}</p>`;
}
