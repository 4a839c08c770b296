const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

function localAsUtcMs(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (New York in winter: -5 h). */
export function offsetMs(instant: Date, timeZone: string): number {
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return localAsUtcMs(toLocal(new Date(wholeSeconds), timeZone)) - wholeSeconds;
}

function sameLocal(a: LocalDateTime, b: LocalDateTime): boolean {
  return localAsUtcMs(a) === localAsUtcMs(b);
}

const HOUR = 3_600_000;

/**
 * The first instant at which the wall clock in `timeZone` reads `local` or later.
 * - An ambiguous time (clocks go back) resolves to its first occurrence.
 * - A time that does not exist (clocks go forward) resolves to the moment the clocks jump past it.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const wall = localAsUtcMs(local);
  // Offsets before and after any transition near this wall time.
  const before = offsetMs(new Date(wall - 12 * HOUR), timeZone);
  const after = offsetMs(new Date(wall + 12 * HOUR), timeZone);
  const candidates = [...new Set([wall - before, wall - after])].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (sameLocal(toLocal(new Date(candidate), timeZone), local)) return new Date(candidate);
  }
  // In a gap: find the transition, the first instant whose wall clock reads past `local`.
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2 / 1000) * 1000;
    if (localAsUtcMs(toLocal(new Date(mid), timeZone)) >= wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** Calendar arithmetic on a local date (no time zone involved). */
export function addLocalDays(local: LocalDateTime, days: number): LocalDateTime {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
