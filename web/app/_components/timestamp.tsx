import { formatAbsolute, formatRelative, formatShort, parseIso } from '../../lib/format';

interface TimestampProps {
  iso: string | null;
  timeZone: string;
  /** One "now" per render so every row in a table is relative to the same instant. */
  now: number;
}

/** Relative time for scanning, the clock time underneath, and the full absolute time on hover. */
export function Timestamp({ iso, timeZone, now }: TimestampProps) {
  const date = parseIso(iso);
  if (!date) return <span className="muted">—</span>;
  const relative = formatRelative(date, timeZone, now);
  const short = formatShort(date, timeZone, now);
  return (
    <time className="timestamp" dateTime={date.toISOString()} title={formatAbsolute(date, timeZone)}>
      <span className="timestamp__relative">{relative}</span>
      {relative !== short && <span className="timestamp__absolute">{short}</span>}
    </time>
  );
}
