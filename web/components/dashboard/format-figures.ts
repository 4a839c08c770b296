/** Figures as the dashboard writes them: counts with separators, rates as percentages, waits in words. */
const counts = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

export const formatCount = (n: number) => counts.format(n);

/** A rate (0–1, or null when there is nothing to divide) as a percentage; "—" when there is none. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const percent = rate * 100;
  return `${percent > 0 && percent < 1 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** A wait in seconds as people say it: "45 s", "12 min", "3 h 20 min", "2 d 4 h"; "—" when there is none. */
export function formatWait(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** A local date (YYYY-MM-DD) as a short axis label: "23 Nov". */
export function formatDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}
