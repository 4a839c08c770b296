/**
 * Takes personal data out of free text that leaves Herald's database for logs or Temporal's history: a
 * provider's error message may quote the recipient's number or address ("The 'To' number +1415… is not
 * valid"). Email addresses and phone-like runs of seven or more digits are replaced; the rest stays readable.
 */
const EMAIL = /[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+/g;
// A run of digits, possibly with separators (spaces, dots, dashes, parentheses) between them, and a leading +.
const PHONE = /\+?\(?\d(?:[\s().-]{0,2}\d){6,}/g;

export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[number]');
}
