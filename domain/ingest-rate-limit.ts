/**
 * Each ingest token's token bucket: the tenant's `ingest_rate_per_minute`, sustained, with bursts of half a
 * minute's worth (at least one request) — a form that posts a few leads at once passes, a loop does not.
 */
export function ingestTokenBucket(ratePerMinute: number): { capacity: number; refillPerSecond: number } {
  return { capacity: Math.max(1, Math.floor(ratePerMinute / 2)), refillPerSecond: ratePerMinute / 60 };
}
