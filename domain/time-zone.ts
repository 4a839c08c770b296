import { DateTime, IANAZone } from 'luxon';

/*
 * Wall clocks in IANA time zones, on Luxon. Every function takes explicit instants and never reads a clock,
 * so workflows (which bundle domain/) stay deterministic.
 *
 * When the clocks change, a wall-clock time may not exist or may happen twice. Herald decides, never Luxon
 * (whose own pick for a repeated time depends on the offset in force when the process first asked):
 * - a time the clocks jump over (spring forward) resolves to the first instant after the jump;
 * - a time that happens twice (fall back) resolves to its earlier occurrence unless the caller asks for the
 *   later one, or for the first one not before some instant.
 * Luxon has no API for transitions, so the few places that need one bisect Luxon's offsets. Like Luxon's own
 * getPossibleOffsets, that assumes a zone changes its offset at most once in any two days, as every zone
 * does in today's tzdata (send-window.property.test.ts checks every zone around every change, 2025–2030).
 */

const SECOND = 1_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Old spellings V8's Intl still reports as canonical. Intl resolves case (`america/new_york`) and links
 * (`US/Eastern` → `America/New_York`) itself, but to CLDR's ids, which keep the name a zone had when CLDR
 * first listed it. IANA has since renamed these zones and keeps the old names as links in its `backward`
 * file; this maps each to the current IANA name of the same zone. (Zones IANA merged across countries,
 * such as Europe/Bratislava into Europe/Prague, stay apart, as in CLDR: a Slovak contact keeps a Slovak zone.)
 */
const RENAMED: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

// Inputs differ only in case and spelling; the answers are few (one per zone name), so caching by
// lower-cased input stays small while sparing a formatter per contact on bulk ingest.
const canonicalCache = new Map<string, string | null>();

/**
 * The canonical IANA name of a time zone given in any letter case or by any of its links
 * (`us/eastern` → `America/New_York`, `Asia/Calcutta` → `Asia/Kolkata`), or null when it names none.
 * UTC and its aliases (`Etc/UTC`, `GMT`, `Zulu`) come back as `UTC`. Offsets (`+05:30`) are not zones.
 */
export function canonicalTimeZone(input: string): string | null {
  const name = input.trim();
  if (!name || name.length > 64) return null;
  const key = name.toLowerCase();
  const cached = canonicalCache.get(key);
  if (cached !== undefined) return cached;
  let canonical: string | null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    canonical = RENAMED[resolved] ?? resolved;
  } catch {
    canonical = null;
  }
  canonicalCache.set(key, canonical);
  return canonical;
}

export function isValidTimeZone(timeZone: string): boolean {
  return canonicalTimeZone(timeZone) !== null;
}

function zoneOf(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`"${timeZone}" is not an IANA time zone`);
  return zone;
}

/** `instant` as a Luxon DateTime in `timeZone`, for reading its wall clock (English names). */
export function zonedTime(instant: Date | number, timeZone: string): DateTime {
  return DateTime.fromMillis(typeof instant === 'number' ? instant : instant.getTime(), { zone: zoneOf(timeZone), locale: 'en-US' });
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const { year, month, day, hour, minute, second } = zonedTime(instant, timeZone);
  return { year, month, day, hour, minute, second };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (New York in winter: -5 h). */
export function offsetMs(instant: Date, timeZone: string): number {
  return zonedTime(instant, timeZone).offset * MINUTE;
}

/** Calendar arithmetic on a local date (no time zone involved). */
export function addLocalDays(local: LocalDateTime, days: number): LocalDateTime {
  const { year, month, day } = DateTime.utc(local.year, local.month, local.day).plus({ days });
  return { ...local, year, month, day };
}

/**
 * The first whole second in (`after`, `until`] at which the zone's offset differs from its offset at
 * `after`, given that it does at `until`. Transitions fall on whole seconds, and Luxon reads offsets to
 * the second.
 */
function bisectChange(zone: IANAZone, after: number, until: number): number {
  const before = zone.offset(after);
  let lo = Math.floor(after / SECOND);
  let hi = Math.floor(until / SECOND);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid * SECOND) === before) lo = mid;
    else hi = mid;
  }
  return hi * SECOND;
}

