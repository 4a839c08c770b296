import { OPT_OUT_KEYWORDS } from '../../../domain/consent-keywords';
import { Prisma } from '../../client';

/** What every dashboard query counts over: [from, to) and the day edges rows are filed by (domain/dashboard-window). */
export interface DashboardRangeInput {
  from: Date;
  to: Date;
  boundaries: Date[];
}

/**
 * The day (0-based; -1 before the first) an instant falls in: width_bucket over the window's edges, which Luxon
 * computed in the tenant's zone, so Postgres never decides where a local day starts.
 */
export function daySql(column: Prisma.Sql, range: DashboardRangeInput): Prisma.Sql {
  return Prisma.sql`(width_bucket(${column}, ${range.boundaries.map((b) => b.toISOString())}::timestamptz[]) - 1)`;
}

/**
 * True for an inbound message that is an opt-out keyword and so not a reply, as the inbound path reads it
 * (domain/consent-keywords: SMS and WhatsApp only, the whole message, trimmed, trailing . and ! ignored, any case).
 */
export function isOptOutSql(alias: string): Prisma.Sql {
  const m = Prisma.raw(alias);
  return Prisma.sql`(${m}.channel IN ('sms', 'whatsapp') AND upper(regexp_replace(btrim(${m}.body, E' \\t\\n\\r\\f\\v'), '[.!]+$', '')) = ANY (${[...OPT_OUT_KEYWORDS]}::text[]))`;
}
