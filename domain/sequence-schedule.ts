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
  /** The tenant's business days as ISO weekdays (1 = Monday … 7 = Sunday); Monday to Friday when omitted. */
  businessDays?: readonly number[] | undefined;
}

export const MONDAY_TO_FRIDAY: readonly number[] = [1, 2, 3, 4, 5];

const MINUTE = 60_000;

/** Luxon weekdays are ISO weekdays: 1 = Monday … 7 = Sunday. */
const isBusinessDay = (t: DateTime, businessDays: readonly number[]) => businessDays.includes(t.weekday);

/** Calendar days from a weekday to the next business weekday (0 when it is one). */
function daysToBusinessDay(weekday: number, businessDays: readonly number[]): number {
  for (let ahead = 0; ahead < 7; ahead++) if (businessDays.includes(((weekday - 1 + ahead) % 7) + 1)) return ahead;
  throw new RangeError('a tenant needs at least one business day');
}

function describe(at: Date, timeZone: string): string {
  const local = zonedTime(at, timeZone);
  return `${formatClock(local.hour * 60 + local.minute)} on ${local.toFormat('ccc, LLL d')}`;
}

/**
 * Business days count the tenant's business weekdays in the zone (Monday to Friday unless it says
 * otherwise), keeping the local time of day. Counting from a day off starts at the next business day (so
 * "1 business day" from Saturday is Tuesday in a Monday-to-Friday week); 0 business days is the next
 * business-day moment at or after `from`. Whole weeks are jumped at once and the rest is at most a week's
 * walk, so a wait of thousands of business days costs no more than one of a few; the wall time is resolved
 * once, on the day reached.
 */
export function addBusinessDays(from: Date, days: number, timeZone: string, businessDays: readonly number[] = MONDAY_TO_FRIDAY): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`business days must be a whole number ≥ 0, not ${days}`);
  const start = zonedTime(from, timeZone);
  let calendarDays = daysToBusinessDay(start.weekday, businessDays);
  let weekday = ((start.weekday - 1 + calendarDays) % 7) + 1;
  calendarDays += Math.floor(days / businessDays.length) * 7;
  for (let left = days % businessDays.length; left > 0; ) {
    calendarDays++;
    weekday = (weekday % 7) + 1;
    if (businessDays.includes(weekday)) left--;
  }
  return plusLocalDays(from, calendarDays, timeZone);
}

/** When a step fires, counted from `previous` (the previous step's send, or the enrollment's start). */
export function stepFireTime(previous: Date, step: StepTiming, options: ScheduleOptions): StepTime {
  const { timeZone, quietHours } = options;
  const businessDays = options.businessDays?.length ? options.businessDays : MONDAY_TO_FRIDAY;
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
      at = addBusinessDays(previous, step.waitAmount, timeZone, businessDays);
      const start = zonedTime(previous, timeZone);
      if (!isBusinessDay(start, businessDays)) {
        const first = start.plus({ days: daysToBusinessDay(start.weekday, businessDays) });
        reasons.push({
          code: 'business_day',
          message: `counted business days from ${first.weekdayLong}: ${start.weekdayLong} is not a business day`,
          from: previous.toISOString(),
          to: at.toISOString(),
        });
      }
      break;
    }
  }

  // Move out of quiet hours; a business-day step that lands on a day off waits for the next business day.
  // Two rounds settle it (quiet hours end in the morning, a business morning is not quiet); the bound is a
  // safety net.
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
    if (step.waitUnit === 'business_days' && !isBusinessDay(local, businessDays)) {
      const next = plusLocalDays(at, daysToBusinessDay(local.weekday, businessDays), timeZone);
      reasons.push({
        code: 'business_day',
        message: `waited for a business day: ${local.weekdayLong} → ${zonedTime(next, timeZone).weekdayLong}`,
        from: at.toISOString(),
        to: next.toISOString(),
      });
      at = next;
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
