import { bench, describe } from 'vitest';
import { nextSendTime } from '../domain/quiet-hours';
import { normalizePhone } from '../domain/phone';

// The send path evaluates quiet hours for every due message and the ingest path normalises every phone
// number; both must stay far below a millisecond.
const night = { startMinute: 21 * 60, endMinute: 8 * 60 };
const zones = ['America/New_York', 'Europe/London', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata'];
let i = 0;

describe('domain hot paths', () => {
  bench('nextSendTime, 5 zones, instants across a year', () => {
    i = (i + 1) % 10_000;
    nextSendTime(new Date(Date.UTC(2026, 0, 1) + i * 3_153_600), night, zones[i % zones.length], 'UTC');
  });
  bench('normalizePhone', () => {
    normalizePhone('+1 (415) 555-0100');
  });
});
