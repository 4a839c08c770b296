/** A local path to return to after signing in; anything else (another origin, `//host`) falls back to the inbox. */
export function safeNextPath(value: string | string[] | undefined | null, fallback = '/inbox'): string {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