/**
 * The first clock change strictly between two instants, or null when there is none (the offset just
 * before `until` is the one at `after`).
 */
export function firstClockChange(after: DateTime, until: DateTime): DateTime | null {
  // The same offset at both ends: no change between (a zone does not change twice in a day).
  if (after.offset === until.offset) return null;
  const zone = after.zone as IANAZone;
  const end = until.toMillis() - 1;
  if (end <= after.toMillis() || zone.offset(end) === zone.offset(after.toMillis())) return null;
  const change = bisectChange(zone, after.toMillis(), end);
  return DateTime.fromMillis(change, { zone, locale: after.locale ?? 'en-US' });
}

/** Which occurrence of a wall-clock time that happens twice: the earlier, the later, or the first not before an instant. */
export type Overlap = 'earlier' | 'later' | { notBefore: number };

/**
 * The instant at which the wall clock in `timeZone` reads `local` (with `millisecond`). A time the clocks
 * jump over resolves to the first instant after the jump; one they go back over, as `overlap` says.
 */
export function atWallTime(local: LocalDateTime, timeZone: string, overlap: Overlap = 'earlier', millisecond = 0): DateTime {
  const zone = zoneOf(timeZone);
  const wall = DateTime.utc(local.year, local.month, local.day, local.hour, local.minute, local.second, millisecond);
  const asUtc = wall.toMillis();
  const offsetBefore = zone.offset(asUtc - DAY);
  const offsetAfter = zone.offset(asUtc + DAY);
  // The usual case, as Luxon's getPossibleOffsets reasons: no clock change within a day, one reading.
  if (offsetBefore === offsetAfter) return DateTime.fromMillis(asUtc - offsetBefore * MINUTE, { zone, locale: 'en-US' });
  // Guessing with the offset at the wall time read as UTC keeps the result independent of today's offset.
  const guess = wall.setZone(zone, { keepLocalTime: true }).setLocale('en-US');
  const exists = (['year', 'month', 'day', 'hour', 'minute', 'second'] as const).every((unit) => guess[unit] === local[unit]);
  if (!exists) {
    // Luxon moved a skipped time forward by the jump; the jump itself lies between the two readings of it.
    return DateTime.fromMillis(bisectChange(zone, asUtc - offsetAfter * MINUTE, asUtc - offsetBefore * MINUTE), { zone, locale: 'en-US' });
  }
  const occurrences = guess.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  if (overlap === 'earlier') return occurrences[0]!;
  if (overlap === 'later') return occurrences[occurrences.length - 1]!;
  return occurrences.find((o) => o.toMillis() >= overlap.notBefore) ?? occurrences[occurrences.length - 1]!;
}

/**
 * The instant at which the wall clock in `timeZone` reads `local`: a repeated time resolves to its earlier
 * occurrence (or `later`), a skipped one to the moment the clocks jump past it.
 */
export function fromLocal(local: LocalDateTime, timeZone: string, overlap: 'earlier' | 'later' = 'earlier'): Date {
  return atWallTime(local, timeZone, overlap).toJSDate();
}

/** The same wall-clock time `days` calendar days later (resolved as `atWallTime` does), to the millisecond. */
export function plusLocalDays(instant: Date, days: number, timeZone: string): Date {
  const start = zonedTime(instant, timeZone);
  const { year, month, day } = DateTime.utc(start.year, start.month, start.day).plus({ days });
  return atWallTime({ year, month, day, hour: start.hour, minute: start.minute, second: start.second }, timeZone, 'earlier', start.millisecond).toJSDate();
}
