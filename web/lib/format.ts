// One fixed locale so server-rendered text is identical whatever machine hosts the web app.
const LOCALE = 'en-US';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto', style: 'long' });

/** A valid IANA zone to render in; the tenant's zone if the API sent a usable one, UTC otherwise. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** "in 5 minutes", "2 hours ago", "yesterday"; a plain date once it is more than a week away. */
export function formatRelative(date: Date, timeZone: string, now = Date.now()): string {
  const diff = date.getTime() - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return diff >= 0 ? 'in a few seconds' : 'just now';
  if (abs < HOUR) return relative.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return relative.format(Math.round(diff / HOUR), 'hour');
  if (abs < 7 * DAY) return relative.format(Math.round(diff / DAY), 'day');
  return formatShort(date, timeZone, now);
}

/** "Nov 24, 9:05 AM" (the year only when it is not this year). */
export function formatShort(date: Date, timeZone: string, now = Date.now()): string {
  const sameYear =
    new Intl.DateTimeFormat(LOCALE, { year: 'numeric', timeZone }).format(date) ===
    new Intl.DateTimeFormat(LOCALE, { year: 'numeric', timeZone }).format(now);
  return new Intl.DateTimeFormat(LOCALE, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(date);
}

/** "Monday, November 24, 2025 at 9:05:30 AM EST" — for title attributes. */
export function formatAbsolute(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    dateStyle: 'full',
    timeStyle: 'long',
    timeZone,
  }).format(date);
}

export function parseIso(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Cuts at a word boundary near max characters and collapses whitespace, for one-glance previews. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
