/**
 * Normalises a phone number to E.164. Accepts international numbers written with spaces, dots, dashes and
 * parentheses, a leading 00 for +, and — when a default country calling code is given — national numbers.
 * Returns null when the input cannot be a phone number.
 */
export function normalizePhone(input: string, defaultCountryCode?: string): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/[^\d+]/g, '');
  if (digits.indexOf('+') > 0 || (digits.match(/\+/g)?.length ?? 0) > 1) return null;
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (!digits.startsWith('+')) {
    if (!defaultCountryCode) return null;
    const national = digits.replace(/^0+/, '');
    // North American numbers are often written with their leading 1.
    const cc = defaultCountryCode.replace(/^\+/, '');
    digits = national.startsWith(cc) && national.length === 11 && cc === '1' ? `+${national}` : `+${cc}${national}`;
  }
  return isE164(digits) ? digits : null;
}

export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value);
}

/**
 * An SMS short code as carriers and Twilio write it: 5–6 digits, no country code, no "+" (Twilio sends it so as
 * the `To` of an inbound webhook). Short codes carry SMS only; WhatsApp senders are always full numbers.
 */
export function isSmsShortCode(value: string): boolean {
  return /^\d{5,6}$/.test(value);
}

/** For logs: keeps the country code and the last two digits. */
export function maskPhone(e164: string): string {
  return e164.length <= 6 ? '***' : `${e164.slice(0, 3)}${'*'.repeat(e164.length - 5)}${e164.slice(-2)}`;
}
