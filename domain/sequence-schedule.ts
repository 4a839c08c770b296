import type { DateTime } from 'luxon';
import { formatClock, nextSendTime, type QuietHours } from './quiet-hours';
import { plusLocalDays, zonedTime } from './time-zone';

/**
 * When each step of a sequence fires. Pure and deterministic (no clock of its own), so the enrollment
 * workflow and the API's schedule preview compute exactly the same times.
 */
export type WaitUnit = 'minutes' | 'hours' | 'days' | 'business_days';

export interface StepTiming {
  waitAmount: number;
  waitUnit: WaitUnit;
}

export interface ScheduleReason {
  code: 'business_day' | 'quiet_hours';
  message: string;
  from: string;
  to: string;
}

export interface StepTime {
  at: Date;
  reasons: ScheduleReason[];
}

export interface ScheduleOptions {
  /** The contact's zone, or the tenant's when the contact has none. */
  timeZone: string;
  /** The window in which nothing is sent; null: any time. */
  quietHours: QuietHours | null;
}

const MINUTE = 60_000;

const isWeekend = (t: DateTime) => t.weekday >= 6; // Luxon: 1 = Monday … 7 = Sunday

function describe(at: Date, timeZone: string): string {
  const local = zonedTime(at, timeZone);
  return `${formatClock(local.hour * 60 + local.minute)} on ${local.toFormat('ccc, LLL d')}`;
}

/**
 * Business days count Monday to Friday in the zone, keeping the local time of day. Counting from a
 * weekend starts at the next Monday (so "1 business day" from Saturday is Tuesday); 0 business days is the
 * next business-day moment at or after `from`. Whole weeks are jumped at once, so a wait of thousands of
 * business days costs no more than one of a few; the wall time is resolved once, on the day reached.
 */
export function addBusinessDays(from: Date, days: number, timeZone: string): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`business days must be a whole number ≥ 0, not ${days}`);
  const start = zonedTime(from, timeZone);
  const toMonday = isWeekend(start) ? 8 - start.weekday : 0;
  const weekdayIndex = isWeekend(start) ? 0 : start.weekday - 1; // Monday 0 … Friday 4
  const rest = days % 5;
  const calendarDays = toMonday + Math.floor(days / 5) * 7 + rest + (weekdayIndex + rest > 4 ? 2 : 0);
  return plusLocalDays(from, calendarDays, timeZone);
}

/** When a step fires, counted from `previous` (the previous step's send, or the enrollment's start). */
export function stepFireTime(previous: Date, step: StepTiming, options: ScheduleOptions): StepTime {
  const { timeZone, quietHours } = options;
  const reasons: ScheduleReason[] = [];
  let at: Date;
  switch (step.waitUnit) {
    case 'minutes':
      at = new Date(previous.getTime() + step.waitAmount * MINUTE);
      break;
    case 'hours':
      at = new Date(previous.getTime() + step.waitAmount * 60 * MINUTE);
      break;
    case 'days':
      at = plusLocalDays(previous, step.waitAmount, timeZone);
      break;
    case 'business_days': {
      at = addBusinessDays(previous, step.waitAmount, timeZone);
      const start = zonedTime(previous, timeZone);
      if (isWeekend(start)) {
        reasons.push({
          code: 'business_day',
          message: `counted business days from Monday: ${start.weekdayLong} is not a business day`,
          from: previous.toISOString(),
          to: at.toISOString(),
        });
      }
      break;
    }
  }

  // Move out of quiet hours; a business-day step that lands on a weekend waits for Monday. Two rounds
  // settle it (quiet hours end in the morning, Monday morning is not quiet), the bound is a safety net.
  for (let round = 0; round < 8; round++) {
    const quiet = nextSendTime(at, quietHours, timeZone, timeZone);
    if (quiet.deferred) {
      const window = quietHours!;
      reasons.push({
        code: 'quiet_hours',
        message: `moved out of quiet hours (${formatClock(window.startMinute)}–${formatClock(window.endMinute)} ${timeZone}) to ${describe(quiet.sendAt, timeZone)}`,
        from: at.toISOString(),
        to: quiet.sendAt.toISOString(),
      });
      at = quiet.sendAt;
      continue;
    }
    const local = zonedTime(at, timeZone);
    if (step.waitUnit === 'business_days' && isWeekend(local)) {
      const monday = plusLocalDays(at, 8 - local.weekday, timeZone);
      reasons.push({
        code: 'business_day',
        message: `waited for a business day: ${local.weekdayLong} → Monday`,
        from: at.toISOString(),
        to: monday.toISOString(),
      });
      at = monday;
      continue;
    }
    break;
  }
  return { at, reasons };
}

/** Every step's time, each counted from the one before (the first from `start`). */
export function scheduleSteps(start: Date, steps: StepTiming[], options: ScheduleOptions): StepTime[] {
  const times: StepTime[] = [];
  let previous = start;
  for (const step of steps) {
    const time = stepFireTime(previous, step, options);
    times.push(time);
    previous = time.at;
  }
  return times;
}
