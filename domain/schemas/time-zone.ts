import { z } from 'zod';
import { canonicalTimeZone } from '../time-zone';

/** A time zone as given to Herald (any letter case, any IANA link), stored under its canonical IANA name. */
export const TimeZoneSchema = z
  .string()
  .transform((value, ctx) => {
    const canonical = canonicalTimeZone(value);
    if (canonical === null) {
      ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 64)}" is not an IANA time zone (e.g. America/New_York)` });
      return z.NEVER;
    }
    return canonical;
  })
  .describe('IANA time zone such as America/New_York; links (US/Eastern) and any letter case are accepted and stored under the canonical name');
