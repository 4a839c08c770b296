import { formatClock, nextSendTime, type QuietHours } from './quiet-hours';
import { addLocalDays, fromLocal, toLocal, type LocalDateTime } from './time-zone';

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
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** 0 = Sunday … 6 = Saturday, of a local calendar date. */
function weekday(local: LocalDateTime): number {
  return new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
}

const isWeekend = (local: LocalDateTime) => weekday(local) === 0 || weekday(local) === 6;

/** The same wall-clock time `days` local days later (DST-safe), keeping the milliseconds. */
function plusLocalDays(at: Date, days: number, timeZone: string): Date {
  const local = toLocal(at, timeZone);
  return new Date(fromLocal(addLocalDays(local, days), timeZone).getTime() + (at.getTime() % 1000));
}

// Building a formatter costs far more than using one; reasons are described for every deferred step.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function describe(at: Date, timeZone: string): string {
  const local = toLocal(at, timeZone);
  const date = dayFormatter(timeZone).format(at);
  return `${formatClock(local.hour * 60 + local.minute)} on ${date}`;
}

/**
 * Business days count Monday to Friday in the zone, keeping the local time of day. Counting from a
 * weekend starts at the next Monday (so "1 business day" from Saturday is Tuesday); 0 business days is the
 * next business-day moment at or after `from`.
 */
function addBusinessDays(from: Date, days: number, timeZone: string): Date {
  let at = from;
  let local = toLocal(at, timeZone);
  while (isWeekend(local)) {
    at = plusLocalDays(at, 1, timeZone);
    local = toLocal(at, timeZone);
  }
  for (let left = days; left > 0; ) {
    at = plusLocalDays(at, 1, timeZone);
    if (!isWeekend(toLocal(at, timeZone))) left--;
  }
  return at;
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
      const start = toLocal(previous, timeZone);
      if (isWeekend(start)) {
        reasons.push({
          code: 'business_day',
          message: `counted business days from Monday: ${WEEKDAYS[weekday(start)]} is not a business day`,
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
    const local = toLocal(at, timeZone);
    if (step.waitUnit === 'business_days' && isWeekend(local)) {
      const monday = plusLocalDays(at, weekday(local) === 6 ? 2 : 1, timeZone);
      reasons.push({
        code: 'business_day',
        message: `waited for a business day: ${WEEKDAYS[weekday(local)]} → Monday`,
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
