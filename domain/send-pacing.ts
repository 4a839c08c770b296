import { zonedTime } from './time-zone';

/**
 * A tenant's send rate as a generic cell rate algorithm (GCRA): every message reserves the earliest slot the
 * rate allows, in the order the reservations are made, so a burst of messages goes out evenly and in order
 * rather than failing. `tat` ("theoretical arrival time") is all the state it needs.
 */
export interface SendRate {
  /** Messages per minute, sustained. */
  perMinute: number;
  /** How many may go out back to back before the pace applies. */
  burst: number;
}

export interface PacedSlot {
  /** When this message may go out (never before `at`). */
  slot: number;
  /** The state after this reservation. */
  tat: number;
}

export function paceSend(tat: number | null, at: number, rate: SendRate): PacedSlot {
  const interval = 60_000 / rate.perMinute;
  const tolerance = (Math.max(1, rate.burst) - 1) * interval;
  const arrival = Math.max(tat ?? at, at);
  const slot = Math.max(at, arrival - tolerance);
  return { slot, tat: arrival + interval };
}

/** The tenant-local calendar day an instant falls on (YYYY-MM-DD): daily caps count by it. */
export function localDay(instant: number, timeZone: string): string {
  return zonedTime(instant, timeZone).toISODate()!;
}

/** The first instant of the next local day (midnight, or the first instant after it if midnight is skipped). */
export function startOfNextLocalDay(instant: number, timeZone: string): number {
  return zonedTime(instant, timeZone).startOf('day').plus({ days: 1 }).startOf('day').toMillis();
}
