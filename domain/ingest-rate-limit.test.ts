import { describe, expect, it } from 'vitest';
import { ingestTokenBucket } from './ingest-rate-limit';

describe('ingestTokenBucket', () => {
  it.each([
    [60, 30, 1],
    [4, 2, 4 / 60],
    [3, 1, 3 / 60],
    [1, 1, 1 / 60],
    [60_000, 30_000, 1000],
  ])('%i a minute: bursts of %i, refilled at %f a second', (perMinute, capacity, refillPerSecond) => {
    expect(ingestTokenBucket(perMinute)).toEqual({ capacity, refillPerSecond });
  });
});
